"""The source sidebar: All, Unread, Favourites, then each followed source with its unread count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from broadsheet.models import Source
from broadsheet.sanitize import clean_line


@dataclass(frozen=True, slots=True)
class ListFilter:
    """Which articles the list shows: one source's, only unread, only favourites, or all."""

    key: str  # "all", "unread", "favourites" or "source-<id>": the option id
    label: str
    source_id: int | None = None
    unread: bool = False
    favourites: bool = False


ALL = ListFilter("all", "All")
VIEWS = (
    ALL,
    ListFilter("unread", "Unread", unread=True),
    ListFilter("favourites", "Favourites", favourites=True),
)


def source_filter(source: Source) -> ListFilter:
    """The filter that lists one source's articles."""
    title = clean_line(source.title) or clean_line(source.url)
    return ListFilter(f"source-{source.id}", title, source_id=source.id)


def _prompt(view: ListFilter, source: Source | None, width: int) -> Content:
    """One line: a mark, the unread count in a fixed field, the title cut to ``width`` cells.

    The count comes first so cutting a long title short never hides it.
    """
    if source is None:
        return Content.assemble(("◆ ", "$accent"), view.label)
    mark = ("! ", "$error") if source.error else ("  ", "")
    unread = f"{source.unread:>3} " if source.unread < 1000 else "999+"
    count = (unread, "bold $accent") if source.unread else ("    ", "")
    return Content.assemble(mark, count, view.label).truncate(max(width, 8), ellipsis=True)


class SourceList(OptionList):
    """Posts ``SourceList.Changed`` as the highlight moves, so the article list follows it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="sources.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sources.up"),
        Binding("g", "first", "First", show=False, id="sources.first"),
        Binding("G", "last", "Last", show=False, id="sources.last"),
    ]

    @dataclass
    class Changed(Message):
        """The user chose which articles to list."""

        source_list: SourceList
        view: ListFilter

        @property
        def control(self) -> SourceList:
            return self.source_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.views: list[ListFilter] = []
        self.sources: dict[int, Source] = {}
        self._width = 0
        self.set_sources([])

    @property
    def current(self) -> ListFilter:
        """The highlighted view (All when nothing is highlighted)."""
        index = self.highlighted
        return self.views[index] if index is not None and 0 <= index < len(self.views) else ALL

    @property
    def current_source(self) -> Source | None:
        """The highlighted source, when a source (not All/Unread/Favourites) is highlighted."""
        view = self.current
        return self.sources.get(view.source_id) if view.source_id is not None else None

    def set_sources(self, sources: Sequence[Source]) -> None:
        """Show the fixed views and ``sources``, keeping the highlight on the same entry."""
        keep = self.current.key if self.views else ALL.key
        self.sources = {s.id: s for s in sources}
        self.views = [*VIEWS, *(source_filter(s) for s in sources)]
        width = self._width or 24
        options: list[Option] = []
        for view in self.views:
            source = self.sources.get(view.source_id) if view.source_id is not None else None
            options.append(Option(_prompt(view, source, width), id=view.key))
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            keys = [v.key for v in self.views]
            self.highlighted = keys.index(keep) if keep in keys else 0

    def on_resize(self) -> None:
        """Cut titles to the new width (the sidebar is narrower on a small terminal)."""
        width = self.scrollable_content_region.width - 1
        if width > 0 and width != self._width:
            self._width = width
            self.set_sources(list(self.sources.values()))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.current))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.current))
