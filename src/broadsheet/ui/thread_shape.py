"""The shape of a comment thread: who answers whom, what is folded, what is visible.

Plain data over a tuple of comments, kept apart from the widget that draws them
(``widgets.comments.CommentList``), so the folding and the jumps (parent, sibling, next
thread) are tested without an app and the widget is left with drawing and keys.

Walks are iterative: threads may be deeper than Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from broadsheet.models import Comment

ROOT = -1  # the parent key of top-level comments in ``children``


@dataclass(frozen=True, slots=True)
class Node:
    """A comment with its place in the thread, computed once per thread."""

    index: int
    comment: Comment
    depth: int
    parent: int | None


class ThreadShape:
    """The comments of a thread with their parents, replies and folds.

    A comment's parent is found by id among the comments before it; one whose parent is not
    there (a first page of a longer thread) starts a thread of its own. ``folded_ids``: the
    ids of comments whose replies start hidden (the folds of a thread that grew).
    """

    def __init__(self, comments: Sequence[Comment] = (), folded_ids: Collection[str] = ()):
        self.nodes: list[Node] = []
        self.children: dict[int, list[int]] = {}
        self.collapsed: set[int] = set()
        by_id: dict[str, int] = {}
        for index, comment in enumerate(comments):
            parent = by_id.get(comment.parent) if comment.parent else None
            depth = self.nodes[parent].depth + 1 if parent is not None else 0
            self.nodes.append(Node(index, comment, depth, parent))
            self.children.setdefault(parent if parent is not None else ROOT, []).append(index)
            by_id.setdefault(comment.id, index)
            if comment.id in folded_ids:
                self.collapsed.add(index)

    def __len__(self) -> int:
        return len(self.nodes)

    @property
    def folded_ids(self) -> set[str]:
        """The ids of the comments whose replies are hidden."""
        return {self.nodes[index].comment.id for index in self.collapsed}

    def parent(self, index: int) -> int | None:
        """The comment ``index`` answers, if it is in the thread."""
        return self.nodes[index].parent

    def has_replies(self, index: int) -> bool:
        """Whether any comment answers ``index``."""
        return bool(self.children.get(index))

    def descendants(self, index: int) -> Iterator[int]:
        """Every reply under ``index``, in reading order."""
        stack = list(reversed(self.children.get(index, ())))
        while stack:
            child = stack.pop()
            yield child
            stack.extend(reversed(self.children.get(child, ())))

    def hidden_replies(self, index: int) -> int:
        """How many comments folding ``index`` hides (all its descendants)."""
        return sum(1 for _ in self.descendants(index))

    def visible(self) -> Iterator[int]:
        """The comments not inside a folded one, in reading order."""
        stack = list(reversed(self.children.get(ROOT, ())))
        while stack:
            child = stack.pop()
            yield child
            if child not in self.collapsed:
                stack.extend(reversed(self.children.get(child, ())))

    def root_of(self, index: int) -> int:
        """The top-level comment of the thread ``index`` is in."""
        while (parent := self.nodes[index].parent) is not None:
            index = parent
        return index

    def step_root(self, index: int | None, step: int) -> int | None:
        """The top-level comment ``step`` threads from the one holding ``index``; None past
        either end. From no comment (the "more comments" row) a step back is the last
        thread."""
        roots = self.children.get(ROOT, [])
        if index is None:
            return roots[-1] if step < 0 and roots else None
        position = roots.index(self.root_of(index)) + step
        return roots[position] if 0 <= position < len(roots) else None

    def step_sibling(self, index: int, step: int) -> int | None:
        """The comment ``step`` places from ``index`` among the replies to the same parent
        (skipping the replies between); None past either end."""
        parent = self.nodes[index].parent
        siblings = self.children.get(parent if parent is not None else ROOT, [])
        position = siblings.index(index) + step
        return siblings[position] if 0 <= position < len(siblings) else None
