"""Reading positions in the reading pane: a scroll offset in rows to an anchor and back.

The pane shows an article as a column of parts (title, metadata line, summary, one per body
block, the link sections). A position is kept as the part at the top of the pane and how far
down it the top is (``ReadingPosition``, stored by ``broadsheet.store.positions``), because a
row count stops meaning the same passage as soon as the text wraps at another width: a
resized pane, a wider terminal the next day. The part and the fraction of it do.

Each part owns the rows from its first row to the next part's first row, its bottom margin
included, so every row of the pane belongs to exactly one part and, at an unchanged width,
turning rows into an anchor and back gives the same row.

Pure functions over the parts' first rows, so they are tested without an app; the pane
supplies the rows from its layout.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from broadsheet.store.positions import TOP, ReadingPosition

__all__ = ["TOP", "ReadingPosition", "anchor", "scroll_target"]


def _span(starts: Sequence[int], end: int, index: int) -> tuple[int, int]:
    """The rows part ``index`` owns: from its first row (0 for the first part, whose top
    margin is part of it) to the next part's first row, or ``end`` for the last part."""
    first = 0 if index == 0 else starts[index]
    after = starts[index + 1] if index + 1 < len(starts) else max(end, first)
    return first, max(after, first)


def anchor(
    starts: Sequence[int], end: int, scroll_y: float, max_scroll_y: float
) -> ReadingPosition:
    """The position of a pane scrolled to ``scroll_y`` whose parts start at rows ``starts``
    (ascending) and whose content ends at row ``end``."""
    progress = scroll_y / max_scroll_y if max_scroll_y > 0 else 0.0
    if not starts:
        return ReadingPosition.of(0, 0.0, progress)
    index = max(bisect_right(starts, scroll_y) - 1, 0)
    first, after = _span(starts, end, index)
    fraction = (scroll_y - first) / (after - first) if after > first else 0.0
    return ReadingPosition.of(index, fraction, progress)


def scroll_target(
    position: ReadingPosition, starts: Sequence[int], end: int, max_scroll_y: float
) -> float:
    """The row to scroll to for ``position`` in a pane laid out as ``starts`` / ``end``.

    An article left at its end reopens at its end, whatever the width; a part past the last
    one (the article changed since) means the last part.
    """
    if position.at_end:
        return max_scroll_y
    if not starts:
        return 0.0
    index = min(position.block, len(starts) - 1)
    first, after = _span(starts, end, index)
    row = round(first + position.fraction * (after - first))
    return float(min(max(row, 0), max_scroll_y))
