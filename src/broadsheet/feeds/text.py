"""Small helpers shared by the feed parsers: HTML to text, URLs, dates, and the stub test.

Feed fields are hostile web text like any page: every string leaves here through
``sanitize.clean_text`` / ``clean_line``, URLs are absolute http(s) or nothing, and dates
are ISO 8601 or None.
"""

from __future__ import annotations

import calendar
import html
import re
import time
from datetime import UTC, date, datetime
from typing import Final
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from broadsheet.feeds.model import FeedEntry
from broadsheet.sanitize import clean_line, clean_text

# Below this many visible characters a feed's text is taken for a teaser, not the article.
STUB_CHARS: Final = 500
# Endings that announce a teaser whatever its length ("…" and friends, "Read more" links).
_STUB_ENDINGS: Final = re.compile(
    r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\(more\)|read more|continue reading|read the full (?:story|"
    r"article|post)|阅读全文|查看全文|点击查看全文|阅读更多|更多内容)"
    r"[\s\]\)»›>.:：…]*$",
    re.IGNORECASE,
)
# Markup this heavy is not given to Lexbor (deep nesting is slow or fatal, DESIGN.md 4).
_MAX_TAGS: Final = 10_000
_BLOCK_TAG: Final = re.compile(
    r"</?(?:p|br|div|li|h[1-6]|blockquote|tr|pre|section|article|ul|ol|table|hr|figure)\b",
    re.IGNORECASE,
)
_ANY_TAG: Final = re.compile(r"<[^<>]*>")  # stops at the next "<": linear on junk
_SPACES: Final = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment: one line per block, whitespace collapsed.

    Script, style and template content is dropped. Pathologically heavy markup is stripped
    with a regular expression instead of parsed, which keeps the text and bounds the time.
    """
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        return plain_text(markup)
    # Source line breaks are only whitespace in HTML; the block tags make the real ones.
    marked = _BLOCK_TAG.sub(lambda m: "\n" + m.group(0), _SPACES.sub(" ", markup))
    if marked.count("<") > _MAX_TAGS:
        return plain_text(html.unescape(_ANY_TAG.sub("", marked)))
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><body>{marked}</body></html>")
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    return plain_text(body.text(separator="") if body is not None else "")


def plain_text(text: str) -> str:
    """Clean plain text: one line per line, whitespace runs collapsed, blank lines dropped."""
    lines = (clean_line(line) for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def is_stub(entry: FeedEntry) -> bool:
    """True when the feed gives only a teaser, so the full article should be fetched.

    The entry's content (else its summary) is a stub when it is shorter than ``STUB_CHARS``
    visible characters, or ends the way teasers do ("…", "[...]", "Read more", "阅读全文").
    Chinese text is denser than English, so a short full article may be taken for a stub;
    that errs towards fetching the page, which costs a request but loses nothing.
    """
    text = html_to_text(entry.content_html) if entry.content_html else entry.summary
    text = text.strip()
    if len(text) < STUB_CHARS:
        return True
    last_line = text.rsplit("\n", 1)[-1]
    return _STUB_ENDINGS.search(last_line[-80:]) is not None


def absolute_http_url(href: str, base: str) -> str:
    """``href`` resolved against ``base`` if that is an http(s) URL with a host, else ``""``."""
    href = clean_line(href)
    if not href:
        return ""
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


def iso_from_struct(value: object) -> str | None:
    """A feedparser ``*_parsed`` value (a UTC ``struct_time``) as ISO 8601, else None."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def iso_from_text(value: object) -> str | None:
    """An RFC 3339 date string (JSON Feed) as ISO 8601, in UTC when it carries a zone."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:  # a bare date stays a date, not midnight of an unknown zone
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.isoformat()
    return moment.astimezone(UTC).isoformat()
