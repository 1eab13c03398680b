"""Plain, frozen data that flows between the layers.

Nothing here does IO or knows about SQLite, httpx or Textual: the fetch layer produces a
``Page``, extraction turns it into an ``Article`` (with ``Block``s, ``Link``s and a
``CommentThread``), the store keeps it and hands back ``StoredArticle`` / ``ArticleSummary``,
and the UI, CLI and exporters only read these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class BlockKind(StrEnum):
    """What a body block is; the reader and the exporters render each kind their own way."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"
    CODE = "code"
    TABLE = "table"
    IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Span:
    """Inline emphasis in a block: ``text[start:end]`` is bold, italic, code or a link."""

    start: int
    end: int
    style: str  # "strong" | "em" | "code" | "link"
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of an article body.

    ``text`` is always the block's readable plain text (list items joined by newlines, table
    rows by newlines with cells separated by tabs), so code that does not care about the kind
    can still show or index it. The other fields add structure for the kinds that have it.
    """

    kind: BlockKind
    text: str
    level: int = 0  # heading level 1-6; nesting depth for lists and quotes
    items: tuple[str, ...] = ()  # list items
    ordered: bool = False  # numbered list
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, the first row may be the header
    header: bool = False  # the first table row is a header row
    src: str | None = None  # absolute image URL
    alt: str = ""  # image alt text (``text`` holds the caption when there is one)
    language: str | None = None  # code block language when the page says
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """A link with an absolute http(s) URL and its visible text."""

    url: str
    text: str


class CommentState(StrEnum):
    """What we know about a page's comments."""

    NONE = "none"  # the page has a comment section and says it is empty
    PRESENT = "present"  # comments were found in the page
    SCRIPT = "script"  # a script-loaded system (Disqus, 畅言...): not in the HTML
    CLOSED = "closed"  # the page says comments are closed
    UNKNOWN = "unknown"  # no comment section was found at all


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment in a thread. ``parent`` is the id of the comment it answers, or None."""

    id: str
    text: str
    parent: str | None = None
    depth: int = 0
    author: str = ""
    published: str | None = None  # ISO 8601
    score: int | None = None
    blocks: tuple[Block, ...] = ()
    permalink: str | None = None
    is_op: bool = False  # written by the article's author


@dataclass(frozen=True, slots=True)
class CommentThread:
    """A page's discussion: the declared count, what was found, and what state it is in."""

    state: CommentState = CommentState.UNKNOWN
    declared_count: int | None = None
    items: tuple[Comment, ...] = ()
    system: str | None = None  # "wordpress", "hackernews", "disqus", "changyan", "generic"...
    next_page: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What extraction makes of a page. Every string is already free of control characters."""

    url: str | None
    title: str
    blocks: tuple[Block, ...] = ()
    summary: str = ""
    author: str = ""
    published: str | None = None  # ISO 8601 (date or date-time)
    source: str = ""  # the 来源 / "Source:" line: who first published it
    site_name: str = ""
    language: str = ""
    links: tuple[Link, ...] = ()
    related: tuple[Link, ...] = ()
    comments: CommentThread = field(default_factory=CommentThread)
    image: str | None = None  # the page's lead image (og:image), absolute

    @property
    def text(self) -> str:
        """The body as plain text, one block per paragraph, blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.text)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response, before decoding. ``not_modified`` is a 304 to a conditional GET."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str  # ISO 8601 UTC
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False

    @property
    def fetched_time(self) -> datetime | None:
        """``fetched_at`` as a datetime: the "now" of relative times on the page ("2 hours
        ago"), which only the moment of fetching can resolve."""
        try:
            return datetime.fromisoformat(self.fetched_at)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: enough to draw it without loading the body."""

    id: int
    url: str
    title: str
    site_name: str = ""
    published: str | None = None
    fetched_at: str = ""
    read: bool = False
    favourite: bool = False
    comment_count: int | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the cache holds it: its id, when it was fetched, and the user's marks."""

    id: int
    article: Article
    fetched_at: str
    final_url: str
    read: bool = False
    favourite: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """A feed or index page the user follows.

    ``url`` is what the user added (a feed, or a page); ``feed_url`` the feed a ``"feed"``
    source fetches (the same URL, or the one discovered on the page). ``full_article`` makes a
    refresh fetch every new entry's page instead of keeping the feed's own content. ``unread``
    and ``total`` count the source's articles when the store lists sources.
    """

    id: int
    url: str
    title: str
    kind: str  # "feed" | "page"
    last_checked: str | None = None
    error: str | None = None
    feed_url: str | None = None
    site_url: str = ""
    full_article: bool = False
    etag: str | None = None
    last_modified: str | None = None
    unread: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the article and a snippet with the matched ranges.

    ``highlights`` are ``(start, end)`` offsets into ``snippet``; ``rank`` is higher for better
    matches; ``field`` names where the snippet comes from (``title``, ``summary``, ``body``,
    ``meta`` or ``comments``; empty when unknown), so a UI can say "in the comments".
    """

    article: ArticleSummary
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    rank: float = 0.0
    field: str = ""
