"""The frozen results of reading a feed: a ``Feed`` holding ``FeedEntry`` items.

They carry plain, already-cleaned strings (no control characters, no bidi overrides), so the
store, the CLI and the app can use them without knowing which of the three feed formats the
source publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FeedKind = Literal["rss", "atom", "json"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed.

    ``id`` is stable across fetches (the feed's guid/id, else the URL, else a hash of the
    content), so a refresh can tell new entries from known ones. ``url`` is an absolute http(s)
    address, or ``""`` when the entry names none (some microblog items). ``summary`` is plain
    text; ``content_html`` is the HTML the feed gives for the body (sanitised by feedparser for
    RSS/Atom; as published for JSON Feed), empty when there is none. Dates are ISO 8601.
    """

    id: str
    url: str
    title: str
    summary: str = ""
    content_html: str = ""
    author: str = ""
    published: str | None = None
    updated: str | None = None

    @property
    def date(self) -> str | None:
        """The date to sort by: when it was published, else when it was last updated."""
        return self.published or self.updated


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title, its own URL, the site it belongs to and its entries in order.

    ``url`` is the address the feed was fetched from; ``site_url`` the home page it links to
    (``""`` when it names none). ``kind`` says which family of formats it came in.
    ``truncated`` is True when the document held more markup than Broadsheet reads
    (``MAX_MARKUP``): the entries are those before the cut.
    """

    title: str
    url: str
    site_url: str
    entries: tuple[FeedEntry, ...]
    kind: FeedKind
    truncated: bool = False
