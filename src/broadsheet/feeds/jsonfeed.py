"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with the json module.

feedparser does not read JSON Feed. The format is small: a top-level object whose
``version`` names the spec, ``title``, ``home_page_url`` and ``items``; each item has an
``id`` (a string in 1.1, sometimes a number in 1.0 feeds), ``url``, ``title``,
``content_html`` / ``content_text``, ``summary``, dates in RFC 3339, and ``authors`` (1.1) or
``author`` (1.0). Anything of the wrong type is treated as missing, never trusted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from broadsheet.errors import FeedError
from broadsheet.feeds.model import Feed, FeedEntry
from broadsheet.feeds.text import absolute_http_url, iso_from_text, plain_text
from broadsheet.sanitize import clean_line, clean_text

_VERSION_PREFIX: Final = "https://jsonfeed.org/version/"


def parse_json_feed(body: bytes, url: str) -> Feed:
    """Parse a JSON Feed; raise FeedError for JSON that is not one, or is not JSON at all."""
    try:
        document = json.loads(body.decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"the JSON Feed is broken ({clean_line(str(exc))[:120]})", url=url) from exc
    if not isinstance(document, dict):
        raise FeedError("this is JSON, but not a JSON Feed", url=url)
    version = _text(document.get("version"))
    if not version.replace("http://", "https://", 1).startswith(_VERSION_PREFIX):
        raise FeedError("this is JSON, but not a JSON Feed (no jsonfeed.org version)", url=url)
    items = document.get("items")
    raw_items = [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []
    return Feed(
        title=clean_line(_text(document.get("title"))),
        url=url,
        site_url=absolute_http_url(_text(document.get("home_page_url")), url),
        entries=tuple(_entry(item, url, _authors(document)) for item in raw_items),
        kind="json",
    )


def _entry(item: Mapping[str, Any], base: str, feed_author: str) -> FeedEntry:
    raw_id = item.get("id")
    ident = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else ""
    link = absolute_http_url(_text(item.get("url")), base) or absolute_http_url(
        _text(item.get("external_url")), base
    )
    content = _text(item.get("content_html"))
    if not content.strip():
        plain = _text(item.get("content_text"))
        content = "".join(f"<p>{_escape(p)}</p>" for p in plain.split("\n\n") if p.strip())
    summary = _text(item.get("summary"))
    return FeedEntry(
        id=clean_line(ident),
        url=link,
        title=clean_line(_text(item.get("title"))),
        summary=plain_text(summary),
        content_html=clean_text(content),
        author=_authors(item) or feed_author,
        published=iso_from_text(item.get("date_published")),
        updated=iso_from_text(item.get("date_modified")),
    )


def _authors(item: Mapping[str, Any]) -> str:
    """Names from ``authors`` (1.1) or ``author`` (1.0), joined; empty when there are none."""
    people = item.get("authors")
    if not isinstance(people, list):
        people = [item.get("author")]
    names = [clean_line(_text(p.get("name"))) for p in people if isinstance(p, Mapping)]
    return ", ".join(dict.fromkeys(n for n in names if n))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
