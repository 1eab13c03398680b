"""Unit tests of the sources layer: settings, feed entries as articles, the store's rows and
the schema migration. No network here; the end-to-end tests are tests/functional/test_sources*.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from broadsheet.config import parse_config
from broadsheet.extract import extract
from broadsheet.feeds import Feed, FeedEntry
from broadsheet.models import Article, Block, BlockKind, Page
from broadsheet.sources import RefreshSettings, refresh_settings
from broadsheet.sources.engine import feed_article
from broadsheet.store import SCHEMA_VERSION, Store
from broadsheet.store.db import MIGRATIONS
from broadsheet.store.sources import NewEntry

FEED = Feed(title="Gazette", url="https://g.example/feed", site_url="https://g.example/",
            entries=(), kind="rss")  # fmt: skip


def test_refresh_settings_from_the_config_file() -> None:
    config = parse_config({"refresh": {"interval_minutes": 30, "concurrency": 4}})
    settings, problems = refresh_settings(config.tables)
    assert settings == RefreshSettings(concurrency=4, interval_minutes=30.0)
    assert problems == ()
    assert refresh_settings({}) == (RefreshSettings(), ())


def test_bad_refresh_settings_fall_back_and_say_why() -> None:
    settings, problems = refresh_settings(
        {"refresh": {"concurrency": 0, "interval_minutes": "often", "speed": 3, "per_host": True}},
        "config.toml",
    )
    assert settings == RefreshSettings()
    assert len(problems) == 4
    assert any("refresh.concurrency must be a whole number from 1 to 64" in p for p in problems)
    assert any("unknown setting refresh.speed" in p for p in problems)
    _, problems = refresh_settings({"refresh": 5})
    assert problems and "[refresh] must be a table" in problems[0]


def test_library_reads_refresh_settings_and_reports_problems(tmp_path: Path) -> None:
    from broadsheet.library import Library

    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(
        "[refresh]\ninterval_minutes = 15\nconcurrency = 99\n", encoding="utf-8"
    )
    library = Library(home)
    try:
        assert library.refresh_settings.interval_minutes == 15.0
        assert library.refresh_settings.concurrency == 8
        # The message names the file and the line, like the other tables' problems.
        assert any(
            "config.toml, line 3: refresh.concurrency" in p for p in library.config_problems
        ), library.config_problems
    finally:
        library.close()


def test_feed_article_keeps_the_content_structure_and_entry_fields() -> None:
    entry = FeedEntry(
        id="1",
        url="https://g.example/a.html",
        title="Tide tables [/] revised",
        summary="New tables.",
        content_html="<p>First paragraph of the story.</p><h2>Subhead</h2><p>Second one.</p>"
        '<p>A <a href="/l">link</a>.</p>',
        author="Maren Holt",
        published="2026-01-05T08:30:00+00:00",
    )
    article = feed_article(entry, FEED, extract)
    assert article.title == "Tide tables [/] revised"
    assert [b.kind for b in article.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert article.blocks[1].text == "Subhead"
    assert (article.author, article.published, article.site_name) == (
        "Maren Holt",
        "2026-01-05T08:30:00+00:00",
        "Gazette",
    )
    assert article.summary == "New tables."
    assert [link.url for link in article.links] == ["https://g.example/l"]


def test_feed_article_without_content_uses_the_summary_as_body() -> None:
    entry = FeedEntry(id="2", url="https://g.example/b", title="T", summary="One.\nTwo.")
    article = feed_article(entry, FEED, extract)
    assert [b.text for b in article.blocks] == ["One.", "Two."]
    assert article.summary == ""


def _page(url: str) -> Page:
    return Page(url=url, final_url=url + "?final", status=200, headers={}, body=b"<p>x</p>",
                fetched_at="2026-01-01T00:00:00+00:00")  # fmt: skip


def test_store_entries_never_clobber_a_cached_article(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    try:
        source = store.add_source("https://g.example/feed", title="G", kind="feed")
        full = Article(url="https://g.example/a", title="Full page",
                       blocks=(Block(BlockKind.PARAGRAPH, "All of it"),))  # fmt: skip
        stored = store.save_fetch(_page("https://g.example/a"), full)
        store.set_flag(stored.id, "read", True)
        teaser = Article(url="https://g.example/a", title="Teaser")
        new = store.store_entries(
            source.id,
            [
                NewEntry("https://g.example/a", "a", teaser),
                NewEntry("https://g.example/b", "b", Article(url="https://g.example/b", title="B")),
            ],
            checked_at="2026-01-02T00:00:00+00:00",
            etag='"v1"',
        )
        assert new == 1
        again = store.get_article(stored.id)
        assert again is not None and again.article.title == "Full page" and again.read
        (listed,) = store.list_sources()
        assert (listed.total, listed.unread, listed.etag) == (2, 1, '"v1"')
        # Known by the URL asked and by the final URL.
        known = store.known_articles(["https://g.example/a?final", "https://g.example/b", "x"])
        assert set(known) == {"https://g.example/a?final", "https://g.example/b"}
    finally:
        store.close()


def test_an_error_keeps_validators_and_success_clears_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.sqlite3")
    try:
        source = store.add_source("https://g.example/feed", title="G", kind="feed")
        store.record_check(source.id, checked_at="t1", etag='"e"', last_modified="lm")
        store.record_check(source.id, checked_at="t2", error="https://g.example/feed: boom\x1b[2J")
        failed = store.find_source(source.id)
        assert failed is not None
        assert (failed.etag, failed.last_modified, failed.last_checked) == ('"e"', "lm", "t2")
        assert failed.error == "https://g.example/feed: boom"  # the escape sequence is gone
        store.record_check(source.id, checked_at="t3", title="New title")
        ok = store.find_source("https://g.example/feed")
        assert ok is not None and ok.error is None and ok.title == "New title"
        with pytest.raises(ValueError):
            store.add_source("https://x", title="", kind="podcast")
    finally:
        store.close()


def test_a_version_1_cache_is_migrated_with_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0]())
    conn.execute(
        "INSERT INTO sources (url, title, kind, added_at) VALUES ('https://o/feed', 'Old', "
        "'feed', 't')"
    )
    conn.execute(
        "INSERT INTO articles (url, final_url, title, data, fetched_at, added_at, read) "
        "VALUES ('https://o/a', 'https://o/a', 'Kept', ?, 't', 't', 1)",
        (json.dumps({"title": "Kept"}),),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store(path)
    try:
        version = store.db.connection().execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        (source,) = store.list_sources()
        assert (source.title, source.feed_url, source.full_article) == ("Old", None, False)
        (article,) = store.list_articles()
        assert article.title == "Kept" and article.read
    finally:
        store.close()


@pytest.mark.parametrize(
    "module", ["sources", "sources.engine", "cli_sources", "extract.index", "store.sources"]
)
def test_source_modules_never_import_textual(module: str) -> None:
    import subprocess
    import sys

    code = (
        f"import sys, broadsheet.{module}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
