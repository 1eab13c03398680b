"""RSS 0.9x / 1.0 (RDF) / 2.0 and Atom 0.3 / 1.0, read with feedparser.

Two things are done before feedparser sees the bytes:

- **Decoding.** feedparser follows RFC 3023 and Python's codecs, so a feed labelled
  ``gb2312`` that holds a GBK-only character (镕) falls back to windows-1252 and turns into
  mojibake. We decode as browsers do instead (``encoding.decode_html``: BOM, HTTP charset,
  then the XML declaration's label, WHATWG label mapping, UTF-8 winning over a stale legacy
  label, a detector last) and hand feedparser UTF-8 with a matching declaration.
- **Bytes in a stream.** ``feedparser.parse`` treats a ``str`` or ``bytes`` argument that
  looks like a URL or a path as one to open; wrapping the body in ``BytesIO`` keeps parsing
  free of IO whatever the document says.

feedparser strips DOCTYPE entity declarations other than plain character ones, so an XML
entity bomb in a feed expands to nothing; its HTML sanitiser removes scripts from content.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any, Final

import feedparser  # type: ignore[import-untyped]

from broadsheet.encoding import charset_from_content_type, decode_html, normalise_label
from broadsheet.errors import FeedError
from broadsheet.feeds.model import Feed, FeedEntry, FeedKind
from broadsheet.feeds.text import (
    absolute_http_url,
    html_to_text,
    iso_from_struct,
    iso_from_text,
    plain_text,
)
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.sniff import looks_like_html

_XML_DECLARATION: Final = re.compile(rb"^\s*<\?xml[^>]*?\?>", re.IGNORECASE)
_DECLARED_ENCODING: Final = re.compile(
    rb"""encoding\s*=\s*["']\s*([A-Za-z0-9._:\-]+)\s*["']""", re.IGNORECASE
)
_TEXT_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*?\?>", re.IGNORECASE)
# At most this many tags ("<" or "&lt;") are read from one feed; see _within_budget.
MAX_MARKUP: Final = 100_000
_MARKUP: Final = re.compile(r"<|&lt;")
_ENTRY_END: Final = re.compile(r"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_PERSON_PATTERNS: Final = (
    re.compile(r"\S+@\S+\s*\((.+)\)"),  # RSS 2.0: "press@example.com (Press Office)"
    re.compile(r"(.+?)\s*<\S+@\S+>"),  # "Press Office <press@example.com>"
)
_HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def decode_xml(body: bytes, content_type: str | None = None) -> str:
    """Decode an XML document (feed or OPML) as text, whatever its label claims.

    The HTTP charset wins over the XML declaration (RFC 3023), unless the bytes are not valid
    in it and are valid in the declared one (a server whose default ``charset=utf-8`` covers
    a GBK feed). Labels map as for HTML, so ``gb2312`` decodes with gb18030. The XML
    declaration is removed from the result, since it no longer describes the text.
    """
    declaration = _XML_DECLARATION.match(body.lstrip(b"\xef\xbb\xbf")[:1024])
    found = _DECLARED_ENCODING.search(declaration.group(0)) if declaration else None
    declared = normalise_label(found.group(1).decode("ascii")) if found else None
    if declared is not None and declared.startswith("utf-16"):
        declared = None  # only a BOM can tell UTF-16 apart; decode_html checks for one
    http = charset_from_content_type(content_type)
    if declared is not None and (
        http is None or (not _decodes(body, http) and _decodes(body, declared))
    ):
        content_type = f"application/xml; charset={declared}"
    text = decode_html(body, content_type).text
    return _TEXT_DECLARATION.sub("", text, count=1)


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def parse_xml_feed(body: bytes, url: str, headers: Mapping[str, str]) -> Feed:
    """Parse an RSS or Atom document; raise FeedError when it is not one or has no entries."""
    text, truncated = _within_budget(decode_xml(body, headers.get("content-type")))
    data = ('<?xml version="1.0" encoding="utf-8"?>\n' + text).encode("utf-8", "replace")
    parsed: Any = feedparser.parse(
        io.BytesIO(data),
        response_headers={
            "content-type": "application/xml; charset=utf-8",
            "content-location": url,
            "content-language": headers.get("content-language", ""),
        },
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    version = _text(_get(parsed, "version"))
    entries = _get(parsed, "entries") or []
    if not entries and (_get(parsed, "bozo") or not version):
        raise FeedError(_why_not_a_feed(body, parsed), url=url)
    meta = _get(parsed, "feed") or {}
    kind: FeedKind = "atom" if version.startswith("atom") else "rss"
    site_url = absolute_http_url(_text(_get(meta, "link")), url)
    items = tuple(_entry(raw, url) for raw in entries if isinstance(raw, Mapping))
    return Feed(
        title=clean_line(_visible(meta, "title")),
        url=url,
        site_url=site_url,
        entries=items,
        kind=kind,
        truncated=truncated,
    )


def _within_budget(text: str) -> tuple[str, bool]:
    """Cut the document before its ``MAX_MARKUP``-th tag, so parsing time stays bounded.

    feedparser spends 20-40 µs per tag, escaped HTML included (it sanitises it), so a 10 MB
    body of tiny tags would take over a minute. Legitimate feeds stay far below the budget
    (5,000 entries with HTML summaries hold about 75,000). The cut document is read by
    feedparser's forgiving parser; the cut falls after the last complete entry.
    """
    if text.count("<") + text.count("&lt;") <= MAX_MARKUP:
        return text, False
    for index, match in enumerate(_MARKUP.finditer(text)):
        if index == MAX_MARKUP:
            cut = match.start()
            # End after the last whole entry, so no half entry is taken for a real one.
            ends = [m.end() for m in _ENTRY_END.finditer(text, 0, cut)]
            return text[: ends[-1] if ends else cut], True
    return text, False


def _why_not_a_feed(body: bytes, parsed: Any) -> str:
    if not body.strip():
        return "the feed is empty"
    if looks_like_html(body[:1024]):
        return "this is a web page, not a feed"
    problem = _get(parsed, "bozo_exception")
    detail = clean_line(str(problem))[:200] if problem else ""
    if detail:
        return f"the feed is broken and no entry could be read ({detail})"
    return "this is not an RSS or Atom feed"


def _entry(raw: Mapping[str, Any], base: str) -> FeedEntry:
    link = absolute_http_url(_text(_get(raw, "link")), base)
    guid = clean_line(_text(_get(raw, "id")))
    if not link and guid:
        link = absolute_http_url(guid, base) if guid.startswith(("http:", "https:")) else ""
    content = _content_html(raw)
    summary = _text(_get(raw, "summary"))
    if not content and _is_html(raw, "summary"):
        content = summary  # many RSS feeds put the whole article in <description>
    published = iso_from_struct(_get(raw, "published_parsed")) or iso_from_text(
        _get(raw, "published")
    )
    updated = iso_from_struct(_get(raw, "updated_parsed")) or iso_from_text(_get(raw, "updated"))
    return FeedEntry(
        id=guid,  # filled in by parse.finish_entries when the feed gives none
        url=link,
        title=clean_line(_visible(raw, "title")),
        summary=_visible(raw, "summary"),
        content_html=clean_text(content),
        author=_author(raw),
        published=published,
        updated=updated,
    )


def _is_html(raw: Mapping[str, Any], name: str) -> bool:
    detail = _get(raw, f"{name}_detail")
    kind = _text(_get(detail, "type")) if isinstance(detail, Mapping) else ""
    return kind.lower() in _HTML_TYPES


def _visible(raw: Mapping[str, Any], name: str) -> str:
    """A text construct's visible text: HTML rendered to text, plain text kept as written."""
    value = _text(_get(raw, name))
    return html_to_text(value) if _is_html(raw, name) else plain_text(value)


def _content_html(raw: Mapping[str, Any]) -> str:
    """The richest body the entry carries: HTML content first, then plain text escaped."""
    contents = [c for c in _get(raw, "content") or [] if isinstance(c, Mapping)]
    for item in contents:
        if _text(_get(item, "type")).lower() in _HTML_TYPES and _text(_get(item, "value")).strip():
            return _text(_get(item, "value"))
    for item in contents:
        value = _text(_get(item, "value"))
        if value.strip():
            return "".join(f"<p>{_escape(p)}</p>" for p in value.split("\n\n") if p.strip())
    return ""


def _author(raw: Mapping[str, Any]) -> str:
    """The entry's author names, without the e-mail address RSS puts around them."""
    names = [
        clean_line(_text(_get(a, "name")))
        for a in _get(raw, "authors") or []
        if isinstance(a, Mapping)
    ]
    names = [n for n in names if n]
    if len(names) > 1:
        return ", ".join(dict.fromkeys(names))
    # feedparser's own split of "mail@host (Name)" mangles long TLDs; the raw string is safer.
    written = clean_line(_text(_get(raw, "author")))
    if written:
        for pattern in _PERSON_PATTERNS if len(written) <= 320 else ():  # no backtracking on junk
            match = pattern.fullmatch(written)
            if match:
                return match.group(1).strip()
        return written
    return names[0] if names else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _get(mapping: Any, key: str) -> Any:
    """A feedparser value without its legacy key aliases.

    ``FeedParserDict.get("updated")`` answers with the published date (and a deprecation
    warning) when there is no update date; reading the plain dict gives what the feed said.
    """
    if isinstance(mapping, dict):
        return dict.get(mapping, key)
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def _text(value: object) -> str:
    """feedparser values are usually str; anything else counts as missing."""
    return value if isinstance(value, str) else ""
