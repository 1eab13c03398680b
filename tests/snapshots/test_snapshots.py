"""Snapshots of the main screen, the comment view, search and export at 80x24 and 160x48.

The library is the fixed in-memory one (tests/support/fake_library.py): no fetch times, no
extraction changes, so a snapshot changes only when the UI does. Update deliberately with
``pytest tests/snapshots --snapshot-update`` and look at the SVGs before accepting them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.support.fake_library import BLOG, PORTAL, FakeLibrary
from tests.support.search_ui import wait_until
from textual.pilot import Pilot

from broadsheet.models import Block, BlockKind, Comment, CommentState, CommentThread
from broadsheet.ui.app import BroadsheetApp
from broadsheet.ui.screens.search import SearchScreen

SIZES = [(80, 24), (160, 48)]


def keys(*presses: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press keys one at a time, letting the workers each key starts finish in between."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in presses:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run


def app(tmp_path: Path) -> BroadsheetApp:
    return BroadsheetApp(FakeLibrary([BLOG, PORTAL], export_dir=tmp_path))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_list_only(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    assert snap_compare(app(tmp_path), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reading_chinese_article(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    assert snap_compare(app(tmp_path), terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_comment_thread(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    assert snap_compare(app(tmp_path), terminal_size=size, run_before=keys("j", "enter", "c"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_comments(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    assert snap_compare(app(tmp_path), terminal_size=size, run_before=keys("enter", "c"))


def test_help(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=(80, 24), run_before=keys("question_mark"))


def deep_thread() -> CommentThread:
    """A reply chain eight deep with a long Chinese reply and a sibling at each of two levels."""
    items = [Comment("0", "Where does the thread go from here?", author="root", score=12)]
    for depth in range(1, 8):
        text = (
            "这是一条很长的中文回复，用来检查缩进之后的换行是否仍然正确，标点不会出现在行首。"
            if depth == 4
            else f"A reply at depth {depth}."
        )
        items.append(
            Comment(
                str(depth),
                text,
                parent=str(depth - 1),
                depth=depth,
                author=f"user{depth}",
                is_op=depth == 3,
            )
        )
    items.append(Comment("s1", "A sibling of the first reply.", parent="0", depth=1, author="sib"))
    items.append(Comment("r2", "A second top-level comment.", author="another"))
    return CommentThread(state=CommentState.PRESENT, declared_count=10, items=tuple(items))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_deep_thread(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    article = dataclasses.replace(BLOG, comments=deep_thread())
    app = BroadsheetApp(FakeLibrary([article], export_dir=tmp_path))
    assert snap_compare(app, terminal_size=size, run_before=keys("enter", "c", "j", "j"))


def app_with_sources(tmp_path: Path) -> BroadsheetApp:
    library = FakeLibrary([BLOG, PORTAL], export_dir=tmp_path)
    library.add_source_with("The Quiet Blog", [1])
    library.add_source_with("健康医药网", [2])
    return BroadsheetApp(library)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_source_sidebar(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    # Wide: the sidebar is there; narrow: s shows it. Either way the last source is selected.
    presses = ("shift+tab", "G") if size[0] > 100 else ("s", "G")
    assert snap_compare(app_with_sources(tmp_path), terminal_size=size, run_before=keys(*presses))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_find_in_page(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    presses = ("enter", "ctrl+f", "基", "层", "enter", "n")
    assert snap_compare(app(tmp_path), terminal_size=size, run_before=keys(*presses))


def test_selected_link(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        app(tmp_path), terminal_size=(160, 48), run_before=keys("j", "enter", "tab")
    )


def test_table_of_contents(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app(tmp_path), terminal_size=(80, 24), run_before=keys("enter", "t"))


def search_for(*chars: str, then: Sequence[str] = ()) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Open search, type, wait until the results answer the text, then press ``then``."""

    async def run(pilot: Pilot[Any]) -> None:
        await keys("slash")(pilot)
        for char in chars:
            await pilot.press(char)
        screen = pilot.app.screen
        assert isinstance(screen, SearchScreen)
        await wait_until(pilot, lambda: not screen.pending, "search results")
        await keys(*then)(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_results(snap_compare: Any, tmp_path: Path, size: Sequence[int]) -> None:
    assert snap_compare(app(tmp_path), terminal_size=size, run_before=search_for("基", "层"))


def test_search_result_opened_with_hits(snap_compare: Any, tmp_path: Path) -> None:
    run = search_for("基", "层", then=("enter", "n"))
    assert snap_compare(app(tmp_path), terminal_size=(160, 48), run_before=run)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog(snap_compare: Any, size: Sequence[int]) -> None:
    # A fixed folder that does not exist: the dialog only suggests a path, nothing is written.
    library = FakeLibrary([BLOG, PORTAL], export_dir=Path("/home/reader/exports"))
    run = keys("j", "enter", "e")
    assert snap_compare(BroadsheetApp(library), terminal_size=size, run_before=run)


def wide_table_app(tmp_path: Path) -> BroadsheetApp:
    """BLOG with its table grown to 30 columns and 250 rows: the pane shows what fits and a
    note of what it left out (issue 8)."""
    rows = tuple(tuple(f"h{c}" if r == 0 else f"{r}.{c}" for c in range(30)) for r in range(251))
    table = Block(BlockKind.TABLE, "", rows=rows, header=True)
    blocks = tuple(table if b.kind == BlockKind.TABLE else b for b in BLOG.blocks)
    article = dataclasses.replace(BLOG, blocks=blocks)
    return BroadsheetApp(FakeLibrary([article], export_dir=tmp_path))


def test_wide_table_top(snap_compare: Any, tmp_path: Path) -> None:
    run = keys("enter")
    assert snap_compare(wide_table_app(tmp_path), terminal_size=(160, 48), run_before=run)


def test_wide_table_end(snap_compare: Any, tmp_path: Path) -> None:
    run = keys("enter", "G")
    assert snap_compare(wide_table_app(tmp_path), terminal_size=(80, 24), run_before=run)
