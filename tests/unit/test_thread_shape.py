"""The shape of a comment thread (``ui.thread_shape``): parents, folds, visibility, jumps."""

from __future__ import annotations

from broadsheet.models import Comment
from broadsheet.ui.thread_shape import ThreadShape


def thread() -> ThreadShape:
    """a (b (c), d), e, f answering a comment not on this page."""
    return ThreadShape(
        [
            Comment(id="a", text="a"),
            Comment(id="b", parent="a", text="b"),
            Comment(id="c", parent="b", text="c"),
            Comment(id="d", parent="a", text="d"),
            Comment(id="e", text="e"),
            Comment(id="f", parent="elsewhere", text="f"),
        ]
    )


def test_parents_depths_and_replies() -> None:
    shape = thread()
    assert [n.depth for n in shape.nodes] == [0, 1, 2, 1, 0, 0]
    assert [shape.parent(i) for i in range(6)] == [None, 0, 1, 0, None, None]
    assert list(shape.descendants(0)) == [1, 2, 3]
    assert shape.hidden_replies(0) == 3 and shape.hidden_replies(4) == 0
    assert shape.has_replies(1) and not shape.has_replies(2)
    assert shape.root_of(2) == 0


def test_folding_hides_a_subtree_and_survives_a_new_page() -> None:
    shape = thread()
    assert list(shape.visible()) == [0, 1, 2, 3, 4, 5]
    shape.collapsed.add(1)
    assert list(shape.visible()) == [0, 1, 3, 4, 5]
    shape.collapsed.add(0)
    assert list(shape.visible()) == [0, 4, 5]
    grown = ThreadShape(
        [n.comment for n in shape.nodes] + [Comment(id="g", parent="e", text="g")],
        shape.folded_ids,
    )
    assert grown.collapsed == {0, 1}
    assert list(grown.visible()) == [0, 4, 6, 5]


def test_jumps_between_threads_and_siblings() -> None:
    shape = thread()
    assert shape.step_root(2, 1) == 4  # from deep in the first thread to the next one
    assert shape.step_root(4, -1) == 0
    assert shape.step_root(5, 1) is None
    assert shape.step_root(None, -1) == 5  # from "more comments": the last thread
    assert shape.step_root(None, 1) is None
    assert shape.step_sibling(1, 1) == 3  # skips c, which answers b
    assert shape.step_sibling(3, 1) is None
    assert shape.step_sibling(0, 1) == 4


def test_a_deep_thread_does_not_recurse() -> None:
    comments = [Comment(id="0", text="0")]
    comments += [Comment(id=str(i), parent=str(i - 1), text="x") for i in range(1, 5000)]
    shape = ThreadShape(comments)
    assert shape.hidden_replies(0) == 4999
    assert len(list(shape.visible())) == 5000
    assert shape.root_of(4999) == 0
