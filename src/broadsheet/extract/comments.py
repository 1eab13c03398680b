"""Comment threads: the WordPress adapter, a generic detector, and script-only systems.

A page's discussion is reported honestly: the count the page declares (全部评论(N), 评论(N),
跟帖, 留言, "N Comments"), the comments actually present in the HTML with their tree shape,
and a state saying whether there are none, some, only a script placeholder (Disqus, 畅言,
LiveRe...) or the page says comments are closed. The sections found are returned too, so the
content step can remove them and comments never leak into the article body.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.dom import absolute, hint, line, node_text
from broadsheet.extract.metadata import _date_in_text, _iso
from broadsheet.models import Block, BlockKind, Comment, CommentState, CommentThread

# Script-loaded systems: the placeholder element they fill, and their script's address.
SCRIPT_PLACEHOLDERS = (
    "#disqus_thread, #SOHUCS, #lv-container, .fb-comments, #commento, .giscus, .utterances, "
    "#cyReward, #changyan_parti_unit"
)
_SCRIPT_SYSTEMS = (
    ("disqus", ("disqus_thread", "disqus.com")),
    ("changyan", ("SOHUCS", "changyan", "cyReward")),
    ("livere", ("lv-container", "livere")),
    ("facebook", ("fb-comments", "connect.facebook.net")),
    ("commento", ("commento",)),
    ("utterances", ("utterances", "utteranc.es")),
    ("giscus", ("giscus",)),
)
_COUNT_PATTERNS = (
    re.compile(
        r"(?:全部评论|全部留言|评论|留言|跟帖|回复|网友评论)\s*[（(\[【]\s*(\d+)\s*[）)\]】]"
    ),
    re.compile(r"(?:已有|共有?|共)\s*(\d+)\s*(?:条|人)\s*(?:评论|留言|跟帖|回复|参与)"),
    re.compile(r"(\d+)\s*条(?:评论|留言|跟帖|回复)"),
    re.compile(r"\b(\d+)\s+(?:Comments?|Responses?|Replies|thoughts? on)\b", re.IGNORECASE),
)
_ONE = re.compile(r"\b(?:One|1) (?:Comment|Response|Reply|thought on)\b", re.IGNORECASE)
_EMPTY = re.compile(
    r"还没有评论|暂无评论|暂无留言|还没有留言|抢沙发|沙发还空着|No comments yet|"
    r"Be the first to comment|There are no comments|No Comments",
    re.IGNORECASE,
)
_CLOSED = re.compile(
    r"Comments are closed|评论已关闭|评论功能已关闭|关闭评论|Comments closed", re.I
)
_SECTION = (
    "#comments, #comment, .comments, .comment-area, .comments-area, #respond, .pinglun, "
    "#pinglun, .plbox, .comment-box, .comment_box, .commentbox, #comment_list, "
    ".comment-section, .article-comments, [id*=pinglun], [class*=pinglun]"
)
_WP_LISTS = "ol.commentlist, ol.comment-list, ul.commentlist, ul.comment-list"
_AUTHOR_HINT = re.compile(r"author|user|name|nick|fn\b|poster|member")
_TEXT_HINT = re.compile(r"content|con\b|_con|text|txt|body|message|msg|detail")
_ITEM_HINT = re.compile(r"item|comment|reply|floor|pl_|entry|post")


def _declared(text: str) -> int | None:
    for pattern in _COUNT_PATTERNS:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    if _ONE.search(text):
        return 1
    return None


def _wp_comment_body(li: LexborNode) -> LexborNode | None:
    body = li.css_first(".comment-content, .comment-text, .comment_text")
    if body is not None:
        return body
    return li.css_first(".comment-body, div[id^=comment-]")


def _paragraph_blocks(node: LexborNode) -> tuple[str, tuple[Block, ...]]:
    """Comment text and blocks (paragraphs, quotes, code), skipping meta and reply links."""
    blocks: list[Block] = []
    for child in node.iter(include_text=False):
        h = hint(child)
        if h and re.search(r"comment-author|comment-meta|commentmetadata|reply|vcard", h):
            continue
        tag = child.tag
        text = line(child.text(deep=True, separator=" "))
        if not text:
            continue
        if tag == "blockquote":
            blocks.append(Block(BlockKind.QUOTE, text, level=1))
        elif tag == "pre":
            blocks.append(Block(BlockKind.CODE, child.text(deep=True).strip("\n")))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text))
    if not blocks:
        text = node_text(node)
        if text:
            blocks.append(Block(BlockKind.PARAGRAPH, text))
    return "\n\n".join(b.text for b in blocks), tuple(blocks)


def _wordpress(lists: list[LexborNode], base: str | None, op: str) -> list[Comment]:
    out: list[Comment] = []
    seen: set[str] = set()
    for root in lists:
        for li in root.css("li"):
            classes = (li.attributes.get("class") or "").split()
            ident = li.attributes.get("id") or ""
            if "comment" not in classes and not ident.startswith(("comment-", "li-comment-")):
                continue
            cid = ident.removeprefix("li-").removeprefix("comment-") or str(len(out) + 1)
            if cid in seen:
                continue
            seen.add(cid)
            parent_li = li.parent
            parent_id = None
            depth = 0
            while parent_li is not None and parent_li.mem_id != root.mem_id:
                if parent_li.tag == "li":
                    pid = (parent_li.attributes.get("id") or "").removeprefix("li-")
                    if parent_id is None:
                        parent_id = pid.removeprefix("comment-") or None
                    depth += 1
                parent_li = parent_li.parent
            # Only this comment's own part: its children list holds the replies.
            own = li.css_first("article.comment-body, div.comment-body, div[id^=comment-]") or li
            author_node = own.css_first(".comment-author .fn, .fn, cite, .comment-author")
            author = node_text(author_node) if author_node else ""
            author = re.sub(r"\s*(?:says|说)\s*:?\s*$", "", author)
            time_node = own.css_first("time[datetime]")
            published = _iso(time_node.attributes.get("datetime") or "") if time_node else None
            if published is None:
                meta = own.css_first(".comment-metadata, .commentmetadata, .comment-meta")
                published = _date_in_text(node_text(meta)) if meta else None
            body = _wp_comment_body(own) or own
            text, blocks = _paragraph_blocks(body)
            link = own.css_first(".comment-metadata a, .commentmetadata a")
            permalink = absolute(link.attributes.get("href"), base) if link else None
            is_op = "bypostauthor" in classes or bool(op and author == op)
            out.append(
                Comment(
                    id=cid,
                    text=text,
                    parent=parent_id,
                    depth=depth,
                    author=author,
                    published=published,
                    blocks=blocks,
                    permalink=permalink,
                    is_op=is_op,
                )
            )
    return out


def _signature(node: LexborNode) -> str:
    return f"{node.tag}.{node.attributes.get('class') or ''}"


def _generic(section: LexborNode, op: str) -> list[Comment]:
    """Repeated entries inside a comment section, each with some text."""
    groups: dict[str, list[LexborNode]] = {}
    for node in section.css("li, div, dl, article, table"):
        if node.mem_id == section.mem_id:
            continue  # Lexbor's css() includes the node itself
        h = hint(node)
        if not h or not _ITEM_HINT.search(h) or node.css_first("form, textarea") is not None:
            continue
        if re.search(r"list|count|tit|form|respond|page|header|box|wrap|area|nodata", h):
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
            if not h:
                continue
            if author_node is None and _AUTHOR_HINT.search(h):
                author_node = child
            elif text_node is None and _TEXT_HINT.search(h):
                text_node = child
        full = node_text(item)
        published = _date_in_text(full)
        author = ""
        if author_node is not None:
            author = node_text(author_node)
            # "小林 2026-11-04 08:02": keep the name, not the date that shares its box.
            author = re.split(r"\s*(?:(?:19|20)\d\d[-/.年]|发表于|\d+\s*楼)", author)[0].strip()
        text = node_text(text_node) if text_node is not None else full
        if not text or (_EMPTY.search(text) and len(text) < 60):
            continue
        ident = (item.attributes.get("id") or "").strip() or str(i + 1)
        out.append(
            Comment(
                id=line(ident),
                text=text,
                author=author,
                published=published,
                blocks=(Block(BlockKind.PARAGRAPH, text),),
                is_op=bool(op and author == op),
            )
        )
    return out


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    ids = {n.mem_id for n in nodes}
    out = []
    for node in nodes:
        parent = node.parent
        nested = False
        while parent is not None:
            if parent.mem_id in ids:
                nested = True
                break
            parent = parent.parent
        if not nested:
            out.append(node)
    return out


def _discuz(
    body: LexborNode, posts: list[LexborNode], base: str | None
) -> tuple[list[Comment], list[LexborNode], str]:
    """Discuz! threads: the first floor is the article, the later floors are the replies.

    Returns the replies, the reply containers to remove, and the thread starter's name.
    """
    if not posts:
        return [], [], ""
    replies: list[Comment] = []
    containers: list[LexborNode] = []
    starter = ""
    for i, message in enumerate(posts):
        pid = (message.attributes.get("id") or "").removeprefix("postmessage_")
        box = body.css_first(f"#pid{pid}") if pid.isdigit() else None
        author_node = box.css_first(".authi a, .pls .authi a") if box is not None else None
        author = node_text(author_node) if author_node is not None else ""
        stamp = body.css_first(f"#authorposton{pid}") if pid.isdigit() else None
        published = _date_in_text(node_text(stamp)) if stamp is not None else None
        if i == 0:
            starter = author
            continue
        blocks: list[Block] = []
        for quote in message.css("blockquote"):
            text = node_text(quote)
            if text:
                blocks.append(Block(BlockKind.QUOTE, text, level=1))
            quote.remove()
        for junk in message.css(".quote, .pstatus, i.pstatus"):
            junk.remove()
        text = node_text(message)
        if text:
            blocks.append(Block(BlockKind.PARAGRAPH, text))
        if not blocks:
            continue
        outer = body.css_first(f"#post_{pid}") or box or message
        containers.append(outer)
        replies.append(
            Comment(
                id=pid,
                text="\n\n".join(b.text for b in blocks),
                author=author,
                published=published,
                blocks=tuple(blocks),
                is_op=bool(starter and author == starter),
                permalink=absolute(f"forum.php?mod=redirect&goto=findpost&pid={pid}", base),
            )
        )
    return replies, containers, starter


def find_comments(
    body: LexborNode, scripts: str, base: str | None, op: str
) -> tuple[CommentThread, list[LexborNode], str]:
    """The page's comment thread, the section nodes to keep out of the article body, and the
    author's name when the comment system tells it (a forum's thread starter).

    ``scripts`` holds the page's script addresses, gathered by the caller before scripts are
    removed; placeholders (``SCRIPT_PLACEHOLDERS``) are looked up here.
    """
    # One walk of the tree finds every kind of section; they are told apart afterwards.
    posts: list[LexborNode] = []
    wp_lists: list[LexborNode] = []
    named: list[LexborNode] = []
    for node in body.css(f"[id^=postmessage_], {_WP_LISTS}, {_SECTION}"):
        if (node.attributes.get("id") or "").startswith("postmessage_"):
            posts.append(node)
        elif node.tag in ("ol", "ul") and node.css_matches(_WP_LISTS):
            wp_lists.append(node)
        else:
            named.append(node)
    replies, floors, starter = _discuz(body, posts, base)
    if floors or starter:
        state = CommentState.PRESENT if replies else CommentState.NONE
        pager = body.css_first(".pg a.nxt, .pgs a.nxt")
        next_page = absolute(pager.attributes.get("href"), base) if pager is not None else None
        thread = CommentThread(
            state=state,
            declared_count=None,
            items=tuple(replies),
            system="discuz",
            next_page=next_page,
        )
        return thread, floors, starter
    sections = _outermost(named)
    for wp in wp_lists:
        if not any(_contains(s, wp) for s in sections):
            sections.append(wp)
    section_text = "\n".join(node_text(s) for s in sections)
    declared = _declared(section_text) if section_text else None

    items: list[Comment] = []
    system: str | None = None
    if wp_lists:
        items = _wordpress(wp_lists, base, op)
        system = "wordpress" if items else None
    if not items:
        for section in sections:
            items = _generic(section, op)
            if items:
                system = "generic"
                break

    script = None
    if not items:
        # Placeholders survive script removal (they are divs), so look them up only now.
        placeholders = " ".join(
            f"{n.attributes.get('id')} {n.attributes.get('class')}"
            for n in body.css(SCRIPT_PLACEHOLDERS)
        )
        found = f"{scripts} {placeholders}"
        for name, signs in _SCRIPT_SYSTEMS:
            if any(sign in found for sign in signs):
                script = name
                break

    if items:
        state = CommentState.PRESENT
    elif declared == 0 or (section_text and _EMPTY.search(section_text)):
        state = CommentState.NONE
        declared = 0 if declared is None else declared
    elif section_text and _CLOSED.search(section_text):
        state = CommentState.CLOSED
    elif script is not None:
        state = CommentState.SCRIPT
        system = script
    else:
        state = CommentState.UNKNOWN
    thread = CommentThread(state=state, declared_count=declared, items=tuple(items), system=system)
    return thread, sections, ""


def _contains(ancestor: LexborNode, node: LexborNode) -> bool:
    parent: LexborNode | None = node
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False
