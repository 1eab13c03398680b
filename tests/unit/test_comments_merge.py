"""Joining a thread with its next page: ``merge_threads`` and the tree order it keeps.

The last test follows a real "More" link: a local server serves a Hacker News item page and
its second page, and the merged thread holds both pages' comments once each, in order.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from broadsheet.demo.server import SiteServer, send
from broadsheet.extract import extract
from broadsheet.extract.comments import merge_threads
from broadsheet.extract.comments.merge import tree_order
from broadsheet.models import Comment, CommentState, CommentThread

COMMENTS = Path(__file__).parent.parent / "fixtures" / "comments"


def c(ident: str, parent: str | None = None, depth: int = 0) -> Comment:
    return Comment(id=ident, text=f"text {ident}", parent=parent, depth=depth)


def shape(thread: CommentThread) -> list[tuple[str, str | None, int]]:
    return [(x.id, x.parent, x.depth) for x in thread.items]


def test_second_page_is_appended_and_duplicates_dropped() -> None:
    first = CommentThread(
        state=CommentState.PRESENT,
        declared_count=6,
        items=(c("1"), c("2", "1", 1), c("3")),
        system="hackernews",
        next_page="https://example.org/item?p=2",
    )
    more = CommentThread(
        state=CommentState.PRESENT,
        items=(c("3"), c("4"), c("5", "4", 1)),  # "3" again: the thread moved between pages
        system="hackernews",
        next_page="https://example.org/item?p=3",
    )
    merged = merge_threads(first, more)
    assert shape(merged) == [("1", None, 0), ("2", "1", 1), ("3", None, 0), ("4", None, 0),
                             ("5", "4", 1)]  # fmt: skip
    assert merged.declared_count == 6 and merged.system == "hackernews"
    assert merged.state == CommentState.PRESENT
    assert merged.next_page == "https://example.org/item?p=3"
    assert merged.items[2] is first.items[2]  # the first copy wins


def test_reply_on_a_later_page_goes_under_its_parent() -> None:
    first = CommentThread(CommentState.PRESENT, items=(c("1"), c("2", "1", 1), c("3")))
    # Page two holds a late reply to "2" (shown at depth 0 there: its parent is elsewhere).
    more = CommentThread(CommentState.PRESENT, items=(c("6", "2", 0), c("7", "6", 1)))
    merged = merge_threads(first, more)
    assert shape(merged) == [("1", None, 0), ("2", "1", 1), ("6", "2", 2), ("7", "6", 3),
                             ("3", None, 0)]  # fmt: skip
    assert merged.next_page is None


def test_unknown_parents_become_roots_and_cycles_end() -> None:
    items = [c("a", "zz", 3), c("b", "c", 1), c("c", "b", 1), c("d", "d", 2)]
    ordered = tree_order(items)
    assert [(x.id, x.parent, x.depth) for x in ordered] == [
        ("a", None, 0),  # its parent is in neither page
        ("d", None, 0),  # its own parent
        ("b", None, 0),  # b and c answer each other: the first is made a root
        ("c", "b", 1),
    ]


def test_merging_with_an_empty_page_keeps_the_first_state() -> None:
    first = CommentThread(CommentState.NONE, declared_count=0, next_page="https://e.org/2")
    merged = merge_threads(first, CommentThread())
    assert merged.state == CommentState.NONE and merged.items == ()
    assert merged.declared_count == 0 and merged.next_page is None


def test_a_link_pointing_back_does_not_loop() -> None:
    first = CommentThread(CommentState.PRESENT, items=(c("1"),), next_page="https://e.org/2")
    more = CommentThread(CommentState.PRESENT, items=(c("2"),), next_page="https://e.org/2")
    assert merge_threads(first, more).next_page is None


def test_deep_thread_is_ordered_without_recursion() -> None:
    chain = [c("0")] + [c(str(i), str(i - 1), i) for i in range(1, 5000)]
    ordered = tree_order(list(reversed(chain)))  # children listed before their parents
    assert [x.id for x in ordered] == [str(i) for i in range(5000)]
    assert ordered[-1].depth == 4999


def test_more_link_followed_over_http() -> None:
    pages = {
        "/item?id=42000100": (COMMENTS / "hackernews.html").read_bytes(),
        "/item?id=42000100&p=2": (COMMENTS / "hackernews-p2.html").read_bytes(),
    }
    with SiteServer(COMMENTS) as server:
        for path, body in pages.items():
            server.routes[path] = lambda req, body=body: send(
                req, 200, body, "text/html; charset=utf-8"
            )
        with httpx.Client() as client:
            url = server.url("item?id=42000100")
            first = extract(client.get(url).content, url).comments
            assert first.next_page == server.url("item?id=42000100&p=2")
            more = extract(client.get(first.next_page).content, first.next_page).comments
    merged = merge_threads(first, more)
    assert [x.id for x in merged.items] == [
        "42000201", "42000202", "42000203", "42000204", "42000205", "42000206", "42000207",
    ]  # fmt: skip
    assert merged.items[-1].parent == "42000206" and merged.items[-1].depth == 1
    assert merged.next_page is None
    assert merged.declared_count == 5
