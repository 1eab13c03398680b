"""The search index wired into the store, on real SQLite files: every write path indexes,
every delete path un-indexes, the version-3 migration indexes what was cached before, and
the cache-management rows (stats, prune, vacuum, re-extraction) keep the index in step."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from broadsheet.models import Article, Block, BlockKind, Comment, CommentState, CommentThread
from broadsheet.store import SCHEMA_VERSION, Store, search
from broadsheet.store.db import CACHE_SIZE_KIB, MIGRATIONS, MMAP_SIZE
from broadsheet.store.sources import NewEntry
from support.store_area import page


def article(url: str, title: str, body: str = "", **more: object) -> Article:
    blocks = (Block(BlockKind.PARAGRAPH, body),) if body else ()
    return Article(url=url, title=title, blocks=blocks, **more)


def ids(store: Store, query: str) -> list[int]:
    return [h.article.id for h in store.search(query)]


def fts_ok(store: Store) -> None:
    """FTS5's own consistency check, and one index row per article."""
    conn = store.db.connection()
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
    docs = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    assert docs == store.count_articles()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "cache.sqlite3")


def test_a_fetched_article_is_indexed_and_a_refetch_replaces_it(store: Store) -> None:
    url = "https://example.org/a"
    first = store.save_fetch(page(url), article(url, "新冠疫情 in the city", "Vaccines arrive"))
    assert ids(store, "疫情") == [first.id]
    assert ids(store, "vaccine") == [first.id]  # porter stemming
    again = store.save_fetch(page(url), article(url, "社区医院", "Night clinic"))
    assert again.id == first.id
    assert ids(store, "疫情") == [] and ids(store, "vaccine") == []
    assert ids(store, "社区") == [first.id] and ids(store, "clinic") == [first.id]
    fts_ok(store)
    store.close()


def test_comments_author_site_and_source_line_are_indexed(store: Store) -> None:
    url = "https://example.org/c"
    thread = CommentThread(
        state=CommentState.PRESENT,
        items=(Comment(id="1", text="剂量不一样", author="小林"),),
    )
    stored = store.save_fetch(
        page(url),
        article(url, "药箱", "正文", comments=thread, site_name="康源医药网", source="经济日报"),
    )
    for query in ("剂量", "小林", "康源", "经济日报", "site:康源医药网"):
        assert ids(store, query) == [stored.id], query
    (hit,) = store.search("剂量")
    assert hit.field == "comments" and hit.snippet[slice(*hit.highlights[0])] == "剂量"
    store.close()


def test_feed_articles_are_indexed_once(store: Store) -> None:
    source = store.add_source("https://f.example/feed", title="F", kind="feed")
    entries = [
        NewEntry(f"https://f.example/{n}", str(n), article(f"https://f.example/{n}", f"灯塔 {n}"))
        for n in range(3)
    ]
    assert store.store_entries(source.id, entries, checked_at="t") == 3
    assert store.store_entries(source.id, entries, checked_at="t2") == 0
    assert len(ids(store, "灯塔")) == 3
    fts_ok(store)
    store.close()


def test_re_extraction_replaces_content_and_index_but_keeps_marks(store: Store) -> None:
    url = "https://example.org/r"
    stored = store.save_fetch(page(url), article(url, "Menu Home Login", "boilerplate"))
    store.set_flag(stored.id, "favourite", True)
    assert store.page_refs() == [(stored.id, url)]
    assert store.replace_article(stored.id, article(url, "The real title", "real body"))
    assert not store.replace_article(9999, article(url, "x"))
    again = store.get_article(stored.id)
    assert again is not None and again.favourite and again.fetched_at == stored.fetched_at
    assert again.article.title == "The real title"
    assert ids(store, "boilerplate") == [] and ids(store, "real") == [stored.id]
    fts_ok(store)
    store.close()


def test_prune_keeps_favourites_and_removes_rows_pages_entries_and_index(store: Store) -> None:
    old, new = "2025-01-01T00:00:00+00:00", "2026-06-01T00:00:00+00:00"
    made = {}
    for name, when in (("oldfav", old), ("oldplain", old), ("fresh", new)):
        url = f"https://example.org/{name}"
        made[name] = store.save_fetch(page(url, when), article(url, f"walrus {name}")).id
    store.set_flag(made["oldfav"], "favourite", True)
    source = store.add_source("https://example.org/feed", title="S", kind="feed")
    store.store_entries(source.id, [NewEntry("https://example.org/oldplain", "k")], checked_at="t")
    result = store.prune("2026-01-01T00:00:00+00:00")
    assert (result.articles, result.pages, result.kept_favourites) == (1, 1, 1)
    assert result.titles == ("walrus oldplain",)
    assert set(ids(store, "walrus")) == {made["oldfav"], made["fresh"]}
    assert store.get_article(made["oldplain"]) is None
    assert store.get_page("https://example.org/oldplain") is None
    assert store.get_page("https://example.org/oldfav") is not None
    assert store.find_source(source.id) is not None  # the source stays, its entry went
    assert store.list_articles(source_id=source.id) == []
    fts_ok(store)
    stats = store.stats()
    assert (stats.articles, stats.pages, stats.indexed, stats.favourites) == (2, 2, 2, 1)
    assert stats.oldest == old and stats.newest == new
    before, after = store.vacuum()
    assert after <= before and after == stats.path.stat().st_size  # the WAL was truncated
    store.close()


def test_connections_get_the_search_pragmas(store: Store) -> None:
    conn = store.db.connection()
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == CACHE_SIZE_KIB
    assert conn.execute("PRAGMA mmap_size").fetchone()[0] == MMAP_SIZE
    plan = " ".join(
        str(row)
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles AS a WHERE a.read = 0 "
            "ORDER BY COALESCE(a.published, a.fetched_at) DESC, a.id DESC LIMIT 50"
        )
    )
    assert "articles_by_read" in plan and "TEMP B-TREE" not in plan
    store.close()


def _version_2_cache(path: Path, rows: list[tuple[str, str, dict[str, object]]]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        conn.executescript(script())
    for url, text, data in rows:
        conn.execute(
            "INSERT INTO articles (url, final_url, title, site_name, source, text, data, "
            "fetched_at, added_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (url, url, data["title"], "站点", "来源报", text, json.dumps(data), "t", "t"),
        )
    conn.execute("PRAGMA user_version = 2")
    conn.close()


def test_migration_3_indexes_the_articles_cached_before(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    comments = {"state": "present", "items": [{"id": "1", "text": "留言里的词", "author": "甲"}]}
    _version_2_cache(
        path,
        [
            ("https://o/1", "社区 body text", {"title": "旧文章", "comments": comments}),
            ("https://o/2", "walrus", {"title": "Old English"}),
        ],
    )
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO articles (url, final_url, title, source, text, data, fetched_at, "
        "added_at) VALUES ('https://o/3', 'https://o/3', 'Broken', '来源报', 'damaged cell', "
        "'{not json', 't', 't')"
    )
    conn.commit()
    conn.close()
    store = Store(path)
    try:
        version = store.db.connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        assert len(ids(store, "社区")) == 1
        assert len(ids(store, "留言")) == 1  # comments came out of the JSON
        assert len(ids(store, "来源报")) == 3  # the source line, from its column
        assert len(ids(store, "walrus")) == 1
        assert len(ids(store, "damaged")) == 1  # a bad JSON cell costs only the comments
        fts_ok(store)
    finally:
        store.close()


def test_the_migration_creates_what_search_create_schema_does(tmp_path: Path) -> None:
    """schema_3.sql is a frozen copy of search.SCHEMA_SQL; they must not drift apart."""
    store = Store(tmp_path / "a.sqlite3")
    migrated = store.db.connection()
    fresh = sqlite3.connect(tmp_path / "b.sqlite3")
    search.create_schema(fresh)

    def shape(conn: sqlite3.Connection) -> list[object]:
        tables = ("search_fts", "search_docs", "search_meta")
        cols = [conn.execute(f"PRAGMA table_xinfo({t})").fetchall() for t in tables]
        meta = conn.execute("SELECT key, value FROM search_meta").fetchall()
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name='search_fts'").fetchone()
        options = str(sql[0]).split("(", 1)[1].split(",")[-2:]
        return [cols, meta, [o.strip() for o in options]]

    assert shape(migrated) == shape(fresh)
    store.close()
    fresh.close()


def test_an_index_row_pointing_at_nothing_is_never_a_hit(store: Store) -> None:
    """Defence in depth: a row deleted behind the store's back does not become a ghost hit."""
    url = "https://example.org/g"
    stored = store.save_fetch(page(url), article(url, "ghost"))
    with store.db.write() as conn:
        conn.execute("DELETE FROM articles WHERE id=?", (stored.id,))
    assert store.search("ghost") == []
    fields = store.db.read("SELECT fields FROM search_docs")[0][0]
    assert json.loads(zlib.decompress(fields))[0] == "ghost"
    store.close()


def test_an_index_made_by_another_transform_is_rebuilt_on_open(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    store = Store(path)
    url = "https://example.org/t"
    stored = store.save_fetch(page(url), article(url, "疫情 walrus"))
    with store.db.write() as conn:  # as if an older Broadsheet had indexed with transform 0
        conn.execute("UPDATE search_meta SET value='0' WHERE key='transform'")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    assert store.search("walrus") == []
    store.close()
    reopened = Store(path)
    assert ids(reopened, "walrus") == [stored.id] and ids(reopened, "疫情") == [stored.id]
    assert not search.needs_rebuild(reopened.db.connection())
    assert not reopened.ensure_index_current()
    fts_ok(reopened)
    reopened.close()
