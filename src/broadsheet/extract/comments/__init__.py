"""Comment threads: site adapters, a generic detector, and script-only systems.

A page's discussion is reported honestly: the count the page declares (全部评论(N), 评论(N),
跟帖, 留言, "N Comments"), the comments actually present in the HTML with their tree shape,
and a state saying whether there are none, some, only a script placeholder (Disqus, 畅言,
LiveRe...) or the page says comments are closed. The nodes found are returned too, so the
content step removes them and comments never leak into the article body.

One module per markup: ``hackernews``, ``lobsters``, ``reddit``, ``discourse``, ``discuz``,
``phpbb`` (site software with an unmistakable signature, tried first), then ``wordpress``
lists and ``generic`` sections, then ``script`` placeholders. ``merge_threads`` joins a
thread with its next page.
"""

from __future__ import annotations

from datetime import datetime

from selectolax.lexbor import LexborNode

from broadsheet.extract.comments import (
    discourse,
    discuz,
    generic,
    hackernews,
    lobsters,
    phpbb,
    reddit,
    script,
    wordpress,
)
from broadsheet.extract.comments.common import CLOSED, EMPTY, Context, contains, declared, outermost
from broadsheet.extract.comments.hints import Hints, collect
from broadsheet.extract.comments.merge import merge_threads
from broadsheet.extract.dom import node_text
from broadsheet.extract.scan import has_any
from broadsheet.models import Comment, CommentState, CommentThread

__all__ = ["SCRIPT_PLACEHOLDERS", "Hints", "find_comments", "merge_threads"]

SCRIPT_PLACEHOLDERS = script.PLACEHOLDERS

# Site software recognised by a signature no ordinary page has, in the order they are tried.
_ADAPTERS = (
    (hackernews.SIGNS, hackernews.find),
    (lobsters.SIGNS, lobsters.find),
    (reddit.SIGNS, reddit.find),
    (discourse.SIGNS, discourse.find),
    (discuz.SIGNS, discuz.find),
    (phpbb.SIGNS, phpbb.find),
)
_ALL_SIGNS = ", ".join(signs for signs, _ in _ADAPTERS)


# Words a heading over a comment section must contain (see generic._HEADING): a page whose
# text has none of them needs no look at its headings.
_HEADING_WORDS_CJK = ("评论", "留言", "跟帖")
_HEADING_WORDS_EN = ("comment", "response", "discussion")


def _mentions_comments(page: str) -> bool:
    """Whether the page text names a comment section anywhere. Substring tests on one
    lower-cased copy: a case-blind regex over a whole page cost three times as much."""
    if has_any(page, _HEADING_WORDS_CJK):
        return True
    low = page.lower()
    return any(word in low for word in _HEADING_WORDS_EN)


def find_comments(
    body: LexborNode,
    scripts: str,
    base: str | None,
    op: str,
    *,
    now: datetime | None = None,
    hints: Hints | None = None,
    page: str | None = None,
) -> tuple[CommentThread, list[LexborNode], str]:
    """The page's comment thread, the nodes to keep out of the article body, and the
    author's name when the comment system tells it (a forum's thread starter).

    ``scripts`` holds the page's script addresses, gathered by the caller before scripts are
    removed; ``op`` is the article's author; ``now`` (the fetch time, when known) resolves
    relative times such as "3 hours ago", which otherwise stay None. ``hints`` are the
    comment-named elements when the caller has walked the named elements already (see
    ``hints.collect``); ``page`` is the body's text, when known, to skip the heading search
    on pages that never mention comments.
    """
    ctx = Context(base=base, op=op, now=now)
    if hints is None:
        hints = collect(body)
    # Adapters only where a class/id hints at their signature; one walk then confirms it.
    hit = body.css_first(_ALL_SIGNS) if hints.adapter else None
    if hit is not None:
        for signs, find in _ADAPTERS:
            if hit.css_matches(signs) or body.css_first(signs) is not None:
                found = find(body, ctx)
                if found is not None:
                    return found.thread, found.nodes, found.starter
    return _sections(body, scripts, ctx, hints, page)


def _holds_comments(section: LexborNode, ctx: Context) -> bool:
    """Whether a container found only by its heading really is a comment section: entries
    that all name an author, or a short block saying there are none, N, or that they are
    closed. (A heading alone is weak evidence, and a section found is removed from the body.)
    """
    items = generic.comments(section, ctx)
    if items:
        return all(c.author for c in items)
    text = node_text(section)
    return len(text) < 300 and bool(
        EMPTY.search(text) or CLOSED.search(text) or declared(text) is not None
    )


def _sections(
    body: LexborNode, scripts: str, ctx: Context, hints: Hints, page: str | None
) -> tuple[CommentThread, list[LexborNode], str]:
    """WordPress lists, then generic comment sections, then script placeholders."""
    wp_lists = hints.wp_lists
    named = list(hints.named)
    if not named and not wp_lists and (page is None or _mentions_comments(page)):
        named = [s for s in generic.headed_sections(body) if _holds_comments(s, ctx)]
    sections = outermost(named)
    for wp in wp_lists:
        if not any(contains(s, wp) for s in sections):
            sections.append(wp)
    section_text = "\n".join(node_text(s) for s in sections)
    count = declared(section_text) if section_text else None

    items: list[Comment] = []
    system: str | None = None
    next_page: str | None = None
    if wp_lists:
        items = wordpress.comments(wp_lists, ctx)
        if items:
            system = "wordpress"
            next_page = wordpress.next_page(sections, ctx)
    if not items:
        for section in sections:
            items = generic.comments(section, ctx)
            if items:
                system = "generic"
                next_page = discuz.next_page(section, ctx.base)
                break

    if items:
        state = CommentState.PRESENT
    elif count == 0 or (section_text and EMPTY.search(section_text)):
        state = CommentState.NONE
        count = 0 if count is None else count
    elif section_text and CLOSED.search(section_text):
        state = CommentState.CLOSED
    else:
        # Placeholders survive script removal (they are divs), so look them up only now.
        name, shown, holder = script.recognise(hints.placeholders, scripts)
        if name is not None:
            state, system = CommentState.SCRIPT, name
            count = count if count is not None else shown
            if holder is not None and not any(contains(s, holder) for s in sections):
                sections.append(holder)
        else:
            state = CommentState.UNKNOWN
    thread = CommentThread(
        state=state, declared_count=count, items=tuple(items), system=system, next_page=next_page
    )
    return thread, sections, ""
