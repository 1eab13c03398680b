"""Pilot tests of the app's own behaviour over a fixed in-memory library.

These pin down keys, panes and messages without depending on fetching or extraction; the
end-to-end tests in test_app_e2e.py drive the same app over the real Library and server.
"""

from __future__ import annotations

import dataclasses
import webbrowser
from pathlib import Path

import pytest
from tests.support.fake_library import BLOG, PORTAL, FakeLibrary
from tests.support.ui import running
from textual.app import App
from textual.widgets import ContentSwitcher, Static

from broadsheet.exporters.names import safe_filename
from broadsheet.models import Article, Comment, CommentState, CommentThread
from broadsheet.ui.screens.help import HelpScreen
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList
from broadsheet.ui.widgets.reader import LinkList, ReaderPane

HOSTILE = "[/] [@click=app.quit]x[/] \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 \u202eevil\u202c"


def title_of(app: App[None]) -> str:
    return str(app.query_one(ReaderPane).query_one("#title", Static).render())


async def test_open_article_from_list_shows_title_body_and_source(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        articles = h.app.query_one(ArticleList)
        assert [s.title for s in articles.summaries] == [PORTAL.title, BLOG.title]
        await h.press("enter")
        assert title_of(h.app) == PORTAL.title
        meta = str(h.app.query_one("#meta", Static).render())
        assert meta == "健康医药网 · 来源: 经济日报 · 2026-01-01 09:30"
        assert "县域医共体" in h.text()
        assert "多地推出便民就医新举措" in h.text()  # related articles listed
        assert library.rows[2].read is True


async def test_keys_move_in_list_and_J_K_step_through_articles(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        articles = h.app.query_one(ArticleList)
        assert articles.highlighted == 0
        await h.press("j")
        assert articles.highlighted == 1
        await h.press("k")
        assert articles.highlighted == 0
        await h.press("G")
        assert articles.highlighted == 1
        await h.press("g", "enter")
        assert title_of(h.app) == PORTAL.title
        await h.press("J")
        assert title_of(h.app) == BLOG.title
        await h.press("K")
        assert title_of(h.app) == PORTAL.title


async def test_comment_view_shows_thread_and_folds(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("j", "enter", "c")
        assert h.app.query_one(ContentSwitcher).current == "comments"
        heading = str(h.app.query_one("#comments-heading", Static).render())
        assert heading == "4 comments"
        comments = h.app.query_one(CommentList)
        assert comments.has_focus
        assert comments.option_count == 4
        text = h.text()
        assert "Lovely piece" in text and "✎ author" in text and "▲ 3" in text
        await h.press("h")  # fold Ben's comment: its two replies go
        assert comments.option_count == 2
        assert "[+2 replies hidden]" in h.text()
        await h.press("l")
        assert comments.option_count == 4
        await h.press("j", "j", "p")  # Cleo's reply -> its parent, Ada
        assert comments.current == 1
        await h.press("right_square_bracket")
        assert comments.current == 3
        await h.press("left_square_bracket")
        assert comments.current == 0
        await h.press("right_curly_bracket")  # Ben's next sibling skips the replies between
        assert comments.current == 3
        await h.press("left_curly_bracket")
        assert comments.current == 0
        await h.press("c")
        assert h.app.query_one(ContentSwitcher).current == "reader"


async def test_no_comments_is_said_plainly(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("enter", "c")
        heading = str(h.app.query_one("#comments-heading", Static).render())
        assert heading == "No comments yet (the page shows a count of 0)."
        assert h.app.query_one(CommentList).display is False


async def test_script_loaded_comments_are_named(tmp_path: Path) -> None:
    thread = CommentThread(state=CommentState.SCRIPT, system="disqus", declared_count=12)
    article = dataclasses.replace(BLOG, comments=thread)
    async with running(FakeLibrary([article], export_dir=tmp_path)) as h:
        await h.press("enter", "c")
        heading = str(h.app.query_one("#comments-heading", Static).render())
        assert heading.startswith("Comments are loaded by script on the site (Disqus)")
        assert "12" in heading


async def test_export_writes_a_file_and_says_where(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("e")
        assert "Open an article first" in h.messages[-1]
        await h.press("enter", "e", "enter")  # the dialog's suggested file, written
        written = tmp_path / f"{safe_filename(PORTAL.title)}.txt"
        assert written.read_text(encoding="utf-8").startswith(PORTAL.title)
        assert h.messages[-1] == f"Exported to {written}"


async def test_read_and_favourite_marks(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("f")
        assert library.rows[2].favourite is True
        assert "★" in h.text()
        articles = h.app.query_one(ArticleList)
        assert articles.border_title == "Articles (2, 2 unread)"
        await h.press("m")
        assert library.rows[2].read is True
        assert articles.border_title == "Articles (2, 1 unread)"
        await h.press("m")
        assert library.rows[2].read is False


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_failing_url_notifies_and_app_stays(tmp_path: Path, size: tuple[int, int]) -> None:
    library = FakeLibrary([BLOG], export_dir=tmp_path)
    library.fail.add("http://dead.example/")
    async with running(library, size=size, urls=("http://dead.example/",)) as h:
        assert h.app.is_running
        assert h.messages == ["http://dead.example/: connection refused"]
        assert h.notes[-1].severity == "error"
        assert h.app.query_one(ReaderPane).loading is False
        assert h.app.query_one(ArticleList).has_focus  # nothing to read: back on the list
        await h.press("enter")  # still usable
        assert title_of(h.app) == BLOG.title


async def test_start_urls_fetch_in_order_and_open_the_last(tmp_path: Path) -> None:
    library = FakeLibrary([], export_dir=tmp_path)
    library.fail.add("http://b.example/")
    urls = ("http://a.example/", "http://b.example/", "http://c.example/")
    async with running(library, urls=urls) as h:
        assert library.fetched == list(urls)
        assert title_of(h.app) == "Fetched http://c.example/"
        assert len(h.app.query_one(ArticleList).summaries) == 2
        assert h.messages == ["http://b.example/: connection refused"]


async def test_narrow_terminal_shows_one_pane_at_a_time(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        articles = h.app.query_one(ArticleList)
        reader = h.app.query_one(ReaderPane)
        assert articles.display and articles.region.width > 70
        assert reader.region.width == 0
        await h.press("enter")
        assert articles.region.width == 0
        assert reader.region.width > 70
        await h.press("escape")
        assert articles.region.width > 70
        assert articles.has_focus


async def test_help_lists_bindings_and_q_quits(tmp_path: Path) -> None:
    async with running(FakeLibrary([BLOG], export_dir=tmp_path)) as h:
        await h.press("question_mark")
        help_screen = h.app.screen
        assert isinstance(help_screen, HelpScreen)
        assert "Export the open article: txt, md, json, html or epub" in h.text()
        anywhere = dict(help_screen.sections)["Anywhere"]
        assert any(key == "/" and "Search every cached article" in text for key, text in anywhere)
        sections = dict(help_screen.sections)
        assert ("h", "Collapse") in sections["Comments"]
        assert ("J", "Next article") in sections["Anywhere"]
        await h.press("escape")
        assert not isinstance(h.app.screen, HelpScreen)
        await h.press("q")
        assert not h.app.is_running


async def test_hostile_text_is_shown_not_run(tmp_path: Path) -> None:
    """Markup, escapes and bidi controls in a title and a comment: shown inert."""
    thread = CommentThread(
        state=CommentState.PRESENT,
        items=(Comment("1", HOSTILE, author=HOSTILE), Comment("2", "[b]not bold[/b]")),
    )
    article = Article(
        url="http://evil.example/",
        title=HOSTILE,
        site_name=HOSTILE,
        summary=HOSTILE,
        comments=thread,
    )
    library = FakeLibrary([article, BLOG], export_dir=tmp_path)
    library.rows[1] = dataclasses.replace(library.rows[1], final_url="http://evil.example/")
    async with running(library) as h:
        await h.press("j", "enter")
        assert h.app.is_running
        assert "[@click=app.quit]x[/]" in title_of(h.app)
        await h.pilot.click("#title")
        await h.press("c")
        await h.pilot.click(CommentList)
        await h.settle()
        assert h.app.is_running
        text = h.text()
        svg = h.app.export_screenshot()
        assert "\x1b" not in svg and "&#27;" not in svg and "\u202e" not in svg
        assert "\x1b" not in text and "\u202e" not in text
        assert "[b]not bold[/b]" in text


async def test_related_article_opens_inside_the_app(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("enter")
        related = h.app.query_one("#related", LinkList)
        await h.press("tab", "tab")  # PORTAL has no body links: these are the related ones
        assert related.has_class("-selected") and related.highlighted == 1
        await h.press("enter")
        assert library.fetched == [PORTAL.related[1].url]
        assert title_of(h.app) == f"Fetched {PORTAL.related[1].url}"


class _Browser:
    """Stands in for a graphical browser found by ``webbrowser.get``."""

    name = "firefox"

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str) -> bool:
        self.opened.append(url)
        return True


async def test_o_opens_http_pages_in_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = _Browser()
    monkeypatch.setattr(webbrowser, "get", lambda: browser)
    ftp = dataclasses.replace(BLOG, url="ftp://files.example/")
    library = FakeLibrary([ftp, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("enter", "o")
        assert browser.opened == [PORTAL.url]
        await h.press("J", "o")
        assert browser.opened == [PORTAL.url]
        assert h.messages[-1] == "Not a web address: ftp://files.example/"


async def test_o_without_a_graphical_browser_copies_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal_browser = _Browser()
    terminal_browser.name = "/usr/bin/lynx"
    monkeypatch.setattr(webbrowser, "get", lambda: terminal_browser)
    library = FakeLibrary([PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("enter", "o")
        assert terminal_browser.opened == []  # never started inside the app's terminal
        assert h.app.clipboard == PORTAL.url
        assert h.messages[-1].endswith(f"The address is copied: {PORTAL.url}")


async def test_palette_runs_article_commands(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("enter", "ctrl+p")
        await h.pilot.press(*"article: export")
        await h.settle()
        await h.press("enter", "enter")  # the command opens the dialog; enter writes
        written = tmp_path / f"{safe_filename(PORTAL.title)}.txt"
        assert written.is_file()
        assert h.messages[-1] == f"Exported to {written}"


async def test_address_prompt_fetches_a_typed_url(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("a")
        await h.pilot.press(*"http://new.example/")
        await h.press("enter")
        assert library.fetched == ["http://new.example/"]
        assert title_of(h.app) == "Fetched http://new.example/"
        await h.press("escape", "a", "escape")  # cancelling opens nothing
        assert library.fetched == ["http://new.example/"]


async def test_reading_keys_scroll_and_progress_follows(tmp_path: Path) -> None:
    long_read = dataclasses.replace(PORTAL, blocks=PORTAL.blocks * 10)
    library = FakeLibrary([BLOG, long_read], export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        await h.press("enter")
        reader = h.app.query_one(ReaderPane)
        assert reader.max_scroll_y > 0
        assert reader.border_subtitle == "0%"
        await h.press("j")
        assert reader.scroll_y == 1
        await h.press("k")
        assert reader.scroll_y == 0
        await h.press("space")
        assert reader.scroll_y >= reader.size.height - 2  # about a screen further
        assert reader.border_subtitle not in ("0%", "100%")
        await h.press("b")
        assert reader.scroll_y == 0
        await h.press("G")
        assert reader.border_subtitle == "100%"
        await h.press("g")
        assert reader.border_subtitle == "0%"


def test_every_palette_command_names_an_action_of_the_main_screen() -> None:
    from broadsheet.ui.commands import COMMANDS
    from broadsheet.ui.screens.main import MainScreen

    for title, _help, action in COMMANDS:
        area, _, verb = title.partition(": ")
        assert area and verb, title
        assert callable(getattr(MainScreen, f"action_{action}", None)), title


async def test_palette_goes_back_through_the_history(tmp_path: Path) -> None:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    async with running(library) as h:
        await h.press("enter", "tab", "enter")  # PORTAL, then its first related article
        assert title_of(h.app) == f"Fetched {PORTAL.related[0].url}"
        await h.press("ctrl+p")
        await h.pilot.press(*"history: back")
        await h.settle()
        await h.press("enter")
        assert title_of(h.app) == PORTAL.title
