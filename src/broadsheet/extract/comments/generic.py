"""Comment sections no adapter knows: Chinese portal blocks and other home-made markups.

A section is an element named like a comment area (``#comments``, ``.pinglun``, ``.plbox``...)
or one whose heading says so (评论, 网友评论, 留言, 跟帖, "Comments", "Responses"). Inside it,
the entries are the largest group of same-shaped elements (tag + class) named like items
(item, comment, reply, floor, pl_...), each read for an author (a child named like a user or
nickname), a text (a child named like content / text / body) and a date.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments.body import comment_blocks
from broadsheet.extract.comments.common import EMPTY, Context, time_in_text
from broadsheet.extract.dom import hint, line, node_text
from broadsheet.models import Block, BlockKind, Comment

SECTIONS = (
    "#comments, #comment, .comments, .comment-area, .comments-area, #respond, .pinglun, "
    "#pinglun, .plbox, .comment-box, .comment_box, .commentbox, #comment_list, "
    ".comment-section, .article-comments, [id*=pinglun], [class*=pinglun], #gentie, .gentie, "
    ".liuyan, #liuyan, .message-board"
)
_AUTHOR_HINT = re.compile(r"author|user|name|nick|fn\b|poster|member")
_TEXT_HINT = re.compile(r"content|con\b|_con|text|txt|body|message|msg|detail")
_ITEM_HINT = re.compile(r"item|comment|reply|floor|pl_|entry|post")
_NOT_ITEM = re.compile(r"list|count|tit|form|respond|page|header|box|wrap|area|nodata")
# What follows a name in a shared box: a date, "发表于", a floor number, "3分钟前".
_AFTER_NAME = re.compile(r"\s*(?:(?:19|20)\d\d[-/.年]|发表于|\d+\s*楼|\d+\s*(?:分钟|小时|天)前)")
# A heading that is only a comment label, with at most a count: "网友跟帖", "评论(3)",
# "全部评论 12条", "3 Comments", "Discussion". ("评论：某某改革" is an opinion column.)
_HEADING = re.compile(
    r"^(?:(?:网友|用户|读者|最新|热门|全部|精彩)?(?:评论|留言|跟帖|评论区)"
    r"|(?:\d+\s+)?(?:Comments?|Responses?|Discussion|Reader comments))"
    r"\s*(?:[（(\[【]?\s*\d*\s*[）)\]】]?\s*(?:条|条评论)?)?\s*[:：]?$",
    re.IGNORECASE,
)


def headed_sections(body: LexborNode) -> list[LexborNode]:
    """Containers whose heading (h2-h4, or a title-named div) says they hold comments."""
    out: list[LexborNode] = []
    for heading in body.css("h2, h3, h4, .title, .tit, .hd"):
        text = node_text(heading)
        if not text or len(text) > 40 or not _HEADING.match(text):
            continue
        parent = heading.parent
        if parent is not None and parent.tag == "span":
            parent = parent.parent
        if parent is None or parent.tag in ("body", "html"):
            continue
        # Never a container holding the article itself: it would be removed with the section.
        if parent.css_first("h1, article, [itemprop=articleBody]") is None:
            out.append(parent)
    return out


def _signature(node: LexborNode) -> str:
    return f"{node.tag}.{node.attributes.get('class') or ''}"


def comments(section: LexborNode, ctx: Context) -> list[Comment]:
    """Repeated entries inside a comment section, each with some text."""
    groups: dict[str, list[LexborNode]] = {}
    for node in section.css("li, div, dl, article, table"):
        if node.mem_id == section.mem_id:
            continue  # Lexbor's css() includes the node itself
        h = hint(node)
        if not h or not _ITEM_HINT.search(h) or node.css_first("form, textarea") is not None:
            continue
        if _NOT_ITEM.search(h):
            continue
        groups.setdefault(_signature(node), []).append(node)
    if not groups:
        return []
    items = max(groups.values(), key=len)
    out: list[Comment] = []
    for i, item in enumerate(items):
        author_node = None
        text_node = None
        for child in item.css("*"):
            h = hint(child)
            if not h or child.mem_id == item.mem_id:
                continue
            if author_node is None and _AUTHOR_HINT.search(h):
                author_node = child
            elif text_node is None and _TEXT_HINT.search(h):
                text_node = child
        full = node_text(item)
        author = ""
        if author_node is not None:
            author = node_text(author_node)
            # "小林 2026-11-04 08:02": keep the name, not the date that shares its box.
            author = _AFTER_NAME.split(author)[0].strip()
        if text_node is not None:
            text, blocks = comment_blocks(text_node, ctx.base)
        else:
            text, blocks = full, (Block(BlockKind.PARAGRAPH, full),) if full else ()
        if not text or (len(text) < 60 and EMPTY.search(text)):
            continue
        ident = (item.attributes.get("id") or "").strip() or str(i + 1)
        out.append(
            Comment(
                id=line(ident),
                text=text,
                author=author,
                published=time_in_text(full, ctx.now),
                blocks=blocks,
                is_op=bool(ctx.op and author == ctx.op),
            )
        )
    return out
