"""State and widget access shared by the main screen's parts.

The main screen is split by concern into a chain of classes, each small enough to read at
once: this base (state, the panes, showing an article), ``main_workers`` (library calls in
workers and the one handler that applies their results), ``main_nav`` (history, find, search,
contents, address) and ``main`` (layout, messages from widgets, the remaining actions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from textual.screen import Screen
from textual.widgets import ContentSwitcher

from broadsheet.errors import BroadsheetError
from broadsheet.models import StoredArticle
from broadsheet.ui.history import History
from broadsheet.ui.service import LibraryService
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList, CommentView
from broadsheet.ui.widgets.findbar import FindBar
from broadsheet.ui.widgets.reader import ReaderPane
from broadsheet.ui.widgets.sources import ALL

View = Literal["list", "reader", "comments"]


class MainBase(Screen[None]):
    """What every part of the main screen reads: the library, the open article, the panes."""

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
        self.pending_terms: tuple[str, ...] = ()  # a search's words to mark in the next article

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
        if self.pending_terms:
            self._mark_terms(self.pending_terms)
            self.pending_terms = ()

    def _mark_terms(self, terms: tuple[str, ...]) -> None:
        """Mark a search's words in the open article; n / N then move between them."""
        self._set_view("reader")
        count = self.reader.find_terms(list(terms))
        if count:
            self.find_bar.show_count(self.reader.find_status)
            noun = "hit" if count == 1 else "hits"
            self.notify(f"{count} {noun} of the search: n / N move", markup=False, timeout=3)
        else:
            self.notify(
                "The search matched this article outside its text (metadata or comments).",
                markup=False,
                timeout=3,
            )

    def _need_article(self) -> StoredArticle | None:
        if self.current is None:
            self.notify(
                "Open an article first (enter on the list).", severity="warning", markup=False
            )
        return self.current

    def _report(self, error: BaseException | None) -> None:
        """A failure as a notification: our own errors by their message, others by type too."""
        if isinstance(error, BroadsheetError):
            message = str(error)
        else:
            message = f"Unexpected {type(error).__name__}: {error}"
        self.notify(
            message, title="Something went wrong", severity="error", markup=False, timeout=8
        )
