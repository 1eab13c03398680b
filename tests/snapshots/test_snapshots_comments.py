"""Snapshots of the comment view: a deep thread with a folded reply, the hidden count, the
count line and the "more comments" entry, at 80x24 and 160x48.

The thread is fixed (the in-memory library), so a snapshot changes only when the view does.
Update deliberately with ``pytest tests/snapshots/test_snapshots_comments.py
--snapshot-update`` and look at the SVGs before accepting them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.support.comments_area import PagingFakeLibrary, blog_with
from textual.pilot import Pilot

from broadsheet.models import Comment, CommentState, CommentThread
from broadsheet.ui.app import BroadsheetApp

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


def deep_folded_thread() -> CommentThread:
    """Six levels, a Chinese reply with punctuation at the break, a folded side thread, and a
    next page: everything the view draws in one screen."""
    items = [
        Comment("0", "Is leaf mould worth the wait?", author="root", score=41,
                published="2026-01-02T09:15:00"),
        Comment("s", "Two years, but yes.", parent="0", depth=1, author="side"),
        Comment("s1", "Folded away.", parent="s", depth=2, author="x"),
        Comment("s2", "Also folded.", parent="s1", depth=3, author="y"),
    ]  # fmt: skip
    parent = "0"
    for depth in range(1, 6):
        text = (
            "落叶堆肥需要一到两年的时间，但是效果非常好，特别适合用来改良黏重的土壤。"
            "记得保持湿润，并且每隔几个月翻动一次。"
            if depth == 3
            else f"A reply at depth {depth}, long enough to wrap on a narrow terminal screen."
        )
        cid = f"d{depth}"
        items.append(
            Comment(cid, text, parent=parent, depth=depth, author=f"user{depth}",
                    is_op=depth == 2, score=depth if depth % 2 else None)
        )  # fmt: skip
        parent = cid
    items.append(Comment("r2", "A second top-level comment.", author="another"))
    return CommentThread(
        state=CommentState.PRESENT,
        declared_count=40,
        items=tuple(items),
        next_page="http://blog.example/posts/slow-reading/comment-page-2/",
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_deep_thread_folded_with_more(
    snap_compare: Any, tmp_path: Path, size: Sequence[int]
) -> None:
    library = PagingFakeLibrary([blog_with(deep_folded_thread())], tmp_path)
    # Open, comments, fold the side thread (second comment), then move down into the chain.
    presses = ("enter", "c", "j", "h", "j", "j")
    assert snap_compare(BroadsheetApp(library), terminal_size=size, run_before=keys(*presses))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_deep_thread_end_with_more_entry(
    snap_compare: Any, tmp_path: Path, size: Sequence[int]
) -> None:
    library = PagingFakeLibrary([blog_with(deep_folded_thread())], tmp_path)
    presses = ("enter", "c", "G")
    assert snap_compare(BroadsheetApp(library), terminal_size=size, run_before=keys(*presses))
