"""Discuz! forum threads: floors (楼) whose first post is the article, the rest replies.

Each floor's text is ``td#postmessage_<pid>``, its author in ``#pid<pid> .authi a`` and its
time in ``#authorposton<pid>`` ("发表于 2026-10-31 08:02"). Quoted replies are
``blockquote`` / ``div.quote`` and become quote blocks; the floor a quote cites (its
``findpost&pid=N`` link) becomes the reply's parent. The pager's ``a.nxt`` (下一页) is the
next page of floors.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.body import comment_blocks
from broadsheet.extract.comments.common import Context, Found, time_in_text
from broadsheet.extract.comments.merge import tree_order
from broadsheet.extract.dom import absolute, node_text
from broadsheet.models import Comment, CommentState, CommentThread

SIGNS = "[id^=postmessage_]"
_REPLIES = re.compile(r"回复\s*[:：]\s*(\d+)")
_PID = re.compile(r"[?&]pid=(\d+)")


def next_page(body: LexborNode, base: str | None) -> str | None:
    """The 下一页 link of a forum pager, if any."""
    pager = body.css_first(".pg a.nxt, .pgs a.nxt, a.next")
    if pager is None:
        pager = next((a for a in body.css(".pg a, .pages a") if node_text(a) == "下一页"), None)
    return absolute(pager.attributes.get("href"), base) if pager is not None else None


def _citation(node: LexborNode) -> bool:
    """The "北方小院 发表于 ..." link heading a quote: who is quoted, not what they said."""
    return node.tag == "a" and "findpost" in (node.attributes.get("href") or "")


def _quoted(message: LexborNode) -> str | None:
    """The floor a reply quotes (its citation links to ``findpost&pid=N``): its parent."""
    link = message.css_first(".quote a[href*=findpost], blockquote a[href*=findpost]")
    m = _PID.search(link.attributes.get("href") or "") if link is not None else None
    return m.group(1) if m else None


def find(body: LexborNode, ctx: Context) -> Found | None:
    posts = body.css("[id^=postmessage_]")
    if not posts:
        return None
    replies: list[Comment] = []
    containers: list[LexborNode] = []
    starter = ""
    for i, message in enumerate(posts):
        pid = (message.attributes.get("id") or "").removeprefix("postmessage_")
        box = body.css_first(f"#pid{pid}") if pid.isdigit() else None
        author_node = box.css_first(".authi a, .pls .authi a") if box is not None else None
        author = node_text(author_node) if author_node is not None else ""
        stamp = body.css_first(f"#authorposton{pid}") if pid.isdigit() else None
        published = time_in_text(node_text(stamp), ctx.now) if stamp is not None else None
        floor = box.css_first(".pi strong a em") if box is not None else None
        if i == 0 and (floor is None or node_text(floor) in ("", "1", "1#", "楼主")):
            starter = author
            continue
        text, blocks = comment_blocks(message, ctx.base, _citation)
        if not blocks:
            continue
        containers.append(body.css_first(f"#post_{pid}") or box or message)
        replies.append(
            Comment(
                id=pid,
                text=text,
                parent=_quoted(message),
                author=author,
                published=published,
                blocks=blocks,
                is_op=bool(author and author == (starter or ctx.op)),
                permalink=absolute(f"forum.php?mod=redirect&goto=findpost&pid={pid}", ctx.base),
            )
        )
    # The thread header: "查看: 3021 | 回复: 3" (all pages together).
    stats = body.css_first(".hm")
    m = _REPLIES.search(node_text(stats)) if stats is not None else None
    thread = CommentThread(
        state=CommentState.PRESENT if replies else CommentState.NONE,
        declared_count=int(m.group(1)) if m else None,
        items=tuple(tree_order(replies)),
        system="discuz",
        next_page=next_page(body, ctx.base),
    )
    return Found(thread, containers, starter)
