"""The Textual application: wiring only. Screens and widgets live in their own modules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from broadsheet.ui.commands import ArticleCommands, SearchCommands
from broadsheet.ui.screens.address import AddressScreen
from broadsheet.ui.screens.export import ExportScreen
from broadsheet.ui.screens.help import HelpScreen
from broadsheet.ui.screens.main import MainScreen
from broadsheet.ui.screens.search import SearchScreen
from broadsheet.ui.screens.toc import TocScreen
from broadsheet.ui.service import LibraryService
from broadsheet.ui.settings import UiSettings, load_ui_settings
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList
from broadsheet.ui.widgets.findbar import FindBar
from broadsheet.ui.widgets.image_block import graphics_supported
from broadsheet.ui.widgets.reader import ReaderPane
from broadsheet.ui.widgets.sources import SourceList


class BroadsheetApp(App[None]):
    """Broadsheet's reader over a library; ``urls`` are fetched at start, the last one shown.

    ``settings`` are the ``[ui]`` and ``[keys]`` tables of the config file; by default they are
    read from the library's home folder (a library without one, like the tests' in-memory
    library, gets the defaults, so no user's file changes a test).
    """

    TITLE = "Broadsheet"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {ArticleCommands, SearchCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        library: LibraryService,
        urls: Sequence[str] = (),
        settings: UiSettings | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.start_urls = tuple(urls)
        if settings is None:
            home: Path | None = getattr(library, "home", None)
            settings = (
                load_ui_settings(home, themes=self.available_themes, binding_ids=binding_ids())
                if home is not None
                else UiSettings()
            )
        self.settings = settings
        # Asked now: the terminal can only be queried before Textual takes it over.
        self.graphics = settings.images and graphics_supported()

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.library, self.start_urls)

    def on_mount(self) -> None:
        """Apply the theme and the keymap from the settings (bad values were left out)."""
        if self.settings.theme:
            self.theme = self.settings.theme
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)

    async def on_unmount(self) -> None:
        """Close the library's network client on the loop that used it (the cache stays open)."""
        await self.library.aclose()

    def action_help(self) -> None:
        """Show the keys of the main screen (the help screen itself closes on ?)."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.action_help()


# Every class that declares bindings: the ids a [keys] table may name.
BINDING_OWNERS: tuple[type[DOMNode], ...] = (
    BroadsheetApp,
    MainScreen,
    SourceList,
    ArticleList,
    ReaderPane,
    FindBar,
    CommentList,
    HelpScreen,
    AddressScreen,
    TocScreen,
    SearchScreen,
    ExportScreen,
)


def binding_ids() -> list[str]:
    """The id of every binding in the app."""
    return [
        binding.id
        for owner in BINDING_OWNERS
        for binding in owner.BINDINGS
        if isinstance(binding, Binding) and binding.id
    ]


def run_app(library: LibraryService, urls: Sequence[str] = ()) -> None:
    """Run the app on ``library`` until the user quits, fetching ``urls`` first."""
    BroadsheetApp(library, urls).run()
