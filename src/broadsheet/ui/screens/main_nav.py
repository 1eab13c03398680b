"""The main screen's navigation: history, find in page, search, contents, the address prompt."""

from __future__ import annotations

from broadsheet.ui.screens.address import AddressScreen
from broadsheet.ui.screens.main_workers import MainWorkers
from broadsheet.ui.screens.search import SearchChoice, SearchScreen
from broadsheet.ui.screens.toc import TocScreen
from broadsheet.ui.widgets.findbar import FindBar


class MainNavigation(MainWorkers):
    """Moving around: back and forward, hits of find, search, headings, a typed URL."""

    def action_search(self, query: str = "") -> None:
        """Open the search screen; the article chosen opens with the query's words marked."""

        def chosen(choice: SearchChoice | None) -> None:
            if choice is not None:
                self.open_search_choice(choice)

        self.app.push_screen(SearchScreen(self.library, query), chosen)

    def open_search_choice(self, choice: SearchChoice) -> None:
        """Open a search result with the query's words marked (from the search screen or the
        command palette)."""
        if self.current is not None and self.current.id == choice.article_id:
            self._mark_terms(choice.terms)  # already open: no reload, just the marks
            return
        self.pending_terms = choice.terms
        self.load_article(choice.article_id)

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
