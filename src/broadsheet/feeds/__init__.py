"""Feeds: RSS, Atom and JSON Feed parsing, feed discovery in pages, and OPML.

Pure functions over bytes and strings: no IO, no textual, nothing that changes between calls.
The sources feature fetches with ``fetch.Fetcher.fetch(url, accept="feed")`` and then::

    if looks_like_feed(page.body, page.content_type):
        feed = parse_feed(page.body, page.final_url, page.headers)
    else:
        links = discover_feeds(decode_html(page.body, page.content_type).text, page.final_url)

For each entry, ``is_stub(entry)`` says whether the feed gives only a teaser, in which case
the full article is fetched and extracted. ``parse_opml`` / ``write_opml`` move subscriptions
in and out. Every failure is a ``broadsheet.errors.FeedError``.
"""

from __future__ import annotations

from broadsheet.feeds.discover import discover_feeds, looks_like_feed
from broadsheet.feeds.model import Feed, FeedEntry, FeedKind
from broadsheet.feeds.opml import OpmlOutline, parse_opml, write_opml
from broadsheet.feeds.parse import parse_feed
from broadsheet.feeds.text import STUB_CHARS, html_to_text, is_stub
from broadsheet.feeds.xmlfeed import MAX_MARKUP

__all__ = [
    "MAX_MARKUP",
    "STUB_CHARS",
    "Feed",
    "FeedEntry",
    "FeedKind",
    "OpmlOutline",
    "discover_feeds",
    "html_to_text",
    "is_stub",
    "looks_like_feed",
    "parse_feed",
    "parse_opml",
    "write_opml",
]
