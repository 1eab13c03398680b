"""The ``?`` screen: every key of the screen underneath, drawn from its bindings."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

_TEXT_COLUMNS = 66  # inside #help-box: 76 wide less its border, padding and scrollbar


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
        # Descriptions wrap under themselves (a hanging indent), so the keys stay in a column.
        text_width = max(_TEXT_COLUMNS - width, 20)
        lines: list[Content] = []
        for title, keys in self.sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(title, "bold underline"))
            for key, description in keys:
                wrapped = textwrap.wrap(description, text_width) or [""]
                lines.append(Content.assemble((key.ljust(width), "bold $accent"), wrapped[0]))
                lines.extend(Content("\u00a0" * width + more) for more in wrapped[1:])
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            yield Static(Content("\n").join(lines), markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help screen."""
        self.dismiss(result)


def key_display(app: App[object], binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys of a binding as the user has them (the keymap wins), like ``⌫/alt+←/H``."""
    if binding.key_display and binding.id not in keymap:
        return binding.key_display
    keys = keymap.get(binding.id or "", binding.key).split(",")
    return "/".join(
        app.get_key_display(dataclasses.replace(binding, key=k.strip(), key_display=None))
        for k in keys
    )


def key_sections(
    app: App[object],
    groups: Iterable[tuple[str, Sequence[BindingType]]],
    keymap: Mapping[str, str],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each group's described bindings as (keys, what they do), read from the bindings."""
    sections = []
    for title, bindings in groups:
        keys: list[tuple[str, str]] = []
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                text = binding.tooltip or binding.description
                keys.append((key_display(app, binding, keymap), text))
        sections.append((title, keys))
    return sections
