"""State and widget access shared by the main screen's parts.

The main screen is split by concern into a chain of classes, each small enough to read at
once: this base (state, the panes, showing an article), ``main_workers`` (library calls in
workers and the one handler that applies their results), ``main_nav`` (history, find, search,
contents, address) and ``main`` (layout, messages from widgets, the remaining actions).

Where each article is left is kept here too: the reading pane tracks its position as the
reader scrolls, and the screen saves it (in a worker) when the reader leaves an article for
another or for the list, every ``POSITION_SAVE_SECONDS`` while it moves, and, directly, when
the app closes. Only a position that moved is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Literal

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher

from broadsheet.errors import BroadsheetError
from broadsheet.models import StoredArticle
from broadsheet.ui.history import History
from broadsheet.ui.positions import TOP, ReadingPosition
from broadsheet.ui.service import LibraryService
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList, CommentView
from broadsheet.ui.widgets.findbar import FindBar
from broadsheet.ui.widgets.reader import ReaderPane
from broadsheet.ui.widgets.sources import ALL

View = Literal["list", "reader", "comments"]

#: How often a position that moved is saved while an article stays open, so a crash or a
#: closed terminal loses at most this much reading.
POSITION_SAVE_SECONDS = 15.0


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
        # article id -> where the reader left it, as last saved or read from the library
        self._positions: dict[int, ReadingPosition] = {}
        # Positions handed to a save worker and not yet saved: written again as the app
        # closes, since a worker that has not finished by then never will.
        self._unsaved: dict[int, ReadingPosition] = {}
        self._position_timer: Timer | None = None
        self._reader: ReaderPane | None = None
        self.list_filter = ALL
        self.pending_terms: tuple[str, ...] = ()  # a search's words to mark in the next article

    # -- widgets -----------------------------------------------------------------------------

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderPane:
        # Kept once found: the pane is never replaced, and the position is read from it when
        # the screen closes, after its children have left the DOM.
        if self._reader is None:
            self._reader = self.query_one(ReaderPane)
        return self._reader

    @property
    def comment_view(self) -> CommentView:
        return self.query_one(CommentView)

    def _set_view(self, view: View) -> None:
        """Show and focus a pane; on a narrow screen only that pane is visible."""
        self.view = view
        self.set_class(view != "list", "-reading")
        if view == "list":
            self.keep_position()  # leaving the article: a good moment to save
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

    async def _show(self, stored: StoredArticle, saved: ReadingPosition | None = None) -> None:
        """Show ``stored`` where it was left: this session's position, else ``saved`` (the
        library's, from an earlier session), else the top."""
        self.keep_position()
        self.current = stored
        self.history.visit(stored.id)
        article = stored.article
        if self.find_bar.display:
            self.find_bar.display = False
        position = self._positions.setdefault(stored.id, saved or TOP)
        await self.reader.show_article(article, position)
        if self._position_timer is None:
            self._position_timer = self.set_interval(POSITION_SAVE_SECONDS, self.keep_position)
        self.reader.border_title = None
        self._thread_shown = None  # a new or refreshed copy: its thread is rebuilt when shown
        self.article_list.open_id = stored.id
        self.article_list.highlight_article(stored.id)
        self._set_view("comments" if self.view == "comments" else "reader")
        if self.pending_terms:
            self._mark_terms(self.pending_terms)
            self.pending_terms = ()

    # -- reading positions -------------------------------------------------------------------

    def _moved(self) -> tuple[int, ReadingPosition] | None:
        """The open article and its position if it moved since last kept; from now on that
        position is the one kept."""
        position = self._reader.position if self._reader is not None else None
        if self.current is None or position is None:
            return None
        if position == self._positions.get(self.current.id, TOP):
            return None
        self._positions[self.current.id] = position
        return self.current.id, position

    def keep_position(self) -> None:
        """Save where the open article is, if it moved (in a worker: the UI never waits)."""
        if (moved := self._moved()) is not None:
            article_id, position = moved
            self._unsaved[article_id] = position
            self.save_position(article_id, position)

    def save_position(self, article_id: int, position: ReadingPosition) -> object:
        """Store a position through the library; a thread worker in ``main_workers``."""
        raise NotImplementedError

    def position_saved(self, article_id: int, position: ReadingPosition) -> None:
        """A save worker finished: that position need not be written at exit."""
        if self._unsaved.get(article_id) == position:
            del self._unsaved[article_id]

    def on_unmount(self) -> None:
        """The app is closing (its workers are already cancelled): write here what is not
        saved yet, the open article's position included. A few small rows; a failure can no
        longer be shown, and costs only positions."""
        if (moved := self._moved()) is not None:
            self._unsaved[moved[0]] = moved[1]
        for article_id, position in self._unsaved.items():
            with suppress(BroadsheetError):
                self.library.save_reading_position(article_id, position)

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
