"""The search screen: a query box with the cache's matching articles listed as you type.

Typing restarts a short timer; when it fires, one exclusive thread worker runs
``Library.search`` (a newer query replaces an older one still running), so fast typing costs
one search, not one per key. The screen returns a ``SearchChoice``, the article and the
query's words, and the main screen opens it with those words marked (``n`` / ``N`` move).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from broadsheet.errors import BroadsheetError
from broadsheet.models import SearchHit
from broadsheet.ui.search_view import query_problems, query_terms, result_content
from broadsheet.ui.service import LibraryService

DEBOUNCE_SECONDS = 0.15
RESULT_LIMIT = 50
HELP_LINE = (
    'Words, Chinese of any length, read*, "a phrase", -word, site:, title:, author:, '
    "after:2026-01-01, before:, is:unread, is:fav"
)


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """The article chosen from the results and the words to mark in it."""

    article_id: int
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What one search worker found, with the query it answered."""

    query: str
    hits: list[SearchHit]


class SearchScreen(Screen[SearchChoice | None]):
    """Search the cache; enter opens the highlighted result, escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="Back to the articles", id="search.close"),
        Binding("down", "move(1)", "Next result", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.previous"),
        Binding("enter", "open", "Open", tooltip="Open the highlighted result", id="search.open"),
    ]

    def __init__(self, library: LibraryService, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self.hits: list[SearchHit] = []
        self.answered: str | None = None  # the query the shown results answer
        self._timer: Timer | None = None
        self._open_when_answered = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(
                value=self.initial_query,
                placeholder="search the cached articles",
                id="search-input",
            )
            yield Static(Content(HELP_LINE), id="search-status", markup=False)
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = "Search"
        self.query_one(Input).focus()
        if self.initial_query:
            self.run_search(self.initial_query)

    @property
    def results(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def pending(self) -> bool:
        """True while typed text has not been answered yet (a timer or a worker running)."""
        return self.answered != self.query_one(Input).value

    def _status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.set_class(problem, "-problem")
        status.update(Content(text))

    # -- typing ------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(query))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: open the first result; typed faster than the timer, search first."""
        event.stop()
        if self.pending:
            if self._timer is not None:
                self._timer.stop()
            self._open_when_answered = True
            self.run_search(event.value)
        else:
            self.action_open()

    @work(thread=True, exclusive=True, group="search", name="search", exit_on_error=False)
    def run_search(self, query: str) -> _Outcome:
        """Search the cache for ``query`` (never raises for what was typed)."""
        if not query.strip():
            return _Outcome(query, [])
        return _Outcome(query, self.library.search(query, limit=RESULT_LIMIT))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the results of the latest search, or what went wrong, in the status line."""
        worker: Worker[Any] = event.worker
        if worker.name != "search":
            return
        if event.state == WorkerState.ERROR:
            error = worker.error
            message = str(error) if isinstance(error, BroadsheetError) else repr(error)
            self._status(f"Search failed: {message}", problem=True)
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, _Outcome):
            self._show(worker.result)

    def _show(self, outcome: _Outcome) -> None:
        self.answered = outcome.query
        self.hits = outcome.hits
        self.results.clear_options()
        options: list[Option | None] = []
        for number, hit in enumerate(outcome.hits):
            if number:
                options.append(None)  # a rule between results
            options.append(Option(result_content(hit), id=str(number)))
        self.results.add_options(options)
        if outcome.hits:
            self.results.highlighted = 0
        problems = query_problems(outcome.query)
        if problems:
            self._status(" ".join(problems), problem=True)
        elif not outcome.query.strip():
            self._status(HELP_LINE)
        elif not outcome.hits:
            self._status("No cached article matches.")
        else:
            more = "+" if len(outcome.hits) >= RESULT_LIMIT else ""
            noun = "article" if len(outcome.hits) == 1 else "articles"
            self._status(f"{len(outcome.hits)}{more} {noun}: enter opens, ↑ ↓ choose")
        if self._open_when_answered and outcome.query == self.query_one(Input).value:
            self._open_when_answered = False
            self.action_open()

    # -- choosing ----------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """Move the highlight through the results while typing stays in the box."""
        if step > 0:
            self.results.action_cursor_down()
        else:
            self.results.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(int(event.option.id or 0))

    def action_open(self) -> None:
        """Open the highlighted result (the first when none is highlighted)."""
        option = self.results.highlighted_option
        if self.hits:
            self._choose(int(option.id or 0) if option is not None else 0)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.hits):
            terms = tuple(query_terms(self.answered or ""))
            self.dismiss(SearchChoice(self.hits[index].article.id, terms))

    def action_close(self) -> None:
        """Back without opening anything."""
        self.dismiss(None)
