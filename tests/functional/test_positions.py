"""Each article reopens where it was left: after a restart, at another terminal width, after a
resize, and at its end when it was read to the end.

End to end: the real Library (SQLite under ``home``) fetching a long article from the local
test server; each "restart" is a new Library and a new app on the same home folder. The part
at the top of the pane is found from the widgets' places on the screen, not from the anchor
arithmetic under test.
"""

from __future__ import annotations

import dataclasses
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.support.fake_library import BLOG, PORTAL, FakeLibrary
from tests.support.ui import Harness, running

from broadsheet.demo.server import SiteServer, send
from broadsheet.errors import StoreError
from broadsheet.library import Library
from broadsheet.models import Article
from broadsheet.store import ReadingPosition
from broadsheet.ui.widgets.reader import ReaderPane


def _paragraph(n: int) -> str:
    # Lengths vary (one to four sentences), so a narrower pane adds rows unevenly: a row
    # count restored at another width would land on another paragraph.
    sentence = (
        f"Paragraph {n} of the long read goes on about compost, weather and the allotment "
        "gate, so that the text wraps to several rows."
    )
    return f"<p>{' '.join([sentence] * (1 + n % 4))}</p>"


LONG = (
    '<!doctype html><html><head><meta charset="utf-8"><title>A long read</title></head>'
    "<body><article><h1>A long read</h1>"
    + "".join(
        (f"<h2>Part {n // 8 + 1}</h2>" if n % 8 == 0 else "") + _paragraph(n) for n in range(40)
    )
    + "</article></body></html>"
).encode()


@pytest.fixture
def url(site: SiteServer) -> str:
    def serve(req: BaseHTTPRequestHandler) -> None:
        send(req, 200, LONG, "text/html; charset=utf-8")

    site.routes["/long.html"] = serve
    return site.url("/long.html")


def pane(h: Harness) -> ReaderPane:
    return h.app.query_one(ReaderPane)


def top_part(h: Harness) -> tuple[int, str]:
    """The index and text of the first part of the article showing at the top of the pane."""
    reader = pane(h)
    top = reader.content_region.y
    for index, child in enumerate(reader.children):
        if child.region.bottom > top:
            return index, str(child.render())
    raise AssertionError("nothing is showing")


async def reopen(home: Path, size: tuple[int, int]) -> tuple[int, str, float]:
    """Start again on ``home`` at ``size``, open the article from the list; what shows."""
    with Library(home) as library:
        async with running(library, size=size) as h:
            await h.press("enter")
            reader = pane(h)
            shown = f"{round(100 * reader.scroll_y / reader.max_scroll_y)}%"
            assert reader.border_subtitle == shown != "0%"  # the status line follows
            index, text = top_part(h)
            return index, text, reader.scroll_y


async def test_an_article_reopens_where_it_was_left_after_a_restart(home: Path, url: str) -> None:
    with Library(home) as library:
        async with running(library, size=(100, 30), urls=[url]) as h:
            await h.press("space", "space", "j", "j", "j")
            left = top_part(h)
            left_row = pane(h).scroll_y
            assert left[0] > 5
            await h.press("q")  # back to the list: leaving the article saves where it was
            (summary,) = library.list_articles()
            assert library.reading_position(summary.id) is not None
            await h.press("q")  # quit
    index, text, row = await reopen(home, (100, 30))
    assert (index, text) == left
    assert row == left_row  # the same width: the very same row


async def test_quitting_from_the_reader_saves_the_position(home: Path, url: str) -> None:
    with Library(home) as library:
        async with running(library, size=(100, 30), urls=[url]) as h:
            await h.press("space", "space", "space")
            left = top_part(h)
            # Straight out of the reader: no article left for another or for the list (the
            # periodic save is far off), so only the screen closing can save the position.
            await h.press("ctrl+q")
    index, text, _row = await reopen(home, (100, 30))
    assert (index, text) == left


async def test_another_terminal_width_reopens_at_the_same_part(home: Path, url: str) -> None:
    with Library(home) as library:
        async with running(library, size=(160, 40), urls=[url]) as h:
            wide = pane(h).children[-1].region.width
            await h.press(*["space"] * 4)
            left = top_part(h)
            left_row = pane(h).scroll_y
            await h.press("escape", "q")
    with Library(home) as library:
        async with running(library, size=(44, 40)) as h:
            await h.press("enter")
            assert pane(h).children[-1].region.width < wide - 20  # the text wraps differently
            assert top_part(h) == left
            assert pane(h).scroll_y > left_row + 10  # rows would have shown an earlier part


async def test_an_article_read_to_the_end_reopens_at_its_end(home: Path, url: str) -> None:
    with Library(home) as library:
        async with running(library, size=(100, 30), urls=[url]) as h:
            await h.press("G")
            assert pane(h).border_subtitle == "100%"
            await h.press("escape", "q")
    with Library(home) as library:
        async with running(library, size=(70, 24)) as h:
            await h.press("enter")
            reader = pane(h)
            assert reader.scroll_y == reader.max_scroll_y > 0
            assert reader.border_subtitle == "100%"


async def test_a_resize_keeps_the_passage_being_read_at_the_top(home: Path, url: str) -> None:
    with Library(home) as library:
        async with running(library, size=(160, 40), urls=[url]) as h:
            await h.press(*["space"] * 3)
            before = top_part(h)
            row = pane(h).scroll_y
            await h.pilot.resize_terminal(70, 40)
            await h.settle()
            assert pane(h).scroll_y != row  # the rows moved under the reader...
            assert top_part(h)[0] == before[0]  # ...the passage did not
            await h.press("j")  # and reading on from there works as before
            assert pane(h).scroll_y > row


async def test_only_a_position_that_moved_is_written(tmp_path: Path) -> None:
    articles = [dataclasses.replace(a, blocks=a.blocks * 10) for a in (BLOG, PORTAL)]
    library = FakeLibrary(articles, export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        await h.press("enter", "J", "K", "escape")  # opened both, scrolled neither
        assert library.positions == {}
        await h.press("enter", "space", "J")  # scrolled the first, then moved to the second
        (article_id, saved), *more = library.positions.items()
        assert not more and saved.block > 0 and 0 < saved.progress < 1
        await h.press("K")
        assert pane(h).position == saved  # this session's position, restored
        await h.press("J", "K", "escape")  # not moved since: nothing new to write
        assert library.positions == {article_id: saved}


class _LockedOnce(FakeLibrary):
    """A library whose first position write fails, as when another process holds the file."""

    def __init__(self, articles: list[Article], export_dir: Path) -> None:
        super().__init__(articles, export_dir)
        self.locked = True

    def save_reading_position(self, article_id: int, position: ReadingPosition) -> None:
        if self.locked:
            self.locked = False
            raise StoreError("the cache file could not be used: database is locked")
        super().save_reading_position(article_id, position)


async def test_a_position_whose_save_failed_is_written_as_the_app_closes(tmp_path: Path) -> None:
    articles = [dataclasses.replace(a, blocks=a.blocks * 10) for a in (BLOG, PORTAL)]
    library = _LockedOnce(articles, export_dir=tmp_path)
    async with running(library, size=(80, 24)) as h:
        await h.press("enter", "space", "J")  # leaving the first article: its save fails
        assert library.positions == {}
        assert any("database is locked" in message for message in h.messages)
        second = h.app.screen.current  # type: ignore[attr-defined]
        await h.press("ctrl+q")
    (saved_id,) = library.positions  # the second article was never scrolled: not written
    assert saved_id != second.id and library.positions[saved_id].progress > 0
