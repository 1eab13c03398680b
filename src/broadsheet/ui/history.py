"""Reading history, kept the way a web browser keeps it: back and forward over visited pages.

Pure data (no widgets), so the rules are unit-testable: visiting the page already current is
not a new entry, and visiting a new page after going back drops the forward entries.
"""

from __future__ import annotations


class History:
    """Article ids in the order they were read, with a cursor on the one shown."""

    def __init__(self) -> None:
        self.entries: list[int] = []
        self.position = -1

    @property
    def current(self) -> int | None:
        """The article shown, or None before the first visit."""
        return self.entries[self.position] if self.entries else None

    def visit(self, article_id: int) -> None:
        """Record that ``article_id`` is now shown (a no-op when it already is)."""
        if self.current == article_id:
            return
        del self.entries[self.position + 1 :]
        self.entries.append(article_id)
        self.position = len(self.entries) - 1

    def back(self) -> int | None:
        """Step back; the article to show, or None at the start."""
        if self.position <= 0:
            return None
        self.position -= 1
        return self.entries[self.position]

    def forward(self) -> int | None:
        """Step forward; the article to show, or None at the end."""
        if self.position >= len(self.entries) - 1:
            return None
        self.position += 1
        return self.entries[self.position]
