"""Hacker News item pages: ``table.comment-tree`` rows, nested by indentation.

Each comment is a ``tr.athing.comtr`` whose id is the item id; the tree shape is only in the
indent (``td.ind[indent]``, or the width of the spacer image, 40 px a level, in older
markup), so parents come from a stack. ``.age[title]`` holds the absolute time; the "More"
link (``a.morelink``) leads to the next page of a long thread. HN does not mark the
submitter in comments, so ``is_op`` compares with the story's ``.hnuser`` in the subline.
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
    time_in_text,
)
from broadsheet.extract.dom import absolute, line, node_text
from broadsheet.models import Comment, CommentState, CommentThread

SIGNS = "table.comment-tree, tr.athing.comtr"


def _indent(row: LexborNode) -> int:
    ind = row.css_first("td.ind")
    if ind is None:
        return 0
    value = ind.attributes.get("indent")
    if value is not None and value.strip().isdigit():
        return int(value)
    img = ind.css_first("img[width]")
    width = number(img.attributes.get("width") or "") if img is not None else None
    return (width or 0) // 40


def find(body: LexborNode, ctx: Context) -> Found | None:
    rows = body.css("tr.athing.comtr")
    tree = body.css_first("table.comment-tree")
    if not rows and tree is None:
        return None
    story = body.css_first(".fatitem")
    submitter_node = story.css_first(".subline .hnuser, .subtext .hnuser") if story else None
    submitter = node_text(submitter_node) if submitter_node is not None else ""
    stack: list[tuple[int, str]] = []
    items: list[Comment] = []
    for row in rows:
        cid = line(row.attributes.get("id") or "")
        if not cid:
            continue
        depth = _indent(row)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((depth, cid))
        user = row.css_first(".hnuser")
        author = node_text(user) if user is not None else ""
        age = row.css_first(".age")
        published = iso_time(age.attributes.get("title")) if age is not None else None
        if published is None and age is not None:
            published = time_in_text(node_text(age), ctx.now)
        link = age.css_first("a") if age is not None else None
        permalink = absolute(link.attributes.get("href"), ctx.base) if link is not None else None
        text_node = row.css_first(".commtext")
        text, blocks = comment_blocks(text_node, ctx.base) if text_node is not None else ("", ())
        if not text:  # [deleted] / [flagged]: keep the place so replies keep their parent
            text = node_text(row.css_first(".comment") or row)
        items.append(
            Comment(
                id=cid,
                text=text,
                parent=parent,
                depth=len(stack) - 1,
                author=author,
                published=published,
                blocks=blocks,
                permalink=permalink,
                is_op=bool(author and author in (submitter, ctx.op)),
            )
        )
    count = None
    if story is not None:
        for a in story.css(".subline a, .subtext a"):
            text = node_text(a)
            if "comment" in text or "discuss" in text:
                count = declared(text.replace("\xa0", " ")) or (0 if "discuss" in text else None)
    more = body.css_first("a.morelink")
    thread = CommentThread(
        state=CommentState.PRESENT if items else CommentState.NONE,
        declared_count=count,
        items=tuple(items),
        system="hackernews",
        next_page=absolute(more.attributes.get("href"), ctx.base) if more is not None else None,
    )
    nodes = [tree] if tree is not None else list(rows)
    # An Ask/Show HN text is the submitter's own writing: they are its author.
    starter = submitter if story is not None and story.css_first(".toptext") else ""
    return Found(thread, nodes, starter)
