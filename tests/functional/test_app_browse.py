"""Browsing like a browser: numbered links, following them inside the app, back and forward,
find in page, the table of contents and reopening an article where it was left.

End to end: the real Library (SQLite under ``home``) fetching from the local test server.
"""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.support.ui import Harness, graphical_browser, running
from textual.app import App
from textual.widgets import Static

from broadsheet.demo.server import SiteServer, send
from broadsheet.library import Library
from broadsheet.ui.find import CURRENT_STYLE
from broadsheet.ui.screens.toc import TocScreen
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.reader import LinkList, ReaderPane

PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"
BLOG_TITLE = "Keeping a Kitchen Garden Through the Winter"


def filler(part: str) -> str:
    """Distinct paragraphs (an extractor may drop repeated ones) that make the page scroll."""
    return "".join(
        f"<p>Paragraph {n} of the {part} part, written to give this page enough length that it "
        f"has to scroll in a small terminal, with a few more words for good measure.</p>"
        for n in range(1, 7)
    )


HUB = f"""<!doctype html><html><head><meta charset="utf-8"><title>Hub page</title></head>
<body><article><h1>Hub page</h1>
<p>This hub page points at other articles. Read <a href="/wordpress.html">the winter garden
post</a> first, a long and careful piece about growing vegetables in the cold.</p>
{filler("first")}
<h2>More reading</h2>
<p>Then read <a href="/portal.gbk.html">the portal story</a>, about a community hospital and
its evening clinic for older people.</p>
{filler("second")}
<h2>Notes</h2><p>Finally a few notes at the end of the hub page.</p>
{filler("last")}
</article></body></html>""".encode()


@pytest.fixture
def library(home: Path) -> Iterator[Library]:
    opened = Library(home)
    yield opened
    opened.close()


@pytest.fixture
def hub(site: SiteServer) -> str:
    def serve(req: BaseHTTPRequestHandler) -> None:
        send(req, 200, HUB, "text/html; charset=utf-8")

    site.routes["/hub.html"] = serve
    return site.url("/hub.html")


def title_shown(app: App[None]) -> str:
    return str(app.query_one(ReaderPane).query_one("#title", Static).render())


def reader(h: Harness) -> ReaderPane:
    return h.app.query_one(ReaderPane)


async def test_tab_selects_links_enter_follows_and_history_goes_back_and_forth(
    library: Library, hub: str
) -> None:
    async with running(library, urls=[hub]) as h:
        assert title_shown(h.app) == "Hub page"
        first = h.app.query_one("#links", LinkList).get_option_at_index(0).prompt
        assert str(first).startswith("[1] the winter garden post")
        await h.press("tab", "tab")
        assert reader(h).border_subtitle is not None
        assert reader(h).border_subtitle.startswith("link 2 of 2")
        await h.press("shift+tab")
        assert reader(h).selected_link is not None
        assert reader(h).selected_link.text == "the winter garden post"
        await h.press("enter")
        assert h.messages == []
        assert title_shown(h.app) == BLOG_TITLE
        titles = {s.title for s in h.app.query_one(ArticleList).summaries}
        assert titles == {"Hub page", BLOG_TITLE}  # fetched, cached and listed
        await h.press("backspace")
        assert title_shown(h.app) == "Hub page"
        await h.press("2", "enter")  # a typed number follows that link
        assert title_shown(h.app) == PORTAL_TITLE
        await h.press("H")
        assert title_shown(h.app) == "Hub page"
        await h.press("alt+left")  # following a link after going back dropped the blog
        assert title_shown(h.app) == "Hub page"
        assert h.messages == ["Nothing further back in the reading history."]
        await h.press("L")
        assert title_shown(h.app) == PORTAL_TITLE
        await h.press("alt+right")
        assert title_shown(h.app) == PORTAL_TITLE
        assert h.messages[-1] == "Nothing further forward in the reading history."


async def test_typed_number_past_the_last_link_starts_over(library: Library, hub: str) -> None:
    async with running(library, urls=[hub]) as h:
        await h.press("2")
        assert reader(h).link_index == 1
        await h.press("7")  # 27 > 2 links and 7 > 2: nothing typed, the selection stays
        assert reader(h).typed == ""
        await h.press("1", "enter")
        assert title_shown(h.app) == BLOG_TITLE


async def test_o_opens_the_selected_link_in_the_browser(
    library: Library, hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = graphical_browser(monkeypatch)
    async with running(library, urls=[hub]) as h:
        await h.press("o")
        await h.press("tab", "tab", "o")
        assert opened == [hub, hub.replace("/hub.html", "/portal.gbk.html")]


async def test_article_reopens_where_it_was_left(library: Library, hub: str) -> None:
    async with running(library, size=(80, 24), urls=[hub]) as h:
        await h.press("space", "tab")  # Tab scrolls the first link into view
        left_at = reader(h).scroll_y
        assert left_at > 0
        await h.press("enter")
        assert title_shown(h.app) == BLOG_TITLE
        assert reader(h).scroll_y == 0
        await h.press("backspace")
        assert title_shown(h.app) == "Hub page"
        assert reader(h).scroll_y == left_at
        await h.press("escape")  # back to the list, then open it again from there
        # The hub has no date, so it lists by its fetch time (now): above the dated blog post.
        await h.press("g", "enter")
        assert title_shown(h.app) == "Hub page"
        assert reader(h).scroll_y == left_at


async def test_find_in_page_counts_marks_and_moves_with_n(
    library: Library, site: SiteServer
) -> None:
    async with running(library, urls=[site.url("/portal.gbk.html")]) as h:
        shown = h.text()
        await h.press("ctrl+f")
        for char in "门诊x":
            await h.press(char)
        assert str(h.app.query_one("#find-count", Static).render()) == "no matches"
        await h.press("backspace")  # edits the query: not "back" in the history
        assert title_shown(h.app) == PORTAL_TITLE
        pane = reader(h)
        count = len(pane.hits)
        assert count >= 2
        assert count == sum(
            str(s.render()).count("门诊") for s in pane.query(Static) if s.id != "meta"
        )
        counter = h.app.query_one("#find-count", Static)
        assert str(counter.render()) == f"1/{count}"
        await h.press("enter")  # back to the text; the hits stay
        assert pane.has_focus
        await h.press("n", "n")
        assert str(counter.render()) == f"3/{count}" if count >= 3 else f"1/{count}"
        await h.press("N")
        current = pane.hits[pane.hit_index or 0]
        widget = pane.query(Static).results(Static)
        marked = [
            span
            for w in widget
            for span in getattr(getattr(w.render(), "content", w.render()), "spans", [])
            if span.style == CURRENT_STYLE
        ]
        assert len(marked) == 1 and marked[0].end - marked[0].start == current.end - current.start
        await h.press("escape")  # from the text: closes the find bar first
        assert pane.hits == [] and pane.has_focus
        assert h.text() == shown  # no marks, no bar
        await h.press("slash", "x", "escape")  # / opens it too; escape in the bar closes it
        assert pane.hits == [] and pane.has_focus
        assert not h.app.query_one("#find").display


async def test_table_of_contents_jumps_to_a_heading(library: Library, hub: str) -> None:
    async with running(library, size=(80, 24), urls=[hub]) as h:
        await h.press("t")
        assert isinstance(h.app.screen, TocScreen)
        assert h.app.screen.headings == [(2, "More reading"), (2, "Notes")]
        await h.press("j", "enter")
        pane = reader(h)
        notes = [w for w in pane.query(".-heading").results(Static) if str(w.render()) == "Notes"]
        assert pane.scroll_y > 0
        assert notes[0].region.y == pane.content_region.y, (pane.scroll_y, pane.max_scroll_y)


async def test_link_lists_never_take_focus(library: Library, hub: str) -> None:
    async with running(library, urls=[hub]) as h:
        await h.press("tab", "tab", "tab")
        assert reader(h).has_focus
        assert not any(w.has_focus for w in h.app.query(LinkList))


async def test_clicking_a_link_follows_it(library: Library, hub: str) -> None:
    async with running(library, urls=[hub]) as h:
        await h.press("tab")  # brings the list of links into view
        links = h.app.query_one("#links", LinkList)
        await h.pilot.click(links, offset=(5, 1))  # the second link's line
        await h.settle()
        assert title_shown(h.app) == PORTAL_TITLE
