"""The list of cached articles, newest first, with read and favourite marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from broadsheet.models import ArticleSummary
from broadsheet.ui.render import summary_prompt


class ArticleList(OptionList):
    """Cached articles as two-line options; selecting one posts ``ArticleList.Chosen``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "Top", show=False, id="list.top"),
        Binding("G", "last", "Bottom", show=False, id="list.bottom"),
        Binding("space", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="list.page_up"),
    ]

    @dataclass
    class Chosen(Message):
        """The user picked an article to read."""

        article_list: ArticleList
        summary: ArticleSummary

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.summaries: list[ArticleSummary] = []
        self.open_id: int | None = None

    def set_articles(self, summaries: Sequence[ArticleSummary]) -> None:
        """Show ``summaries``, keeping the highlight on the same article when it is still there."""
        current = self.highlighted_summary
        self.summaries = list(summaries)
        self.set_options(
            Option(summary_prompt(s, is_open=s.id == self.open_id), id=str(s.id))
            for s in self.summaries
        )
        ids = [s.id for s in self.summaries]
        for target in (current.id if current is not None else None, self.open_id):
            if target in ids:
                self.highlighted = ids.index(target)
                return
        if self.summaries:  # the article highlighted before is not in this list (a new filter)
            self.highlighted = 0

    def highlight_article(self, article_id: int) -> None:
        """Move the highlight to an article if it is listed."""
        for index, summary in enumerate(self.summaries):
            if summary.id == article_id:
                self.highlighted = index
                return

    @property
    def highlighted_summary(self) -> ArticleSummary | None:
        """The article under the cursor."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.summaries):
            return None
        return self.summaries[index]

    def neighbour(self, article_id: int | None, step: int) -> ArticleSummary | None:
        """The article ``step`` places from ``article_id`` in the list (for J / K)."""
        if not self.summaries:
            return None
        ids = [s.id for s in self.summaries]
        if article_id not in ids:
            return self.summaries[0]
        position = ids.index(article_id) + step
        return self.summaries[position] if 0 <= position < len(ids) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.summaries):
            self.post_message(self.Chosen(self, self.summaries[event.option_index]))
