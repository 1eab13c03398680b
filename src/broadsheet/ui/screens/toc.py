"""The table of contents (``t``): the open article's headings; enter jumps to one."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class TocScreen(ModalScreen[int | None]):
    """Dismisses with the index of the chosen heading, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "cancel", "Close", id="toc.close"),
        Binding("j", "down", "Down", show=False, id="toc.down"),
        Binding("k", "up", "Up", show=False, id="toc.up"),
    ]

    def __init__(self, headings: list[tuple[int, str]]) -> None:
        super().__init__()
        self.headings = headings

    def compose(self) -> ComposeResult:
        top = min((level for level, _ in self.headings), default=1)
        options = [Option(Content("  " * (level - top) + text)) for level, text in self.headings]
        with Vertical(id="toc-box") as box:
            box.border_title = "Contents"
            yield OptionList(*options, id="toc-list", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_down(self) -> None:
        """Next heading."""
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        """Previous heading."""
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
