"""The ``?`` screen: every key of the screen underneath, drawn from its bindings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """A modal table of keys and what they do; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("q", "dismiss", "Close", show=False, id="help.close_q"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close_help"),
    ]

    def __init__(self, sections: Iterable[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = [(title, keys) for title, keys in sections if keys]

    def compose(self) -> ComposeResult:
        width = max((len(k) for _, keys in self.sections for k, _ in keys), default=0) + 2
        lines: list[Content] = []
        for title, keys in self.sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold underline"))
            lines.extend(
                Content.assemble((key.ljust(width), "bold $accent"), description)
                for key, description in keys
            )
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            yield Static(Content("\n").join(lines), markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help screen."""
        self.dismiss(result)
