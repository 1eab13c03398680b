"""``broadsheet search`` and ``broadsheet cache ...`` as real processes, on a real cache filled
from the fixture pages served on 127.0.0.1; and two processes writing the cache at once."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from broadsheet.models import Article, Block, BlockKind, Page
from broadsheet.store import Store
from support.area_c import run_cli

PORTAL, COMMENTS, BLOG = "/portal.gbk.html", "/portal-comments.gbk.html", "/wordpress.html"
PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"
BLOG_TITLE = "Keeping a Kitchen Garden Through the Winter"


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture
def data(tmp_path: Path, site: SiteServer) -> Path:
    """A data folder whose cache holds the portal, the commented portal and the blog."""
    home = tmp_path / "home"
    ok(run_cli(home, "fetch", *(site.url(p) for p in (PORTAL, COMMENTS, BLOG))))
    return home


def run_on_terminal(home: Path, *args: str) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal; the exit code and the output."""
    controller, terminal = pty.openpty()
    env = dict(os.environ, BROADSHEET_HOME=str(home), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "broadsheet", *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


# --- search --------------------------------------------------------------------------------


def test_search_prints_id_title_site_date_and_a_plain_snippet_when_piped(data: Path) -> None:
    lines = ok(run_cli(data, "search", "社区")).splitlines()
    assert len(lines) == 2
    ident, title, site_name, date = lines[0].split("\t")
    assert (title, site_name, date) == (PORTAL_TITLE, "康源医药网", "2026-11-02")
    assert ok(run_cli(data, "show", ident)).startswith(PORTAL_TITLE)
    assert lines[1].startswith("    ") and "社区" in lines[1]
    assert "\x1b" not in lines[1], "no escape codes when stdout is not a terminal"


def test_search_marks_hits_in_bold_on_a_terminal(data: Path) -> None:
    code, output = run_on_terminal(data, "search", "fleece")
    assert code == 0, output
    assert re.search("\x1b\\[1m[Ff]leece\x1b\\[0m", output), output


def test_search_json_limit_and_no_match(data: Path) -> None:
    hits = json.loads(ok(run_cli(data, "search", "--json", "药")))
    assert {h["title"] for h in hits} == {PORTAL_TITLE, "家庭药箱里应该常备哪些药"}
    for hit in hits:
        assert {"id", "url", "snippet", "highlights", "rank", "field"} <= set(hit)
        assert all(hit["snippet"][a:b] == "药" for a, b in hit["highlights"])
    assert len(json.loads(ok(run_cli(data, "search", "--json", "--limit", "1", "药")))) == 1
    assert json.loads(ok(run_cli(data, "search", "--json", "site:康源 药 -社区")))[0]["title"] == (
        "家庭药箱里应该常备哪些药"
    )
    missing = run_cli(data, "search", "zebra")
    assert missing.returncode == 1 and missing.stdout == ""
    assert "no cached article matches" in missing.stderr
    hostile = run_cli(data, "search", "[/] \x1b]52;c;SGk=\x07 after:2026-99")
    assert hostile.returncode == 1 and "Traceback" not in hostile.stderr
    assert "\x1b" not in hostile.stderr and "warning" in hostile.stderr


# --- cache management ----------------------------------------------------------------------


def test_cache_stats_counts_what_is_cached(data: Path) -> None:
    stats = json.loads(ok(run_cli(data, "cache", "stats", "--json")))
    assert (stats["articles"], stats["pages"], stats["sources"], stats["indexed"]) == (3, 3, 0, 3)
    assert stats["comments"] == 6  # two on the portal page, four on the blog
    assert stats["file_bytes"] == (data / "broadsheet.sqlite3").stat().st_size + (
        (data / "broadsheet.sqlite3-wal").stat().st_size
        if (data / "broadsheet.sqlite3-wal").exists()
        else 0
    )
    assert stats["index_bytes"] > 0 and stats["oldest"] <= stats["newest"]
    text = ok(run_cli(data, "cache", "stats"))
    assert "articles:     3 (3 unread, 0 favourite)" in text
    assert "search index: 3 articles" in text


def test_prune_keeps_favourites_and_takes_the_rest_out_of_search(
    data: Path, site: SiteServer
) -> None:
    library = Library(data)
    fav = library.get(site.url(COMMENTS)).id
    library.set_favourite(fav)
    library.close()
    with sqlite3.connect(data / "broadsheet.sqlite3") as conn:  # fetched 30 days ago
        conn.execute("UPDATE articles SET fetched_at = '2020-01-01T00:00:00+00:00'")
    out = ok(run_cli(data, "cache", "prune", "--older-than", "7", "-v"))
    assert "removed 2 articles" in out and "kept 1 favourite" in out
    assert f"removed: {PORTAL_TITLE}" in out
    assert run_cli(data, "search", "社区").returncode == 1
    assert [h["id"] for h in json.loads(ok(run_cli(data, "search", "--json", "药")))] == [fav]
    stats = json.loads(ok(run_cli(data, "cache", "stats", "--json")))
    assert (stats["articles"], stats["pages"], stats["indexed"]) == (1, 1, 1)
    again = ok(run_cli(data, "cache", "prune", "--older-than", "7"))
    assert "removed 0 articles" in again
    assert "compacted the cache" in ok(run_cli(data, "cache", "vacuum"))
    with sqlite3.connect(data / "broadsheet.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    bad = run_cli(data, "cache", "prune", "--older-than", "soon")
    assert bad.returncode == 2 and "not a number" in bad.stderr


def crude_extractor(
    html: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> Article:
    """A deliberately poor extractor: every page is 'Menu Home Login' plus a marker word."""
    marker = (Block(BlockKind.PARAGRAPH, "zzcrude"),)
    return Article(url=url, title="Menu Home Login", blocks=marker)


def test_reindex_re_extracts_from_the_stored_pages_with_the_current_extractor(
    tmp_path: Path, site: SiteServer
) -> None:
    home = tmp_path / "home"
    library = Library(home, extractor=crude_extractor, fetch_options=FetchOptions())

    async def fetch() -> int:
        try:
            return (await library.open_url(site.url(PORTAL))).id
        finally:
            await library.aclose()

    ident = asyncio.run(fetch())
    library.set_favourite(ident)
    library.close()
    assert json.loads(ok(run_cli(home, "search", "--json", "zzcrude")))[0]["id"] == ident
    site.routes[PORTAL] = lambda request: request.send_error(500)  # works offline: no fetch
    out = ok(run_cli(home, "cache", "reindex"))
    assert "re-extracted 1 article" in out
    assert run_cli(home, "search", "zzcrude").returncode == 1
    (hit,) = json.loads(ok(run_cli(home, "search", "--json", "社区")))
    assert (hit["id"], hit["title"], hit["favourite"]) == (ident, PORTAL_TITLE, True)
    assert not any(p == PORTAL for _, p, _ in site.requests[1:])


def test_reindex_shows_progress_only_on_a_terminal(data: Path) -> None:
    piped = run_cli(data, "cache", "reindex")
    assert ok(piped).startswith("re-extracted 3 articles") and piped.stderr == ""
    code, output = run_on_terminal(data, "cache", "reindex")
    assert code == 0 and "re-extracting [3/3]" in output


def test_search_on_a_damaged_cache_gives_the_way_out(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "broadsheet.sqlite3").write_bytes(b"not a database at all " * 200)
    for args in (("search", "x"), ("cache", "stats"), ("cache", "reindex")):
        result = run_cli(home, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "broadsheet cache reset" in result.stderr


# --- two processes -------------------------------------------------------------------------


def test_a_fetch_and_a_reindex_run_while_this_process_writes(
    tmp_path: Path, site: SiteServer
) -> None:
    """The app (this process) keeps writing while two commands write the same file."""
    home = tmp_path / "home"
    ok(run_cli(home, "fetch", site.url(PORTAL)))
    urls = [site.url(f"{BLOG}?copy={n}") for n in range(40)]
    env = dict(os.environ, BROADSHEET_HOME=str(home), PYTHONIOENCODING="utf-8")
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "broadsheet", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for args in (["fetch", *urls], ["cache", "reindex"])
    ]
    store = Store(home / "broadsheet.sqlite3")
    for n in range(150):
        # The stored bytes say walrus too, so the reindex (which may re-extract these
        # pages with the real extractor) keeps them findable.
        url = f"https://example.org/app/{n}"
        html = f"<html><title>walrus {n}</title><body><h1>walrus {n}</h1><p>walrus</p></body>"
        page = Page(url, url, 200, {}, html.encode(), "2026-01-01T00:00:00+00:00")
        store.save_fetch(page, Article(url=url, title=f"walrus {n}"))
    for proc in commands:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        assert "locked" not in err
    assert store.count_articles() == 1 + 40 + 150
    assert len(store.search("walrus", limit=500)) == 150
    assert len(store.search("fleece", limit=500)) == 40
    conn = store.db.connection()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
    store.close()
