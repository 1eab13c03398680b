"""The refresh engine: add a feed or an index page as a source, and refresh sources.

``Library`` holds the public methods; this module does the work so library.py stays small.
How it behaves, and why:

- **Bounded and polite.** At most ``concurrency`` requests at once (default 8) and at most
  ``per_host`` (default 2) to one host, so refreshing 200 sources is quick without hammering a
  portal that hosts many of them. A request waits for its host's slot before it takes a
  global one, so a queue for one busy host never starves the others.
- **Conditional GET** for feeds and index pages: the source keeps the last ETag and
  Last-Modified; a 304 keeps every entry and only updates the check time.
- **Feed content first.** A new entry is stored from the feed's own content (extracted into
  blocks) without fetching its page, unless the source asks for full articles or the entry
  is only a teaser (``feeds.is_stub``); then the page is fetched and extracted, and if that
  fails the teaser is kept, so nothing the feed said is lost.
- **Failures stay local.** A source that fails (network, HTTP status, broken feed, a page with
  no list any more) records its error, keeps its entries and validators, and the others go
  on; the report lists every failure with its message.
- **Unchanged bytes are not read again**: a feed server that sends no validators but the
  same body as last time (its SHA-256 is kept) counts as not modified, so feedparser, the
  costliest step of a refresh, is skipped.
- **Index pages** (sources of kind ``page``) are read with ``extract.index.article_links``;
  their new articles are fetched (at most ``max_new_pages`` per refresh) and extracted.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol
from urllib.parse import urldefrag, urlsplit

from broadsheet.encoding import decode_html
from broadsheet.errors import BroadsheetError, ExtractError, FeedError
from broadsheet.feeds import Feed, FeedEntry, discover_feeds, is_stub, looks_like_feed, parse_feed
from broadsheet.fetch import Fetcher
from broadsheet.models import Article, Block, BlockKind, Link, Page, Source
from broadsheet.sniff import Accept
from broadsheet.sources.report import Progress, RefreshEvent, RefreshReport, SourceResult
from broadsheet.sources.settings import RefreshSettings
from broadsheet.store import Store, utc_now
from broadsheet.store.sources import NewEntry


class Extractor(Protocol):
    """The shape of ``broadsheet.extract.extract``, which the Library and the refresher take
    (tests may pass a small stand-in)."""

    def __call__(
        self,
        html: bytes | str,
        url: str | None = None,
        *,
        content_type: str | None = None,
        now: datetime | None = None,
    ) -> Article: ...


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@dataclass
class _Gate:
    """The two limits: requests in flight overall and per host."""

    concurrency: int
    per_host: int
    _all: asyncio.Semaphore = field(init=False)
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._all = asyncio.Semaphore(self.concurrency)

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = self._hosts.setdefault(_host(url), asyncio.Semaphore(self.per_host))
        async with host, self._all:
            yield


def feed_article(entry: FeedEntry, feed: Feed, extract: Extractor) -> Article:
    """An article made from a feed entry's own content, without fetching its page.

    The content is wrapped in a page whose ``<h1>`` is the entry's title, so the extractor
    takes that as the title and keeps the content's own headings in the body.
    """
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    image: str | None = None
    language = ""
    if entry.content_html:
        wrapped = (
            f"<!DOCTYPE html><html><head><title>{html.escape(entry.title)}</title></head>"
            f"<body><article><h1>{html.escape(entry.title)}</h1>{entry.content_html}"
            "</article></body></html>"
        )
        parsed = extract(wrapped, entry.url)
        blocks, links, image, language = parsed.blocks, parsed.links, parsed.image, parsed.language
    summary = entry.summary
    if not blocks and entry.summary:
        blocks = tuple(Block(BlockKind.PARAGRAPH, p) for p in entry.summary.split("\n") if p)
        summary = ""
    return Article(
        url=entry.url,
        title=entry.title,
        blocks=blocks,
        summary=summary,
        author=entry.author,
        published=entry.date,
        site_name=feed.title,
        language=language,
        links=links,
        image=image,
    )


class Refresher:
    """Fetch, read and store sources for one refresh (or one ``add``); see the module doc."""

    def __init__(
        self, store: Store, fetcher: Fetcher, extract: Extractor, settings: RefreshSettings
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.extract = extract
        self.settings = settings
        self._gate: _Gate | None = None

    def _slot(self, url: str) -> AbstractAsyncContextManager[None]:
        if self._gate is None:  # made inside the running loop, on first use
            self._gate = _Gate(self.settings.concurrency, self.settings.per_host)
        return self._gate.slot(url)

    async def _get(
        self,
        url: str,
        *,
        accept: Accept = "html",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Page:
        async with self._slot(url):
            return await self.fetcher.fetch(
                url, etag=etag, last_modified=last_modified, accept=accept
            )

    # --- refresh -----------------------------------------------------------------------------

    async def refresh(
        self, sources: Sequence[Source], progress: Progress | None = None
    ) -> RefreshReport:
        """Refresh ``sources`` concurrently; never raises for one source's failure."""
        total = len(sources)
        done = 0

        def tell(event: RefreshEvent) -> None:
            if progress is not None:
                progress(event)

        async def one(source: Source) -> SourceResult:
            nonlocal done
            tell(RefreshEvent(source, done, total, "start"))
            result = await self.refresh_one(source)
            done += 1
            tell(RefreshEvent(source, done, total, "done", result))
            return result

        results = await asyncio.gather(*(one(s) for s in sources))
        return RefreshReport(tuple(results))

    async def refresh_one(self, source: Source) -> SourceResult:
        """Refresh one source; a failure is recorded on the source and returned."""
        try:
            if source.kind == "feed":
                return await self._refresh_feed(source)
            return await self._refresh_page(source)
        except BroadsheetError as exc:
            error = str(exc)
        except Exception as exc:  # a bug must cost one source, not the whole refresh
            error = f"{source.url}: refresh failed unexpectedly ({type(exc).__name__}: {exc})"
        await asyncio.to_thread(
            self.store.record_check, source.id, checked_at=utc_now(), error=error
        )
        return SourceResult(source, error=error)

    async def _refresh_feed(self, source: Source) -> SourceResult:
        url = source.feed_url or source.url
        page = await self._get(
            url, accept="feed", etag=source.etag, last_modified=source.last_modified
        )
        if page.not_modified:
            return await self._not_modified(source, page)
        if not looks_like_feed(page.body, page.content_type):
            raise FeedError("the address no longer serves a feed (it sent a web page)", url=url)
        digest = hashlib.sha256(page.body).hexdigest()
        if digest == await asyncio.to_thread(self.store.content_hash, source.id):
            # The same bytes as last time from a server that sends no validators.
            return await self._not_modified(source, page)
        feed = await asyncio.to_thread(parse_feed, page.body, page.final_url, page.headers)
        return await self.ingest_feed(source, page, feed)

    async def _refresh_page(self, source: Source) -> SourceResult:
        page = await self._get(source.url, etag=source.etag, last_modified=source.last_modified)
        if page.not_modified:
            return await self._not_modified(source, page)
        from broadsheet.extract.index import article_links

        links = await asyncio.to_thread(
            article_links, page.body, page.final_url, content_type=page.content_type
        )
        if not links:
            raise ExtractError(f"{source.url}: the page no longer shows a list of article links")
        return await self.ingest_links(source, page, links)

    async def _not_modified(self, source: Source, page: Page) -> SourceResult:
        await asyncio.to_thread(
            self.store.record_check,
            source.id,
            checked_at=page.fetched_at,
            etag=page.etag,
            last_modified=page.last_modified,
        )
        return SourceResult(source, not_modified=True, entries=source.total)

    # --- reading what was fetched --------------------------------------------------------------

    async def ingest_feed(self, source: Source, page: Page, feed: Feed) -> SourceResult:
        """Store a parsed feed's entries for ``source`` (new ones only become articles)."""
        # Keyed as ``Library.open_url`` keys pages: without the #fragment.
        entries = [replace(e, url=urldefrag(e.url).url) for e in feed.entries if e.url]
        articles, stubs = await asyncio.to_thread(self._read_entries, source, entries, feed)
        fetched, errors = await self._fetch_pages(stubs[: self.settings.max_new_pages])
        rows = [
            NewEntry(e.url, e.id, None if e.url in fetched else articles.get(e.url))
            for e in entries
        ]
        new = await asyncio.to_thread(
            self.store.store_entries,
            source.id,
            rows,
            checked_at=page.fetched_at,
            etag=page.etag,
            last_modified=page.last_modified,
            title=feed.title,
            site_url=feed.site_url,
            content_hash=hashlib.sha256(page.body).hexdigest(),
        )
        return SourceResult(
            source,
            new=new + len(fetched),
            entries=len(rows),
            pages_fetched=len(fetched),
            page_errors=errors,
        )

    def _read_entries(
        self, source: Source, entries: Sequence[FeedEntry], feed: Feed
    ) -> tuple[dict[str, Article], list[str]]:
        """Runs in a thread (extraction is CPU work): the articles made from the content of
        entries new to the cache, and the URLs of those whose page must be fetched.

        The stub test reads the extracted text rather than parsing the content a second
        time; the article is kept either way, as the fallback when the page fetch fails.
        """
        known = self.store.known_articles(e.url for e in entries)
        articles: dict[str, Article] = {}
        stubs: list[str] = []
        for entry in entries:
            if entry.url in known or entry.url in articles:
                continue
            article = feed_article(entry, feed, self.extract)
            articles[entry.url] = article
            if source.full_article or is_stub(
                replace(entry, content_html="", summary=article.text or entry.summary)
            ):
                stubs.append(entry.url)
        return articles, stubs

    async def ingest_links(self, source: Source, page: Page, links: Sequence[Link]) -> SourceResult:
        """Store an index page's article links for ``source``, fetching the new articles."""
        known = await asyncio.to_thread(self.store.known_articles, [link.url for link in links])
        fresh = [link.url for link in links if link.url not in known]
        fetched, errors = await self._fetch_pages(fresh[: self.settings.max_new_pages])
        rows = [NewEntry(link.url, link.url) for link in links]
        await asyncio.to_thread(
            self.store.store_entries,
            source.id,
            rows,
            checked_at=page.fetched_at,
            etag=page.etag,
            last_modified=page.last_modified,
        )
        linked = len([link for link in links if link.url in known or link.url in fetched])
        return SourceResult(
            source, new=len(fetched), entries=linked, pages_fetched=len(fetched), page_errors=errors
        )

    async def _fetch_pages(self, urls: Sequence[str]) -> tuple[set[str], tuple[str, ...]]:
        """Fetch, extract and store article pages; the URLs stored, and the errors met."""

        async def one(url: str) -> str | None:
            try:
                fetched = await self._get(url)
                await asyncio.to_thread(self._extract_and_store, fetched)
            except BroadsheetError as exc:
                return str(exc)
            return None

        outcomes = await asyncio.gather(*(one(u) for u in urls))
        stored = {u for u, error in zip(urls, outcomes, strict=True) if error is None}
        return stored, tuple(e for e in outcomes if e is not None)

    def _extract_and_store(self, page: Page) -> None:
        try:
            article = self.extract(
                page.body, page.final_url, content_type=page.content_type, now=page.fetched_time
            )
        except Exception as exc:  # the extractor promises not to raise; a bug must not spread
            raise ExtractError(f"{page.url}: the page could not be read ({exc})") from exc
        self.store.save_fetch(page, article)

    # --- adding a source -----------------------------------------------------------------------

    async def add(self, url: str, *, full_article: bool = False) -> tuple[Source, SourceResult]:
        """Add ``url`` as a source and read it once; see ``Library.add_source``."""
        existing = await asyncio.to_thread(self.store.find_source, url)
        if existing is not None:
            return await self._again(existing, full_article)
        page = await self._get(url, accept="feed")
        if looks_like_feed(page.body, page.content_type):
            feed = await asyncio.to_thread(parse_feed, page.body, page.final_url, page.headers)
            return await self._add_feed(url, url, page, feed, full_article)
        text = decode_html(page.body, page.content_type).text
        problems: list[str] = []
        for link in discover_feeds(text, page.final_url):
            known = await asyncio.to_thread(self.store.find_source, link.url)
            if known is not None:
                return await self._again(known, full_article)
            try:
                feed_page = await self._get(link.url, accept="feed")
                if not looks_like_feed(feed_page.body, feed_page.content_type):
                    raise FeedError("the advertised feed is not a feed", url=link.url)
                feed = await asyncio.to_thread(
                    parse_feed, feed_page.body, feed_page.final_url, feed_page.headers
                )
            except BroadsheetError as exc:
                problems.append(str(exc))
                continue
            return await self._add_feed(url, link.url, feed_page, feed, full_article)
        from broadsheet.extract.index import article_links, page_title

        links = await asyncio.to_thread(article_links, text, page.final_url)
        if not links:
            why = f" (its feeds failed: {'; '.join(problems)})" if problems else ""
            raise FeedError(
                "this is neither a feed nor a page with a feed link or a list of article "
                f"links{why}",
                url=url,
            )
        title = page_title(text) or _host(page.final_url)
        source = await asyncio.to_thread(
            self.store.add_source, url, title=title, kind="page", full_article=full_article
        )
        result = await self.ingest_links(source, page, links)
        return await self._reloaded(source, result)

    async def _again(self, source: Source, full_article: bool) -> tuple[Source, SourceResult]:
        """A source added a second time: kept as it is, except that asking for full
        articles switches that on (it never switches it off: that is a separate choice)."""
        if full_article and not source.full_article:
            await asyncio.to_thread(self.store.set_full_article, source.id, True)
            source = replace(source, full_article=True)
        return source, SourceResult(source, entries=source.total)

    async def _add_feed(
        self, url: str, feed_url: str, page: Page, feed: Feed, full_article: bool
    ) -> tuple[Source, SourceResult]:
        source = await asyncio.to_thread(
            self.store.add_source,
            url,
            title=feed.title,
            kind="feed",
            feed_url=feed_url,
            site_url=feed.site_url,
            full_article=full_article,
        )
        result = await self.ingest_feed(source, page, feed)
        return await self._reloaded(source, result)

    async def _reloaded(self, source: Source, result: SourceResult) -> tuple[Source, SourceResult]:
        fresh = await asyncio.to_thread(self.store.find_source, source.id)
        source = fresh or source
        return source, replace(result, source=source)
