"""The comment view: a thread drawn as a tree with indentation guides, collapsible by subtree.

Textual's ``Tree`` keeps one line per node, which cuts comments short, and an ``OptionList``
lays out every option (at two widths) whenever the list changes, which took seconds for a
3,000-comment thread. ``CommentList`` is therefore a ``ScrollView`` on the Line API, as
toolong draws its logs: it keeps one height per visible comment (counted, not rendered, see
``CommentVisual.line_count``) and a running total, and draws only the lines on screen. Folding
a subtree rebuilds the list of visible comments and the totals, never a widget. Each comment is
drawn by ``CommentVisual`` (comment_visual.py): the guides (one ``│`` per level) are repeated on
every wrapped line, so long Chinese or English comments wrap at the width left after the
indentation and the shape of the thread stays visible.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widgets import Static

from broadsheet.models import Comment, CommentState, CommentThread
from broadsheet.ui.render import comments_heading
from broadsheet.ui.thread_shape import ThreadShape
from broadsheet.ui.widgets.comment_visual import CommentVisual, comment_body, comment_header

MORE = -1  # the row of the "more comments" entry, after the last comment


def thread_heading(thread: CommentThread, shown: int | None = None) -> str:
    """The count line: "12 comments · 3 shown of 40 declared", or why there are none.

    ``shown`` is how many comments are visible (folded replies are not); it is left out when
    everything is shown. The declared count is the page's own ("全部评论(40)"), given when it
    differs from what was found, since a first page or a lazy site shows fewer.
    """
    found = len(thread.items)
    if not found and thread.state != CommentState.PRESENT:
        return comments_heading(thread)
    text = f"{found} {'comment' if found == 1 else 'comments'}"
    if shown is not None and shown != found:
        text += f" · {shown} shown"
    declared = thread.declared_count
    if declared is not None and declared != found:
        text += f" of {declared} declared"
    return text


class CommentList(ScrollView, can_focus=True):
    """The thread itself. Keys move, collapse and expand; the screen never reaches inside."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"comment-list--cursor", "comment-list--more"}

    DEFAULT_CSS = """
    CommentList {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        & > .comment-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .comment-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .comment-list--more {
            color: $accent;
            text-style: bold;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next comment", show=False, id="comments.down"),
        Binding("k", "cursor_up", "Previous comment", show=False, id="comments.up"),
        Binding("g", "first", "First comment", show=False, id="comments.first"),
        Binding("G", "last", "Last comment", show=False, id="comments.last"),
        Binding("space", "page_down", "Page down", show=False, id="comments.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="comments.page_up"),
        Binding("h", "collapse", "Collapse", id="comments.collapse"),
        Binding("l", "expand", "Expand", id="comments.expand"),
        Binding("enter", "fold", "Fold, or load more", show=False, id="comments.toggle"),
        Binding("p", "parent", "Parent", show=False, id="comments.parent"),
        Binding(
            "right_square_bracket", "next_root", "Next thread", show=False, id="comments.next_root"
        ),
        Binding(
            "left_square_bracket",
            "previous_root",
            "Previous thread",
            show=False,
            id="comments.previous_root",
        ),
        Binding(
            "right_curly_bracket",
            "next_sibling",
            "Next reply at this level",
            show=False,
            id="comments.next_sibling",
        ),
        Binding(
            "left_curly_bracket",
            "previous_sibling",
            "Previous reply at this level",
            show=False,
            id="comments.previous_sibling",
        ),
    ]

    class MoreRequested(Message):
        """The user activated "more comments": the screen fetches ``url`` and merges it."""

        def __init__(self, comment_list: CommentList, url: str) -> None:
            super().__init__()
            self.comment_list = comment_list
            self.url = url

        @property
        def control(self) -> CommentList:
            return self.comment_list

    class Folded(Message):
        """Comments were hidden or shown again, so the count of shown comments changed."""

        def __init__(self, comment_list: CommentList) -> None:
            super().__init__()
            self.comment_list = comment_list

        @property
        def control(self) -> CommentList:
            return self.comment_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shape = ThreadShape()
        self._visuals: dict[int, CommentVisual] = {}
        # (comment, width, style) -> drawn lines, for the comments on screen (and a few more).
        self._strip_cache: dict[tuple[int, int, Style], list[Strip]] = {}
        self._rows: list[int] = []  # visible comment indices in order, then MORE if any
        self._position: dict[int, int] = {}  # comment index -> row
        self._offsets: list[int] = [0]  # first line of each row; the last item is the total
        self._layout_width = 0
        self._cursor = 0  # a row
        self.next_page: str | None = None
        self.loading_more = False

    # -- the thread --------------------------------------------------------------------------

    def set_comments(
        self, comments: tuple[Comment, ...], next_page: str | None = None, *, keep: bool = False
    ) -> None:
        """Show a thread, highlighting the first comment.

        With ``keep`` (a thread that grew by a page of "more comments") folds made by id stay
        folded and the cursor goes to the first comment that was not there before.
        """
        old = self._shape
        old_ids = {node.comment.id for node in old.nodes} if keep else set()
        self._shape = ThreadShape(comments, old.folded_ids if keep else ())
        self._visuals = {}
        self._strip_cache = {}
        self.next_page = next_page
        self.loading_more = False
        first_new = next(
            (n.index for n in self._shape.nodes if keep and n.comment.id not in old_ids), None
        )
        self._rebuild(first_new if first_new is not None else 0 if self._shape else None)
        if not keep:
            self.scroll_to(y=0, animate=False, immediate=True)

    def set_loading_more(self, loading: bool) -> None:
        """Say on the "more comments" row that the next page is on its way (or failed)."""
        self.loading_more = loading
        if self.next_page is not None:
            self._visuals.pop(MORE, None)
            self._strip_cache.clear()
            self.refresh()

    @property
    def option_count(self) -> int:
        """How many comments are visible (the "more comments" row is not one)."""
        return len(self._rows) - (1 if self._rows and self._rows[-1] == MORE else 0)

    @property
    def shown_count(self) -> int:
        """How many comments are visible, for the heading."""
        return self.option_count

    @property
    def current(self) -> int | None:
        """Index of the highlighted comment in the thread (None on "more comments")."""
        if not self._rows:
            return None
        index = self._rows[self._cursor]
        return None if index == MORE else index

    @property
    def on_more(self) -> bool:
        """Whether the cursor is on the "more comments" row."""
        return bool(self._rows) and self._rows[self._cursor] == MORE

    def is_collapsed(self, index: int) -> bool:
        """Whether the replies of comment ``index`` are hidden."""
        return index in self._shape.collapsed

    def hidden_replies(self, index: int) -> int:
        """How many comments folding ``index`` hides (all its descendants)."""
        return self._shape.hidden_replies(index)

    # -- layout: heights per row, drawn lines only on screen ---------------------------------

    def _visual(self, index: int) -> CommentVisual:
        if (visual := self._visuals.get(index)) is not None:
            return visual
        if index == MORE:
            label = "Loading more comments…" if self.loading_more else "More comments ▸"
            hint = "" if self.loading_more else "  enter loads the next page"
            visual = CommentVisual(0, Content.assemble((label, "bold"), (hint, "dim")), Content(""))
        else:
            node = self._shape.nodes[index]
            hidden = self.hidden_replies(index) if self.is_collapsed(index) else 0
            body = Content("") if hidden else comment_body(node.comment)
            header = comment_header(node.comment, collapsed_replies=hidden)
            visual = CommentVisual(node.depth, header, body)
        self._visuals[index] = visual
        return visual

    def _height(self, index: int, width: int) -> int:
        return self._visual(index).line_count(width)

    def _relayout(self) -> None:
        """Heights of the visible rows at the current width, and the scrollable size."""
        width = self.scrollable_content_region.width
        self._layout_width = width
        if width <= 0:
            self._offsets = [0] * (len(self._rows) + 1)
        else:
            heights = (self._height(index, width) for index in self._rows)
            self._offsets = [0, *accumulate(heights)]
        self.virtual_size = Size(width, self._offsets[-1])
        self.refresh()

    def _rebuild(self, keep: int | None) -> None:
        """The visible rows after a fold or a new thread; the cursor stays on ``keep``."""
        self._rows = list(self._shape.visible())
        if self.next_page is not None:
            self._rows.append(MORE)
        self._position = {index: row for row, index in enumerate(self._rows)}
        self._relayout()
        row = self._position.get(keep, 0) if keep is not None else 0
        self._move_to(row)

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._relayout()
            self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        row = bisect_right(self._offsets, line) - 1
        if not 0 <= row < len(self._rows) or width != self._layout_width:
            return Strip.blank(width, self.rich_style)
        index = self._rows[row]
        if row == self._cursor:
            style = self.get_visual_style("comment-list--cursor")
        elif index == MORE:
            style = self.get_visual_style("comment-list--more")
        else:
            style = Style()
        strips = self._strips(index, width, style)
        offset = line - self._offsets[row]
        if offset >= len(strips):
            return Strip.blank(width, self.rich_style)
        return strips[offset].apply_style(self.rich_style)

    def _strips(self, index: int, width: int, style: Style) -> list[Strip]:
        key = (index, width, style)
        if (cached := self._strip_cache.get(key)) is not None:
            return cached
        visual = self._visual(index)
        strips = Visual.to_strips(self, visual, width, None, style)
        strips = [strip.extend_cell_length(width, style.rich_style) for strip in strips]
        if len(self._strip_cache) >= 256:
            self._strip_cache.clear()
        self._strip_cache[key] = strips
        return strips

    # -- the cursor ----------------------------------------------------------------------------

    def _move_to(self, row: int) -> None:
        if not self._rows:
            self._cursor = 0
            return
        self._cursor = max(0, min(row, len(self._rows) - 1))
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        if not self._rows or len(self._offsets) <= self._cursor + 1:
            return
        top = self._offsets[self._cursor]
        height = self._offsets[self._cursor + 1] - top
        view = self.scrollable_content_region.height
        # A comment taller than the view shows its start: that is where reading begins.
        region = Region(0, top, self._layout_width, min(height, max(view, 1)))
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def select_comment(self, index: int) -> None:
        """Highlight comment ``index`` (unfolded ancestors are assumed: it must be visible)."""
        if (row := self._position.get(index)) is not None:
            self._move_to(row)

    def action_cursor_down(self) -> None:
        """The next visible comment."""
        self._move_to(self._cursor + 1)

    def action_cursor_up(self) -> None:
        """The previous visible comment."""
        self._move_to(self._cursor - 1)

    def action_first(self) -> None:
        """The first comment."""
        self._move_to(0)

    def action_last(self) -> None:
        """The last row (the "more comments" entry when there is one)."""
        self._move_to(len(self._rows) - 1)

    def action_page_down(self) -> None:
        """A screen further: the first comment that starts below the current view."""
        target = self.scroll_offset.y + self.scrollable_content_region.height
        self._move_to(max(self._cursor + 1, bisect_right(self._offsets, target) - 1))

    def action_page_up(self) -> None:
        """A screen back."""
        target = max(self._offsets[self._cursor] - self.scrollable_content_region.height, 0)
        self._move_to(min(self._cursor - 1, bisect_right(self._offsets, target) - 1))

    def on_click(self, event: events.Click) -> None:
        """A click highlights the comment under the mouse; a second click acts as enter."""
        row = bisect_right(self._offsets, event.y + self.scroll_offset.y) - 1
        if 0 <= row < len(self._rows):
            if (row == self._cursor and event.chain >= 2) or self._rows[row] == MORE:
                self._move_to(row)
                self.action_fold()
            else:
                self._move_to(row)

    # -- folding and jumps ---------------------------------------------------------------------

    def _refold(self, index: int) -> None:
        self._visuals.pop(index, None)  # its header shows the hidden count, or not
        self._strip_cache.clear()
        self._rebuild(index)
        self.post_message(self.Folded(self))

    def action_collapse(self) -> None:
        """Hide the replies of the highlighted comment, or go to its parent if already hidden."""
        index = self.current
        if index is None:
            return
        if self._shape.has_replies(index) and not self.is_collapsed(index):
            self._shape.collapsed.add(index)
            self._refold(index)
        elif (parent := self._shape.parent(index)) is not None:
            self.select_comment(parent)

    def action_expand(self) -> None:
        """Show the replies of the highlighted comment again."""
        index = self.current
        if index is not None and self.is_collapsed(index):
            self._shape.collapsed.discard(index)
            self._refold(index)

    def action_fold(self) -> None:
        """Fold or unfold the highlighted comment's replies; on "more comments", load them."""
        if self.on_more:
            if self.next_page is not None and not self.loading_more:
                self.set_loading_more(True)
                self.post_message(self.MoreRequested(self, self.next_page))
            return
        index = self.current
        if index is None:
            return
        if self.is_collapsed(index):
            self.action_expand()
        else:
            self.action_collapse()

    def action_parent(self) -> None:
        """Jump to the comment this one answers."""
        index = self.current
        if index is not None and (parent := self._shape.parent(index)) is not None:
            self.select_comment(parent)

    def _jump_root(self, step: int) -> None:
        # On "more comments" (no current comment), [ goes back to the last thread.
        target = self._shape.step_root(self.current, step)
        if target is not None:
            self.select_comment(target)

    def _jump_sibling(self, step: int) -> None:
        index = self.current
        target = self._shape.step_sibling(index, step) if index is not None else None
        if target is not None:
            self.select_comment(target)

    def action_next_sibling(self) -> None:
        """Jump to the next comment answering the same parent (skipping the replies between)."""
        self._jump_sibling(1)

    def action_previous_sibling(self) -> None:
        """Jump to the previous comment answering the same parent."""
        self._jump_sibling(-1)

    def action_next_root(self) -> None:
        """Jump to the next top-level comment."""
        self._jump_root(1)

    def action_previous_root(self) -> None:
        """Jump to the previous top-level comment."""
        self._jump_root(-1)


class CommentView(Vertical):
    """The header with the count (or why there are no comments) above the thread."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.thread = CommentThread()

    def compose(self) -> ComposeResult:
        yield Static(id="comments-heading", markup=False)
        yield CommentList(id="comment-list")

    def show_thread(self, thread: CommentThread, *, grown: bool = False) -> None:
        """Replace what is shown with ``thread``; ``grown`` keeps folds (a merged next page)."""
        self.thread = thread
        comment_list = self.query_one(CommentList)
        comment_list.set_comments(thread.items, thread.next_page, keep=grown)
        comment_list.display = bool(thread.items) or thread.next_page is not None
        self._update_heading()

    def more_failed(self) -> None:
        """The next page could not be fetched: offer the entry again."""
        self.query_one(CommentList).set_loading_more(False)

    def _update_heading(self) -> None:
        heading = self.query_one("#comments-heading", Static)
        shown = self.query_one(CommentList).shown_count
        heading.update(Content(thread_heading(self.thread, shown)))

    def on_comment_list_folded(self, message: CommentList.Folded) -> None:
        self._update_heading()
