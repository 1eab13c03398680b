"""The comment view: a thread drawn as a tree with indentation guides, collapsible by subtree.

Textual's ``Tree`` keeps one line per node, which cuts comments short, so each comment is an
``OptionList`` option drawn by ``CommentVisual`` (comment_visual.py): the guides (one ``│``
per level) are repeated on every wrapped line, so long Chinese or English comments wrap at the
width left after the indentation and the shape of the thread stays visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from broadsheet.models import Comment, CommentThread
from broadsheet.ui.render import comments_heading
from broadsheet.ui.widgets.comment_visual import CommentVisual, comment_body, comment_header


@dataclass(frozen=True, slots=True)
class _Node:
    """A comment with its place in the thread, computed once per thread."""

    index: int
    comment: Comment
    depth: int
    parent: int | None


class CommentList(OptionList):
    """The thread itself. Keys move, collapse and expand; the screen never reaches inside."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next comment", show=False, id="comments.down"),
        Binding("k", "cursor_up", "Previous comment", show=False, id="comments.up"),
        Binding("g", "first", "First comment", show=False, id="comments.first"),
        Binding("G", "last", "Last comment", show=False, id="comments.last"),
        Binding("space", "page_down", "Page down", show=False, id="comments.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="comments.page_up"),
        Binding("h", "collapse", "Collapse", id="comments.collapse"),
        Binding("l", "expand", "Expand", id="comments.expand"),
        Binding("enter", "fold", "Fold", show=False, id="comments.toggle"),
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._entries: list[_Node] = []
        self._children: dict[int, list[int]] = {}
        self._collapsed: set[int] = set()

    def set_comments(self, comments: tuple[Comment, ...]) -> None:
        """Show a new thread, all expanded, highlighting the first comment."""
        by_id: dict[str, int] = {}
        self._entries = []
        self._children = {}
        self._collapsed = set()
        for index, comment in enumerate(comments):
            parent = by_id.get(comment.parent) if comment.parent else None
            depth = self._entries[parent].depth + 1 if parent is not None else 0
            self._entries.append(_Node(index, comment, depth, parent))
            self._children.setdefault(parent if parent is not None else -1, []).append(index)
            by_id.setdefault(comment.id, index)
        self._rebuild(0 if self._entries else None)

    def _descendants(self, index: int) -> Iterator[int]:
        for child in self._children.get(index, ()):
            yield child
            yield from self._descendants(child)

    def _visible(self) -> Iterator[int]:
        def walk(parent: int) -> Iterator[int]:
            for child in self._children.get(parent, ()):
                yield child
                if child not in self._collapsed:
                    yield from walk(child)

        yield from walk(-1)

    def _rebuild(self, keep: int | None) -> None:
        options = []
        for index in self._visible():
            node = self._entries[index]
            hidden = sum(1 for _ in self._descendants(index)) if index in self._collapsed else 0
            body = Content("") if hidden else comment_body(node.comment)
            header = comment_header(node.comment, collapsed_replies=hidden)
            options.append(Option(CommentVisual(node.depth, header, body), id=str(index)))
        self.set_options(options)
        if keep is not None and options:
            self.highlighted = self.get_option_index(str(keep))

    @property
    def current(self) -> int | None:
        """Index of the highlighted comment in the thread, if any."""
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def is_collapsed(self, index: int) -> bool:
        """Whether the replies of comment ``index`` are hidden."""
        return index in self._collapsed

    def action_collapse(self) -> None:
        """Hide the replies of the highlighted comment, or go to its parent if already hidden."""
        index = self.current
        if index is None:
            return
        if self._children.get(index) and index not in self._collapsed:
            self._collapsed.add(index)
            self._rebuild(index)
        elif (parent := self._entries[index].parent) is not None:
            self.highlighted = self.get_option_index(str(parent))

    def action_expand(self) -> None:
        """Show the replies of the highlighted comment again."""
        index = self.current
        if index is not None and index in self._collapsed:
            self._collapsed.discard(index)
            self._rebuild(index)

    def action_fold(self) -> None:
        """Fold or unfold the highlighted comment's replies."""
        index = self.current
        if index is None:
            return
        if index in self._collapsed:
            self.action_expand()
        else:
            self.action_collapse()

    def action_parent(self) -> None:
        """Jump to the comment this one answers."""
        index = self.current
        if index is not None and (parent := self._entries[index].parent) is not None:
            self.highlighted = self.get_option_index(str(parent))

    def _root_of(self, index: int) -> int:
        while (parent := self._entries[index].parent) is not None:
            index = parent
        return index

    def _jump_root(self, step: int) -> None:
        roots = self._children.get(-1, [])
        index = self.current
        if index is None or not roots:
            return
        position = roots.index(self._root_of(index)) + step
        if 0 <= position < len(roots):
            self.highlighted = self.get_option_index(str(roots[position]))

    def _jump_sibling(self, step: int) -> None:
        index = self.current
        if index is None:
            return
        parent = self._entries[index].parent
        siblings = self._children.get(parent if parent is not None else -1, [])
        position = siblings.index(index) + step
        if 0 <= position < len(siblings):
            self.highlighted = self.get_option_index(str(siblings[position]))

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

    def compose(self) -> ComposeResult:
        yield Static(id="comments-heading", markup=False)
        yield CommentList(id="comment-list")

    def show_thread(self, thread: CommentThread) -> None:
        """Replace what is shown with ``thread``."""
        heading = self.query_one("#comments-heading", Static)
        heading.update(Content(comments_heading(thread)))
        comment_list = self.query_one(CommentList)
        comment_list.set_comments(thread.items)
        comment_list.display = bool(thread.items)
