"""The main screen's workers: every library call, and the one handler for their outcomes.

Thread workers run the synchronous, SQLite-backed methods; one exclusive async worker group
runs network fetches, so a newer request replaces an older one. Every worker has
``exit_on_error=False`` and ``on_worker_state_changed`` is the single place where results are
applied and failures become notifications.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import webbrowser
from collections.abc import Sequence
from typing import Any

from textual import work
from textual.content import Content
from textual.worker import Worker, WorkerState

from broadsheet.errors import BroadsheetError
from broadsheet.models import ArticleSummary, CommentThread, Source, StoredArticle
from broadsheet.sources import RefreshReport
from broadsheet.ui.positions import ReadingPosition
from broadsheet.ui.screens.main_base import MainBase
from broadsheet.ui.widgets.refresh_status import RefreshStatus
from broadsheet.ui.widgets.sources import ALL, SourceList

_TERMINAL_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})

#: An article to show and where an earlier session left it (None: never saved).
Opened = tuple[StoredArticle, ReadingPosition | None]


class MainWorkers(MainBase):
    """Starts the workers and applies what they return."""

    def _reload(self) -> None:
        """Read the list and the sidebar's counts again (after a fetch, a mark, a refresh)."""
        self.load_list()
        self.load_sources()

    @work(thread=True, exclusive=True, group="list", name="list", exit_on_error=False)
    def load_list(self) -> list[ArticleSummary]:
        """Read the cached articles the sidebar selects, newest first."""
        view = self.list_filter
        return self.library.list_articles(
            source_id=view.source_id, unread=view.unread, favourites=view.favourites
        )

    @work(thread=True, exclusive=True, group="sources", name="sources", exit_on_error=False)
    def load_sources(self) -> list[Source]:
        """Read the sources with their unread counts."""
        return self.library.sources()

    #: Whether the refresh started last is the timer's: then only failures and new articles
    #: are worth a notification. Exclusive workers mean the last one started is the one
    #: whose result arrives.
    _quiet_refresh: bool = False

    def start_background_refresh(self) -> None:
        """Refresh every source each ``[refresh] interval_minutes`` (None: never)."""
        settings = getattr(self.library, "refresh_settings", None)
        minutes = getattr(settings, "interval_minutes", None)
        if minutes:
            self.set_interval(minutes * 60, self._background_refresh, name="background-refresh")

    def _background_refresh(self) -> None:
        """The timer's tick: refresh all sources in the ``R`` key's worker group, unless a
        refresh is already running (it is left alone, not restarted) or there is nothing to
        refresh."""
        running = (WorkerState.PENDING, WorkerState.RUNNING)
        if any(w.group == "refresh" and w.state in running for w in self.app.workers):
            return
        if not self.query_one(SourceList).sources:
            return
        self.refresh_sources(None, quiet=True)

    @work(exclusive=True, group="refresh", name="refresh", exit_on_error=False)
    async def refresh_sources(self, source: Source | None, quiet: bool = False) -> RefreshReport:
        """Refresh one source or all, showing progress; failures come back in the report.

        ``quiet`` (the background timer) keeps the progress bar but notifies only failures and
        new articles."""
        self._quiet_refresh = quiet
        status = self.query_one(RefreshStatus)
        status.start(source.title if source else "all sources")
        return await self.library.refresh(source, progress=status.advance)

    @work(thread=True, exclusive=True, group="article", name="article", exit_on_error=False)
    def load_article(self, article_id: int) -> Opened:
        """Open a cached article by id, with where it was left, and mark it read."""
        stored = self.library.get(article_id)
        if not stored.read:
            self.library.set_read(stored.id, True)
            stored = dataclasses.replace(stored, read=True)
        return stored, self.library.reading_position(stored.id)

    @work(exclusive=True, group="fetch", name="fetch", exit_on_error=False)
    async def fetch(self, urls: Sequence[str], refresh: bool = False) -> Opened | None:
        """Fetch (or take from the cache) each URL; the last one that worked is shown, where
        it was left if it was read before.

        With several URLs a failure is reported and the rest still load; a single URL that
        fails raises, and the state handler reports it.
        """
        if self.view == "list":
            self._set_view("reader")  # the loading indicator shows on the reader
        self.reader.loading = True
        shown: StoredArticle | None = None
        for number, url in enumerate(urls, start=1):
            progress = f"Fetching {number} of {len(urls)}…" if len(urls) > 1 else "Fetching…"
            self.reader.border_title = progress
            try:
                shown = await self.library.open_url(url, refresh=refresh)
            except BroadsheetError as error:
                if len(urls) == 1:
                    raise
                self._report(error)
        if shown is None:
            return None
        if not shown.read:
            self.mark(shown.id, read=True)
            shown = dataclasses.replace(shown, read=True)
        saved = await asyncio.to_thread(self.library.reading_position, shown.id)
        return shown, saved

    @work(thread=True, group="positions", name="position", exit_on_error=False)
    def save_position(
        self, article_id: int, position: ReadingPosition
    ) -> tuple[int, ReadingPosition]:
        """Store where an article was left: a tiny write, but the file may be busy with
        another process's for a moment, and the UI must not wait for that."""
        self.library.save_reading_position(article_id, position)
        return article_id, position

    @work(thread=True, group="marks", name="mark", exit_on_error=False)
    def mark(
        self, article_id: int, *, read: bool | None = None, favourite: bool | None = None
    ) -> None:
        """Store the read or favourite mark of an article."""
        if read is not None:
            self.library.set_read(article_id, read)
        if favourite is not None:
            self.library.set_favourite(article_id, favourite)

    @work(exclusive=True, group="more-comments", name="more-comments", exit_on_error=False)
    async def load_more_comments(self, article_id: int) -> tuple[int, CommentThread]:
        """Fetch the next page of an article's comments; the library merges and stores it."""
        more_comments = getattr(self.library, "more_comments", None)
        if more_comments is None:
            raise BroadsheetError("Loading more comments is not supported by this library.")
        thread: CommentThread = await more_comments(article_id)
        return article_id, thread

    def _more_comments_loaded(self, article_id: int, thread: CommentThread) -> None:
        """Show the grown thread, unless the reader moved to another article meanwhile."""
        if self.current is None or self.current.id != article_id:
            return
        article = dataclasses.replace(self.current.article, comments=thread)
        self.current = dataclasses.replace(self.current, article=article)
        self.comment_view.show_thread(thread, grown=True)

    @work(thread=True, group="browser", name="browser", exit_on_error=False)
    def launch_browser(self, url: str) -> str | None:
        """Hand a URL to a graphical browser (in a thread: starting one can block).

        Returns the URL when no graphical browser could take it. A terminal browser (lynx,
        w3m...) is never started: it would fight the running app for the terminal.
        """
        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            return url
        name = os.path.basename(str(getattr(browser, "name", "")))
        if name in _TERMINAL_BROWSERS or not browser.open(url):
            return url
        return None

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Apply results and report failures: the one place worker outcomes are handled."""
        worker: Worker[Any] = event.worker
        finished = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)
        still_fetching = any(
            w is not worker and w.name == "fetch" and w.state not in finished
            for w in self.app.workers
        )
        if worker.name == "fetch" and event.state in finished and not still_fetching:
            # A fetch replaced by a newer one (exclusive) must not hide the newer one's spinner.
            self.reader.loading = False
            self.reader.border_title = None
            if self.current is None and (event.state != WorkerState.SUCCESS or not worker.result):
                self._set_view("list")  # nothing to read: back where the user can choose
        if worker.name == "refresh" and event.state in finished:
            self.query_one(RefreshStatus).finish()
        if worker.name == "more-comments" and event.state in finished[1:]:
            self.comment_view.more_failed()  # offer "more comments" again
        if event.state == WorkerState.ERROR:
            self._report(worker.error)
            return
        if event.state != WorkerState.SUCCESS:
            return
        result = worker.result
        if worker.name == "list" and result is not None:
            self.article_list.set_articles(result)
            unread = sum(1 for summary in result if not summary.read)
            counts = f"{len(result)}, {unread} unread" if unread else f"{len(result)}"
            name = "Articles" if self.list_filter is ALL else self.list_filter.label
            offline = " — offline — showing cached copies" if self.library.offline else ""
            self.article_list.border_title = Content.assemble(name, f" ({counts}){offline}")
            if (
                not result
                and self.current is None
                and not self.start_urls
                and self.list_filter is ALL
            ):
                await self.reader.show_placeholder(
                    "The cache is empty. Start Broadsheet with a URL (broadsheet URL) "
                    "or try the demo (broadsheet demo)."
                )
        elif worker.name == "sources" and result is not None:
            self.query_one(SourceList).set_sources(result)
        elif worker.name in ("article", "fetch"):
            if result is not None:
                await self._show(*result)
            if worker.name == "fetch" and self.library.offline:
                self.notify(
                    "The server cannot be reached: showing the cached copy.",
                    title="Offline",
                    severity="warning",
                    markup=False,
                )
            self._reload()
        elif worker.name == "mark":
            self._reload()
        elif worker.name == "position" and result is not None:
            self.position_saved(*result)
        elif worker.name == "refresh" and result is not None:
            self._refreshed(result)
        elif worker.name == "more-comments" and result is not None:
            self._more_comments_loaded(*result)
        elif worker.name == "browser" and result:
            self.app.copy_to_clipboard(result)
            self.notify(
                f"No graphical web browser was found. The address is copied: {result}",
                severity="warning",
                markup=False,
            )

    def _refreshed(self, report: RefreshReport) -> None:
        """Say what a refresh did; each failing source is its own error notification."""
        for failed in report.failed:
            self.notify(
                f"{failed.source.title}: {failed.error}",
                title="Refresh failed",
                severity="error",
                markup=False,
                timeout=8,
            )
        done = len(report.results)
        noun = "source" if done == 1 else "sources"
        if not self._quiet_refresh:
            self.notify(f"Refreshed {done} {noun}: {report.new} new", title="Refresh", markup=False)
        elif report.new:
            articles = "article" if report.new == 1 else "articles"
            self.notify(f"{report.new} new {articles}", title="Refresh", markup=False)
        self._reload()
