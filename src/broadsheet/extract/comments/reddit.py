"""Old Reddit comment pages: ``div.commentarea`` of ``div.thing.comment`` elements.

Each thing carries ``data-fullname`` (``t1_<id>``), ``data-author`` and ``data-permalink``;
its replies sit in ``div.child > div.sitetable``, so the parent is the nearest enclosing
thing. The visible score is ``.score.unvoted`` ("42 points", its ``title`` the number), the
time ``time[datetime]`` in the tagline, the text ``.usertext-body .md``; the submitter's
name has the ``submitter`` class. "load more comments" stubs are script-driven and skipped.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.body import comment_blocks
from broadsheet.extract.comments.common import (
    Context,
    Found,
    declared,
    iso_time,
    number,
)
from broadsheet.extract.comments.merge import tree_order
from broadsheet.extract.dom import absolute, line, node_text
from broadsheet.models import Comment, CommentState, CommentThread

SIGNS = "div.commentarea"


def _parent(thing: LexborNode) -> str | None:
    node = thing.parent
    while node is not None:
        if node.tag == "div" and (node.attributes.get("data-fullname") or "").startswith("t1_"):
            return line(node.attributes.get("data-fullname") or "").removeprefix("t1_")
        if node.tag == "div" and "commentarea" in (node.attributes.get("class") or ""):
            return None
        node = node.parent
    return None


def _own(thing: LexborNode) -> LexborNode:
    """The thing's own ``div.entry`` (its ``div.child`` holds the replies)."""
    for child in thing.iter(include_text=False):
        if child.tag == "div" and "entry" in (child.attributes.get("class") or "").split():
            return child
    return thing


def find(body: LexborNode, ctx: Context) -> Found | None:
    area = body.css_first("div.commentarea")
    if area is None or area.css_first(".sitetable, [data-fullname]") is None:
        return None  # another site's "commentarea": the generic detector reads it
    post = body.css_first("#siteTable .thing.link, .thing.link[data-author]")
    submitter = line(post.attributes.get("data-author") or "") if post is not None else ""
    items: list[Comment] = []
    for thing in area.css("div.thing.comment[data-fullname]"):
        fullname = line(thing.attributes.get("data-fullname") or "")
        if not fullname.startswith("t1_"):
            continue
        entry = _own(thing)
        author_node = entry.css_first(".tagline a.author, .tagline span.author")
        author = node_text(author_node) if author_node is not None else ""
        author = author or line(thing.attributes.get("data-author") or "")
        classes = (author_node.attributes.get("class") or "").split() if author_node else []
        # Three scores are printed (as if disliked, unvoted, liked); the unvoted one is true.
        score_node = entry.css_first(".tagline .score.unvoted") or entry.css_first(".score")
        score = None
        if score_node is not None:
            score = number(score_node.attributes.get("title") or "") or number(
                node_text(score_node)
            )
        stamp = entry.css_first(".tagline time[datetime]")
        md = entry.css_first(".usertext-body .md")
        text, blocks = comment_blocks(md, ctx.base) if md is not None else ("", ())
        permalink = absolute(thing.attributes.get("data-permalink"), ctx.base)
        items.append(
            Comment(
                id=fullname.removeprefix("t1_"),
                text=text,
                parent=_parent(thing),
                author=author,
                published=iso_time(stamp.attributes.get("datetime")) if stamp else None,
                score=score,
                blocks=blocks,
                permalink=permalink,
                is_op="submitter" in classes or bool(author and author in (submitter, ctx.op)),
            )
        )
    title = area.css_first(".panestack-title")
    count = declared(node_text(title)) if title is not None else None
    if count is None and post is not None:
        link = post.css_first("a.comments")
        count = declared(node_text(link)) if link is not None else None
    thread = CommentThread(
        state=CommentState.PRESENT if items else CommentState.NONE,
        declared_count=count,
        items=tuple(tree_order(items)),
        system="reddit",
    )
    # A self post is the submitter's own text: they are the article's author.
    is_self = post is not None and "self" in (post.attributes.get("class") or "").split()
    return Found(thread, [area], submitter if is_self else "")
