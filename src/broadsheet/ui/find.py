"""Find in page: where a query occurs in the pane's texts, and those texts with hits marked.

Matching is case-insensitive (``casefold``) on the plain text each widget shows, so it works
the same for Chinese (no case) and English. Pure functions, no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

HIT_STYLE = "on $warning-muted"
CURRENT_STYLE = "bold reverse"


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence: the index of the text it is in, and its character range there."""

    text: int
    start: int
    end: int


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded, with the original index of each folded character.

    ``casefold`` can change a string's length (ß -> ss), so offsets are mapped back.
    """
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = char.casefold()
        folded.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(folded), origin


def find_hits(texts: list[str], query: str) -> list[Hit]:
    """Every non-overlapping occurrence of ``query`` in ``texts``, in reading order."""
    needle = query.casefold()
    if not needle.strip():
        return []
    hits: list[Hit] = []
    for number, text in enumerate(texts):
        haystack, origin = _folded(text)
        start = haystack.find(needle)
        while start != -1:
            end = start + len(needle)
            hits.append(Hit(number, origin[start], origin[end - 1] + 1))
            start = haystack.find(needle, end)
    return hits


def find_any_hits(texts: list[str], needles: list[str]) -> list[Hit]:
    """Every occurrence of any of ``needles`` in ``texts``, in reading order, none overlapping.

    Used to show a search's terms in the opened article: where two terms overlap, the one
    that starts first wins (the longer one when they start together).
    """
    found = sorted(
        (hit for needle in needles for hit in find_hits(texts, needle)),
        key=lambda h: (h.text, h.start, -(h.end - h.start)),
    )
    merged: list[Hit] = []
    for hit in found:
        last = merged[-1] if merged else None
        if last is not None and last.text == hit.text and hit.start < last.end:
            continue
        merged.append(hit)
    return merged


def mark_hits(content: Content, hits: list[Hit], current: Hit | None) -> Content:
    """``content`` with each hit (all in this text) styled, the current one distinctly."""
    for hit in hits:
        style = CURRENT_STYLE if hit == current else HIT_STYLE
        content = content.stylize(style, hit.start, hit.end)
    return content
