"""What class and id names say about an element: content, boilerplate, related, comments.

Sites name their containers with remarkable consistency (``entry-content``, ``sidebar``,
``xiangguan``, ``pinglun``...). Each class/id token is judged once (the verdicts are cached:
tokens repeat across a page and across pages of one site) and a node's verdict is the union
of its tokens' verdicts, which is what matching the regexes on the joined string would give.
"""

from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborNode

RELATED = 1  # a related-articles box
UNLIKELY = 2  # navigation, comments, ads... removed before scoring
MAYBE = 4  # ...unless the name also says content
POSITIVE = 8  # scores up
NEGATIVE = 16  # scores down
BOILERPLATE = 32  # skipped inside the chosen content

_PATTERNS = (
    (RELATED, re.compile(r"related|xiangguan|xgwz|xgxw|relate|see-also|further-reading")),
    (
        UNLIKELY,
        re.compile(
            r"-ad-|ai2html|banner|breadcrumb|crumb|combx|comment|community|cover-wrap|disqus|"
            r"extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
            r"skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|"
            r"yom-remote|share|pinglun|xiangguan|mianze|copyright|navbar|subnav|cookie|consent|"
            r"trending|teaser|most-?read|mostpopular|most-popular|outbrain|taboola|promo|"
            r"^(?:top|nav|position|login|side|hot|rank|ranking|recommend|prenext|foot|gg|ads?)"
            r"(?:$|[_-])|[_-](?:nav|ads?|gg)$"
        ),
    ),
    (MAYBE, re.compile(r"and|article|body|column|content|main|shadow|entry|story|text")),
    (
        POSITIVE,
        re.compile(
            r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|"
            r"zhengwen|^(?:con|zw|txt|newstext)(?:$|[_-])"
        ),
    ),
    (
        NEGATIVE,
        re.compile(
            r"-ad-|^hidden$|^hid$|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|"
            r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|"
            r"skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|social|subscribe|newsletter|"
            r"cookie|copyright|disclaimer|pinglun|xiangguan|mianze|recommend|rank|byline|author|"
            r"dateline"
        ),
    ),
    (
        BOILERPLATE,
        re.compile(
            r"share|sharing|social|related|relatedposts|comment|pinglun|xiangguan|mianze|"
            r"disclaimer|copyright|breadcrumb|crumb|advert|sponsor|newsletter|subscribe|cookie|"
            r"author-bio|author-info|prenext|pre_next|post-navigation|nav-links|trending|teaser|"
            r"most-?read|outbrain|taboola|"
            r"^(?:tags|ad|ads|gg|nav|print|keywords|editor|laiyuan|source|toolbar|meta)(?:$|[_-])|"
            r"^(?:navbox|hatnote)"  # MediaWiki's link boxes and "Main article:" notes
        ),
    ),
)


# Popularity rails: boilerplate even when the name also says "article" or "post"
# ("c-article-most-popular", "post-trending").
_RAIL = re.compile(r"most-?(?:popular|read|viewed|shared)|trending|popular-(?:posts|stories)")


@lru_cache(maxsize=16384)
def token_flags(token: str) -> int:
    """The verdict bits for one lower-cased class or id token."""
    flags = 0
    for bit, pattern in _PATTERNS:
        if pattern.search(token):
            flags |= bit
    if _RAIL.search(token):
        flags = (flags | UNLIKELY | BOILERPLATE | NEGATIVE) & ~(MAYBE | POSITIVE)
    return flags


def flags_of(node_hint: str) -> int:
    """The union of the verdicts of every token in a hint (see ``dom.hint``)."""
    flags = 0
    for token in node_hint.split():
        flags |= token_flags(token)
    return flags


def node_flags(node: LexborNode) -> int:
    """The verdict bits of a node's class and id."""
    attrs = node.attributes
    cls = attrs.get("class")
    ident = attrs.get("id")
    if not cls and not ident:
        return 0
    return _names_flags(cls, ident)


@lru_cache(maxsize=16384)
def _names_flags(cls: str | None, ident: str | None) -> int:
    """``node_flags`` for one class and id pair; pairs repeat within a page and across a site."""
    if ident and ident.count("-") >= 4:
        ident = None  # a slug made from a heading ("sharing-with-a-single-developer")
    return flags_of(f"{cls or ''} {ident or ''}".lower())


def is_unlikely(flags: int) -> bool:
    """Named like navigation, comments or ads, and not also like content."""
    return bool(flags & UNLIKELY) and not flags & MAYBE
