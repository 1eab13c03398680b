"""Command-palette entries, named "area: verb" so they group and read well in ctrl+p."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, action on the main screen)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("article: export", "Export the open article to a text file", "export"),
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
