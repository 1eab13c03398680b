"""Discourse topic pages as crawlers (and readers without JavaScript) get them.

Each post is a ``div.topic-body.crawler-post`` with ``span.creator[itemprop=author]``, a
``time.post-time[datetime]`` (or ``meta[itemprop=datePublished]``), the cooked HTML in
``div.post[itemprop=text]``, its number in ``span[itemprop=position]`` and likes in
``meta[itemprop=userInteractionCount]``. Post #1 is the topic itself (the article), the rest
are replies. The crawler view has no reply-to field, but a reply that quotes another post
carries its ``post_number`` in the quote (``aside.quote[data-post]``): that post is the
parent. The navigation block (also a ``crawler-post``) holds ``a[rel=next]`` to the next page.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.body import comment_blocks
from broadsheet.extract.comments.common import (
    Context,
    Found,
    first,
    iso_time,
    number,
)
from broadsheet.extract.comments.merge import tree_order
from broadsheet.extract.dom import absolute, line, node_text
from broadsheet.models import Comment, CommentState, CommentThread

SIGNS = "div.crawler-post"
_TOPIC = re.compile(r"^(https?://[^?#]*?/t/[^/?#]+/\d+)")


def _reply_to(post: LexborNode, topic_id: str | None) -> str | None:
    """The post this one answers: the first quote of another post of the same topic."""
    for quote in post.css("aside.quote[data-post]"):
        same_topic = topic_id is None or quote.attributes.get("data-topic") in (None, topic_id)
        number_text = line(quote.attributes.get("data-post") or "")
        if same_topic and number_text.isdigit():
            return number_text
    return None


def _chrome(node: LexborNode) -> bool:
    """Parts of cooked posts that are not the post's text: the "alice:" line above a quote
    and the file name / size line under an uploaded picture."""
    parent = node.parent
    if node.tag != "div" or parent is None:
        return False
    classes = (node.attributes.get("class") or "").split()
    if "title" in classes and parent.tag == "aside":
        return True
    return "meta" in classes and "lightbox" in (parent.attributes.get("class") or "")


def find(body: LexborNode, ctx: Context) -> Found | None:
    posts = [
        p
        for p in body.css("div.crawler-post")
        if p.css_first("[itemprop=text], [itemprop=articleBody]")
    ]
    if not posts:
        return None
    items: list[Comment] = []
    starter = ""
    nodes: list[LexborNode] = []
    m = _TOPIC.match(ctx.base or "")
    topic = m.group(1) if m else None
    topic_id = topic.rsplit("/", 1)[1] if topic else None
    for index, post in enumerate(posts):
        creator = first(post, ".creator [itemprop=name]", ".creator a", ".creator")
        author = node_text(creator) if creator is not None else ""
        position = post.css_first("[itemprop=position]")
        ident = (post.attributes.get("id") or "").removeprefix("post_")
        number_text = (node_text(position) if position is not None else ident).lstrip("#")
        post_number = number_text if number_text.isdigit() else str(index + 1)
        if post_number == "1":
            starter = author
            continue
        nodes.append(post)
        stamp = post.css_first("time[datetime]")
        published = iso_time(stamp.attributes.get("datetime")) if stamp is not None else None
        if published is None:
            meta = post.css_first("meta[itemprop=datePublished]")
            published = iso_time(meta.attributes.get("content")) if meta is not None else None
        likes = post.css_first("meta[itemprop=userInteractionCount]")
        score = number(likes.attributes.get("content") or "") if likes is not None else None
        cooked = post.css_first("[itemprop=text], [itemprop=articleBody]")
        text, blocks = comment_blocks(cooked, ctx.base, _chrome) if cooked is not None else ("", ())
        items.append(
            Comment(
                id=post_number,
                text=text,
                parent=_reply_to(post, topic_id),
                author=author,
                published=published,
                score=score,
                blocks=blocks,
                permalink=f"{topic}/{post_number}" if topic else None,
                is_op=bool(author and author == (starter or ctx.op)),
            )
        )
    nav = body.css_first("a[rel=next]")
    count_meta = body.css_first("meta[itemprop=commentCount], [itemprop=commentCount]")
    count = None
    if count_meta is not None:
        count = number(count_meta.attributes.get("content") or node_text(count_meta))
    thread = CommentThread(
        state=CommentState.PRESENT if items else CommentState.NONE,
        declared_count=count,
        items=tuple(tree_order(items)),
        system="discourse",
        next_page=absolute(nav.attributes.get("href"), ctx.base) if nav is not None else None,
    )
    return Found(thread, nodes, starter)
