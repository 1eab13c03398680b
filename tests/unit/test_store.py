"""The SQLite cache on real files: round trips, reopening, 304s, damage and concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from broadsheet.errors import CorruptStoreError, StoreError
from broadsheet.models import Article, Block, BlockKind, Page
from broadsheet.store import SCHEMA_VERSION, Store, reset_store
from support.area_c import HOSTILE, full_article


def page(url: str = "https://example.org/a", **changes: object) -> Page:
    base = Page(
        url=url,
        final_url=url,
        status=200,
        headers={"content-type": "text/html; charset=utf-8", "etag": '"v1"'},
        body=b"<html><title>x</title><p>" + "正文".encode() * 500 + b"</p></html>",
        fetched_at="2026-01-01T00:00:00+00:00",
        content_type="text/html; charset=utf-8",
        etag='"v1"',
        last_modified="Thu, 01 Jan 2026 00:00:00 GMT",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "broadsheet.sqlite3"


def test_round_trip_on_a_real_file(db: Path) -> None:
    store = Store(db)
    stored = store.save_fetch(page(), full_article())
    assert stored.article == full_article()
    assert stored.final_url == "https://example.org/a"
    assert stored.fetched_at == "2026-01-01T00:00:00+00:00"
    assert store.get_article(stored.id) == stored
    assert store.find_article("https://example.org/a") == stored
    store.close()
    assert db.is_file()


def test_reopen_after_close_keeps_articles_pages_and_marks(db: Path) -> None:
    store = Store(db)
    stored = store.save_fetch(page(), full_article())
    assert store.set_flag(stored.id, "read", True)
    assert store.set_flag(stored.id, "favourite", True)
    store.close()
    with pytest.raises(StoreError):
        store.list_articles()

    again = Store(db)
    got = again.get_article(stored.id)
    assert got is not None
    assert got.article == full_article()
    assert (got.read, got.favourite) == (True, True)
    kept = again.get_page("https://example.org/a")
    assert kept is not None and kept.body == page().body
    assert kept.headers["etag"] == '"v1"'
    again.close()


def test_raw_body_is_stored_compressed(db: Path) -> None:
    store = Store(db)
    store.save_fetch(page(), full_article())
    store.close()
    with sqlite3.connect(db) as conn:
        blob, size = conn.execute("SELECT body, body_size FROM pages").fetchone()
    assert size == len(page().body)
    assert len(blob) < size / 10


def test_schema_version_and_pragmas(db: Path) -> None:
    store = Store(db)
    conn = store.db.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    store.close()


def test_refresh_replaces_content_but_keeps_id_and_marks(db: Path) -> None:
    store = Store(db)
    first = store.save_fetch(page(), Article(url=None, title="Old"))
    store.set_flag(first.id, "read", True)
    second = store.save_fetch(
        page(fetched_at="2026-02-01T00:00:00+00:00", etag='"v2"'), Article(url=None, title="New")
    )
    assert second.id == first.id
    assert second.article.title == "New"
    assert second.read is True
    assert store.page_validators("https://example.org/a") == (
        '"v2"',
        "Thu, 01 Jan 2026 00:00:00 GMT",
    )
    assert store.count_articles() == 1
    store.close()


def test_not_modified_updates_time_and_validators_only(db: Path) -> None:
    store = Store(db)
    original = store.save_fetch(page(), full_article())
    updated = store.mark_not_modified(
        "https://example.org/a", "2026-03-01T00:00:00+00:00", '"v9"', None
    )
    assert updated is not None
    assert updated.article == original.article
    assert updated.fetched_at == "2026-03-01T00:00:00+00:00"
    assert store.page_validators("https://example.org/a") == (
        '"v9"',
        "Thu, 01 Jan 2026 00:00:00 GMT",
    )
    kept = store.get_page("https://example.org/a")
    assert kept is not None and kept.body == page().body
    assert store.mark_not_modified("https://nowhere.example/", "2026", None, None) is None
    store.close()


def test_list_is_newest_fetched_first_with_paging(db: Path) -> None:
    store = Store(db)
    for day in (3, 1, 2):
        url = f"https://example.org/{day}"
        store.save_fetch(
            page(url, fetched_at=f"2026-01-0{day}T00:00:00+00:00"),
            Article(url=url, title=f"Day {day}", site_name="Example"),
        )
    titles = [s.title for s in store.list_articles()]
    assert titles == ["Day 3", "Day 2", "Day 1"]
    assert [s.title for s in store.list_articles(limit=1, offset=1)] == ["Day 2"]
    summary = store.list_articles(limit=1)[0]
    assert summary.site_name == "Example" and summary.url == "https://example.org/3"
    store.close()


def test_comment_count_column(db: Path) -> None:
    store = Store(db)
    store.save_fetch(page(), full_article())
    assert store.list_articles()[0].comment_count == 3
    store.close()


def test_found_by_final_url_and_kept_under_the_url_asked(db: Path) -> None:
    store = Store(db)
    stored = store.save_fetch(
        page("https://example.org/old", final_url="https://example.org/new"),
        Article(url="https://example.org/new", title="Moved"),
    )
    found = store.lookup("https://example.org/new")
    assert found is not None
    assert found[0] == "https://example.org/old"
    assert found[1].id == stored.id
    assert store.find_article("https://example.org/elsewhere") is None
    store.close()


def test_strings_are_cleaned_on_the_way_in(db: Path) -> None:
    store = Store(db)
    dirty = Article(
        url=None,
        title=HOSTILE,
        blocks=(Block(BlockKind.PARAGRAPH, "para\x1b]8;;http://evil\x07link\x1b]8;;\x07"),),
    )
    store.save_fetch(page(headers={"x-evil": "a\x1b[2Jb"}), dirty)
    store.close()
    with sqlite3.connect(db) as conn:
        title, text, data = conn.execute("SELECT title, text, data FROM articles").fetchone()
        (headers,) = conn.execute("SELECT headers FROM pages").fetchone()
    for value in (title, text, data, headers):
        assert "\x1b" not in value and "\u202e" not in value and "\x9b" not in value
    assert text == "paralink"


def test_damaged_json_cell_costs_only_structure(db: Path) -> None:
    store = Store(db)
    stored = store.save_fetch(page(), full_article())
    store.close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET data='{not json'")
    again = Store(db)
    got = again.get_article(stored.id)
    assert got is not None
    assert got.article.title == full_article().title
    assert got.article.text == full_article().text  # rebuilt from the text column
    again.close()


def test_a_file_that_is_not_sqlite_raises_corrupt_with_a_way_out(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database, just some text " * 200)
    with pytest.raises(CorruptStoreError) as info:
        Store(db)
    assert info.value.path == db
    assert str(db) in str(info.value)
    assert "broadsheet cache reset" in str(info.value)


def test_a_damaged_page_in_a_real_database_raises_corrupt(db: Path) -> None:
    store = Store(db)
    for n in range(200):
        store.save_fetch(page(f"https://example.org/{n}"), full_article())
    store.close()
    raw = bytearray(db.read_bytes())
    page_size = 4096
    for offset in range(page_size, len(raw), page_size):  # every page after the header
        raw[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(raw))
    with pytest.raises(CorruptStoreError):
        damaged = Store(db)
        damaged.list_articles(limit=1000)
        for n in range(200):
            damaged.find_article(f"https://example.org/{n}")


def test_reset_moves_the_file_and_companions_aside(db: Path) -> None:
    store = Store(db)
    store.save_fetch(page(), full_article())
    store.close()
    db.with_name(db.name + "-wal").write_bytes(b"wal")
    moment = datetime(2026, 11, 29, 18, 0, 0, tzinfo=UTC)
    moved = reset_store(db, now=moment)
    assert moved == db.with_name("broadsheet.sqlite3.corrupt-20261129T180000Z")
    assert moved.is_file() and not db.exists()
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"wal"
    again = reset_store(db, now=moment)
    assert again is None
    db.write_bytes(b"x")
    second = reset_store(db, now=moment)
    assert second is not None and second.name.endswith("-2") and moved.is_file()
    fresh = Store(db)
    assert fresh.list_articles() == []
    fresh.close()


def test_a_newer_schema_is_refused(db: Path) -> None:
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer Broadsheet"):
        Store(db)


def test_concurrent_writers_never_see_database_locked(db: Path) -> None:
    """Two Store objects (as two processes would) and several threads write at once."""
    stores = [Store(db), Store(db)]
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        store = stores[n % 2]
        try:
            for i in range(25):
                url = f"https://example.org/{n}/{i}"
                store.save_fetch(page(url), Article(url=url, title=f"{n}-{i}"))
                found = store.find_article(url)
                assert found is not None
                store.set_flag(found.id, "read", True)
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert stores[0].count_articles() == 100
    assert all(s.read for s in stores[1].list_articles(limit=200))
    for store in stores:
        store.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


WRITER = """
import sys
from pathlib import Path
from broadsheet.models import Article, Page
from broadsheet.store import Store

store = Store(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    url = f"https://example.org/{prefix}/{i}"
    page = Page(url=url, final_url=url, status=200, headers={}, body=b"x" * 4000,
                fetched_at="2026-01-01T00:00:00+00:00")
    store.save_fetch(page, Article(url=url, title=f"{prefix}-{i}"))
    print(i, flush=True)  # after the commit: everything printed is committed
store.close()
"""


def writer(db: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_and_this_one_write_at_once(db: Path) -> None:
    Store(db).close()
    procs = [writer(db, "p1", 200), writer(db, "p2", 200)]
    store = Store(db)
    for i in range(200):
        url = f"https://example.org/here/{i}"
        store.save_fetch(page(url), Article(url=url, title=f"here-{i}"))
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
    assert store.count_articles() == 600
    store.close()


def test_a_writer_killed_mid_write_loses_nothing_committed(db: Path) -> None:
    Store(db).close()
    proc = writer(db, "k", 1_000_000)
    assert proc.stdout is not None
    committed = -1
    while committed < 40:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "writer ended"
        committed = int(line)
    proc.kill()  # SIGKILL: no cleanup, possibly in the middle of a transaction
    proc.wait(timeout=60)
    store = Store(db)
    conn = store.db.connection()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for i in range(committed + 1):
        found = store.find_article(f"https://example.org/k/{i}")
        assert found is not None and found.article.title == f"k-{i}"
    # The search index was written in the same transactions: consistent, and complete.
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
    indexed = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    assert indexed == store.count_articles() >= committed + 1
    assert len(store.search('title:"k"', limit=1_000_000)) == indexed
    store.close()
