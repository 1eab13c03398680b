"""The address prompt: type or paste a URL to fetch and read it inside the app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AddressScreen(ModalScreen[str | None]):
    """Asks for a URL; dismisses with the text entered, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="address.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="address-box") as box:
            box.border_title = "Open an address"
            yield Input(placeholder="https://…", id="address-input")
            yield Static("enter opens it · escape cancels", classes="hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
