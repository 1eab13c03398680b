"""Lobsters story pages: ``ol.comments`` of ``li.comments_subtree``, nested lists for replies.

Each subtree holds a ``div.comment#c_<short id>`` (byline, ``.comment_text``, ``.score`` in
``.voters``) and an ``ol.comments`` of its replies, so the tree is the markup's own nesting.
Times are a relative label whose ``title`` (or a ``time[datetime]``) holds the absolute one;
the story submitter's comments carry ``user_is_author`` on the author link.
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
    outermost,
    time_in_text,
)
from broadsheet.extract.comments.merge import tree_order
from broadsheet.extract.dom import absolute, line, node_text
from broadsheet.models import Comment, CommentState, CommentThread

SIGNS = "li.comments_subtree, div.comment[id^=c_]"


def _parent_id(div: LexborNode) -> str | None:
    """The id of the comment whose subtree holds this one's ``li``."""
    li = div.parent
    node = li.parent if li is not None else None
    while node is not None:
        if node.tag == "li" and "comments_subtree" in (node.attributes.get("class") or ""):
            for child in node.iter(include_text=False):
                ident = child.attributes.get("id") or ""
                if child.tag == "div" and ident.startswith("c_"):
                    return ident.removeprefix("c_")
            return None
        node = node.parent
    return None


def _when(byline: LexborNode, ctx: Context) -> str | None:
    for stamp in byline.css("time[datetime], span[title], time[title]"):
        iso = iso_time(stamp.attributes.get("datetime") or stamp.attributes.get("title"))
        if iso:
            return iso
    return time_in_text(node_text(byline), ctx.now)


def find(body: LexborNode, ctx: Context) -> Found | None:
    divs = [d for d in body.css("div.comment[id^=c_]") if d.css_first(".comment_text")]
    lists = outermost(body.css("ol.comments"))
    if not divs and not lists:
        return None
    items: list[Comment] = []
    for div in divs:
        cid = line((div.attributes.get("id") or "").removeprefix("c_"))
        byline = div.css_first(".byline") or div
        user = next((a for a in byline.css("a[href*='/u/'], a[href*='/~']") if node_text(a)), None)
        author = node_text(user) if user is not None else ""
        is_op = user is not None and "user_is_author" in (user.attributes.get("class") or "")
        link = next((a for a in byline.css("a[href]") if node_text(a) == "link"), None)
        score_node = div.css_first(".voters .score, .score")
        text_node = div.css_first(".comment_text")
        text, blocks = comment_blocks(text_node, ctx.base) if text_node is not None else ("", ())
        items.append(
            Comment(
                id=cid,
                text=text,
                parent=_parent_id(div),
                author=author,
                published=_when(byline, ctx),
                score=number(node_text(score_node)) if score_node is not None else None,
                blocks=blocks,
                permalink=absolute(link.attributes.get("href"), ctx.base) if link else None,
                is_op=is_op or bool(author and author == ctx.op),
            )
        )
    count = None
    for a in body.css(".story .comments_label a, .story .byline a")[:40]:
        found = declared(node_text(a))
        if found is not None:
            count = found
            break
    thread = CommentThread(
        state=CommentState.PRESENT if items else CommentState.NONE,
        declared_count=count,
        items=tuple(tree_order(items)),
        system="lobsters",
    )
    # "authored by X" (not "via X"): the submitter wrote the story, so they are its author.
    story_byline = body.css_first(".story .byline")
    starter = ""
    if story_byline is not None and "authored by" in node_text(story_byline):
        author_link = story_byline.css_first(".u-author, a.user_is_author")
        starter = node_text(author_link) if author_link is not None else ""
    return Found(thread, lists or divs, starter)
