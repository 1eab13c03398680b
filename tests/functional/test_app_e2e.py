"""End to end: the real Library (SQLite under ``home``) fetching from the local test server,
driven through the app with Pilot."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.support.ui import running
from textual.app import App
from textual.widgets import ContentSwitcher, Static

from broadsheet.demo.server import SiteServer, send
from broadsheet.library import Library
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList
from broadsheet.ui.widgets.reader import ReaderPane

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"
PORTAL_SENTENCE = "夜间门诊由六名全科医生轮流值班"
BLOG_TITLE = "Keeping a Kitchen Garden Through the Winter"
HOSTILE = "[/] [@click=app.quit]x[/] &#27;[31mred&#27;[0m &#27;]52;c;aGk=&#7; &#x202e;evil&#x202c;"


@pytest.fixture
def library(home: Path) -> Iterator[Library]:
    opened = Library(home)
    yield opened
    opened.close()


def title_shown(app: App[None]) -> str:
    return str(app.query_one(ReaderPane).query_one("#title", Static).render())


async def test_portal_page_is_fetched_read_and_has_no_comments(
    library: Library, site: SiteServer
) -> None:
    async with running(library, urls=[site.url("/portal.gbk.html")]) as h:
        assert h.messages == []
        assert title_shown(h.app) == PORTAL_TITLE
        text = h.text()
        assert PORTAL_SENTENCE in text
        assert "来源: 经济日报" in text
        assert "ICP" not in text and "免责声明" not in text
        assert "家庭药箱里应该常备哪些药" in text  # a related article, as a link to open
        await h.press("c")
        assert h.app.query_one(ContentSwitcher).current == "comments"
        heading = str(h.app.query_one("#comments-heading", Static).render())
        assert heading == "No comments yet (the page shows a count of 0)."


async def test_threaded_comments_from_a_blog(library: Library, site: SiteServer) -> None:
    async with running(library, urls=[site.url("/wordpress.html")]) as h:
        assert title_shown(h.app) == BLOG_TITLE
        await h.press("c")
        comments = h.app.query_one(CommentList)
        assert comments.option_count == 4
        text = h.text()
        assert "Margaret Hale ✎ author" in text
        assert "I leave it on unless it is above ten degrees" in text
        assert "▌ check the fleece after every storm" in text  # a quote inside a comment
        await h.press("h")
        assert comments.option_count == 2  # the first thread folded under Tom's comment


async def test_list_keys_and_reopening_from_the_list(library: Library, site: SiteServer) -> None:
    # Listed by the dates shown (not the fetch order), so the newer blog post comes first.
    urls = [site.url("/wordpress.html"), site.url("/portal.gbk.html")]
    async with running(library, urls=urls) as h:
        articles = h.app.query_one(ArticleList)
        assert [s.title for s in articles.summaries] == [BLOG_TITLE, PORTAL_TITLE]
        assert [s.published or "" for s in articles.summaries] == sorted(
            (s.published or "" for s in articles.summaries), reverse=True
        )
        assert title_shown(h.app) == PORTAL_TITLE  # the last URL given is the one opened
        await h.press("escape")  # back to the list
        assert articles.has_focus
        await h.press("g", "enter")
        assert title_shown(h.app) == BLOG_TITLE
        await h.press("J")
        assert title_shown(h.app) == PORTAL_TITLE


async def test_cached_article_reopens_with_the_server_stopped(home: Path) -> None:
    with SiteServer(PAGES) as server:
        url = server.url("/portal.gbk.html")
        first = Library(home)
        async with running(first, urls=[url]) as h:
            assert title_shown(h.app) == PORTAL_TITLE
        first.close()
    second = Library(home)  # a new session; nothing listens on that port any more
    try:
        async with running(second) as h:
            assert [s.title for s in h.app.query_one(ArticleList).summaries] == [PORTAL_TITLE]
            await h.press("enter")
            assert title_shown(h.app) == PORTAL_TITLE
            assert PORTAL_SENTENCE in h.text()
        async with running(second, urls=[url]) as h:  # asking for the URL uses the cache too
            assert h.messages == []
            assert title_shown(h.app) == PORTAL_TITLE
    finally:
        second.close()


async def test_export_writes_a_text_file_and_says_where(
    library: Library, site: SiteServer, home: Path
) -> None:
    async with running(library, urls=[site.url("/portal.gbk.html")]) as h:
        await h.press("e", "enter")  # the dialog suggests a .txt file in the export folder
        exported = list((home / "exports").iterdir())
        assert len(exported) == 1
        assert exported[0].suffix == ".txt"
        assert PORTAL_SENTENCE in exported[0].read_text(encoding="utf-8")
        assert h.messages == [f"Exported to {exported[0]}"]


async def test_missing_page_is_a_notification(library: Library, site: SiteServer) -> None:
    async with running(library, urls=[site.url("/no-such-page.html")]) as h:
        assert h.app.is_running
        assert len(h.notes) == 1 and h.notes[0].severity == "error"
        assert "404" in h.messages[0] and "/no-such-page.html" in h.messages[0]
        assert h.app.query_one(ReaderPane).loading is False
        assert h.app.query_one(ArticleList).summaries == []


async def test_dead_port_is_a_notification(library: Library) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    async with running(library, urls=[url]) as h:
        assert h.app.is_running
        assert len(h.notes) == 1 and h.notes[0].severity == "error"
        assert h.messages[0].startswith(url)
        await h.press("j", "k")  # still responsive
        assert h.app.is_running


def _hostile_page() -> bytes:
    """The blog fixture with a hostile title and first comment (entities and raw bytes)."""
    page = (PAGES / "wordpress.html").read_text(encoding="utf-8")
    raw = "\x1b[2J\x1b]0;pwned\x07\u202e"
    page = page.replace(BLOG_TITLE, HOSTILE + raw)
    page = page.replace(
        "Do you take the fleece off on mild days, or leave it on all winter?", HOSTILE + raw
    )
    return page.encode("utf-8")


async def test_hostile_title_and_comment_are_inert(library: Library, site: SiteServer) -> None:
    body = _hostile_page()

    def hostile(req: BaseHTTPRequestHandler) -> None:
        send(req, 200, body, "text/html; charset=utf-8")

    site.routes["/hostile.html"] = hostile
    async with running(library, urls=[site.url("/hostile.html")]) as h:
        assert h.messages == []
        assert "[@click=app.quit]x[/]" in title_shown(h.app)
        await h.pilot.click("#title")
        await h.press("c")
        comments = h.app.query_one(CommentList)
        assert comments.option_count == 4
        await h.pilot.click(CommentList)
        await h.press("enter", "enter")
        assert h.app.is_running
        svg = h.app.export_screenshot()
        assert "\x1b" not in svg and "&#27;" not in svg and "\u202e" not in svg
        text = h.text()
        assert "[@click=app.quit]x[/]" in text
        await h.press("escape", "escape")
        assert "[@click=app.quit]x[/]" in h.text()  # the list item too
        await h.pilot.click(ArticleList, offset=(10, 0))
        await h.settle()
        assert h.app.is_running


async def test_bad_config_file_is_reported_and_the_app_starts(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text("[network\ntimeout = 3\n", encoding="utf-8")
    library = Library(home)
    try:
        async with running(library) as h:
            assert h.app.is_running
            assert len(h.notes) == 1 and h.notes[0].severity == "warning"
            assert "config.toml" in h.messages[0] and "line 1" in h.messages[0]
    finally:
        library.close()
