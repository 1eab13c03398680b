"""The headless service: open a URL (fetch, extract, store), follow sources, list, mark and
export articles.

The command line and the app both call this one class, so neither keeps a second copy of the
pipeline. It also answers searches of the cache (``search``, ``parse_problems``), maintains
the cache (``cache_stats``, ``prune``, ``vacuum``, ``reindex``) and says when the network is
unreachable (``offline``), falling back on cached copies.

Sync methods touch only SQLite and are safe from any thread (the store keeps one connection
per thread), which suits Textual's thread workers. ``open_url`` is async because
it uses the network; the CPU-bound and blocking parts (extraction, SQLite writes) run in
``asyncio.to_thread`` so an event loop (the app's) never stalls on a big page.

Sources (feeds and index pages) are added, refreshed and exported here too; the refresh engine
itself lives in ``broadsheet.sources.engine`` and is imported on first use, like the extractor, so
``--help`` and commands that only read the cache never load selectolax or feedparser.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag

from broadsheet import paths
from broadsheet.config import load_config
from broadsheet.errors import (
    BroadsheetError,
    CorruptStoreError,
    ExtractError,
    NetworkError,
    NotFoundError,
    TimeoutError_,
)
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.models import (
    Article,
    ArticleSummary,
    CommentThread,
    Page,
    SearchHit,
    Source,
    StoredArticle,
)
from broadsheet.store import ReadingPosition, Store
from broadsheet.store.cache import CacheStats, PruneResult
from broadsheet.store.query import parse_query

if TYPE_CHECKING:
    from broadsheet.sources import Progress, RefreshReport, RefreshSettings
    from broadsheet.sources.engine import Extractor, Refresher


def _default_extract(
    html: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> Article:
    # Imported on first use: the extractor pulls in selectolax, which `--help` never needs.
    from broadsheet.extract import extract

    return extract(html, url, content_type=content_type, now=now)


@dataclass(frozen=True, slots=True)
class ReindexResult:
    """What ``Library.reindex`` did: articles re-extracted from their pages, pages that could
    not be read again (their articles keep the old extraction), articles in the index after."""

    extracted: int
    failed: int
    indexed: int


def normalise_url(url: str) -> str:
    """The form a URL is cached under: trimmed, without a #fragment (never sent to a server),
    and with ``https://`` added when the user typed a bare ``example.com/page``."""
    url = url.strip()
    if url and "://" not in url and not url.startswith(("mailto:", "data:", "javascript:")):
        url = "https://" + url.lstrip("/")
    return urldefrag(url).url


class Library:
    """Articles in the cache under ``home`` (default ``paths.home()``, the data folder the
    environment or the config file names), and the way to add more.

    Opening the Library opens (or creates) the cache file, so a damaged file is reported here
    as ``CorruptStoreError``. Without ``fetch_options`` the ``[network]`` settings of the
    config file governing ``home`` (``paths.config_path(home)``) apply, and without
    ``refresh_settings`` its ``[refresh]`` settings; problems with that file are in
    ``config_problems``.
    """

    def __init__(
        self,
        home: Path | None = None,
        *,
        fetch_options: FetchOptions | None = None,
        extractor: Extractor | None = None,
        refresh_settings: RefreshSettings | None = None,
    ) -> None:
        self.home = home if home is not None else paths.home()
        self.config_problems: tuple[str, ...] = ()
        if fetch_options is None or refresh_settings is None:
            config = load_config(paths.config_path(self.home))
            problems = list(config.problems_for(self.home))
            if fetch_options is None:
                fetch_options = config.fetch_options()
            if refresh_settings is None:
                from broadsheet.sources import refresh_settings as read_refresh

                refresh_settings, more = read_refresh(config.tables, config.where)
                problems.extend(more)
            self.config_problems = tuple(problems)
        self.fetch_options = fetch_options
        self.refresh_settings = refresh_settings
        self._extract: Extractor = extractor or _default_extract
        self.store = Store(paths.database_path(self.home))
        self._fetcher = Fetcher(fetch_options)
        self._offline = False

    @property
    def fetcher(self) -> Fetcher:
        """The one fetcher (and so the one HTTP client and its limits) this library uses;
        the app fetches images through it so they obey the same caps and deadlines."""
        return self._fetcher

    @property
    def offline(self) -> bool:
        """True after the last fetch failed to reach its server (network error or timeout),
        until a fetch succeeds again: the app says it is offline, and ``open_url`` serves
        cached copies instead of failing."""
        return self._offline

    # --- sync: the cache only ----------------------------------------------------------------

    def list_articles(
        self,
        *,
        limit: int = 500,
        offset: int = 0,
        source_id: int | None = None,
        unread: bool = False,
        favourites: bool = False,
    ) -> list[ArticleSummary]:
        """Cached articles, newest fetched first; one source's only with ``source_id``, and
        only unread or favourite ones when asked."""
        return self.store.list_articles(
            limit=limit, offset=offset, source_id=source_id, unread=unread, favourites=favourites
        )

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Cached articles matching ``query``, best first, each with a highlighted snippet.

        The query language (words, Chinese of any length, ``read*``, ``"a phrase"``, ``-word``,
        ``site:``, ``title:``, ``author:``, ``after:``, ``before:``, ``is:unread``, ``is:fav``)
        is described in ``broadsheet.store.query``. Never raises for any text typed; what it
        did not understand is in ``parse_problems``. Safe from any thread.
        """
        return self.store.search(parse_query(query), limit=limit, offset=offset)

    @staticmethod
    def parse_problems(query: str) -> tuple[str, ...]:
        """What ``search`` could not understand in ``query`` (an impossible date, an unknown
        ``is:`` value...), as sentences for the UI to show beside the results."""
        return parse_query(query).problems

    def get(self, ref: int | str) -> StoredArticle:
        """An article by id (an int, or a string of digits) or by URL, asked or final."""
        found: StoredArticle | None
        if isinstance(ref, int) or ref.strip().isdigit():
            found = self.store.get_article(int(ref))
        else:
            found = self.find(ref)
        if found is None:
            what = f"article {ref}" if isinstance(ref, int) else repr(ref)
            raise NotFoundError(f"no cached article matches {what}")
        return found

    def find(self, url: str) -> StoredArticle | None:
        """The cached copy of ``url``, or None; never touches the network."""
        return self.store.find_article(normalise_url(url))

    def set_read(self, article_id: int, read: bool = True) -> None:
        if not self.store.set_flag(article_id, "read", read):
            raise NotFoundError(f"no cached article has id {article_id}")

    def set_favourite(self, article_id: int, favourite: bool = True) -> None:
        if not self.store.set_flag(article_id, "favourite", favourite):
            raise NotFoundError(f"no cached article has id {article_id}")

    def reading_position(self, article_id: int) -> ReadingPosition | None:
        """Where the reader left ``article_id``; None when no position was ever saved."""
        return self.store.reading_position(article_id)

    def save_reading_position(self, article_id: int, position: ReadingPosition) -> None:
        """Remember where the reader left ``article_id``: one small row, so it is cheap to
        call on every article the reader leaves. An article removed meanwhile is ignored:
        there is nothing left to reopen."""
        self.store.save_reading_position(article_id, position)

    def export(
        self,
        ref: int | str,
        target: Path | None = None,
        *,
        fmt: str = "txt",
        include_comments: bool = True,
        force: bool = False,
        width: int = 80,
    ) -> Path:
        """Write one article to ``target`` (a file, or a folder to name a file in); return it.

        With no target the file goes to ``paths.export_dir()``, named from the title.
        """
        from broadsheet.export import export_article

        return export_article(
            self.get(ref),
            target,
            folder=paths.export_dir(self.home),
            fmt=fmt,
            include_comments=include_comments,
            force=force,
            width=width,
        )

    # --- sources: the cache side -----------------------------------------------------------

    def sources(self) -> list[Source]:
        """Every source, by title, with its unread and total article counts."""
        return self.store.list_sources()

    def get_source(self, ref: int | str) -> Source:
        """A source by id (an int or a string of digits), by its URL or its feed's URL."""
        found: Source | None = None
        if isinstance(ref, int) or ref.strip().isdigit():
            found = self.store.find_source(int(ref))
        if found is None and isinstance(ref, str):
            found = self.store.find_source(ref.strip()) or self.store.find_source(
                normalise_url(ref)
            )
        if found is None:
            raise NotFoundError(f"no source matches {ref!r}")
        return found

    def remove_source(self, ref: int | str) -> Source:
        """Stop following a source. Its articles stay cached, with their marks."""
        source = self.get_source(ref)
        self.store.remove_source(source.id)
        return source

    def set_full_article(self, ref: int | str, full_article: bool = True) -> Source:
        """Choose, per source, between the feed's own content and fetching each article."""
        source = self.get_source(ref)
        self.store.set_full_article(source.id, full_article)
        return self.get_source(source.id)

    def import_opml(self, data: bytes) -> list[Source]:
        """Add the feeds an OPML file lists (checked on the next refresh); the new ones."""
        from broadsheet.feeds import parse_opml

        added: list[Source] = []
        for outline in parse_opml(data):
            if self.store.find_source(outline.xml_url) is not None:
                continue
            added.append(
                self.store.add_source(
                    outline.xml_url,
                    title=outline.title,
                    kind="feed",
                    feed_url=outline.xml_url,
                    site_url=outline.html_url,
                )
            )
        return added

    def export_opml(self) -> bytes:
        """Every feed source as an OPML 2.0 document (index pages have no feed to list)."""
        from broadsheet.feeds import write_opml

        return write_opml(
            [(s.title, s.feed_url or s.url) for s in self.sources() if s.kind == "feed"]
        )

    # --- cache maintenance -----------------------------------------------------------------

    def cache_stats(self) -> CacheStats:
        """Sizes and counts of the cache, for ``broadsheet cache stats``."""
        return self.store.stats()

    def prune(self, older_than_days: float, *, now: datetime | None = None) -> PruneResult:
        """Remove articles fetched more than ``older_than_days`` ago, except favourites,
        with their pages and search entries. Sources stay."""
        if older_than_days < 0:
            raise ValueError("older_than_days must not be negative")
        cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
        return self.store.prune(cutoff.isoformat(timespec="seconds"))

    def vacuum(self) -> tuple[int, int]:
        """Compact the cache file; its size in bytes before and after."""
        return self.store.vacuum()

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> ReindexResult:
        """Re-extract every article from its stored page bytes with the current extractor,
        then rebuild the search index (articles from feed content, which have no page, are
        re-indexed as they are). Works offline. ``progress(done, total)`` is called as each
        article starts. Marks, ids and fetch times are kept.

        Each article is written in its own short transaction (and the index merged in short
        steps), so the app or another command can write in between, even on a cache of
        100,000 articles; a page that cannot be read again is counted, not fatal.
        """
        refs = self.store.page_refs()
        done = failed = 0
        for number, (article_id, url) in enumerate(refs, 1):
            if progress is not None:
                progress(number, len(refs))
            try:
                page = self.store.get_page(url)
            except CorruptStoreError:  # this page's stored bytes are damaged
                failed += 1
                continue
            if page is None:  # removed since page_refs (a prune in another process)
                continue
            try:
                article = self._extract(
                    page.body, page.final_url, content_type=page.content_type, now=page.fetched_time
                )
            except Exception:  # the extractor promises not to raise; a bug must not stop us
                failed += 1
                continue
            if self.store.replace_article(article_id, article):
                done += 1
        # Each re-extracted article was re-indexed in its own write; articles kept from feed
        # content have no page to re-read, so they are re-indexed from their rows. (Those
        # that failed keep their entry: the transform is current, ``Store`` sees to that.)
        self.store.index_rows(without_page=True)
        self.store.merge_index()
        return ReindexResult(extracted=done, failed=failed, indexed=self.store.count_indexed())

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the cache file (every thread's connection)."""
        self.store.close()

    # --- async: the network ------------------------------------------------------------------

    async def open_url(
        self, url: str, *, refresh: bool = False, offline_fallback: bool = True
    ) -> StoredArticle:
        """The article at ``url``: from the cache, or fetched, extracted and stored.

        A cached article is returned as is unless ``refresh``; refreshing sends a conditional
        request with the stored ETag / Last-Modified, and a 304 keeps the stored copy (only
        its fetch time changes). When the server cannot be reached (``NetworkError``,
        ``TimeoutError_``) and a copy is cached, that copy is returned and ``offline`` is set;
        without a copy, or with ``offline_fallback=False`` (``broadsheet fetch``, where the
        user asked for the network and must hear that it failed), the error is raised. Other
        ``FetchError`` subclasses (an HTTP error, a page too large) are always raised: the
        server answered, so it is not a question of being offline.
        """
        url = normalise_url(url)
        found = await asyncio.to_thread(self.store.lookup, url)
        if found is not None and not refresh:
            return found[1]
        key = found[0] if found is not None else url
        validators = (
            await asyncio.to_thread(self.store.page_validators, key) if found is not None else None
        )
        etag, last_modified = validators or (None, None)
        try:
            page = await self._fetcher.fetch(key, etag=etag, last_modified=last_modified)
        except (NetworkError, TimeoutError_):
            self._offline = True
            if found is not None and offline_fallback:
                return found[1]
            raise
        self._offline = False
        if page.not_modified:
            updated = await asyncio.to_thread(
                self.store.mark_not_modified,
                key,
                page.fetched_at,
                page.etag,
                page.last_modified,
            )
            if updated is not None:
                return updated
            # The row vanished between the lookup and the answer: fetch it whole.
            page = await self._fetcher.fetch(key)
        return await asyncio.to_thread(self._extract_and_store, page)

    def _extract_and_store(self, page: Page) -> StoredArticle:
        """Runs in a worker thread: parsing and the SQLite write both block."""
        try:
            article = self._extract(
                page.body, page.final_url, content_type=page.content_type, now=page.fetched_time
            )
        except BroadsheetError:
            raise
        except Exception as exc:  # the extractor promises not to raise; a bug must not crash
            raise ExtractError(f"{page.url}: the page could not be read ({exc})") from exc
        return self.store.save_fetch(page, article)

    async def more_comments(self, article_id: int) -> CommentThread:
        """Fetch the next page of an article's comments, merge it into the thread and keep the
        merged thread in the cache; the merged thread. A thread without ``next_page`` comes
        back unchanged, with no network. The page is fetched with the same limits as any other
        and extracted in a worker thread; only its comments are used.
        """
        from broadsheet.extract.comments.merge import merge_threads

        stored = await asyncio.to_thread(self.get, article_id)
        thread = stored.article.comments
        if not thread.next_page:
            return thread
        page = await self._fetcher.fetch(thread.next_page)
        more = await asyncio.to_thread(
            self._extract,
            page.body,
            page.final_url,
            content_type=page.content_type,
            now=page.fetched_time,
        )
        merged = merge_threads(thread, more.comments)
        article = dataclasses.replace(stored.article, comments=merged)
        await asyncio.to_thread(self.store.replace_article, article_id, article)
        return merged

    # --- sources: the network side ---------------------------------------------------------

    def _refresher(self) -> Refresher:
        from broadsheet.sources.engine import Refresher

        return Refresher(self.store, self._fetcher, self._extract, self.refresh_settings)

    async def add_source(self, url: str, *, full_article: bool = False) -> Source:
        """Follow ``url``: a feed (RSS, Atom, JSON Feed), or a page.

        For a page, the feeds it advertises come first; failing that, the list of article
        links on it (``extract.index.article_links``). The source is read once at once, so
        its articles are listed when this returns. Adding a URL already followed returns
        that source. Raises ``FeedError`` when the URL gives neither a feed nor a list of
        articles, and ``FetchError`` when it cannot be fetched.
        """
        source, _ = await self._refresher().add(normalise_url(url), full_article=full_article)
        return source

    async def refresh(
        self, source: int | str | Source | None = None, *, progress: Progress | None = None
    ) -> RefreshReport:
        """Refresh every source, or one; failures are in the report, never raised.

        ``progress`` is called on the event loop as each source starts and ends.
        """
        if source is None:
            targets = self.sources()
        else:
            targets = [self.get_source(source.id if isinstance(source, Source) else source)]
        return await self._refresher().refresh(targets, progress)

    async def aclose(self) -> None:
        """Close the network client (call from the loop that used it)."""
        await self._fetcher.aclose()
