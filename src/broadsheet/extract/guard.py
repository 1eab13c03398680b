"""Cheap checks on the raw markup before Lexbor sees it.

Lexbor's tree builder is quadratic in some shapes of input (measured: 10k nested ``<div>``
take 0.14 s, 100k take 26 s; 10k attributes on one tag 0.13 s, 100k 47 s) and serialising
~70k nested ``<template>`` crashes the process. Extraction must stay bounded on anything the
network hands us, so before parsing we cap the size, unwrap template storms, strip the
attributes of tags that carry hundreds of them and cut the document where element nesting
gets absurd. Every check is a string count, a split or one linear regex pass, so ordinary
pages pay little.
"""

from __future__ import annotations

import re
from itertools import accumulate

from broadsheet.extract.native import GUARD

MAX_CHARS = 4_000_000  # about 10 MB of GBK; the fetch layer caps bytes, this caps work
MAX_DEPTH = 3_000  # nesting beyond this costs more than it could ever be worth
MAX_TEMPLATES = 200
MAX_ATTRIBUTES = 1_000

# Tags that never nest (void elements) or close themselves when repeated, so they do not
# add to the open-element stack the way <div> does.
_NON_NESTING = (
    "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|"
    "p|li|dt|dd|tr|td|th|option|optgroup|rb|rt|rp|tbody|thead|tfoot|colgroup|!"
)
_TAG = re.compile(rf"<(/?)(?!(?:{_NON_NESTING})[\s/>])[A-Za-z]")
_TEMPLATE_TAG = re.compile(r"</?template\b[^<>]*>", re.IGNORECASE)
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
_DELTA = {"": 1, "/": -1}
# A tag long enough to carry MAX_ATTRIBUTES attributes (each takes at least two characters).
_LONG_TAG = re.compile(rf"<[A-Za-z][^>]{{{2 * MAX_ATTRIBUTES}}}")


def _floor_add(depth: int, delta: int) -> int:
    return depth + delta if depth + delta > 0 else 0


def _max_depth(text: str) -> int:
    """An upper estimate of element nesting: opening minus closing tags, floored at zero."""
    marks = _TAG.findall(text)
    if not marks:
        return 0
    return max(accumulate(map(_DELTA.__getitem__, marks), _floor_add))


def _cut_at_depth(text: str, limit: int) -> str:
    """Cut the document just before the tag that takes nesting past ``limit``."""
    depth = 0
    for match in _TAG.finditer(text):
        depth = _floor_add(depth, -1 if match.group(1) else 1)
        if depth > limit:
            return text[: match.start()]
    return text


# One pass finds both what ``prepare`` counts: template openings and tags long enough to carry
# MAX_ATTRIBUTES attributes (each takes at least two characters). A template tag that long is
# reported as a long tag: its attributes are the greater danger.
_SCAN = re.compile(
    rf"<(?:(template)(?![^>]{{{2 * MAX_ATTRIBUTES}}})|[A-Za-z][^>]{{{2 * MAX_ATTRIBUTES}}})",
    re.IGNORECASE,  # Lexbor reads tag names in any case
)


def _tame_attributes(text: str, starts: list[int] | None = None) -> str:
    """Drop the attributes of any tag carrying more than ``MAX_ATTRIBUTES`` of them.

    A tag with N attributes spans at least 2N characters, so only tags that long need a look
    (``starts``: where they begin, when the caller has found them already), and one regex
    pass (in C) finds them; ordinary pages have none or a few (long inline styles, data
    attributes). (Quoted ``>`` inside attribute values can hide a storm from this check; it
    is a cheap net, not a proof.)
    """
    if starts is None:
        starts = [m.start() for m in _LONG_TAG.finditer(text)]
    pieces: list[str] = []
    done = 0
    for start in starts:
        if start < done:
            continue
        end = text.find(">", start)
        end = len(text) if end < 0 else end
        tag = text[start:end]
        if tag.count("=") > MAX_ATTRIBUTES or len(tag.split()) > MAX_ATTRIBUTES:
            name = _TAG_NAME.match(tag)
            pieces.append(text[done:start])
            pieces.append(f"<{name.group(1)}" if name else "")
            done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def prepare(text: str) -> str:
    """Return markup that Lexbor parses in bounded time (usually ``text`` itself)."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if GUARD is not None:
        # One pass in C, which finds the tags the regex below would tame (and may count more
        # templates than it, never fewer): a page with none of either is answered here.
        opening, _, templates, long_tags = GUARD.count(text, MAX_ATTRIBUTES)
        if not long_tags and templates <= MAX_TEMPLATES:
            if opening > MAX_DEPTH and _max_depth(text) > MAX_DEPTH:
                text = _cut_at_depth(text, MAX_DEPTH)
            return text
    return _prepare(text)


def bytes_are_safe(data: bytes) -> bool:
    """Whether ``prepare`` would leave the page alone, read from its bytes (an ASCII-compatible
    encoding, where ``<``, ``/`` and ``>`` are never part of another character); False when
    unsure, and always without the compiled counts."""
    if GUARD is None or len(data) > MAX_CHARS:  # a character is a byte or more
        return False
    opening, _, templates, long_tags = GUARD.count_bytes(data, MAX_ATTRIBUTES)
    return not long_tags and templates <= MAX_TEMPLATES and opening <= MAX_DEPTH


def _prepare(text: str) -> str:
    """``prepare`` in Python, past the size cap: what the compiled count must agree with."""
    templates = 0
    long_tags: list[int] = []
    for match in _SCAN.finditer(text):
        if match.group(1):
            templates += 1
        else:
            long_tags.append(match.start())
    if templates > MAX_TEMPLATES:
        text = _tame_attributes(_TEMPLATE_TAG.sub("", text))
    elif long_tags:
        text = _tame_attributes(text, long_tags)
    # Nesting cannot pass the number of tags that open something ("<" not followed by "/"):
    # two counts clear most large pages before the slower scan of every tag.
    if (
        len(text) > MAX_DEPTH
        and (tags := text.count("<")) > MAX_DEPTH
        and tags - text.count("</") > MAX_DEPTH
        and _max_depth(text) > MAX_DEPTH
    ):
        text = _cut_at_depth(text, MAX_DEPTH)
    return text
