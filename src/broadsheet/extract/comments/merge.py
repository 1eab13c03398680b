"""Joining a thread with its next page of comments ("more comments")."""

from __future__ import annotations

from dataclasses import replace

from broadsheet.models import Comment, CommentState, CommentThread


def tree_order(items: list[Comment] | tuple[Comment, ...]) -> list[Comment]:
    """The comments in tree order, ids made unique, depths recomputed from parents.

    Roots keep their order of appearance and each reply follows its parent's earlier
    replies, so a view that draws the list top to bottom with ``depth`` shows every reply
    under its parent (forums list floors by time; a floor that quotes an older one moves under
    it). The first copy of an id wins; a reply whose parent is missing becomes a root.
    """
    seen: set[str] = set()
    pool: list[Comment] = []
    for c in items:
        if c.id not in seen:
            seen.add(c.id)
            pool.append(c)
    children: dict[str | None, list[Comment]] = {}
    for c in pool:
        parent = c.parent if c.parent in seen and c.parent != c.id else None
        children.setdefault(parent, []).append(c)
    ordered: list[Comment] = []
    placed: set[str] = set()

    def visit(parent: str | None, depth: int) -> None:
        # An explicit stack: a thread may be thousands of replies deep.
        stack = [(c, depth) for c in reversed(children.get(parent, []))]
        while stack:
            c, d = stack.pop()
            if c.id in placed:
                continue
            placed.add(c.id)
            parent_id = c.parent if d > 0 else None
            if (c.parent, c.depth) != (parent_id, d):
                c = replace(c, parent=parent_id, depth=d)
            ordered.append(c)
            stack.extend((child, d + 1) for child in reversed(children.get(c.id, [])))

    visit(None, 0)
    for c in pool:  # a parent cycle (a -> b -> a) never reaches a root: keep them as roots
        if c.id not in placed:
            placed.add(c.id)
            ordered.append(replace(c, parent=None, depth=0))
            visit(c.id, 1)
    return ordered


def merge_threads(first: CommentThread, more: CommentThread) -> CommentThread:
    """``first`` followed by the comments of ``more`` that it does not already hold.

    Ids are unique in the result (the first copy wins: pages overlap when a thread grows
    between fetches), and the result is in tree order (``tree_order``): a reply fetched with
    a later page is placed under its parent from an earlier one. ``next_page`` becomes the
    second page's own link (None at the end of the thread, or when it points back).
    """
    ordered = tree_order((*first.items, *more.items))
    next_page = more.next_page if more.next_page != first.next_page else None
    return CommentThread(
        state=CommentState.PRESENT if ordered else first.state,
        declared_count=first.declared_count
        if first.declared_count is not None
        else more.declared_count,
        items=tuple(ordered),
        system=first.system or more.system,
        next_page=next_page,
    )
