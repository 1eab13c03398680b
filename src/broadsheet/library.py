"""The headless service: open a URL (fetch, extract, store), list, mark and export articles.

The command line and the app both call this one class, so neither keeps a second copy of the
pipeline. Sync methods touch only SQLite and are safe from any thread (the store keeps one
connection per thread), which suits Textual's thread workers. ``open_url`` is async because
it uses the network; the CPU-bound and blocking parts (extraction, SQLite writes) run in
``asyncio.to_thread`` so an event loop (the app's) never stalls on a big page.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Protocol
from urllib.parse import urldefrag

from broadsheet import paths
from broadsheet.config import load_config
from broadsheet.errors import BroadsheetError, ExtractError, NotFoundError
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.models import Article, ArticleSummary, Page, StoredArticle
from broadsheet.store import Store


class Extractor(Protocol):
    """The shape of ``broadsheet.extract.extract``; tests may pass a small stand-in."""

    def __call__(
        self, html: bytes | str, url: str | None = None, *, content_type: str | None = None
    ) -> Article: ...


def _default_extract(
    html: bytes | str, url: str | None = None, *, content_type: str | None = None
) -> Article:
    # Imported on first use: the extractor pulls in selectolax, which `--help` never needs.
    from broadsheet.extract import extract

    return extract(html, url, content_type=content_type)


def normalise_url(url: str) -> str:
    """The form a URL is cached under: trimmed, without a #fragment (never sent to a server),
    and with ``https://`` added when the user typed a bare ``example.com/page``."""
    url = url.strip()
    if url and "://" not in url and not url.startswith(("mailto:", "data:", "javascript:")):
        url = "https://" + url.lstrip("/")
    return urldefrag(url).url


class Library:
    """Articles in the cache under ``home`` (default ``paths.home()``), and the way to add more.

    Opening the Library opens (or creates) the cache file, so a damaged file is reported here
    as ``CorruptStoreError``. Without ``fetch_options`` the ``[network]`` settings of the
    config file apply; problems with that file are in ``config_problems``.
    """

    def __init__(
        self,
        home: Path | None = None,
        *,
        fetch_options: FetchOptions | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        self.home = home if home is not None else paths.home()
        self.config_problems: tuple[str, ...] = ()
        if fetch_options is None:
            config = load_config(paths.config_path(self.home))
            self.config_problems = config.problems
            fetch_options = config.fetch_options()
        self.fetch_options = fetch_options
        self._extract: Extractor = extractor or _default_extract
        self.store = Store(paths.database_path(self.home))
        self._fetcher = Fetcher(fetch_options)

    # --- sync: the cache only ----------------------------------------------------------------

    def list_articles(self, *, limit: int = 500, offset: int = 0) -> list[ArticleSummary]:
        """Cached articles, newest fetched first."""
        return self.store.list_articles(limit=limit, offset=offset)

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

    def close(self) -> None:
        """Close the cache file (every thread's connection)."""
        self.store.close()

    # --- async: the network ------------------------------------------------------------------

    async def open_url(self, url: str, *, refresh: bool = False) -> StoredArticle:
        """The article at ``url``: from the cache, or fetched, extracted and stored.

        A cached article is returned as is unless ``refresh``; refreshing sends a conditional
        request with the stored ETag / Last-Modified, and a 304 keeps the stored copy (only
        its fetch time changes). Raises ``FetchError`` subclasses for network failures.
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
        page = await self._fetcher.fetch(key, etag=etag, last_modified=last_modified)
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
            article = self._extract(page.body, page.final_url, content_type=page.content_type)
        except BroadsheetError:
            raise
        except Exception as exc:  # the extractor promises not to raise; a bug must not crash
            raise ExtractError(f"{page.url}: the page could not be read ({exc})") from exc
        return self.store.save_fetch(page, article)

    async def aclose(self) -> None:
        """Close the network client (call from the loop that used it)."""
        await self._fetcher.aclose()
