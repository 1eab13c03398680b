"""Find the feeds a web page advertises, and tell a feed from a page by its bytes.

When a person adds a site rather than a feed, the page's
``<link rel="alternate" type="application/rss+xml" href="...">`` elements name its feeds
(feed autodiscovery, as browsers and every feed reader do it). ``looks_like_feed`` decides,
after a fetch with ``accept="feed"``, whether the response is the feed itself or a page to
run discovery on: servers label feeds ``text/html`` and pages ``application/xml`` often
enough that the first bytes are trusted over the header.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser

from broadsheet.feeds.text import absolute_http_url
from broadsheet.models import Link
from broadsheet.sanitize import clean_line
from broadsheet.sniff import media_type

# Feed types named in rel="alternate" links, with a label for links that have no title.
FEED_LINK_TYPES: Final[dict[str, str]] = {
    "application/rss+xml": "RSS",
    "application/x-rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/json+feed": "JSON Feed",
}
_FEED_MEDIA_TYPES: Final = frozenset(
    {*FEED_LINK_TYPES, "application/rdf+xml", "application/rss+json"}
)
# Discovery reads only the head (where the links belong); a huge or deeply nested body is
# never parsed, which bounds the time on hostile pages (DESIGN.md section 4).
_HEAD_END: Final = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_HEAD_LIMIT: Final = 512 * 1024
_MAX_HEAD_TAGS: Final = 5000
_LINK_OR_BASE: Final = re.compile(r"<(?:link|base)\b[^<>]*>", re.IGNORECASE)
_SNIFF: Final = 4096
_PROLOG_ITEM: Final = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^\[>]*(?:\[.*?\])?\s*>)", re.IGNORECASE | re.DOTALL
)
_ELEMENT_START: Final = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")
_FEED_ROOTS: Final = frozenset({b"rss", b"feed", b"rdf"})
_JSON_FEED_TYPES: Final = frozenset({"application/feed+json", "application/rss+json"})


def discover_feeds(html: str, base_url: str) -> list[Link]:
    """The feeds a page links to, absolute and de-duplicated, in document order.

    Links resolve against the page's ``<base href>`` when it has one, else ``base_url``.
    ``Link.text`` is the link's title, or the format's name when it has none.
    """
    end = _HEAD_END.search(html, 0, _HEAD_LIMIT)
    head = html[: end.start()] if end else html[:_HEAD_LIMIT]
    if head.count("<") > _MAX_HEAD_TAGS:
        # A head this heavy is hostile (deep nesting is slow or fatal in Lexbor): keep only
        # the <link> and <base> tags, flat. A ">" inside one of their attributes is lost.
        head = "".join(_LINK_OR_BASE.findall(head))
    tree = LexborHTMLParser(head)
    base = base_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = absolute_http_url(base_tag.attributes.get("href") or "", base_url) or base_url
    found: list[Link] = []
    seen: set[str] = set()
    for node in tree.css("link[rel][href][type]"):
        attrs = node.attributes
        rels = (attrs.get("rel") or "").lower().split()
        kind = media_type(attrs.get("type"))
        if "alternate" not in rels or kind not in FEED_LINK_TYPES:
            continue
        url = absolute_http_url(attrs.get("href") or "", base)
        if not url or url in seen:
            continue
        seen.add(url)
        found.append(
            Link(url=url, text=clean_line(attrs.get("title") or "") or FEED_LINK_TYPES[kind])
        )
    return found


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """True if a response is a feed (RSS, Atom, RDF or JSON Feed), False for a web page.

    The first bytes decide when they are clear: the root element after the prolog (XML
    declaration, comments, processing instructions, a DOCTYPE) is ``rss``, ``feed`` or
    ``rdf:RDF``, or a JSON object names a jsonfeed.org version. Any other root (``html``,
    ``opml``, a sitemap's ``urlset``) is not a feed. Only when the bytes say neither, as
    when a long comment fills the sniffed head, does a feed Content-Type count.
    """
    if not body.strip():
        return False
    head = body[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, which only a BOM reveals
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    kind = media_type(content_type)
    if head.lstrip().startswith(b"{"):
        return kind in _JSON_FEED_TYPES or b"jsonfeed.org/version" in body[:65536]
    root = _root_element(head)
    if root is not None:
        return root.rsplit(b":", 1)[-1] in _FEED_ROOTS
    return kind in _FEED_MEDIA_TYPES and head.lstrip().startswith(b"<")


def _root_element(head: bytes) -> bytes | None:
    """The lower-cased name of the first element after the prolog, or None if not in sight."""
    position = 0
    while (item := _PROLOG_ITEM.match(head, position)) and item.end() > position:
        position = item.end()
    root = _ELEMENT_START.match(head, position)
    return root.group(1).lower() if root else None
