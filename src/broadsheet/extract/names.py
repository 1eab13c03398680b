"""What class and id names say about an element: content, boilerplate, related, comments.

Sites name their containers with remarkable consistency (``entry-content``, ``sidebar``,
``xiangguan``, ``pinglun``...). Each class/id token is judged once (the verdicts are cached:
tokens repeat across a page and across pages of one site) and a node's verdict is the union
of its tokens' verdicts, which is what matching the regexes on the joined string would give.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from functools import cache, lru_cache, reduce

from selectolax.lexbor import LexborNode

from broadsheet.extract.native import TRIE

RELATED = 1  # a related-articles box
UNLIKELY = 2  # navigation, comments, ads... removed before scoring
MAYBE = 4  # ...unless the name also says content
POSITIVE = 8  # scores up
NEGATIVE = 16  # scores down
BOILERPLATE = 32  # skipped inside the chosen content
GALLERY = 64  # a slideshow: its images are kept, its captions are not
CARD = 128  # a hover card or popup, when met inside running text


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
# A post quoted from a social network ("social-media-embed", "embed-twitter"): the story's
# own material, whatever "social" or "media" say of the wrapper.
_EMBED_SOURCE = (
    r"(?:social|media|twitter|tweet|instagram|tiktok|facebook|(?:^|[-_])x)[-_]?(?:media[-_]?)?embed"
    r"|embed[-_](?:social|twitter|tweet|instagram|tiktok|facebook|post)"
)
# The bits the first pass over a page needs (related boxes, what to remove) and the rest,
# asked only about the few elements scored or walked later.
_FIRST = RELATED | UNLIKELY | MAYBE

# Sentinels standing for ``^`` and ``$``: with them every alternative of the patterns above is a
# plain string, found anywhere in ``_START + token + _END``.
_START, _END = "\x02", "\x03"
# The bits of the two special patterns, kept apart from the verdict bits.
_RAIL_BIT = 1 << 16
_EMBED_BIT = 1 << 17
_VERDICTS = RELATED | UNLIKELY | MAYBE | POSITIVE | NEGATIVE | BOILERPLATE


def _expand(pattern: str) -> list[str]:
    """Every string ``pattern`` matches, anchors written as the sentinels.

    Only the regex subset the name patterns use is read: literals, ``\\`` escapes, ``(?:…)``
    groups, ``|``, ``?`` after a character or group, ``[…]`` sets of plain characters, ``^``
    and ``$``. Anything else raises, so a pattern edited past that subset fails at import.
    """

    def alternation(i: int) -> tuple[list[str], int]:
        found, i = sequence(i)
        while i < len(pattern) and pattern[i] == "|":
            more, i = sequence(i + 1)
            found += more
        return found, i

    def sequence(i: int) -> tuple[list[str], int]:
        found = [""]
        while i < len(pattern) and pattern[i] not in "|)":
            options, i = atom(i)
            if i < len(pattern) and pattern[i] == "?":
                options, i = [*options, ""], i + 1
            found = [head + tail for head in found for tail in options]
        return found, i

    def atom(i: int) -> tuple[list[str], int]:
        ch = pattern[i]
        if pattern.startswith("(?:", i):
            options, i = alternation(i + 3)
            if i >= len(pattern) or pattern[i] != ")":
                raise ValueError(f"unclosed group in {pattern!r}")
            return options, i + 1
        if ch == "[":
            close = pattern.index("]", i + 1)
            members = pattern[i + 1 : close]
            if not members or any(c in members for c in "\\^]"):
                raise ValueError(f"unsupported set in {pattern!r}")
            return list(members), close + 1
        if ch == "\\":
            return [pattern[i + 1]], i + 2
        if ch in "()*+{}.":
            raise ValueError(f"unsupported {ch!r} in {pattern!r}")
        return [{"^": _START, "$": _END}.get(ch, ch)], i + 1

    found, end = alternation(0)
    if end != len(pattern):
        raise ValueError(f"unbalanced {pattern!r}")
    return found


def _or_all(bits: Iterable[int]) -> int:
    return reduce(operator.or_, bits, 0)


def _word_bits() -> dict[str, int]:
    words: dict[str, int] = {}
    for bit, source in (*_SOURCES, (_RAIL_BIT, _RAIL_SOURCE), (_EMBED_BIT, _EMBED_SOURCE)):
        for word in _expand(source):
            words[word] = words.get(word, 0) | bit
    return words


_WORDS = _word_bits()
# The same tree in C, where it was built: a walk from every position finds every word.
_TREE = TRIE.Trie(_WORDS) if TRIE is not None else None


@cache
def _python_tree() -> tuple[re.Pattern[str], dict[str, int]]:
    """The prefix tree as a regex, and each word's bits with those of the words that are
    prefixes of it: what is found at a position is the longest word starting there (the
    tree is greedy), and the shorter ones are found with it. Built on first use: with the
    compiled tree it is only the tests' reference."""
    closure = {
        word: _or_all(_WORDS.get(word[:end], 0) for end in range(1, len(word) + 1))
        for word in _WORDS
    }
    return re.compile(_trie(list(_WORDS))), closure


@lru_cache(maxsize=16384)
def _raw(token: str) -> int:
    """The bits of every pattern that matches ``token``, the two special ones included: one
    prefix tree for all of them, where a search per pattern cost three times as much."""
    if _TREE is not None:
        # ``token`` came from ``str.split``: one token, whose anchors the tree reads itself
        # (a sentinel inside it reads as a break, as the space below does).
        found = _TREE.tokens(token)
        return found[0] if found else 0
    if _START in token or _END in token:
        token = token.replace(_START, " ").replace(_END, " ")  # no word holds a space
    return py_bits(f"{_START}{token}{_END}")


def py_bits(text: str) -> int:
    """The bits of the longest word at each position of ``text`` and of its prefixes: what
    the compiled tree, which walks every word at every position, must agree with."""
    find, closure = _python_tree()
    bits = 0
    search = find.search
    found = search(text)
    while found is not None:
        bits |= closure[found.group()]
        found = search(text, found.start() + 1)
    return bits


def _judge(raw: int, wanted: int, against: int, cleared: int) -> int:
    """The ``wanted`` bits of one token whose patterns are ``raw``. A popularity rail sets
    ``against`` (and clears ``cleared``) whatever else the name says; an embedded post clears
    ``against``."""
    flags = raw & wanted & _VERDICTS
    if raw & _RAIL_BIT:
        return (flags | against) & ~cleared
    if flags & against and raw & _EMBED_BIT:
        flags &= ~against
    return flags


# ``_judge``'s arguments for the first-pass bits and for the rest, as the compiled tree takes
# them (the verdict bits wanted, then the two special patterns' bits).
_FIRST_JUDGE = (_FIRST, UNLIKELY, MAYBE, _RAIL_BIT, _EMBED_BIT)
_REST_JUDGE = (_VERDICTS & ~_FIRST, BOILERPLATE | NEGATIVE, POSITIVE, _RAIL_BIT, _EMBED_BIT)


@lru_cache(maxsize=16384)
def _token_first(token: str) -> int:
    return _judge(_raw(token), _FIRST, UNLIKELY, MAYBE)


@lru_cache(maxsize=16384)
def _token_rest(token: str) -> int:
    return _judge(_raw(token), ~_FIRST, BOILERPLATE | NEGATIVE, POSITIVE)


def token_flags(token: str) -> int:
    """The verdict bits for one lower-cased class or id token."""
    return _token_first(token) | _token_rest(token)


def flags_of(node_hint: str) -> int:
    """The union of the verdicts of every token in a hint (see ``dom.hint``)."""
    flags = 0
    if _TREE is not None:  # every token judged in one call
        return _TREE.judge(node_hint, *_FIRST_JUDGE) | _TREE.judge(node_hint, *_REST_JUDGE)
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
    if _TREE is not None:
        return _TREE.judge(_hint(cls, ident), *_FIRST_JUDGE)
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
