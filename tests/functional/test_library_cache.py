"""``Library.reindex`` and ``Library.prune`` on a real cache filled from the fixture pages."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.models import Article, Block, BlockKind

PORTAL, BLOG = "/portal.gbk.html", "/wordpress.html"


def crude_extractor(
    html: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> Article:
    """A deliberately poor extractor: every page is 'Menu Home Login' plus a marker word."""
    return Article(
        url=url, title="Menu Home Login", blocks=(Block(BlockKind.PARAGRAPH, "zzcrude"),)
    )


def fill(home: Path, site: SiteServer) -> dict[str, int]:
    library = Library(home, extractor=crude_extractor)

    async def fetch() -> dict[str, int]:
        try:
            return {p: (await library.open_url(site.url(p))).id for p in (PORTAL, BLOG)}
        finally:
            await library.aclose()

    try:
        return asyncio.run(fetch())
    finally:
        library.close()


def test_reindex_re_extracts_counts_a_damaged_page_and_keeps_going(
    tmp_path: Path, site: SiteServer
) -> None:
    home = tmp_path / "home"
    ids = fill(home, site)
    with sqlite3.connect(home / "broadsheet.sqlite3") as conn:  # the portal's bytes are lost
        conn.execute("UPDATE pages SET body = x'00ff' WHERE url LIKE '%portal%'")
    library = Library(home)
    try:
        calls: list[tuple[int, int]] = []
        result = library.reindex(lambda done, total: calls.append((done, total)))
        assert (result.extracted, result.failed, result.indexed) == (1, 1, 2)
        assert calls == [(1, 2), (2, 2)]
        blog = library.get(ids[BLOG])
        assert blog.article.title == "Keeping a Kitchen Garden Through the Winter"
        assert library.get(ids[PORTAL]).article.title == "Menu Home Login"  # kept as it was
        assert [h.article.id for h in library.search("zzcrude")] == [ids[PORTAL]]
        assert [h.article.id for h in library.search("fleece")] == [ids[BLOG]]
    finally:
        library.close()


def test_prune_counts_by_fetch_time_and_keeps_favourites(tmp_path: Path, site: SiteServer) -> None:
    home = tmp_path / "home"
    ids = fill(home, site)
    library = Library(home)
    try:
        library.set_favourite(ids[BLOG])
        now = datetime.now(UTC)
        assert library.prune(1, now=now).articles == 0  # both fetched just now
        result = library.prune(1, now=now + timedelta(days=2))
        assert (result.articles, result.pages, result.kept_favourites) == (1, 1, 1)
        assert [a.id for a in library.list_articles()] == [ids[BLOG]]
        assert library.search("zzcrude")[0].article.id == ids[BLOG]
        assert library.cache_stats().indexed == 1
    finally:
        library.close()
