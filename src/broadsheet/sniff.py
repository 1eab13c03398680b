"""Decide whether a response is something Broadsheet can read, from its type and first bytes.

Servers lie both ways: portals send HTML as ``text/plain`` or with no type at all, and file
hosts label PDFs and images ``text/html``. So the header is checked first (a declared PDF is
refused before its body is downloaded) and the first decoded bytes second: magic numbers of
binary formats win over any header, and a sniffable type (none, ``text/plain``) is accepted
only when its bytes look like HTML (or, when a feed was asked for, like a feed). The HTML
patterns are those of the WHATWG MIME Sniffing Standard.

Pure functions: no IO, no httpx.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from broadsheet.errors import ContentTypeError

Accept = Literal["html", "feed"]

SNIFF_BYTES: Final = 1024  # how much of the body the sniffers look at

HTML_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES: Final = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
        "text/json",
        "application/x-rss+xml",
    }
)
# Types that say little about the content: browsers sniff these, and so do we.
SNIFFABLE_TYPES: Final = frozenset(
    {"", "text/plain", "unknown/unknown", "application/unknown", "application/x-unknown", "*/*"}
)

ACCEPT_HEADERS: Final[dict[str, str]] = {
    "html": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "feed": (
        "application/rss+xml,application/atom+xml,application/feed+json,"
        "application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.8,application/json;q=0.7,*/*;q=0.5"
    ),
}

# (magic bytes at offset 0, the type they reveal). Checked on every response.
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b\x08", "application/gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    (b"\x7fELF", "application/x-executable"),
    (b"OggS\x00", "application/ogg"),
    (b"ID3", "audio/mpeg"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
)

_WHITESPACE: Final = b" \t\n\r\x0c"
# WHATWG "rules for identifying an unknown MIME type": each followed by a space or ">".
_HTML_TAGS: Final = re.compile(
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)"
    rb"[ >]|<!--",
    re.IGNORECASE,
)
_FEED_ROOT: Final = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_XHTML_ROOT: Final = re.compile(rb"<html[\s>]", re.IGNORECASE)


def media_type(content_type: str | None) -> str:
    """The bare, lower-case media type of a Content-Type header (``""`` when missing)."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def _strip_head(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip(_WHITESPACE)


def sniff_binary(head: bytes) -> str | None:
    """The type a file's magic number reveals (PDF, images, archives...), or None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    return None


def looks_like_html(head: bytes) -> bool:
    """True if the first bytes start like an HTML document (WHATWG patterns, or XHTML)."""
    text = _strip_head(head)
    if _HTML_TAGS.match(text):
        return True
    return text[:5].lower() == b"<?xml" and _XHTML_ROOT.search(text) is not None


def looks_like_feed(head: bytes) -> bool:
    """True if the first bytes start like an RSS, Atom or RDF document, or a JSON Feed."""
    text = _strip_head(head)
    if text.startswith(b"{"):
        return b"jsonfeed.org/version" in text
    if text[:5].lower() == b"<?xml" or text.startswith(b"<!--"):
        return _FEED_ROOT.search(text) is not None
    return _FEED_ROOT.match(text) is not None


def _accepted_types(accept: Accept) -> frozenset[str]:
    return HTML_TYPES | FEED_TYPES if accept == "feed" else HTML_TYPES


def _is_feed_type(kind: str) -> bool:
    return kind in FEED_TYPES or kind.endswith(("+xml", "+json"))


def check_declared_type(url: str, content_type: str | None, accept: Accept) -> None:
    """Refuse, before any body is read, a type that is neither readable nor worth sniffing."""
    kind = media_type(content_type)
    if kind in SNIFFABLE_TYPES or kind in _accepted_types(accept):
        return
    if accept == "feed" and _is_feed_type(kind):
        return
    raise ContentTypeError(url, kind)


def check_body_type(url: str, content_type: str | None, head: bytes, accept: Accept) -> None:
    """Check the first decoded bytes against the declared type; raise ContentTypeError.

    Binary magic numbers win over any header (an image labelled ``text/html`` is refused);
    a sniffable type is accepted only when the bytes look like what was asked for.
    """
    binary = sniff_binary(head)
    if binary is not None:
        raise ContentTypeError(url, binary)
    kind = media_type(content_type)
    if kind not in SNIFFABLE_TYPES:
        return  # check_declared_type already accepted it
    if not head.strip():
        return  # an empty page: nothing to refuse, extraction will find nothing
    if looks_like_html(head) or (accept == "feed" and looks_like_feed(head)):
        return
    raise ContentTypeError(url, kind)
