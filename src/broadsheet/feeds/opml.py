"""OPML import and export: the file every feed reader reads and writes to move subscriptions.

Reading uses expat directly, with a handler that refuses any DOCTYPE (and so any ENTITY
declaration) before a single entity is expanded: an OPML file is data a person downloaded
from somewhere, and a "billion laughs" file must be an error, not gigabytes of memory.
Nested outlines (folders) are flattened; an outline is a feed when it has an ``xmlUrl``.
The text is decoded like a feed (``decode_xml``), so GBK-labelled files read correctly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from xml.parsers import expat

from broadsheet.errors import FeedError
from broadsheet.feeds.text import absolute_http_url
from broadsheet.feeds.xmlfeed import decode_xml
from broadsheet.sanitize import clean_line

# Characters XML 1.0 cannot carry at all, even as references.
_NOT_XML: Final = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class OpmlOutline:
    """One subscription from an OPML file: a title, the feed URL and the site's URL."""

    title: str
    xml_url: str
    html_url: str = ""


class _Refused(Exception):
    """Raised from inside expat to stop at a DOCTYPE or entity declaration."""


def parse_opml(body: bytes) -> list[OpmlOutline]:
    """The feeds listed in an OPML document, nested outlines flattened, in document order.

    Outlines without an http(s) ``xmlUrl`` (folders, notes) are skipped; a feed listed twice
    is kept once. Raises ``FeedError`` for a file that is not OPML, is malformed, or declares
    a DOCTYPE or entities.
    """
    text = decode_xml(body)
    found: list[OpmlOutline] = []
    seen: set[str] = set()
    root: list[str] = []

    def refuse(*_: object) -> int:
        raise _Refused

    def start(name: str, attrs: dict[str, str]) -> None:
        if not root:
            root.append(name)
        if name != "outline":
            return
        url = absolute_http_url(attrs.get("xmlUrl") or attrs.get("xmlurl") or "", "")
        if not url or url in seen:
            return
        seen.add(url)
        title = clean_line(attrs.get("title") or "") or clean_line(attrs.get("text") or "")
        site = absolute_http_url(attrs.get("htmlUrl") or attrs.get("htmlurl") or "", url)
        found.append(OpmlOutline(title=title or url, xml_url=url, html_url=site))

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    try:
        parser.Parse(text, True)
    except _Refused:
        raise FeedError("refused an OPML file that declares a DOCTYPE or entities") from None
    except expat.ExpatError as exc:
        raise FeedError(f"the OPML file is malformed ({exc})") from exc
    if root[:1] != ["opml"]:
        raise FeedError("this is not an OPML file")
    return found


def write_opml(
    sources: Sequence[tuple[str, str]], *, title: str = "Broadsheet subscriptions"
) -> bytes:
    """An OPML 2.0 document (UTF-8 bytes) listing ``sources``, each a ``(title, url)`` pair.

    The output is deterministic (no creation date), so exporting twice gives the same file.
    """
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = _xml_safe(title)
    body = ET.SubElement(opml, "body")
    for name, url in sources:
        label = _xml_safe(name) or _xml_safe(url)
        ET.SubElement(body, "outline", type="rss", text=label, title=label, xmlUrl=_xml_safe(url))
    ET.indent(opml)
    document: bytes = ET.tostring(opml, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", clean_line(text))
