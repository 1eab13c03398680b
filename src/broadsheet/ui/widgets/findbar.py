"""The find bar under the reading pane: a query box and the hit count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class FindBar(Horizontal):
    """Posts ``Changed`` as the user types, ``Done`` on enter and ``Closed`` on escape.

    It only shows the count it is given: the reading pane owns the hits, the screen joins them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close find", tooltip="Close the find bar", id="find.close"),
    ]

    @dataclass
    class Changed(Message):
        """The query changed (search as you type)."""

        find_bar: FindBar
        query: str

        @property
        def control(self) -> FindBar:
            return self.find_bar

    @dataclass
    class Done(Message):
        """Enter: keep the hits and go back to reading (n / N move between them)."""

        find_bar: FindBar

        @property
        def control(self) -> FindBar:
            return self.find_bar

    @dataclass
    class Closed(Message):
        """Escape: the bar is closed and the hits should be cleared."""

        find_bar: FindBar

        @property
        def control(self) -> FindBar:
            return self.find_bar

    def compose(self) -> ComposeResult:
        yield Static(Content("Find:"), classes="label", markup=False)
        yield Input(placeholder="text in this article", id="find-input")
        yield Static(Content(""), id="find-count", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def open(self) -> None:
        """Show the bar with its text selected, ready to type over."""
        self.display = True
        self.input.focus()
        self.input.select_all()

    def show_count(self, status: str) -> None:
        """Show ``3/12`` or ``no matches`` next to the query."""
        self.query_one("#find-count", Static).update(Content(status))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done(self))

    def action_close(self) -> None:
        """Hide the bar."""
        self.display = False
        self.post_message(self.Closed(self))
