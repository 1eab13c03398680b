"""Turn a page's bytes into text the way browsers do.

Order (DESIGN.md section 4): a byte-order mark; the HTTP ``Content-Type`` charset; a
``<meta charset>`` / ``<meta http-equiv>`` prescan of the first kilobyte, then of up to 64 KB
(portals put it late); bytes that are valid UTF-8 win over a declared legacy Chinese label;
then a detector (charset-normalizer); then UTF-8. Labels map as the WHATWG Encoding Standard
says, so ``gb2312`` decodes with ``gb18030`` (real "GB2312" pages contain GBK characters).
Decoding never raises: undecodable bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

# WHATWG label -> the Python codec that decodes what browsers decode for it.
_LABEL_MAP = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "gb_2312": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "csiso58gb231280": "gb18030",
    "iso-ir-58": "gb18030",
    "cp936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "euc-jp": "euc_jp",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "windows-1252": "cp1252",
    "iso-8859-9": "cp1254",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
}
_LEGACY_CHINESE = {"gb18030", "big5hkscs", "hz"}
# Codecs Python knows that no browser decodes a page with. Binary transforms (base64, zlib,
# rot13...) are caught by ``_is_text_encoding``; these are text codecs that raise on
# ``errors="replace"`` (idna, undefined), read escapes into control characters
# (unicode-escape), or that the WHATWG standard drops for security (utf-7). A page labelled
# with one is decoded as if it had no label, as browsers do with labels they do not know.
_REFUSED_CODECS = frozenset(
    {"idna", "punycode", "undefined", "utf-7", "unicode-escape", "raw-unicode-escape", "mbcs"}
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec used, and where the decision came from (for diagnostics)."""

    text: str
    encoding: str
    source: str  # "bom" | "http" | "meta" | "utf-8" | "detector" | "default"


def normalise_label(label: str | None) -> str | None:
    """Map a charset label to a Python codec name, or None if Python does not know it."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    mapped = _LABEL_MAP.get(name)
    if mapped:
        return mapped
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    codec = info.name
    if not getattr(info, "_is_text_encoding", True) or codec in _REFUSED_CODECS:
        return None
    # Python's own names for the legacy Chinese codecs must still widen to gb18030.
    return _LABEL_MAP.get(codec, codec)


def _decode(body: bytes, codec: str) -> str:
    """``body.decode(codec, "replace")``, falling back to UTF-8 if the codec itself fails.

    Labels come from the server, so the codec is hostile input too: any codec left that
    raises on some bytes must not make the page unreadable.
    """
    try:
        return body.decode(codec, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return body.decode("utf-8", "replace")


def charset_from_content_type(content_type: str | None) -> str | None:
    """The codec named by a Content-Type header's charset parameter, if any."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return normalise_label(m.group(1)) if m else None


def charset_from_meta(body: bytes) -> str | None:
    """Prescan for a ``<meta charset>``: the first kilobyte, then up to 64 KB."""
    for limit in (1024, 65536):
        m = _META_CHARSET.search(body[:limit])
        if m:
            label = normalise_label(m.group(1).decode("ascii", "replace"))
            if label in ("utf-16", "utf-16-le", "utf-16-be"):
                return "utf-8"  # as the HTML standard says: a meta cannot declare UTF-16
            return label
        if len(body) <= limit:
            break
    return None


def _as_utf8(body: bytes) -> str | None:
    """``body`` decoded as UTF-8, or None if it is not UTF-8 (decoded once: pages are big)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte sequence cut off by a size cap at the very end still counts as UTF-8.
        if exc.start >= len(body) - 3 and exc.reason == "unexpected end of data":
            return body.decode("utf-8", "replace")
        return None


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:65536]).best()
    if best is None:
        return None
    return normalise_label(best.encoding)


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML (or XML) document's bytes as a browser would."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return Decoded(body[len(bom) :].decode(codec, "replace"), codec, "bom")

    declared = charset_from_content_type(content_type)
    source = "http"
    if declared is None:
        declared = charset_from_meta(body)
        source = "meta"
    if declared is not None:
        # Pages re-encoded to UTF-8 while keeping their old label are common on portals.
        legacy = declared in _LEGACY_CHINESE or declared == "cp1252"
        if legacy and not body.isascii() and (text := _as_utf8(body)) is not None:
            return Decoded(text, "utf-8", "utf-8")
        return Decoded(_decode(body, declared), declared, source)

    text = _as_utf8(body)
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    detected = _detect(body)
    if detected is not None:
        return Decoded(_decode(body, detected), detected, "detector")
    return Decoded(body.decode("utf-8", "replace"), "utf-8", "default")


def reads_as_utf8(body: bytes, content_type: str | None, valid: Callable[[bytes], bool]) -> bool:
    """Whether ``decode_html`` would give exactly ``body.decode("utf-8")`` (no byte-order mark,
    nothing replaced), found without decoding: ``valid`` says whether bytes are UTF-8 (a
    compiled check, a fraction of a decode). False when unsure; ``decode_html`` then decides.
    """
    if body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    declared = charset_from_content_type(content_type) or charset_from_meta(body)
    if declared is None or declared == "utf-8":
        return valid(body)
    # A legacy label on bytes that are valid UTF-8 reads as UTF-8 (decode_html), unless they
    # are ASCII: then the label's codec decodes them, and HZ reads "~{" as an escape.
    legacy = declared in _LEGACY_CHINESE or declared == "cp1252"
    return legacy and not body.isascii() and valid(body)
