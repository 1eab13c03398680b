"""The main screen: article list, reading pane and comment view, and the workers behind them.

Widgets only display and post messages; this screen decides what happens and runs the
library calls in workers: thread workers for the synchronous, SQLite-backed methods and one
exclusive async worker group for network fetches, so a newer request replaces an older one.
Every worker has ``exit_on_error=False`` and ``on_worker_state_changed`` is the single place
where results are applied and failures become notifications.
"""

from __future__ import annotations

import dataclasses
import os
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer
from textual.worker import Worker, WorkerState

from broadsheet.errors import BroadsheetError
from broadsheet.models import ArticleSummary, Source, StoredArticle
from broadsheet.sources import RefreshReport
from broadsheet.ui.history import History
from broadsheet.ui.screens.address import AddressScreen
from broadsheet.ui.screens.help import HelpScreen, key_sections
from broadsheet.ui.screens.main_keys import MAIN_BINDINGS
from broadsheet.ui.screens.toc import TocScreen
from broadsheet.ui.service import LibraryService
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList, CommentView
from broadsheet.ui.widgets.findbar import FindBar
from broadsheet.ui.widgets.reader import LinkList, ReaderPane
from broadsheet.ui.widgets.refresh_status import RefreshStatus
from broadsheet.ui.widgets.sources import ALL, SourceList

View = Literal["list", "reader", "comments"]
_TERMINAL_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})


class MainScreen(Screen[None]):
    """List on the left, reader or comments on the right; one pane at a time when narrow."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    def __init__(self, library: LibraryService, urls: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.start_urls = list(urls)
        self.current: StoredArticle | None = None
        self.view: View = "list"
        self._thread_shown: int | None = None  # id of the article whose comments are built
        self.history = History()
        self._positions: dict[int, float] = {}  # article id -> where the reader left it
        self.list_filter = ALL

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SourceList(id="sources")
            yield ArticleList(id="articles")
            with Vertical(id="right"):
                with ContentSwitcher(id="switcher", initial="reader"):
                    yield ReaderPane(id="reader")
                    yield CommentView(id="comments")
                yield FindBar(id="find")
        yield RefreshStatus(id="refresh")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).border_title = "Articles"
        self.query_one(SourceList).border_title = "Sources"
        self.query_one(ArticleList).focus()
        settings = getattr(self.app, "settings", None)
        self.reader.reading_width = getattr(settings, "reading_width", None)
        problems = [
            *getattr(self.library, "config_problems", ()),
            *getattr(settings, "problems", ()),
        ]
        for problem in problems:
            # The real Library reports config file mistakes here; the app starts on defaults.
            self.notify(str(problem), title="Settings", severity="warning", markup=False)
        self._reload()
        if self.start_urls:
            self.fetch(self.start_urls)

    # -- widgets -----------------------------------------------------------------------------

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def comment_view(self) -> CommentView:
        return self.query_one(CommentView)

    def _set_view(self, view: View) -> None:
        """Show and focus a pane; on a narrow screen only that pane is visible."""
        self.view = view
        self.set_class(view != "list", "-reading")
        if view == "list":
            self.article_list.focus()
            return
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "comments" if view == "comments" else "reader"
        if view == "comments":
            if self.current is not None and self._thread_shown != self.current.id:
                # Built on demand: a long thread costs time an article that is only read
                # should not pay.
                self.comment_view.show_thread(self.current.article.comments)
                self._thread_shown = self.current.id
            comments = self.query_one(CommentList)
            (comments if comments.display else self.comment_view).focus()
        else:
            self.reader.focus()

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    async def _show(self, stored: StoredArticle) -> None:
        if self.current is not None:
            self._positions[self.current.id] = self.reader.scroll_y
        self.current = stored
        self.history.visit(stored.id)
        article = stored.article
        if self.find_bar.display:
            self.find_bar.display = False
        await self.reader.show_article(article, self._positions.get(stored.id, 0.0))
        self.reader.border_title = None
        self._thread_shown = None  # a new or refreshed copy: its thread is rebuilt when shown
        self.article_list.open_id = stored.id
        self.article_list.highlight_article(stored.id)
        self._set_view("comments" if self.view == "comments" else "reader")

    # -- workers -----------------------------------------------------------------------------

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

    @work(exclusive=True, group="refresh", name="refresh", exit_on_error=False)
    async def refresh_sources(self, source: Source | None) -> RefreshReport:
        """Refresh one source or all, showing progress; failures come back in the report."""
        status = self.query_one(RefreshStatus)
        status.start(source.title if source else "all sources")
        return await self.library.refresh(source, progress=status.advance)

    @work(thread=True, exclusive=True, group="article", name="article", exit_on_error=False)
    def load_article(self, article_id: int) -> StoredArticle:
        """Open a cached article by id and mark it read."""
        stored = self.library.get(article_id)
        if not stored.read:
            self.library.set_read(stored.id, True)
            stored = dataclasses.replace(stored, read=True)
        return stored

    @work(exclusive=True, group="fetch", name="fetch", exit_on_error=False)
    async def fetch(self, urls: Sequence[str], refresh: bool = False) -> StoredArticle | None:
        """Fetch (or take from the cache) each URL; the last one that worked is shown.

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
        if shown is not None and not shown.read:
            self.mark(shown.id, read=True)
            shown = dataclasses.replace(shown, read=True)
        return shown

    @work(thread=True, group="marks", name="mark", exit_on_error=False)
    def mark(
        self, article_id: int, *, read: bool | None = None, favourite: bool | None = None
    ) -> None:
        """Store the read or favourite mark of an article."""
        if read is not None:
            self.library.set_read(article_id, read)
        if favourite is not None:
            self.library.set_favourite(article_id, favourite)

    @work(thread=True, group="export", name="export", exit_on_error=False)
    def export(self, article_id: int) -> Path:
        """Write the article to a new .txt file in the export folder."""
        return self.library.export(article_id, fmt="txt")

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
            self.article_list.border_title = Content.assemble(name, f" ({counts})")
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
                await self._show(result)
            self._reload()
        elif worker.name == "mark":
            self._reload()
        elif worker.name == "refresh" and result is not None:
            self._refreshed(result)
        elif worker.name == "export":
            self.notify(f"Exported to {result}", title="Export", markup=False)
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
        self.notify(f"Refreshed {done} {noun}: {report.new} new", title="Refresh", markup=False)
        self._reload()

    def _report(self, error: BaseException | None) -> None:
        """A failure as a notification: our own errors by their message, others by type too."""
        if isinstance(error, BroadsheetError):
            message = str(error)
        else:
            message = f"Unexpected {type(error).__name__}: {error}"
        self.notify(
            message, title="Something went wrong", severity="error", markup=False, timeout=8
        )

    # -- messages from widgets ---------------------------------------------------------------

    def on_article_list_chosen(self, message: ArticleList.Chosen) -> None:
        self.load_article(message.summary.id)

    def on_source_list_changed(self, message: SourceList.Changed) -> None:
        if message.view != self.list_filter:
            self.list_filter = message.view
            self.load_list()

    def on_link_list_followed(self, message: LinkList.Followed) -> None:
        self.fetch([message.link.url])

    # -- actions -----------------------------------------------------------------------------

    def _need_article(self) -> StoredArticle | None:
        if self.current is None:
            self.notify(
                "Open an article first (enter on the list).", severity="warning", markup=False
            )
        return self.current

    def action_toggle_comments(self) -> None:
        """Switch the right pane between the article and its comments."""
        if self._need_article() is not None:
            self._set_view("reader" if self.view == "comments" else "comments")

    def action_open_browser(self) -> None:
        """Open the selected link, or the article's page, in the system browser (http(s) only)."""
        if (stored := self._need_article()) is None:
            return
        link = self.reader.selected_link if self.view == "reader" else None
        url = link.url if link is not None else stored.final_url or stored.article.url or ""
        if urlsplit(url).scheme not in ("http", "https"):
            self.notify(f"Not a web address: {url}", severity="warning", markup=False)
            return
        self.launch_browser(url)

    def action_export(self) -> None:
        """Export the open article to a text file (the path is reported when done)."""
        if (stored := self._need_article()) is not None:
            self.export(stored.id)

    def action_toggle_read(self) -> None:
        """Mark the highlighted (or open) article read or unread."""
        target = self.article_list.highlighted_summary
        if target is None:
            return
        self.mark(target.id, read=not target.read)
        if self.current is not None and self.current.id == target.id:
            self.current = dataclasses.replace(self.current, read=not target.read)

    def action_toggle_favourite(self) -> None:
        """Star or unstar the highlighted (or open) article."""
        target = self.article_list.highlighted_summary
        if target is None:
            return
        self.mark(target.id, favourite=not target.favourite)

    def action_refresh(self) -> None:
        """In the list or sidebar, refresh the selected source(s); else the open article."""
        if isinstance(self.focused, SourceList | ArticleList):
            self._refresh_sources(self.query_one(SourceList).current_source)
        elif (stored := self._need_article()) is not None:
            self.fetch([stored.article.url or stored.final_url], refresh=True)

    def action_refresh_source(self) -> None:
        """Refresh the source selected in the sidebar (every source from All or Unread)."""
        self._refresh_sources(self.query_one(SourceList).current_source)

    def action_choose_theme(self) -> None:
        """Textual's theme picker (the config file's ``[ui] theme`` sets the one to start with)."""
        self.app.action_change_theme()

    def action_refresh_all(self) -> None:
        """Refresh every source."""
        self._refresh_sources(None)

    def _refresh_sources(self, source: Source | None) -> None:
        if not self.query_one(SourceList).sources:
            self.notify(
                "No sources yet: follow a site with `broadsheet add URL`.",
                severity="warning",
                markup=False,
            )
            return
        self.refresh_sources(source)

    def action_toggle_sidebar(self) -> None:
        """Show or hide the source sidebar (hidden by default on a narrow terminal)."""
        self.toggle_class("-sources-toggled")
        sidebar = self.query_one(SourceList)
        self.call_after_refresh(
            lambda: sidebar.focus() if sidebar.display and self.view == "list" else None
        )

    def _step(self, step: int) -> None:
        current = self.current.id if self.current is not None else None
        target = self.article_list.neighbour(current, step)
        if target is not None:
            self.load_article(target.id)

    def action_next_article(self) -> None:
        """Open the next article of the list."""
        self._step(1)

    def action_previous_article(self) -> None:
        """Open the previous article of the list."""
        self._step(-1)

    def _back(self) -> bool:
        """Go back one level (closing the find bar first); False when already at the list."""
        if self.find_bar.display:
            self.find_bar.action_close()
            return True
        if self.view == "comments":
            self._set_view("reader")
            return True
        if self.view == "reader":
            self._set_view("list")
            return True
        return False

    def action_back(self) -> None:
        """Comments -> article -> list."""
        self._back()

    def action_back_or_quit(self) -> None:
        """Back one level, or quit from the list."""
        if not self._back():
            self.app.exit()

    def _history_step(self, target: int | None, edge: str) -> None:
        if target is None:
            self.notify(f"Nothing {edge} in the reading history.", markup=False, timeout=3)
        else:
            self.load_article(target)

    def action_history_back(self) -> None:
        """Reopen the article read before this one."""
        self._history_step(self.history.back(), "further back")

    def action_history_forward(self) -> None:
        """Go forward again after going back."""
        self._history_step(self.history.forward(), "further forward")

    def action_find(self) -> None:
        """Open the find bar under the reading pane."""
        if self._need_article() is None:
            return
        if self.view != "reader":
            self._set_view("reader")
        self.find_bar.open()

    def _find_step(self, step: int) -> None:
        if not self.reader.hits:
            self.notify("Nothing found to move through: find first (ctrl+f).", markup=False)
            return
        self.reader.find_step(step)
        self.find_bar.show_count(self.reader.find_status)

    def action_find_next(self) -> None:
        """The next hit of find in page."""
        self._find_step(1)

    def action_find_previous(self) -> None:
        """The previous hit of find in page."""
        self._find_step(-1)

    def on_find_bar_changed(self, message: FindBar.Changed) -> None:
        self.reader.find(message.query)
        self.find_bar.show_count(self.reader.find_status if message.query.strip() else "")

    def on_find_bar_done(self, message: FindBar.Done) -> None:
        self.reader.focus()

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        self.reader.clear_find()
        self.reader.focus()

    def action_toc(self) -> None:
        """Show the article's headings; choosing one scrolls to it."""
        if self._need_article() is None:
            return
        headings = self.reader.headings()
        if not headings:
            self.notify("This article has no headings.", markup=False, timeout=3)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self._set_view("reader")
                self.reader.scroll_to_heading(index)

        self.app.push_screen(TocScreen(headings), chosen)

    def action_address(self) -> None:
        """Ask for a URL and open it in the app."""

        def opened(url: str | None) -> None:
            if url:
                self.fetch([url])

        self.app.push_screen(AddressScreen(), opened)

    def action_help(self) -> None:
        """Show every key of this screen, from the bindings themselves."""
        self.app.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The bindings of the app, this screen and its panes, grouped for the help screen."""
        groups: list[tuple[str, Sequence[BindingType]]] = [
            ("Anywhere", [*self.app.BINDINGS, *self.BINDINGS]),
            ("Sources", SourceList.BINDINGS),
            ("Article list", ArticleList.BINDINGS),
            ("Reading pane", ReaderPane.BINDINGS),
            ("Find bar", FindBar.BINDINGS),
            ("Comments", CommentList.BINDINGS),
        ]
        keymap: dict[str, str] = getattr(getattr(self.app, "settings", None), "keymap", {})
        return key_sections(self.app, groups, keymap)
