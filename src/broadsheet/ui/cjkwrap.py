"""Line breaking for Chinese and Japanese text, with the basic kinsoku rules.

Textual wraps a run of Han characters by folding it at the exact cell width, so a line can
start with "，" or "。" and end with "（" or "“", which a Chinese reader sees as broken
typesetting. ``break_offsets`` breaks between any two wide characters (and between words
of Latin text, as usual) but moves a break back by one character when the next line would
start with closing punctuation or the line would end with an opening one.
``KinsokuContent`` is a Textual Visual that applies these breaks and leaves the drawing to
``Content``; it is used only for text that contains wide characters.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

# Characters that must not begin a line (closing punctuation, small kana, iteration marks).
NO_START = frozenset(
    "，。、；：？！）」』】》〉〕｝］”’…‥—～·・ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "％‰℃,.;:?!)]}>%"
)
# Characters that must not end a line (opening brackets and quotes).
NO_END = frozenset("（「『【《〈〔｛［“‘([{<")


def is_wide(char: str) -> bool:
    """A character that takes two cells and may be broken around (Han, kana, fullwidth)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def has_wide(text: str) -> bool:
    """Whether ``text`` has any wide characters, so kinsoku breaking is worth applying."""
    return any(is_wide(char) for char in text)


def _tokens(text: str) -> list[tuple[int, int]]:
    """Spans that may not be split: one wide character, or a run of other non-space characters,
    each with the spaces that follow it."""
    spans: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        start = index
        if is_wide(text[index]):
            index += 1
        else:
            while index < length and text[index] != " " and not is_wide(text[index]):
                index += 1
        while index < length and text[index] == " ":
            index += 1
        if index == start:  # cannot happen, but never loop forever
            index += 1
        spans.append((start, index))
    return spans


def _fold(text: str, start: int, end: int, width: int) -> int:
    """Where to cut a token too long for a whole line: as many characters as fit (at least 1)."""
    used = 0
    for index in range(start, end):
        used += cell_len(text[index])
        if used > width:
            return max(index, start + 1)
    return end


def _forbidden(text: str, spans: list[tuple[int, int]], index: int) -> bool:
    """Whether breaking before token ``index`` breaks a kinsoku rule."""
    previous_start, previous_end = spans[index - 1]
    previous_last = text[previous_start:previous_end].rstrip(" ")[-1:]
    return text[spans[index][0]] in NO_START or previous_last in NO_END


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets at which to break one line of ``text`` so that each part fits ``width`` cells."""
    if width < 2 or cell_len(text) <= width:
        return []
    spans = _tokens(text)
    offsets: list[int] = []
    first = 0  # index of the token that starts the current line
    used = 0
    index = 0
    while index < len(spans):
        start, end = spans[index]
        core = cell_len(text[start:end].rstrip(" "))
        if used + core <= width:
            used += cell_len(text[start:end])
            index += 1
            continue
        if index == first:  # a single token wider than the line: fold it
            cut = _fold(text, start, end, width)
            offsets.append(cut)
            spans[index] = (cut, end)
            used = 0
            continue
        breaking = index
        # Carry characters over to the next line while the break would leave closing
        # punctuation first on it or an opening one last on this line ("。”" and "”（" chain).
        while breaking - 1 > first and _forbidden(text, spans, breaking):
            breaking -= 1
        offsets.append(spans[breaking][0])
        first = index = breaking
        used = 0
    return offsets


def break_lines(content: Content, width: int) -> list[Content]:
    """``content`` as lines that each fit ``width`` cells, broken by ``break_offsets``."""
    lines: list[Content] = []
    for line in content.split(allow_blank=True):
        offsets = break_offsets(line.plain, width)
        parts = line.divide(offsets) if offsets else [line]
        lines.extend(part.rstrip() for part in parts)
    return lines


class KinsokuContent(Visual):
    """``Content`` broken into lines with ``break_offsets`` before Textual draws it."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._cache: tuple[int, Content] | None = None

    def broken(self, width: int) -> Content:
        """The content with explicit newlines where each line must break at ``width``."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        result = Content("\n").join(break_lines(self.content, width))
        self._cache = (width, result)
        return result

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.broken(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.broken(width).get_height(rules, width)

    @property
    def plain(self) -> str:
        """The text, for tests and for anything that reads a Static's content."""
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain


def wrap_for_reading(content: Content) -> Content | KinsokuContent:
    """Use kinsoku breaking for text with wide characters, Textual's own wrapping otherwise."""
    return KinsokuContent(content) if has_wide(content.plain) else content
