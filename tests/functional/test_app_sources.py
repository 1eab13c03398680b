"""The source sidebar: All / Unread / Favourites / each source, the list following it, refresh
with progress and errors, and hiding it on a narrow terminal."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.support.fake_library import BLOG, PORTAL, FakeLibrary
from tests.support.ui import Harness, running
from textual.widgets import ProgressBar

from broadsheet.demo.server import SiteServer, send
from broadsheet.library import Library
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.sources import SourceList

PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"
BLOG_TITLE = "Keeping a Kitchen Garden Through the Winter"


def sidebar_lines(h: Harness) -> list[str]:
    sidebar = h.app.query_one(SourceList)
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


def listed(h: Harness) -> list[str]:
    return [s.title for s in h.app.query_one(ArticleList).summaries]


@pytest.fixture
def library(tmp_path: Path) -> FakeLibrary:
    fake = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    fake.add_source_with("Quiet Blog", [1])
    fake.add_source_with("健康医药网", [2])
    return fake


async def test_the_list_follows_the_sidebar(library: FakeLibrary) -> None:
    async with running(library) as h:
        assert sidebar_lines(h) == [
            "◆ All",
            "◆ Unread",
            "◆ Favourites",
            "    1 Quiet Blog",
            "    1 健康医药网",
        ]
        assert listed(h) == [PORTAL.title, BLOG.title]
        await h.press("shift+tab")
        assert h.app.query_one(SourceList).has_focus
        await h.press("j", "j", "j")  # Unread, Favourites, Quiet Blog
        assert listed(h) == [BLOG.title]
        assert str(h.app.query_one(ArticleList).border_title) == "Quiet Blog (1, 1 unread)"
        await h.press("k")
        assert listed(h) == []  # no favourites yet
        await h.press("j", "j", "tab", "enter")  # 健康医药网, then open its article
        assert listed(h) == [PORTAL.title]
        assert sidebar_lines(h)[-1] == "      健康医药网"  # read: no unread count any more
        await h.press("escape", "shift+tab", "k", "k", "k")  # back to Unread
        assert listed(h) == [BLOG.title]


async def test_r_refreshes_the_selected_source_and_R_all_with_errors_reported(
    library: FakeLibrary,
) -> None:
    library.fail.add("http://src.example/Quiet Blog")
    async with running(library) as h:
        await h.press("r")  # on the list with All selected: every source
        assert library.refreshed == [None]
        assert h.notes[-1].severity == "information"
        assert h.messages[-1] == "Refreshed 2 sources: 0 new"
        assert "Quiet Blog: HTTP 500" in h.messages
        assert any(n.severity == "error" for n in h.notes)
        bar = h.app.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (2, 2)
        assert not h.app.query_one("#refresh").display  # hidden when done
        assert sidebar_lines(h)[3] == "!   1 Quiet Blog"  # the failing source is marked
        await h.press("shift+tab", "G", "r")  # the last source only
        assert library.refreshed == [None, 2]
        assert h.messages[-1] == "Refreshed 1 source: 0 new"
        await h.press("R")
        assert library.refreshed == [None, 2, None]


async def test_r_while_reading_refreshes_the_article_not_the_sources(
    library: FakeLibrary,
) -> None:
    async with running(library) as h:
        await h.press("enter", "r")
        assert library.refreshed == []
        assert library.fetched == [PORTAL.url]


async def test_narrow_terminal_hides_the_sidebar_behind_s(library: FakeLibrary) -> None:
    async with running(library, size=(80, 24)) as h:
        sidebar = h.app.query_one(SourceList)
        assert not sidebar.display and "1 Quiet Blog" not in h.text()
        await h.press("s")
        assert sidebar.display and sidebar.has_focus and "1 Quiet Blog" in h.text()
        await h.press("s")
        assert not sidebar.display and "1 Quiet Blog" not in h.text()
    async with running(library, size=(160, 48)) as h:
        sidebar = h.app.query_one(SourceList)
        assert sidebar.display and "1 Quiet Blog" in h.text()
        await h.press("s")  # wide: the same key hides it
        assert not sidebar.display and "1 Quiet Blog" not in h.text()


# -- the real library, with a feed served by the local server ---------------------------------


@pytest.fixture
def real_library(home: Path) -> Iterator[Library]:
    opened = Library(home)
    yield opened
    opened.close()


async def test_a_followed_feed_is_listed_and_filters_the_list(
    real_library: Library, site: SiteServer
) -> None:
    items = "".join(
        f"<item><title>{title}</title><link>{site.url(path)}</link><guid>{path}</guid>"
        "<description>stub</description></item>"
        for title, path in ((BLOG_TITLE, "/wordpress.html"), (PORTAL_TITLE, "/portal.gbk.html"))
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test &amp; feed</title><link>{site.url('/')}</link>{items}</channel></rss>"
    ).encode()

    def serve(req: BaseHTTPRequestHandler) -> None:
        send(req, 200, feed, "application/rss+xml")

    site.routes["/feed.xml"] = serve
    await real_library.add_source(site.url("/feed.xml"))
    opened = await real_library.open_url(site.url("/docs.html"))  # cached, in no source
    async with running(real_library) as h:
        assert sidebar_lines(h)[3] == "    2 Test & feed"
        assert len(listed(h)) == 3
        await h.press("shift+tab", "G")
        assert sorted(listed(h)) == sorted([BLOG_TITLE, PORTAL_TITLE])
        assert opened.article.title not in listed(h)
        await h.press("r")
        assert h.messages[-1] == "Refreshed 1 source: 0 new"
