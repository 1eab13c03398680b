"""The Textual application: wiring only. Screens and widgets live in their own modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from broadsheet.ui.commands import ArticleCommands
from broadsheet.ui.screens.main import MainScreen
from broadsheet.ui.service import LibraryService


class BroadsheetApp(App[None]):
    """Broadsheet's reader over a library; ``urls`` are fetched at start, the last one shown."""

    TITLE = "Broadsheet"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {ArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, library: LibraryService, urls: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.start_urls = tuple(urls)

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.library, self.start_urls)

    async def on_unmount(self) -> None:
        """Close the library's network client on the loop that used it (the cache stays open)."""
        await self.library.aclose()

    def action_help(self) -> None:
        """Show the keys of the main screen (the help screen itself closes on ?)."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.action_help()


def run_app(library: LibraryService, urls: Sequence[str] = ()) -> None:
    """Run the app on ``library`` until the user quits, fetching ``urls`` first."""
    BroadsheetApp(library, urls).run()
