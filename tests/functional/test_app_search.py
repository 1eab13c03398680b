"""Search in the app: the search screen as you type, the palette's article search, offline.

The real Library (SQLite under ``home``) holds articles fetched from the local test server,
so these tests cover the whole path: Chinese bigram search in the store, the snippet with
its highlights, and the hits marked in the opened article.
"""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.support.fake_library import PORTAL, FakeLibrary
from tests.support.search_ui import type_query, wait_until
from tests.support.ui import running
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.models import Article, ArticleSummary, SearchHit
from broadsheet.ui.find import find_any_hits
from broadsheet.ui.screens.main import MainScreen
from broadsheet.ui.screens.search import SearchScreen
from broadsheet.ui.search_view import (
    SNIPPET_HIT_STYLE,
    query_terms,
    result_content,
    snippet_content,
    snippet_window,
)
from broadsheet.ui.widgets.reader import ReaderPane

PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"
BLOG_TITLE = "Keeping a Kitchen Garden Through the Winter"
WORD = "门诊"  # two Chinese characters: the length FTS5's own tokenizers cannot find


@pytest.fixture
def library(home: Path) -> Iterator[Library]:
    opened = Library(home)
    yield opened
    opened.close()


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).render())


def reader_hit_texts(reader: ReaderPane) -> list[str]:
    texts = [t.content.plain for t in reader._texts]
    return [texts[h.text][h.start : h.end] for h in reader.hits]


async def test_typing_a_two_character_chinese_word_finds_the_portal_article(
    library: Library, site: SiteServer
) -> None:
    urls = [site.url("/wordpress.html"), site.url("/portal.gbk.html")]
    async with running(library, urls=urls) as h:
        await h.press("escape")  # back to the list, where / searches the cache
        await h.press("slash")
        screen = await type_query(h.pilot, WORD)
        assert [hit.article.title for hit in screen.hits] == [PORTAL_TITLE]
        hit = screen.hits[0]
        assert [hit.snippet[a:b] for a, b in hit.highlights] and all(
            hit.snippet[a:b] == WORD for a, b in hit.highlights
        )
        # The result on screen: title, site line, snippet with the word styled as a hit.
        option = screen.query_one(OptionList).get_option_at_index(0)
        prompt = option.prompt
        assert PORTAL_TITLE in str(prompt)
        styled = [
            str(prompt)[span.start : span.end]
            for span in getattr(prompt, "spans", [])
            if str(span.style) == SNIPPET_HIT_STYLE
        ]
        assert styled and set(styled) == {WORD}
        assert "1 article" in status(screen)

        await h.press("enter")
        main = h.app.screen
        assert isinstance(main, MainScreen)
        assert main.current is not None and main.current.article.title == PORTAL_TITLE
        reader = h.app.query_one(ReaderPane)
        found = reader_hit_texts(reader)
        assert len(found) >= 2 and set(found) == {WORD}
        assert reader.find_status == f"1/{len(found)}"
        await h.press("n")
        assert reader.find_status == f"2/{len(found)}"
        await h.press("N", "N")
        assert reader.find_status == f"{len(found)}/{len(found)}"


async def test_english_words_find_the_blog_and_problems_are_shown(
    library: Library, site: SiteServer
) -> None:
    urls = [site.url("/wordpress.html"), site.url("/portal.gbk.html")]
    async with running(library, urls=urls) as h:
        await h.press("escape", "slash")
        screen = await type_query(h.pilot, "kitchen garden")
        assert [hit.article.title for hit in screen.hits] == [BLOG_TITLE]
        for _ in "kitchen garden":
            await h.pilot.press("backspace")
        screen = await type_query(h.pilot, "is:bogus")
        shown = status(screen)
        assert screen.query_one("#search-status").has_class("-problem")
        assert "bogus" in shown
        for _ in "is:bogus":
            await h.pilot.press("backspace")
        screen = await type_query(h.pilot, "zzzqqq")
        assert screen.hits == [] and status(screen) == "No cached article matches."


async def test_escape_leaves_search_without_opening_anything(tmp_path: Path) -> None:
    library = FakeLibrary([PORTAL], export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        await h.press("slash")
        assert isinstance(h.app.screen, SearchScreen)
        await type_query(h.pilot, "医疗")
        await h.press("escape")
        main = h.app.screen
        assert isinstance(main, MainScreen) and main.current is None


async def test_hostile_titles_in_results_are_shown_as_text(tmp_path: Path) -> None:
    hostile = Article(
        url="http://evil.example/a",
        title="[@click=app.quit]Read more[/] \x1b]52;c;aGk=\x07 [/]",
        site_name="[b]evil[/b]",
        blocks=PORTAL.blocks,
    )
    library = FakeLibrary([hostile], export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        await h.press("slash")
        screen = await type_query(h.pilot, "医疗")
        assert len(screen.hits) == 1
        text = h.text()
        assert "[@click=app.quit]Read more[/]" in text and "[b]evil[/b]" in text
        assert "\x1b" not in text
        await h.pilot.click(OptionList, offset=(3, 0))
        await h.settle()
        assert h.app.is_running


async def test_palette_searches_the_cache_and_opens_with_hits(
    library: Library, site: SiteServer
) -> None:
    urls = [site.url("/wordpress.html"), site.url("/portal.gbk.html")]
    async with running(library, urls=urls) as h:
        await h.press("escape")
        await h.press("ctrl+p")
        assert isinstance(h.app.screen, CommandPalette)
        for char in WORD:
            await h.pilot.press(char)
        palette = h.app.screen

        def offered() -> bool:
            options = palette.query_one(OptionList)
            return any(
                PORTAL_TITLE in str(options.get_option_at_index(i).prompt)
                for i in range(options.option_count)
            )

        await wait_until(h.pilot, offered, "the palette's article results")
        options = palette.query_one(OptionList)
        index = next(
            i
            for i in range(options.option_count)
            if PORTAL_TITLE in str(options.get_option_at_index(i).prompt)
        )
        options.highlighted = index
        await h.press("enter")
        main = h.app.screen
        assert isinstance(main, MainScreen)
        assert main.current is not None and main.current.article.title == PORTAL_TITLE
        reader = h.app.query_one(ReaderPane)
        assert reader.hits and set(reader_hit_texts(reader)) == {WORD}


def hang_up(request: BaseHTTPRequestHandler) -> None:
    """Close the connection without an answer, as a dropped network does."""
    request.close_connection = True


async def test_offline_says_it_shows_cached_copies(library: Library, site: SiteServer) -> None:
    async with running(library, urls=[site.url("/portal.gbk.html")]) as h:
        assert "offline" not in h.text()
        site.routes["/portal.gbk.html"] = hang_up
        await h.press("r")  # fetch again: the server does not answer, the cached copy stays
        assert library.offline, h.messages
        assert "offline — showing cached copies" in h.text()
        assert "The server cannot be reached: showing the cached copy." in h.messages
        main = h.app.screen
        assert isinstance(main, MainScreen) and main.current is not None
        assert main.current.article.title == PORTAL_TITLE


def test_terms_are_marked_once_where_they_overlap() -> None:
    texts = ["社区医院推出夜间门诊", "no match here", "Garden gardens GARDEN"]
    hits = find_any_hits(texts, ["门诊", "夜间门诊", "garden"])
    found = [(h.text, texts[h.text][h.start : h.end]) for h in hits]
    assert found == [(0, "夜间门诊"), (2, "Garden"), (2, "garden"), (2, "GARDEN")]


def test_a_snippet_keeps_its_offsets_and_loses_control_characters() -> None:
    snippet = "a\x1b]52;c;x\x07 \u202e门诊\u202c\nend"
    start = snippet.index("门诊")
    content = snippet_content(snippet, ((start, start + 2), (90, 99), (3, 3)))
    assert "\x1b" not in content.plain and "\u202e" not in content.plain
    assert "\n" not in content.plain and len(content.plain) == len(snippet)
    marked = [content.plain[s.start : s.end] for s in content.spans]
    assert marked == ["门诊"]


def test_a_result_shows_title_site_date_and_where_it_matched() -> None:
    summary = ArticleSummary(1, "http://x.example/a", "[b]Title[/b]", "站点", "2026-01-02T03:00")
    hit = SearchHit(summary, "…the 门诊 snippet", ((5, 7),), 1.0, "comments")
    lines = result_content(hit).plain.splitlines()
    assert lines == ["[b]Title[/b]", "站点 · 2026-01-02 · in the comments", "…the 门诊 snippet"]
    assert query_terms('门诊 "night clinic" read* -noise site:x.example is:unread') == [
        "门诊",
        "night clinic",
        "read",
    ]


async def test_enter_before_the_results_arrive_still_opens_the_first(tmp_path: Path) -> None:
    library = FakeLibrary([PORTAL], export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        await h.press("slash")
        for char in "医疗":
            await h.pilot.press(char)
        await h.pilot.press("enter")  # no pause: the debounce timer has not fired yet
        await wait_until(h.pilot, lambda: isinstance(h.app.screen, MainScreen), "the article")
        await h.settle()
        main = h.app.screen
        assert isinstance(main, MainScreen) and main.current is not None
        assert main.current.article.title == PORTAL.title
        assert library.searches[-1] == "医疗"


def test_a_long_snippet_is_cut_around_its_first_hit() -> None:
    snippet = "甲" * 100 + "门诊" + "乙" * 100
    start = snippet.index("门诊")
    window, ranges = snippet_window(snippet, ((start, start + 2),), 40)
    assert len(window) == 40 and [window[a:b] for a, b in ranges] == ["门诊"]
    assert snippet_window("short", ((0, 5),), 40) == ("short", ((0, 5),))
