"""Command-palette entries, named "area: verb" so they group and read well in ctrl+p."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from broadsheet.sanitize import clean_line
from broadsheet.ui.screens.search import SearchChoice
from broadsheet.ui.search_view import query_terms, snippet_content, snippet_window

PALETTE_RESULTS = 8
SNIPPET_CHARS = 48  # one line of the palette, Chinese counting two cells

# (title, help, action on the main screen)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("article: export", "Export the open article: txt, md, json, html or epub", "export"),
    ("article: open in browser", "Open the article's page in the system browser", "open_browser"),
    ("article: toggle read", "Mark the highlighted article read or unread", "toggle_read"),
    ("article: toggle favourite", "Star or unstar the highlighted article", "toggle_favourite"),
    ("article: refresh", "Fetch the open article again", "refresh"),
    ("article: next", "Open the next article of the list", "next_article"),
    ("article: previous", "Open the previous article of the list", "previous_article"),
    ("article: find in page", "Find text in the open article; n / N move", "find"),
    ("article: table of contents", "Jump to a heading of the open article", "toc"),
    ("history: back", "Reopen the article read before this one", "history_back"),
    ("history: forward", "Forward again through the reading history", "history_forward"),
    ("search: articles", "Search every cached article as you type", "search"),
    ("open: URL", "Type an address to fetch and read", "address"),
    ("source: refresh", "Refresh the source selected in the sidebar (or all)", "refresh_source"),
    ("source: refresh all", "Refresh every source", "refresh_all"),
    ("view: sources", "Show or hide the source sidebar", "toggle_sidebar"),
    ("theme: choose", "Pick a colour theme for this session", "choose_theme"),
    ("view: comments", "Switch between the article and its comments", "toggle_comments"),
    ("view: keys", "Show every key binding", "help"),
)


class ArticleCommands(Provider):
    """Runs the main screen's actions by name; the screen checks whether they apply."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        return [c for c in COMMANDS if hasattr(screen, f"action_{c[2]}")]

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )


class SearchCommands(Provider):
    """ "search: articles" in the palette: what is typed is also searched in the cache.

    The best few articles are offered under the commands; choosing one opens it with the
    words marked. Titles and snippets are web text, so they go in as ``Content`` (a ``help``
    string would be parsed as markup).
    """

    async def search(self, query: str) -> Hits:
        screen = self.screen
        library = getattr(screen, "library", None)
        opener = getattr(screen, "open_search_choice", None)
        if library is None or opener is None or not query.strip():
            return
        hits = await asyncio.to_thread(library.search, query, limit=PALETTE_RESULTS)
        terms = tuple(query_terms(query))
        for number, hit in enumerate(hits):
            title = clean_line(hit.article.title) or hit.article.url
            display = Content.assemble(
                Content("search: ").stylize("$text-muted"),
                Content(title),
                "\n",
                snippet_content(
                    *snippet_window(hit.snippet, hit.highlights, SNIPPET_CHARS)
                ).stylize_before("$text-muted"),
            )
            yield Hit(
                # Below a good command match, in the order the search ranked them.
                0.5 - number / (2 * PALETTE_RESULTS),
                display,
                partial(opener, SearchChoice(hit.article.id, terms)),
                text=f"search: {title}",
            )
