"""The main screen: article list, reading pane and comment view.

This module holds the layout, the messages from widgets and the actions on articles and
sources; state and panes are in ``main_base``, the library calls and their outcomes in
``main_workers``, moving around (history, find, search, contents) in ``main_nav``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Footer

from broadsheet.models import Source
from broadsheet.ui.images import loader_for
from broadsheet.ui.screens.export import ExportScreen, export_folder
from broadsheet.ui.screens.help import HelpScreen, key_sections
from broadsheet.ui.screens.main_keys import MAIN_BINDINGS
from broadsheet.ui.screens.main_nav import MainNavigation
from broadsheet.ui.screens.search import SearchScreen
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.comments import CommentList, CommentView
from broadsheet.ui.widgets.findbar import FindBar
from broadsheet.ui.widgets.reader import LinkList, ReaderPane
from broadsheet.ui.widgets.refresh_status import RefreshStatus
from broadsheet.ui.widgets.sources import SourceList


class MainScreen(MainNavigation):
    """List on the left, reader or comments on the right; one pane at a time when narrow."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SourceList(id="sources")
            yield ArticleList(id="articles")
            with Vertical(id="right"):
                with ContentSwitcher(id="switcher", initial="reader"):
                    yield ReaderPane(id="reader")
                    yield CommentView(id="comments")
                yield FindBar(id="find")
        yield RefreshStatus(id="refresh")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).border_title = "Articles"
        self.query_one(SourceList).border_title = "Sources"
        self.query_one(ArticleList).focus()
        settings = getattr(self.app, "settings", None)
        self.reader.reading_width = getattr(settings, "reading_width", None)
        if getattr(self.app, "graphics", False):
            self.reader.image_loader = loader_for(self.library)
        problems = [
            *getattr(self.library, "config_problems", ()),
            *getattr(settings, "problems", ()),
        ]
        for problem in problems:
            # The real Library reports config file mistakes here; the app starts on defaults.
            self.notify(str(problem), title="Settings", severity="warning", markup=False)
        self._reload()
        if self.start_urls:
            self.fetch(self.start_urls)
        self.start_background_refresh()

    # -- widgets -----------------------------------------------------------------------------

    # -- workers -----------------------------------------------------------------------------

    # -- messages from widgets ---------------------------------------------------------------

    def on_article_list_chosen(self, message: ArticleList.Chosen) -> None:
        self.load_article(message.summary.id)

    def on_source_list_changed(self, message: SourceList.Changed) -> None:
        if message.view != self.list_filter:
            self.list_filter = message.view
            self.load_list()

    def on_link_list_followed(self, message: LinkList.Followed) -> None:
        if message.link_list.id == "images":
            # A picture is not an article: the system's browser (or viewer) shows it.
            self.launch_browser(message.link.url)
        else:
            self.fetch([message.link.url])

    def on_comment_list_more_requested(self, message: CommentList.MoreRequested) -> None:
        if self.current is not None:
            self.load_more_comments(self.current.id)

    # -- actions -----------------------------------------------------------------------------

    def action_toggle_comments(self) -> None:
        """Switch the right pane between the article and its comments."""
        if self._need_article() is not None:
            self._set_view("reader" if self.view == "comments" else "comments")

    def action_open_browser(self) -> None:
        """Open the selected link, or the article's page, in the system browser (http(s) only)."""
        if (stored := self._need_article()) is None:
            return
        link = self.reader.selected_link if self.view == "reader" else None
        url = link.url if link is not None else stored.final_url or stored.article.url or ""
        if urlsplit(url).scheme not in ("http", "https"):
            self.notify(f"Not a web address: {url}", severity="warning", markup=False)
            return
        self.launch_browser(url)

    def action_export(self) -> None:
        """Open the export dialog for the open article; say where the file went."""
        if (stored := self._need_article()) is None:
            return

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {path}", title="Export", markup=False)

        folder = export_folder(self.library)
        self.app.push_screen(ExportScreen(self.library, stored, folder), written)

    def action_toggle_read(self) -> None:
        """Mark the highlighted (or open) article read or unread."""
        target = self.article_list.highlighted_summary
        if target is None:
            return
        self.mark(target.id, read=not target.read)
        if self.current is not None and self.current.id == target.id:
            self.current = dataclasses.replace(self.current, read=not target.read)

    def action_toggle_favourite(self) -> None:
        """Star or unstar the highlighted (or open) article."""
        target = self.article_list.highlighted_summary
        if target is None:
            return
        self.mark(target.id, favourite=not target.favourite)

    def action_refresh(self) -> None:
        """In the list or sidebar, refresh the selected source(s); else the open article."""
        if isinstance(self.focused, SourceList | ArticleList):
            self._refresh_sources(self.query_one(SourceList).current_source)
        elif (stored := self._need_article()) is not None:
            self.fetch([stored.article.url or stored.final_url], refresh=True)

    def action_refresh_source(self) -> None:
        """Refresh the source selected in the sidebar (every source from All or Unread)."""
        self._refresh_sources(self.query_one(SourceList).current_source)

    def action_choose_theme(self) -> None:
        """Textual's theme picker (the config file's ``[ui] theme`` sets the one to start with)."""
        self.app.action_change_theme()

    def action_refresh_all(self) -> None:
        """Refresh every source."""
        self._refresh_sources(None)

    def _refresh_sources(self, source: Source | None) -> None:
        if not self.query_one(SourceList).sources:
            self.notify(
                "No sources yet: follow a site with `broadsheet add URL`.",
                severity="warning",
                markup=False,
            )
            return
        self.refresh_sources(source)

    def action_toggle_sidebar(self) -> None:
        """Show or hide the source sidebar (hidden by default on a narrow terminal)."""
        self.toggle_class("-sources-toggled")
        sidebar = self.query_one(SourceList)
        self.call_after_refresh(
            lambda: sidebar.focus() if sidebar.display and self.view == "list" else None
        )

    def _step(self, step: int) -> None:
        current = self.current.id if self.current is not None else None
        target = self.article_list.neighbour(current, step)
        if target is not None:
            self.load_article(target.id)

    def action_next_article(self) -> None:
        """Open the next article of the list."""
        self._step(1)

    def action_previous_article(self) -> None:
        """Open the previous article of the list."""
        self._step(-1)

    def _back(self) -> bool:
        """Go back one level (closing the find bar first); False when already at the list."""
        if self.find_bar.display:
            self.find_bar.action_close()
            return True
        if self.view == "comments":
            self._set_view("reader")
            return True
        if self.view == "reader":
            self._set_view("list")
            return True
        return False

    def action_back(self) -> None:
        """Comments -> article -> list."""
        self._back()

    def action_back_or_quit(self) -> None:
        """Back one level, or quit from the list."""
        if not self._back():
            self.app.exit()

    def action_help(self) -> None:
        """Show every key of this screen, from the bindings themselves."""
        self.app.push_screen(HelpScreen(self.key_sections()))

    def key_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The bindings of the app, this screen and its panes, grouped for the help screen."""
        groups: list[tuple[str, Sequence[BindingType]]] = [
            ("Anywhere", [*self.app.BINDINGS, *self.BINDINGS]),
            ("Sources", SourceList.BINDINGS),
            ("Article list", ArticleList.BINDINGS),
            ("Reading pane", ReaderPane.BINDINGS),
            ("Find bar", FindBar.BINDINGS),
            ("Search", SearchScreen.BINDINGS),
            ("Export dialog", ExportScreen.BINDINGS),
            ("Comments", CommentList.BINDINGS),
        ]
        keymap: dict[str, str] = getattr(getattr(self.app, "settings", None), "keymap", {})
        return key_sections(self.app, groups, keymap)
