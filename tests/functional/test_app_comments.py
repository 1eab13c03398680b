"""Pilot tests of the comment view (issue 4, item 3): keys, folding, counts, more comments.

The in-memory library pins the thread down; the end-to-end test at the bottom serves a
WordPress thread in two pages from the local server and goes through the real fetcher,
extractor and ``merge_threads``.
"""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from rich.cells import cell_len
from tests.support.comments_area import (
    SECOND_PAGE,
    PagingFakeLibrary,
    blog_with,
    family_thread,
    wordpress_pages,
)
from tests.support.ui import Harness, running
from textual.widgets import Static

from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.models import Comment, CommentState, CommentThread
from broadsheet.ui.cjkwrap import NO_START
from broadsheet.ui.widgets.comments import CommentList, thread_heading

ORDER = "abcdefg"  # family_thread in tree order


def heading(h: Harness) -> str:
    return str(h.app.query_one("#comments-heading", Static).render())


def at(h: Harness) -> str | None:
    """The id of the highlighted comment ("more" on the more-comments entry)."""
    comments = h.app.query_one(CommentList)
    if comments.on_more:
        return "more"
    index = comments.current
    return None if index is None else ORDER[index] if index < len(ORDER) else str(index)


async def open_comments(h: Harness) -> CommentList:
    await h.press("enter", "c")
    comments = h.app.query_one(CommentList)
    assert comments.has_focus
    return comments


async def test_moving_keys(tmp_path: Path) -> None:
    library = PagingFakeLibrary([blog_with(family_thread())], tmp_path)
    async with running(library) as h:
        await open_comments(h)
        assert at(h) == "a"
        await h.press("j", "j")
        assert at(h) == "c"
        await h.press("k")
        assert at(h) == "b"
        await h.press("G")
        assert at(h) == "more"  # the entry after the last comment
        await h.press("k")
        assert at(h) == "g"
        await h.press("g")
        assert at(h) == "a"


async def test_parent_sibling_and_top_level_jumps(tmp_path: Path) -> None:
    library = PagingFakeLibrary([blog_with(family_thread())], tmp_path)
    async with running(library) as h:
        await open_comments(h)
        await h.press("j", "j", "j")
        assert at(h) == "d"
        await h.press("p")
        assert at(h) == "b"
        await h.press("p")
        assert at(h) == "a"
        await h.press("p")
        assert at(h) == "a"  # a top-level comment has no parent: stay
        await h.press("j", "right_curly_bracket")
        assert at(h) == "e"  # b's next sibling, past b's replies
        await h.press("right_curly_bracket")
        assert at(h) == "e"  # the last reply to a: nowhere further
        await h.press("left_curly_bracket")
        assert at(h) == "b"
        await h.press("right_square_bracket")
        assert at(h) == "f"  # the next top-level comment
        await h.press("right_square_bracket")
        assert at(h) == "f"
        await h.press("j", "left_square_bracket")
        assert at(h) == "a"  # from g (under f), back past f's thread start to a


async def test_collapse_shows_hidden_count_and_heading(tmp_path: Path) -> None:
    library = PagingFakeLibrary([blog_with(family_thread())], tmp_path)
    async with running(library) as h:
        comments = await open_comments(h)
        assert heading(h) == "7 comments of 12 declared"
        await h.press("h")  # fold a: b, c, d and e go
        assert comments.option_count == 3
        assert comments.is_collapsed(0)
        assert "[+4 replies hidden]" in h.text()
        assert heading(h) == "7 comments · 3 shown of 12 declared"
        await h.press("j")
        assert at(h) == "f"
        await h.press("enter")  # enter folds too
        assert "[+1 reply hidden]" in h.text()
        assert heading(h) == "7 comments · 2 shown of 12 declared"
        await h.press("l")  # and l unfolds
        assert comments.option_count == 3
        await h.press("k", "enter")
        assert comments.option_count == 7
        assert heading(h) == "7 comments of 12 declared"
        assert "hidden]" not in h.text()
        await h.press("j", "j", "h")  # c has no replies: h goes to its parent
        assert at(h) == "b"
        await h.press("h", "j")
        assert at(h) == "e"  # b folded: c and d are skipped


async def test_header_line_shows_author_mark_time_and_score(tmp_path: Path) -> None:
    library = PagingFakeLibrary([blog_with(family_thread())], tmp_path)
    async with running(library) as h:
        await open_comments(h)
        text = h.text()
        assert "a  2026-01-02 09:15  ▲ 5" in text
        assert "Ada Lane ✎ author" in text
        lines = text.splitlines()
        row = next(i for i, line in enumerate(lines) if "Ada Lane" in line)
        assert lines[row].count("│") >= 3  # the pane's border and two guides: depth 2
        assert lines[row + 1].count("│") >= 3  # the guides repeat on the body line


async def test_more_comments_are_fetched_and_merged(tmp_path: Path) -> None:
    thread = family_thread()
    library = PagingFakeLibrary([blog_with(thread)], tmp_path)
    assert thread.next_page is not None
    library.pages[thread.next_page] = SECOND_PAGE
    async with running(library) as h:
        comments = await open_comments(h)
        await h.press("h", "G")  # fold a first: folds survive the merge
        assert "More comments" in h.text()
        await h.press("enter")
        assert library.asked == [thread.next_page]
        assert heading(h) == "9 comments · 5 shown of 12 declared"
        assert comments.next_page is None
        assert "More comments" not in h.text()
        assert comments.is_collapsed(0)
        # The cursor is on the first new comment, the reply placed under f.
        current = comments.current
        assert current is not None and current == 7
        assert "A reply on the second page." in h.text()
        assert "第二页的评论。" in h.text()
        await h.press("p")
        assert at(h) == "f"
        # The merged thread is kept: back to the article and again, it is still there.
        await h.press("escape", "c")
        assert heading(h) == "9 comments · 5 shown of 12 declared"
        assert library.asked == [thread.next_page]


async def test_more_comments_failure_is_reported_and_offered_again(tmp_path: Path) -> None:
    thread = family_thread()
    library = PagingFakeLibrary([blog_with(thread)], tmp_path)
    async with running(library) as h:
        comments = await open_comments(h)
        await h.press("G", "enter")
        assert any("HTTP 500" in m for m in h.messages)
        assert comments.loading_more is False
        assert "More comments" in h.text()
        assert heading(h) == "7 comments of 12 declared"
        library.pages[thread.next_page or ""] = SECOND_PAGE
        await h.press("enter")
        assert heading(h) == "9 comments of 12 declared"


def _fits(text: str, width: int) -> bool:
    return all(cell_len(line) <= width for line in text.splitlines())


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_chinese_comment_wraps_inside_the_guides(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    long = (
        "我们县的医共体建设去年就开始了，看病比以前方便多了，但是专家号还是很难挂。"
        "希望能够加强人才培养，乡镇卫生院的医生太少了，很多人还是要跑到城里去看病。"
    ) * 2
    items = [Comment("r", "Root.", author="root")]
    for depth in range(1, 4):
        items.append(Comment(str(depth), "Reply.", parent=items[-1].id, depth=depth))
    items.append(Comment("zh", long, parent="3", depth=4, author="王小明"))
    thread = CommentThread(state=CommentState.PRESENT, items=tuple(items))
    library = PagingFakeLibrary([blog_with(thread)], tmp_path)
    async with running(library, size=size) as h:
        await open_comments(h)
        await h.press("G")
        text = h.text()
        assert _fits(text, size[0])
        body_lines = [line for line in text.splitlines() if "│ │ │ │" in line and "。" in line]
        assert len(body_lines) >= 2  # wrapped, not cut
        shown = ""
        for line in body_lines:
            start = line.index("│ │ │ │") + len("│ │ │ │ ")
            part = line[start:].rstrip(" │▁▂▃▄▅▆▇█")
            assert part[:1] not in NO_START  # kinsoku: no line starts with "，" or "。"
            shown += part
        assert "专家号还是很难挂。希望能够加强人才培养" in shown  # nothing lost at the breaks


async def test_three_thousand_comments(tmp_path: Path) -> None:
    items: list[Comment] = []
    for n in range(3000):
        parent = None if n % 100 == 0 else str(n - 1) if n % 7 else str(n - n % 100)
        items.append(Comment(str(n), f"Comment {n} 评论 {n}", parent=parent, author=f"u{n}"))
    thread = CommentThread(state=CommentState.PRESENT, declared_count=3000, items=tuple(items))
    library = PagingFakeLibrary([blog_with(thread)], tmp_path)
    async with running(library) as h:
        comments = await open_comments(h)
        assert comments.option_count == 3000
        await h.press("space")  # a screen further: past everything that was on screen
        first_page = comments.current
        assert first_page is not None and first_page > 10
        assert f"Comment {first_page} 评论" in h.text()
        await h.press("b")
        assert comments.current == 0
        await h.press("G")
        assert comments.current == 2999
        assert "Comment 2999 评论 2999" in h.text()
        await h.press("left_square_bracket")  # the top-level comment before this thread's
        assert comments.current == 2800
        await h.press("h")
        assert comments.option_count == 2901
        assert "[+99 replies hidden]" in h.text()
        assert heading(h) == "3000 comments · 2901 shown"


def test_heading_variants() -> None:
    found = family_thread()
    assert thread_heading(found) == "7 comments of 12 declared"
    assert thread_heading(found, 7) == "7 comments of 12 declared"
    assert thread_heading(found, 3) == "7 comments · 3 shown of 12 declared"
    exact = CommentThread(state=CommentState.PRESENT, declared_count=7, items=found.items)
    assert thread_heading(exact, 2) == "7 comments · 2 shown"
    one = CommentThread(state=CommentState.PRESENT, items=found.items[:1])
    assert thread_heading(one) == "1 comment"
    none = CommentThread(state=CommentState.NONE, declared_count=0)
    assert thread_heading(none) == "No comments yet (the page shows a count of 0)."


async def test_two_pages_of_a_wordpress_thread_from_the_server(
    home: Path, site: SiteServer
) -> None:
    first, second = wordpress_pages()

    def page(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
        def handler(req: BaseHTTPRequestHandler) -> None:
            req.send_response(200)
            req.send_header("Content-Type", "text/html; charset=utf-8")
            req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            req.wfile.write(body)

        return handler

    site.routes["/wp/"] = page(first)
    site.routes["/wp/comment-page-2/"] = page(second)
    library = Library(home)
    try:
        async with running(library, size=(80, 24), urls=[site.url("/wp/")]) as h:
            await h.press("c")
            comments = h.app.query_one(CommentList)
            assert heading(h) == "4 comments of 6 declared"
            await h.press("G")
            assert comments.on_more
            await h.press("enter")
            assert h.messages == []
            assert heading(h) == "6 comments"
            assert comments.option_count == 6
            assert comments.next_page is None
            text = h.text()
            assert "王小明" in text
            assert _fits(text, 80)
            await h.press("G")
            assert "Page two says hello." in h.text()
            await h.press("left_square_bracket", "left_square_bracket")
            assert "Priya" in h.text()
    finally:
        library.close()
