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
GALLERY = 64  # a slideshow: its images are kept, its captions are not
CARD = 128  # a hover card or popup, when met inside running text

_LITERAL = re.compile(r"[a-z0-9-]+")


def _top_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (not inside groups or classes)."""
    parts: list[str] = []
    depth, start, in_class, escaped = 0, 0, False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _trie(words: list[str]) -> str:
    """A regex matching the same words as ``a|b|c``, with shared prefixes factored out."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        ends = "" in node
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if len(alts) == 1 and not ends:
            return alts[0]
        return "(?:" + "|".join(alts) + (")?" if ends else ")")

    return emit(root)


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a long ``a|b|c`` of names so it is quick to search.

    Python's ``re`` tries every alternative at every position; with the plain words gathered
    into a prefix tree it tries a handful. A page brings a hundred or so class/id tokens never
    seen before, and judging them was a tenth of the extraction time. (Only whether the
    pattern matches is used, which the rewriting keeps.)
    """
    alternatives = _top_alternatives(pattern)
    words = [a for a in alternatives if _LITERAL.fullmatch(a)]
    others = [a for a in alternatives if not _LITERAL.fullmatch(a)]
    if len(words) < 2:
        return re.compile(pattern)
    return re.compile("|".join([_trie(words), *others]))


_SOURCES: tuple[tuple[int, str], ...] = (
    (RELATED, r"related|xiangguan|xgwz|xgxw|relate|see-also|further-reading"),
    (
        UNLIKELY,
        (
            r"-ad-|ai2html|banner|breadcrumb|crumb|combx|comment|community|cover-wrap|disqus|"
            r"extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
            r"skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|"
            r"yom-remote|share|pinglun|xiangguan|mianze|copyright|navbar|subnav|cookie|consent|"
            r"trending|teaser|most-?read|mostpopular|most-popular|outbrain|taboola|promo|"
            r"next-?prev|prev-?next|"
            r"^(?:top|nav|position|login|side|hot|rank|ranking|recommend|prenext|foot|gg|ads?)"
            r"(?:$|[_-])|[_-](?:nav|ads?|gg)$"
        ),
    ),
    (MAYBE, r"and|article|body|column|content|main|shadow|entry|story|text"),
    (
        POSITIVE,
        (
            r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|"
            r"zhengwen|^(?:con|zw|txt|newstext)(?:$|[_-])"
        ),
    ),
    (
        NEGATIVE,
        (
            r"-ad-|^hidden$|^hid$|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|"
            r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|"
            r"skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|social|subscribe|newsletter|"
            r"cookie|copyright|disclaimer|pinglun|xiangguan|mianze|recommend|rank|byline|author|"
            r"dateline"
        ),
    ),
    (
        BOILERPLATE,
        (
            r"share|sharing|social|related|relatedposts|comment|pinglun|xiangguan|mianze|"
            r"disclaimer|copyright|breadcrumb|crumb|advert|sponsor|newsletter|subscribe|cookie|"
            r"author-bio|author-info|prenext|pre_next|next-?prev|prev-?next|post-navigation|"
            r"nav-links|trending|teaser|"
            r"most-?read|outbrain|taboola|"
            r"^(?:tags|ad|ads|gg|nav|print|keywords|editor|laiyuan|source|toolbar|meta)(?:$|[_-])|"
            r"^(?:navbox|hatnote)"  # MediaWiki's link boxes and "Main article:" notes
        ),
    ),
)


# Popularity rails: boilerplate even when the name also says "article" or "post"
# ("c-article-most-popular", "post-trending").
_RAIL_SOURCE = r"most-?(?:popular|read|viewed|shared)|trending|popular-(?:posts|stories)"
_RAIL = re.compile(_RAIL_SOURCE)
# A post quoted from a social network ("social-media-embed", "embed-twitter"): the story's
# own material, whatever "social" or "media" say of the wrapper.
_EMBED = re.compile(
    r"(?:social|media|twitter|tweet|instagram|tiktok|facebook|(?:^|[-_])x)[-_]?(?:media[-_]?)?embed"
    r"|embed[-_](?:social|twitter|tweet|instagram|tiktok|facebook|post)"
)
_PATTERNS = tuple((bit, _compile(source)) for bit, source in _SOURCES)


# The bits the first pass over a page needs (related boxes, what to remove) and the rest,
# asked only about the few elements scored or walked later. A page brings a hundred or so
# names never seen before, and searching each for every pattern was a tenth of the work.
_FIRST = RELATED | UNLIKELY | MAYBE


def _union(bits: int) -> re.Pattern[str]:
    """One pattern that matches wherever a ``bits`` pattern or ``_RAIL`` would. Most tokens
    match none, and one search of it rules them out instead of four."""
    sources = [source for bit, source in _SOURCES if bit & bits]
    return _compile("|".join([*sources, _RAIL_SOURCE]))


_ANY_FIRST = _union(_FIRST)
_ANY_REST = _union(~_FIRST)


def _judge(token: str, wanted: int, sieve: re.Pattern[str], against: int, cleared: int) -> int:
    """The ``wanted`` bits of one token. A popularity rail sets ``against`` (and clears
    ``cleared``) whatever else the name says; an embedded post clears ``against``."""
    if not sieve.search(token):
        return 0
    flags = 0
    for bit, pattern in _PATTERNS:
        if bit & wanted and pattern.search(token):
            flags |= bit
    if _RAIL.search(token):
        return (flags | against) & ~cleared
    if flags & against and _EMBED.search(token):
        flags &= ~against
    return flags


@lru_cache(maxsize=16384)
def _token_first(token: str) -> int:
    return _judge(token, _FIRST, _ANY_FIRST, UNLIKELY, MAYBE)


@lru_cache(maxsize=16384)
def _token_rest(token: str) -> int:
    return _judge(token, ~_FIRST, _ANY_REST, BOILERPLATE | NEGATIVE, POSITIVE)


def token_flags(token: str) -> int:
    """The verdict bits for one lower-cased class or id token."""
    return _token_first(token) | _token_rest(token)


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
    return names_flags(cls, ident)


def _hint(cls: str | None, ident: str | None) -> str:
    if ident and ident.count("-") >= 4:
        ident = None  # a slug made from a heading ("sharing-with-a-single-developer")
    return f"{cls or ''} {ident or ''}".lower()


@lru_cache(maxsize=16384)
def names_flags(cls: str | None, ident: str | None) -> int:
    """``node_flags`` for one class and id pair; pairs repeat within a page and across a site."""
    return flags_of(_hint(cls, ident))


@lru_cache(maxsize=16384)
def first_flags(cls: str | None, ident: str | None) -> int:
    """Only the ``RELATED``, ``UNLIKELY`` and ``MAYBE`` bits of ``names_flags``: what the first
    pass over every named element needs, for a third of the searching."""
    flags = 0
    for token in _hint(cls, ident).split():
        flags |= _token_first(token)
    return flags


def is_unlikely(flags: int) -> bool:
    """Named like navigation, comments or ads, and not also like content."""
    return bool(flags & UNLIKELY) and not flags & MAYBE


# Shapes only the block walk asks about, for the few elements inside the chosen content: kept
# out of ``token_flags`` so the hundreds of names on a page are not searched for them too.
_SHAPES = (
    (GALLERY, re.compile(r"gallery|slideshow|carousel")),
    (CARD, re.compile(r"(?:^|[-_])(?:hover-?card|card|popup|popover|tooltip|block)$|hovercard")),
)


@lru_cache(maxsize=4096)
def _shape_flags(cls: str) -> int:
    flags = 0
    for token in cls.lower().split():
        for bit, pattern in _SHAPES:
            if pattern.search(token):
                flags |= bit
    return flags


def shape_flags(node: LexborNode) -> int:
    """``GALLERY`` and ``CARD`` bits from the node's class names (ids are not consulted:
    galleries and cards are styled, so they carry classes)."""
    cls = node.attributes.get("class")
    return _shape_flags(cls) if cls else 0
