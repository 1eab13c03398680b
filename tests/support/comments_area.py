"""Helpers for the comment view's tests (area D4): threads, and libraries that page comments.

``wordpress_pages`` serves the WordPress fixture as two comment pages, so the end-to-end test
exercises the real ``Library.more_comments`` (fetch, extract, ``merge_threads``, store).
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from tests.support.fake_library import BLOG, FakeLibrary

from broadsheet.errors import BroadsheetError
from broadsheet.extract.comments.merge import merge_threads
from broadsheet.models import Article, Comment, CommentState, CommentThread

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def family_thread() -> CommentThread:
    """Two top-level threads: a (b (c, d), e), f (g); declared 12, with a next page."""

    def c(cid: str, parent: str | None = None, author: str = "") -> Comment:
        return Comment(cid, f"Comment {cid}.", parent=parent, author=author or cid)

    items = (
        dataclasses.replace(c("a"), score=5, published="2026-01-02T09:15:00"),
        c("b", "a"),
        c("c", "b"),
        dataclasses.replace(c("d", "b", author="Ada Lane"), is_op=True),
        c("e", "a"),
        c("f"),
        c("g", "f"),
    )
    fixed = tuple(
        dataclasses.replace(x, depth=0 if x.parent is None else 1 if x.parent in "af" else 2)
        for x in items
    )
    return CommentThread(
        state=CommentState.PRESENT,
        declared_count=12,
        items=fixed,
        system="wordpress",
        next_page="http://blog.example/posts/slow-reading/comment-page-2/",
    )


SECOND_PAGE = CommentThread(
    state=CommentState.PRESENT,
    declared_count=12,
    items=(
        Comment("h", "A reply on the second page.", parent="f", depth=1, author="h"),
        Comment("i", "第二页的评论。", author="李"),
    ),
    system="wordpress",
)


class PagingFakeLibrary(FakeLibrary):
    """The in-memory library with ``more_comments``: pages are served from ``pages`` by URL."""

    def __init__(self, articles: list[Article], export_dir: Path) -> None:
        super().__init__(articles, export_dir=export_dir)
        self.pages: dict[str, CommentThread] = {}
        self.asked: list[str] = []

    async def more_comments(self, article_id: int) -> CommentThread:
        stored = self.rows[article_id]
        first = stored.article.comments
        url = first.next_page or ""
        self.asked.append(url)
        await asyncio.sleep(0)
        if url in self.fail or url not in self.pages:
            raise BroadsheetError(f"{url}: HTTP 500")
        merged = merge_threads(first, self.pages[url])
        article = dataclasses.replace(stored.article, comments=merged)
        self.rows[article_id] = dataclasses.replace(stored, article=article)
        return merged


def blog_with(thread: CommentThread) -> Article:
    """The fake library's blog article with another thread."""
    return dataclasses.replace(BLOG, comments=thread)


def wordpress_pages() -> tuple[bytes, bytes]:
    """The WordPress fixture as page 1 of 2 (with a "newer comments" link) and its page 2.

    Page 2 holds two more top-level comments: a Chinese one long enough to wrap, and Sam's.
    """
    html = (PAGES / "wordpress.html").read_text(encoding="utf-8")
    nav = (
        '<nav class="comment-navigation"><div class="nav-next">'
        '<a href="/wp/comment-page-2/#comments">Newer comments</a></div></nav>\n  '
    )
    first = html.replace('<div id="respond"', nav + '<div id="respond"', 1)
    first = first.replace("4 Comments</h2>", "6 Comments</h2>")
    start = html.index('<ol class="commentlist">')
    end = html.index('<div id="respond"')
    second_list = (
        '<ol class="commentlist">'
        '<li class="comment even thread-even depth-1" id="comment-105">'
        '<article id="div-comment-105" class="comment-body"><footer class="comment-meta">'
        '<div class="comment-author vcard"><b class="fn">王小明</b></div>'
        '<div class="comment-metadata"><a href="#comment-105"><time datetime='
        '"2026-11-08T09:00:00+00:00">8 November 2026</time></a></div></footer>'
        '<div class="comment-content"><p>我家的菜园也用无纺布覆盖，冬天的时候效果很好，'
        "但是要注意通风，不然叶子容易发黄。</p></div></article></li>"
        '<li class="comment odd alt thread-odd depth-1" id="comment-106">'
        '<article id="div-comment-106" class="comment-body"><footer class="comment-meta">'
        '<div class="comment-author vcard"><b class="fn">Sam</b></div>'
        '<div class="comment-metadata"><a href="#comment-106"><time datetime='
        '"2026-11-09T10:00:00+00:00">9 November 2026</time></a></div></footer>'
        '<div class="comment-content"><p>Page two says hello.</p></div></article></li>'
        "</ol>\n  "
    )
    second = html[:start] + second_list + html[end:]
    second = second.replace("4 Comments</h2>", "6 Comments</h2>")
    return first.encode("utf-8"), second.encode("utf-8")
