"""The export dialog: a format, a file path and whether to include the comments.

A thin dialog over ``Library.export``, as the export registry is the single source of
formats: adding a format to ``broadsheet.export.FORMATS`` adds it here. The file is written
in a thread worker with ``force=False``, so an existing file is never overwritten; that
refusal, and any other failure, is shown in the dialog, which stays open to fix the path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from broadsheet import paths
from broadsheet.errors import BroadsheetError
from broadsheet.export import FORMATS, format_for_path
from broadsheet.exporters.names import safe_filename
from broadsheet.models import StoredArticle
from broadsheet.ui.service import LibraryService

_EXTENSIONS = {spec.extension for spec in FORMATS.values()}


def export_folder(library: LibraryService) -> Path:
    """The folder the dialog suggests: the library's ``exports`` folder (``paths.export_dir``
    of its home). A stand-in library without a home may name one as ``export_dir``."""
    own = getattr(library, "export_dir", None)
    if isinstance(own, Path):
        return own
    return paths.export_dir(getattr(library, "home", None))


def suggest_path(folder: Path, title: str, fmt: str) -> Path:
    """A file in ``folder`` named from ``title`` that does not exist yet (``name (2).md``)."""
    extension = FORMATS[fmt].extension
    stem = safe_filename(title) or "article"
    candidate = folder / f"{stem}{extension}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){extension}"
        number += 1
    return candidate


def with_format(text: str, fmt: str) -> str:
    """The typed path with its extension switched to ``fmt``'s, when it had a format's one
    (a name the user typed without one, or with another, is left alone)."""
    path = Path(text)
    if path.suffix.lower() in _EXTENSIONS:
        return str(path.with_suffix(FORMATS[fmt].extension))
    return text


class ExportScreen(ModalScreen[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close without exporting", id="export.cancel"
        ),
        Binding(
            "ctrl+s", "export", "Export", tooltip="Write the file", id="export.write", priority=True
        ),
    ]

    def __init__(
        self, library: LibraryService, stored: StoredArticle, folder: Path, fmt: str = "txt"
    ) -> None:
        super().__init__()
        self.library = library
        self.stored = stored
        self.folder = folder
        self.fmt = fmt if fmt in FORMATS else "txt"

    def compose(self) -> ComposeResult:
        has_comments = bool(self.stored.article.comments.items)
        with Vertical(id="export-box"):
            yield Label(Content("Format"), classes="export-label")
            with RadioSet(id="export-formats"):
                for name, spec in FORMATS.items():
                    label = Content.assemble(Content(name).stylize("bold"), f"  {spec.description}")
                    yield RadioButton(label, value=name == self.fmt, name=name, id=f"format-{name}")
            yield Label(Content("File"), classes="export-label")
            yield Input(
                str(suggest_path(self.folder, self.stored.article.title, self.fmt)),
                id="export-path",
            )
            yield Checkbox(
                Content("Include comments" if has_comments else "Include comments (none)"),
                value=has_comments,
                disabled=not has_comments,
                id="export-comments",
            )
            yield Static(Content(""), id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button(Content("Export"), variant="primary", id="export-write")
                yield Button(Content("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        box = self.query_one("#export-box")
        box.border_title = Content("Export article")
        box.border_subtitle = Content("enter writes · escape cancels")
        self.query_one(Input).focus()

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    def _say(self, text: str, *, problem: bool = True) -> None:
        message = self.query_one("#export-message", Static)
        message.set_class(problem, "-problem")
        message.update(Content(text))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        name = event.pressed.name
        if name in FORMATS:
            self.fmt = name
            self.path_input.value = with_format(self.path_input.value, name)
            self._say("", problem=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """A typed extension of another format (``notes.md``) selects that format."""
        event.stop()
        typed = format_for_path(Path(event.value.strip()))
        if typed is not None and typed != self.fmt:
            self.query_one(f"#format-{typed}", RadioButton).value = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-write":
            self.action_export()
        else:
            self.action_cancel()

    def target(self) -> Path | None:
        """The typed path: ``~`` expanded, relative to the export folder; None when empty."""
        text = self.path_input.value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.folder / path

    def action_export(self) -> None:
        """Write the file in a thread; the dialog closes when it is written."""
        target = self.target()
        if target is None:
            self._say("Type a file name to write to.")
            return
        include = self.query_one(Checkbox).value
        self._say("Writing…", problem=False)
        self.write(target, self.fmt, include)

    @work(thread=True, exclusive=True, group="export", name="export", exit_on_error=False)
    def write(self, target: Path, fmt: str, include_comments: bool) -> Path:
        """Export with ``force=False``; the app's own export folder is created when needed."""
        if target.parent == self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
        return self.library.export(
            self.stored.id, target, fmt=fmt, include_comments=include_comments, force=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Close with the path written, or say in the dialog what went wrong."""
        worker: Worker[Any] = event.worker
        if worker.name != "export":
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, Path):
            self.dismiss(worker.result)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, BroadsheetError | OSError):
                self._say(str(error))
            else:
                self._say(f"Unexpected {type(error).__name__}: {error}")

    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)
