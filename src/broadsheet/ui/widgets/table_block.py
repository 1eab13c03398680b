"""A table block in the reading pane, cut to the width it is actually given.

Rich lays out every cell of a table at each refresh, on the event loop, so a table of
thousands of columns froze the app (docs/hostile.md). ``render.table_renderable`` cuts a table
to a width; this widget re-cuts it whenever its own width changes (a resize, the sidebar or
the list shown or hidden), so the columns shown are always those that fit.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from broadsheet.models import Block
from broadsheet.ui.render import table_renderable


class TableBlock(Static):
    """A ``Static`` showing one table block, never parsed as markup."""

    def __init__(self, block: Block, width: int, *, classes: str = "") -> None:
        # ``width`` is a guess made before layout (the pane's width); ``on_resize`` corrects it.
        super().__init__(table_renderable(block, width=width), classes=classes, markup=False)
        self.block = block
        self.cut_width = width

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width
        if width > 0 and width != self.cut_width:
            self.cut_width = width
            self.update(table_renderable(self.block, width=width))
