"""Turn a page into an ``Article``: pure, deterministic, and never raising.

``extract(html, url)`` decodes bytes as a browser would, guards Lexbor against pathological
markup, reads the metadata (before boilerplate is removed, since bylines and 来源 lines live
there), takes out the comment and related-article sections and what a browser would not show,
finds the main content and walks it into blocks. Every string in the result has passed
through ``broadsheet.sanitize``. On hopeless input it returns an ``Article`` with an empty
title and body instead of raising, because one bad page must never stop a feed refresh or
crash the reader.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.encoding import decode_html, reads_as_utf8
from broadsheet.extract import blocks as block_builder
from broadsheet.extract import content, metadata, names
from broadsheet.extract.comments import Hints, find_comments, hints
from broadsheet.extract.comments.hints import verdict as comment_bits
from broadsheet.extract.dom import JUNK_TAGS, absolute, node_text, page_text, weight
from broadsheet.extract.guard import bytes_are_safe, prepare
from broadsheet.extract.links import find_related
from broadsheet.extract.native import GUARD, WALK
from broadsheet.models import Article, Link
from broadsheet.sanitize import clean_line

__all__ = ["extract"]


def extract(
    html: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> Article:
    """Extract the article in ``html`` (bytes are decoded with ``decode_html``).

    ``now`` is when the page was fetched: the only reference for comment times written as
    "3 hours ago" / "2小时前", which stay None without it (extraction stays pure).
    """
    safe_url = clean_line(url) if url else url
    try:
        return _extract(html, safe_url, content_type, now=now)
    except Exception:  # a last net: no page may stop a refresh or crash the reader
        return Article(url=safe_url, title="")


# Below this much body text (UTF-8 bytes) the cleanup probably removed the article itself
# (a wrapper named "pageRow" looks like a pager): extract again without it, as readability does.
_RETRY_BELOW = 500
# Elements whose class/id is judged before scoring: the containers. Inline elements, list
# items and images are many (half of all named elements) and decide nothing on their own.
_JUDGED = frozenset(
    {"div", "section", "aside", "nav", "header", "footer", "ul", "ol", "dl", "p", "table",
     "form", "figure", "center", "td", "tr", "article", "main"}
)  # fmt: skip


# Elements that are never a container worth judging, nor a comment section or placeholder:
# a fifth of the named elements on a page, mostly links and pictures with unique ids. (Icons
# and form controls, svg, button, select, textarea, are gone already: ``JUNK_TAGS``.)
_NEVER_NAMED = frozenset(
    {"a", "img", "input", "i", "em", "b", "strong", "label", "picture", "source", "time"}
)
_COMMENT_BITS = 0xFF  # hints.verdict's bits; the two below sit above them
_RELATED = 0x100
_UNLIKELY = 0x200


_comment_bits = comment_bits.__wrapped__
_first_flags = names.first_flags.__wrapped__


@lru_cache(maxsize=16384)
def _verdict(tag: str | None, cls: str | None, ident: str | None) -> int:
    """Everything the first pass needs to know about one (tag, class, id), judged once:
    comment bits (``hints.verdict``), a related box, or a container to remove."""
    # The judges' own caches are passed by: this cache holds the answer, and a page brings a
    # hundred or so triples never seen before, for which their lookups only add work.
    bits = _comment_bits(tag, cls, ident)
    if tag in _JUDGED and (cls or ident):
        flags = _first_flags(cls, ident)
        if flags & names.RELATED:
            bits |= _RELATED
        if names.is_unlikely(flags) and tag not in content.NEVER_UNLIKELY:
            bits |= _UNLIKELY
    return bits


# ``_verdict`` in C, for the compiled walk (the Python one stays for names that are not ASCII).
_JUDGE = (
    WALK.Judge(
        names._WORDS, names._FIRST_JUDGE, names.RELATED, names.UNLIKELY, names.MAYBE,
        hints.CLASS_KINDS, hints.ID_KINDS, hints.BITS, _JUDGED, content.NEVER_UNLIKELY,
        _NEVER_NAMED, _RELATED, _UNLIKELY,
    )
    if WALK is not None
    else None
)  # fmt: skip


def _survey(
    body: LexborNode,
) -> tuple[list[tuple[LexborNode, int]], list[LexborNode] | None, list[LexborNode] | None]:
    """The body's named elements whose ``_verdict`` says something, once each and in document
    order (Lexbor lists an element with both a class and an id twice: it matches both
    selectors); and, from the compiled walk, the candidates ``content.remove_hidden`` and
    ``remove_unlikely`` would otherwise select themselves (None: they do)."""
    if WALK is not None:  # (and so _JUDGE)
        return WALK.survey_body(body, _JUDGE, _verdict)
    return py_named(body), None, None


def py_named(body: LexborNode) -> list[tuple[LexborNode, int]]:
    """``_survey``'s named elements in Python: what the compiled walk must agree with."""
    found: list[tuple[LexborNode, int]] = []
    last = -1
    for node in body.css("[class], [id]"):
        tag = node.tag
        if tag in _NEVER_NAMED or node.mem_id == last:
            continue
        last = node.mem_id
        attrs = node.attributes
        bits = _verdict(tag, attrs.get("class"), attrs.get("id"))
        if bits:
            found.append((node, bits))
    return found


def _extract(
    html: bytes | str,
    url: str | None,
    content_type: str | None,
    *,
    strict: bool = True,
    now: datetime | None = None,
) -> Article:
    text: str | None
    if isinstance(html, bytes):
        if (
            GUARD is not None
            and bytes_are_safe(html)
            and reads_as_utf8(html, content_type, GUARD.utf8_valid)
        ):
            # Lexbor reads bytes as UTF-8: a UTF-8 page the guard leaves alone goes in as it
            # came, checked in C, and is decoded only if it must be read again below.
            text = None
            tree = LexborHTMLParser(html)
        else:
            decoded = decode_html(html, content_type)
            text = prepare(decoded.text)
            # Such a page found in Python also goes in as it came, which spares encoding it
            # back to UTF-8 (a twentieth of the work).
            plain = text is decoded.text and decoded.encoding == "utf-8"
            tree = LexborHTMLParser(html if plain and decoded.source != "bom" else text)
    else:
        text = prepare(html)
        tree = LexborHTMLParser(text)
    root = tree.root
    if WALK is not None and root is not None:
        heads, junk = WALK.survey_document(root)
        meta = metadata.read_meta(tree, heads)
        for node in junk:
            node.remove()
    else:
        meta = metadata.read_meta(tree)
        tree.strip_tags(list(JUNK_TAGS))
    base = absolute(meta.base, url) or url if meta.base else url
    body = tree.body
    if body is None:
        return Article(url=url, title=metadata.title(meta, tree, ""))

    page = page_text(body)
    site = metadata.site_name(meta)
    title = metadata.title(meta, tree, site)
    if not site:
        site = metadata.site_from_title(meta.title_tag, title)
    author = metadata.author(meta, tree, page, title)
    summary = metadata.summary(meta, page, title)
    source = metadata.source(page)

    # One pass over class names serves the comment finder, the related-list finder and the
    # cleanup: Lexbor walks the tree once, and each (tag, class, id) is judged once.
    named_related: list[LexborNode] = []
    unlikely: list[LexborNode] = []
    hints = Hints()
    named, hidden, landmarks = _survey(body)
    for node, bits in named:
        if bits & _COMMENT_BITS:
            hints.add(node, bits & _COMMENT_BITS)
        if bits & _RELATED:
            named_related.append(node)
        if bits & _UNLIKELY:
            unlikely.append(node)

    thread, comment_nodes, op_name = find_comments(
        body, meta.script_sources, base, author, now=now, hints=hints, page=page
    )
    author = op_name or author  # a forum's thread starter beats the page's meta author
    related, related_nodes = find_related(body, base, page, named_related)
    for node in (*comment_nodes, *related_nodes):
        node.remove()

    if strict:
        content.remove_hidden(body, hidden)
        content.remove_unlikely(body, unlikely, landmarks)
    first_h1 = body.css_first("h1")
    headline = node_text(first_h1) if first_h1 is not None else ""
    if headline and not block_builder.echoes(headline, title):
        headline = ""  # a heading that says something else is part of the text
    builder = block_builder.BlockBuilder(base, title, author, headline)
    builder.build(content.main_nodes(body))
    blocks = block_builder.squash_blocks(builder.blocks)
    if strict and unlikely:
        size = sum(weight(b.text) for b in blocks)
        if size < _RETRY_BELOW and weight(page) > 2 * size + _RETRY_BELOW:
            if text is None:  # the bytes went to Lexbor unread: valid UTF-8 (checked above)
                text = html.decode("utf-8") if isinstance(html, bytes) else html
            return _extract(text, url, None, strict=False, now=now)

    links: list[Link] = []
    seen: set[str] = set()
    for link in builder.links:
        if link.url not in seen:
            seen.add(link.url)
            links.append(link)
    image = absolute(meta.tags.get("og:image") or meta.tags.get("twitter:image"), base)
    return Article(
        url=url,
        title=title,
        blocks=tuple(blocks),
        summary=summary,
        author=author,
        published=metadata.published(meta, tree, page),
        source=source,
        site_name=site,
        language=metadata.language(meta, page[:2000]),
        links=tuple(links),
        related=tuple(related),
        comments=thread,
        image=image,
    )
