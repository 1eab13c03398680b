"""``parse_feed``: any supported feed format in, one ``Feed`` out, or a ``FeedError``.

The format is chosen from the body first (a JSON object is a JSON Feed candidate, anything
else goes to feedparser) and the Content-Type second, because servers label feeds
``text/html`` or ``text/plain`` as often as correctly. Entries get a stable id (the feed's
own, else their URL, else a hash of what they say) and duplicates within one document are
dropped, so a refresh can match entries to what the store already holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from broadsheet.errors import FeedError
from broadsheet.feeds.jsonfeed import parse_json_feed
from broadsheet.feeds.model import Feed, FeedEntry
from broadsheet.feeds.xmlfeed import parse_xml_feed
from broadsheet.sanitize import clean_line
from broadsheet.sniff import media_type

_JSON_TYPES = frozenset({"application/feed+json", "application/json", "text/json"})


def parse_feed(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> Feed:
    """Parse an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document.

    ``url`` is where the document came from: relative links resolve against it. ``headers``
    are the response headers (any case), used for the charset and the content type. Pure: no
    IO. Raises only ``FeedError``, for a document that is not a feed or is broken so badly
    that no entry can be read; a well-formed feed with no entries is an empty ``Feed``.
    """
    lowered = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    try:
        if _is_json(body, lowered.get("content-type", "")):
            feed = parse_json_feed(body, url)
        else:
            feed = parse_xml_feed(body, url, lowered)
    except FeedError:
        raise
    except Exception as exc:  # a library bug on hostile input must not escape as anything else
        detail = clean_line(f"{type(exc).__name__}: {exc}")[:200]
        raise FeedError(f"the feed could not be read ({detail})", url=url) from exc
    return replace(feed, title=feed.title or _host(feed.site_url or url), entries=_finish(feed))


def _is_json(body: bytes, content_type: str) -> bool:
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"{":
        return True
    return not start and media_type(content_type) in _JSON_TYPES


def _finish(feed: Feed) -> tuple[FeedEntry, ...]:
    """Give every entry an id, keep the first of entries sharing one, drop empty ones."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in feed.entries:
        if not (entry.url or entry.title or entry.summary or entry.content_html):
            continue  # an empty husk, such as the start of an item in a truncated feed
        ident = entry.id or entry.url or _content_id(entry)
        if ident in seen:
            continue
        seen.add(ident)
        kept.append(entry if ident == entry.id else replace(entry, id=ident))
    return tuple(kept)


def _content_id(entry: FeedEntry) -> str:
    digest = hashlib.sha256(
        "\n".join((entry.title, entry.summary, entry.content_html, entry.date or "")).encode()
    )
    return "sha256:" + digest.hexdigest()[:32]


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
