"""Where a page's comments may be, read from class and id names in one pass.

Lexbor evaluates a selector list by trying every selector on every element, so the long lists
the detectors used to run (comment sections, script placeholders, adapter signatures) each
cost as much as parsing a third of the page. Instead the caller walks the elements that carry
a class or id once (``extract`` already does, for ``names``), and ``verdict`` says, per
(tag, class, id) triple and cached, which of those selector lists the element would match.
The matching follows the selectors' meaning (``#id``, ``.class`` tokens, ``[id*=...]``),
compared in lower case so quirks-mode pages, whose names match case-insensitively, are
served too. Adapter signatures are only a hint here: the adapter itself confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborNode

ADAPTER = 1  # may carry a forum/aggregator signature: let the adapters look
SECTION = 2  # generic.SECTIONS: a comment area named as such
WP_LIST = 4  # wordpress.LISTS: an <ol>/<ul> of WordPress comments
PLACEHOLDER = 8  # script.PLACEHOLDERS: a box a script fills with comments

# generic.SECTIONS, split by what the selectors test.
_SECTION_IDS = frozenset(
    {"comments", "comment", "respond", "pinglun", "comment_list", "gentie", "liuyan"}
)
_SECTION_CLASSES = frozenset(
    {"comments", "comment-area", "comments-area", "pinglun", "plbox", "comment-box",
     "comment_box", "commentbox", "comment-section", "article-comments", "gentie", "liuyan",
     "message-board"}
)  # fmt: skip
_WP_CLASSES = frozenset({"commentlist", "comment-list"})
# script.PLACEHOLDERS.
_PLACEHOLDER_IDS = frozenset(
    {"disqus_thread", "sohucs", "lv-container", "commento", "cyreward", "changyan_parti_unit",
     "uyan_frame", "vcomments", "waline", "tcomment", "comment-valine"}
)  # fmt: skip
_PLACEHOLDER_CLASSES = frozenset(
    {"fb-comments", "giscus", "utterances", "valine", "waline", "twikoo"}
)
# Class tokens of the adapters' signatures (hackernews, lobsters, reddit, discourse, phpbb).
_ADAPTER_CLASSES = frozenset(
    {"comment-tree", "comtr", "comments_subtree", "commentarea", "crawler-post", "postprofile"}
)


# Every class token and id any test below looks for ("comment": the Lobsters test).
_ANY_CLASS = _ADAPTER_CLASSES | _SECTION_CLASSES | _WP_CLASSES | _PLACEHOLDER_CLASSES | {"comment"}
_ANY_ID = _SECTION_IDS | _PLACEHOLDER_IDS

COMMENT_CLASS = 16  # not a verdict bit: the class token "comment", which Lobsters' test reads


def _kinds(*groups: tuple[frozenset[str], int]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for names, bit in groups:
        for name in names:
            kinds[name] = kinds.get(name, 0) | bit
    return kinds


# What each class token and id the tests look for names, for the compiled judge
# (``extract._walk.Judge``), which applies ``verdict``'s rules to them.
CLASS_KINDS = _kinds(
    (_ADAPTER_CLASSES, ADAPTER),
    (_SECTION_CLASSES, SECTION),
    (_WP_CLASSES, WP_LIST),
    (_PLACEHOLDER_CLASSES, PLACEHOLDER),
    (frozenset({"comment"}), COMMENT_CLASS),
)
ID_KINDS = _kinds((_SECTION_IDS, SECTION), (_PLACEHOLDER_IDS, PLACEHOLDER))
BITS = (ADAPTER, SECTION, WP_LIST, PLACEHOLDER, COMMENT_CLASS)


@lru_cache(maxsize=16384)
def verdict(tag: str | None, cls: str | None, ident: str | None) -> int:
    """The comment bits for an element with this tag, class attribute and id."""
    low_id = (ident or "").lower()
    low_cls = (cls or "").lower()
    tokens = low_cls.split()
    if (
        _ANY_CLASS.isdisjoint(tokens)
        and low_id not in _ANY_ID
        and not low_id.startswith("postmessage_")
        and "pinglun" not in low_id
        and "pinglun" not in low_cls
    ):
        return 0  # most names on a page: nothing below can match
    classes = frozenset(tokens)
    bits = 0
    if classes & _ADAPTER_CLASSES or low_id.startswith("postmessage_"):
        bits |= ADAPTER
    elif "comment" in classes and low_id.startswith("c_"):
        bits |= ADAPTER  # lobsters: div.comment[id^=c_]
    if (
        low_id in _SECTION_IDS
        or classes & _SECTION_CLASSES
        or "pinglun" in low_id
        or "pinglun" in low_cls
    ):
        bits |= SECTION
    if tag in ("ol", "ul") and classes & _WP_CLASSES:
        bits |= WP_LIST
    if low_id in _PLACEHOLDER_IDS or classes & _PLACEHOLDER_CLASSES:
        bits |= PLACEHOLDER
    return bits


@dataclass(slots=True)
class Hints:
    """The comment-related elements of a page, in document order."""

    adapter: bool = False
    named: list[LexborNode] = field(default_factory=list)  # SECTION elements
    wp_lists: list[LexborNode] = field(default_factory=list)  # WP_LIST elements
    placeholders: list[LexborNode] = field(default_factory=list)

    def add(self, node: LexborNode, bits: int) -> None:
        """Record ``node`` under the ``bits`` that ``verdict`` gave it."""
        if bits & ADAPTER:
            self.adapter = True
        if bits & WP_LIST:
            self.wp_lists.append(node)
        elif bits & SECTION:
            self.named.append(node)
        if bits & PLACEHOLDER:
            self.placeholders.append(node)


def node_bits(node: LexborNode) -> int:
    """``verdict`` for one element."""
    attrs = node.attributes
    return verdict(node.tag, attrs.get("class"), attrs.get("id"))


def collect(body: LexborNode) -> Hints:
    """``Hints`` for a body nobody has walked yet (one cheap selector, then cached verdicts)."""
    hints = Hints()
    for node in body.css("[class], [id]"):
        bits = node_bits(node)
        if bits:
            hints.add(node, bits)
    return hints
