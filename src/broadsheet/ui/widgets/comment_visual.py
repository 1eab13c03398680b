"""How one comment is drawn: depth guides, a header line, and the body wrapped beside them.

``CommentVisual`` is a Textual ``Visual`` (not a Rich renderable) so that ``OptionList`` can
ask for its height and lines cheaply: the wrapped lines are computed once per width and
reused for both, which matters for threads of thousands of comments. Lines are broken with
the kinsoku rules of ``cjkwrap``, so Chinese comments wrap at the width left after the guides.
"""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from broadsheet.models import BlockKind, Comment
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.ui.cjkwrap import break_lines, break_offsets
from broadsheet.ui.render import short_date

GUIDE_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red")
_MIN_TEXT_WIDTH = 8


def comment_header(comment: Comment, *, collapsed_replies: int = 0) -> Content:
    """Author, the article author's mark, time and score; hidden replies when collapsed."""
    parts: list[str | tuple[str, str]] = [(clean_line(comment.author) or "anonymous", "bold")]
    # Separators stay unstyled: some SVG renderers drop leading spaces of a styled run.
    if comment.is_op:
        parts += [" ", ("✎ author", "bold reverse")]
    if comment.published:
        parts += ["  ", (short_date(comment.published), "dim")]
    if comment.score is not None:
        parts += ["  ", (f"▲ {comment.score}", "dim")]
    if collapsed_replies:
        noun = "reply" if collapsed_replies == 1 else "replies"
        parts += ["  ", (f"[+{collapsed_replies} {noun} hidden]", "italic")]
    return Content.assemble(*parts)


def comment_body(comment: Comment) -> Content:
    """The comment's text; with blocks, quotes get a bar and code a shaded background."""
    if not comment.blocks:
        return Content(clean_text(comment.text).strip())
    parts: list[Content] = []
    for block in comment.blocks:
        text = clean_text(block.text).strip()
        if not text:
            continue
        if block.kind == BlockKind.QUOTE:
            parts.append(
                Content("\n").join(
                    Content.assemble(("▌ ", "dim"), (line, "italic")) for line in text.splitlines()
                )
            )
        elif block.kind == BlockKind.CODE:
            parts.append(Content.styled(text, "reverse"))
        else:
            parts.append(Content(text))
    return Content("\n\n").join(parts)


@lru_cache(maxsize=256)
def guides(depth: int) -> Content:
    """The ``│`` guides for ``depth`` levels; shared (Content is immutable), since building
    them for each of thousands of comments was a third of the time to open a long thread."""
    return Content.assemble(
        *[("│ ", f"dim {GUIDE_COLOURS[level % len(GUIDE_COLOURS)]}") for level in range(depth)]
    )


class CommentVisual(Visual):
    """A comment at ``depth``: every line, and a blank line after, behind ``depth`` guides."""

    def __init__(self, depth: int, header: Content, body: Content) -> None:
        self.depth = depth
        self.header = header
        self.body = body
        self._guides = guides(depth)
        # width -> (lines, height): the comment list asks again only when its width changes.
        self._cache: dict[int, tuple[Content, int]] = {}
        self._heights: dict[int, int] = {}

    def line_count(self, width: int) -> int:
        """The height at ``width`` without building the lines: counting breaks is cheaper,
        and the list needs every comment's height but draws only the few on screen."""
        if (known := self._heights.get(width)) is not None:
            return known
        if (cached := self._cache.get(width)) is not None:
            return cached[1]
        text_width = max(width - 2 * self.depth, _MIN_TEXT_WIDTH)
        count = 1  # the blank line that keeps comments apart
        parts = (self.header.plain, self.body.plain) if self.body.plain else (self.header.plain,)
        for part in parts:
            for line in part.split("\n"):
                count += len(break_offsets(line, text_width)) + 1
        if len(self._heights) >= 4:
            self._heights.clear()
        self._heights[width] = count
        return count

    def _layout(self, width: int) -> tuple[Content, int]:
        """The whole comment as pre-broken lines for ``width`` cells, and its height."""
        if (cached := self._cache.get(width)) is not None:
            return cached
        text_width = max(width - 2 * self.depth, _MIN_TEXT_WIDTH)
        lines = break_lines(self.header, text_width)
        if self.body.plain:
            lines += break_lines(self.body, text_width)
        lines.append(Content(""))  # keeps comments apart
        joined = Content("\n").join(self._guides + line for line in lines)
        if len(self._cache) >= 4:
            self._cache.clear()
        self._cache[width] = (joined, len(lines))
        return joined, len(lines)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        content, _ = self._layout(width)
        return content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._layout(width)[1]
