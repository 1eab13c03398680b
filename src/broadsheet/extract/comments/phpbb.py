"""phpBB-style forum topics (prosilver and its descendants).

Each post is ``div.post#p<id>`` with the author in ``.postprofile .username`` (or
``p.author .username``), the time in ``p.author time[datetime]`` and the text in
``div.content``; quotes are ``blockquote`` with a ``cite`` whose ``data-post-id`` names the
quoted post, which becomes the reply's parent. The first post of the first page is the topic
itself; ``.pagination a[rel=next]`` / ``li.next a`` leads to the next page.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.body import comment_blocks
from broadsheet.extract.comments.common import Context, Found, first, iso_time, time_in_text
from broadsheet.extract.comments.merge import tree_order
from broadsheet.extract.dom import absolute, line, node_text
from broadsheet.models import Comment, CommentState, CommentThread

SIGNS = "div.post dl.postprofile"


def _cite(node: LexborNode) -> bool:
    """A quote's "X wrote: ↑ date" heading: who is quoted, not what they said."""
    return node.tag == "cite"


def find(body: LexborNode, ctx: Context) -> Found | None:
    posts = [
        p
        for p in body.css("div.post")
        if p.css_first(".postbody .content") and p.css_first(".postprofile")
    ]
    if not posts:
        return None
    first_page = body.css_first(".pagination a[rel=prev], .pagination li.previous") is None
    replies: list[Comment] = []
    nodes: list[LexborNode] = []
    starter = ""
    for i, post in enumerate(posts):
        pid = line(post.attributes.get("id") or "").removeprefix("p") or str(i + 1)
        user = first(post, ".postprofile .username", "p.author .username", ".postprofile a")
        author = node_text(user) if user is not None else ""
        if i == 0 and first_page:
            starter = author
            # The topic is the article: keep its forum chrome out of the body.
            nodes.extend(post.css(".postprofile, .postbody h3, p.author, .signature"))
            continue
        byline = post.css_first("p.author")
        stamp = byline.css_first("time[datetime]") if byline is not None else None
        published = iso_time(stamp.attributes.get("datetime")) if stamp is not None else None
        if published is None and byline is not None:
            published = time_in_text(node_text(byline), ctx.now)
        content = post.css_first(".postbody .content")
        text, blocks = comment_blocks(content, ctx.base, _cite) if content else ("", ())
        quoted = post.css_first(".content blockquote cite a[data-post-id]")
        link = byline.css_first("a[href*='#p']") if byline is not None else None
        nodes.append(post)
        replies.append(
            Comment(
                id=pid,
                text=text,
                parent=line(quoted.attributes.get("data-post-id") or "") or None
                if quoted
                else None,
                author=author,
                published=published,
                blocks=blocks,
                permalink=absolute(link.attributes.get("href"), ctx.base) if link else None,
                is_op=bool(author and author == (starter or ctx.op)),
            )
        )
    nodes.extend(body.css(".action-bar"))
    # "6 posts" counts the topic's first post too.
    pagination = body.css_first(".pagination")
    m = re.search(r"(\d[\d,]*)\s+posts?\b", node_text(pagination)) if pagination else None
    count = int(m.group(1).replace(",", "")) - 1 if m else None
    pager = body.css_first(".pagination a[rel=next], .pagination li.next a, .pagination a.next")
    thread = CommentThread(
        state=CommentState.PRESENT if replies else CommentState.NONE,
        declared_count=count,
        items=tuple(tree_order(replies)),
        system="phpbb",
        next_page=absolute(pager.attributes.get("href"), ctx.base) if pager else None,
    )
    return Found(thread, nodes, starter)
