"""WordPress comment lists, in both markups ``wp_list_comments()`` produces.

Classic themes: ``ol.commentlist > li.comment#li-comment-N`` holding ``div#comment-N`` with
``.comment-author .fn`` (often "X says:"), ``.comment-meta`` / ``.commentmetadata`` (a link
to ``#comment-N`` whose text is the date) and the paragraphs. HTML5 themes:
``ol.comment-list > li#comment-N.comment`` holding ``article.comment-body`` with
``footer.comment-meta``, ``time[datetime]`` and ``.comment-content``. Replies are in
``ul.children`` inside the parent's ``li``; the article author's comments have
``bypostauthor``. ``.comment-navigation`` (or a ``?cpage=`` / ``comment-page-N`` link) leads
to further comment pages.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.body import comment_blocks
from broadsheet.extract.comments.common import Context, first, iso_time, time_in_text
from broadsheet.extract.dom import absolute, node_text
from broadsheet.models import Comment

LISTS = "ol.commentlist, ol.comment-list, ul.commentlist, ul.comment-list"
# In order of preference: a "Newer comments" link, then an "Older comments" one (with the
# default "newest page first" setting, the page shows the last page and older ones follow).
_PAGER = (
    ".comment-navigation .nav-next a", ".comments-pagination a.next", ".navigation .nav-next a",
    ".comment-navigation .nav-previous a", ".comments-pagination a.prev",
    ".navigation .nav-previous a",
)  # fmt: skip


def _li_id(li: LexborNode) -> str:
    return (li.attributes.get("id") or "").removeprefix("li-").removeprefix("comment-")


def comments(lists: list[LexborNode], ctx: Context) -> list[Comment]:
    """Every comment of the lists, in document order, with parents from the ``li`` nesting."""
    out: list[Comment] = []
    seen: set[str] = set()
    for root in lists:
        for li in root.css("li"):
            classes = (li.attributes.get("class") or "").split()
            ident = li.attributes.get("id") or ""
            if "comment" not in classes and not ident.startswith(("comment-", "li-comment-")):
                continue
            cid = _li_id(li) or str(len(out) + 1)
            if cid in seen:
                continue
            seen.add(cid)
            parent_id = None
            depth = 0
            node = li.parent
            while node is not None and node.mem_id != root.mem_id:
                if node.tag == "li":
                    if parent_id is None:
                        parent_id = _li_id(node) or None
                    depth += 1
                node = node.parent
            # Only this comment's own part: its children list holds the replies.
            own = li.css_first("article.comment-body, div.comment-body, div[id^=comment-]") or li
            author_node = first(own, ".comment-author .fn", ".fn", "cite", ".comment-author")
            author = node_text(author_node) if author_node else ""
            author = re.sub(r"\s*(?:says|说)\s*:?\s*$", "", author)
            meta = own.css_first(".comment-metadata, .commentmetadata, .comment-meta")
            stamp = own.css_first("time[datetime]")
            published = iso_time(stamp.attributes.get("datetime")) if stamp else None
            if published is None and meta is not None:
                published = time_in_text(node_text(meta), ctx.now)
            body = own.css_first(".comment-content, .comment-text, .comment_text") or own
            text, blocks = comment_blocks(body, ctx.base, _skip_children)
            link = first(
                own,
                ".comment-metadata a",
                ".commentmetadata a",
                ".comment-meta a[href*='#comment']",
            )
            out.append(
                Comment(
                    id=cid,
                    text=text,
                    parent=parent_id,
                    depth=depth,
                    author=author,
                    published=published,
                    blocks=blocks,
                    permalink=absolute(link.attributes.get("href"), ctx.base) if link else None,
                    is_op="bypostauthor" in classes or bool(ctx.op and author == ctx.op),
                )
            )
    return out


def _skip_children(node: LexborNode) -> bool:
    """Inside a classic ``li`` the replies list follows the text: never read it as text."""
    return node.tag in ("ul", "ol") and "children" in (node.attributes.get("class") or "")


def next_page(sections: list[LexborNode], ctx: Context) -> str | None:
    """The link to further comment pages inside the comment sections."""
    for section in sections:
        pager = first(section, *_PAGER)
        if pager is None:
            pager = next(
                (
                    a
                    for a in section.css("a[href*='cpage='], a[href*='comment-page-']")
                    if "#respond" not in (a.attributes.get("href") or "")
                ),
                None,
            )
        if pager is not None:
            url = absolute(pager.attributes.get("href"), ctx.base)
            if url:
                return url
    return None
