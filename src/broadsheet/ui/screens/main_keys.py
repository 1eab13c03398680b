"""The main screen's key bindings, each with a description, a tooltip for the help screen and
an id that the ``[keys]`` table of the config file can remap (``article.export = "x"``).

Kept apart from the screen so the screen module holds behaviour, not a long table.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "c",
        "toggle_comments",
        "Comments",
        tooltip="Switch between the article and its comments",
        id="view.comments",
    ),
    Binding(
        "o",
        "open_browser",
        "Browser",
        tooltip="Open the selected link, or the page, in the system browser",
        id="article.browser",
    ),
    Binding(
        "backspace,alt+left,H",
        "history_back",
        "Back",
        show=False,
        tooltip="The article read before this one",
        id="history.back",
    ),
    Binding(
        "alt+right,L",
        "history_forward",
        "Forward",
        show=False,
        tooltip="Forward again through the reading history",
        id="history.forward",
    ),
    Binding(
        "ctrl+f",
        "find",
        "Find",
        show=False,
        tooltip="Find text in the open article (also / in the reading pane)",
        id="find.open",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        tooltip="Search every cached article as you type (in the reading pane / finds in "
        "the article instead)",
        id="app.search",
    ),
    Binding("n", "find_next", "Next hit", show=False, id="find.next"),
    Binding("N", "find_previous", "Previous hit", show=False, id="find.previous"),
    Binding(
        "t",
        "toc",
        "Contents",
        show=False,
        tooltip="The article's headings; enter jumps to one",
        id="article.toc",
    ),
    Binding(
        "e",
        "export",
        "Export",
        tooltip="Export the open article: txt, md, json, html or epub",
        id="article.export",
    ),
    Binding(
        "m",
        "toggle_read",
        "Read",
        show=False,
        tooltip="Mark the highlighted article read or unread",
        id="article.read",
    ),
    Binding(
        "f",
        "toggle_favourite",
        "Favourite",
        show=False,
        tooltip="Star or unstar the highlighted article",
        id="article.favourite",
    ),
    Binding(
        "r",
        "refresh",
        "Refresh",
        show=False,
        tooltip="Reading: fetch the article again. List or sidebar: refresh the selected "
        "source (all of them from All, Unread or Favourites)",
        id="article.refresh",
    ),
    Binding(
        "R",
        "refresh_all",
        "Refresh all",
        show=False,
        tooltip="Refresh every source",
        id="source.refresh_all",
    ),
    Binding(
        "s",
        "toggle_sidebar",
        "Sources",
        show=False,
        tooltip="Show or hide the source sidebar",
        id="view.sources",
    ),
    Binding("J", "next_article", "Next article", show=False, id="article.next"),
    Binding("K", "previous_article", "Previous article", show=False, id="article.previous"),
    Binding(
        "a",
        "address",
        "Address",
        show=False,
        tooltip="Type a URL to fetch and read",
        id="app.address",
    ),
    Binding(
        "q",
        "back_or_quit",
        "Back/quit",
        tooltip="Back to the list, or quit from the list",
        id="app.back_or_quit",
    ),
    Binding(
        "escape",
        "back",
        "Back",
        show=False,
        tooltip="Comments -> article -> list",
        id="app.back",
    ),
]
