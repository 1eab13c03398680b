"""A one-line progress bar shown while sources refresh: which source, how many of how many."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from broadsheet.sanitize import clean_line
from broadsheet.sources import RefreshEvent


class RefreshStatus(Horizontal):
    """Hidden until ``start``; the screen feeds it the refresh's progress events."""

    def compose(self) -> ComposeResult:
        yield Static(id="refresh-label", markup=False)
        yield ProgressBar(id="refresh-bar", show_eta=False)

    def start(self, what: str) -> None:
        """Show the bar, empty, for a refresh of ``what`` (a source title or "all sources")."""
        self.query_one(Static).update(Content(f"Refreshing {clean_line(what)}…"))
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.display = True

    def advance(self, event: RefreshEvent) -> None:
        """A source started or finished (called on the event loop by the library)."""
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        if event.stage == "start":
            title = clean_line(event.source.title) or clean_line(event.source.url)
            label = f"Refreshing {title} ({event.done + 1}/{event.total})"
            self.query_one(Static).update(Content(label))

    def finish(self) -> None:
        """Hide the bar."""
        self.display = False
