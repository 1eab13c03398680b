"""Tables in the reading pane are cut to what the pane can show (issue 8).

Rich lays out every cell of a table on the event loop at each refresh, so a table is cut to
the columns that fit the pane at a minimum column width and to a bounded number of rows, with
a note of what was left out. Unit tests of the pure renderer, then the pane re-cutting a table
when its width changes; the hostile-page test is
``test_hostile_payloads.py::test_a_very_wide_table_is_cut_to_what_the_pane_can_show``.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text
from tests.support.fake_library import BLOG, FakeLibrary
from tests.support.ui import running

from broadsheet.models import Block, BlockKind
from broadsheet.ui.render import MIN_COLUMN_CELLS, table_renderable
from broadsheet.ui.widgets.table_block import TableBlock


def grid(rows: int, columns: int, *, header: bool = False) -> Block:
    cells = tuple(tuple(f"r{r}c{c}" for c in range(columns)) for r in range(rows))
    return Block(kind=BlockKind.TABLE, text="", rows=cells, header=header)


def rendered(block: Block, width: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None)
    console.print(table_renderable(block, width=width))
    return buffer.getvalue()


def test_a_small_table_is_shown_whole_without_a_note() -> None:
    table = table_renderable(grid(3, 4, header=True), width=80)
    assert len(table.columns) == 4
    assert table.row_count == 2  # the first row is the header
    assert table.caption is None


def test_columns_are_cut_to_the_width_and_the_note_counts_the_rest() -> None:
    table = table_renderable(grid(5, 2000), width=80)
    shown = 80 // MIN_COLUMN_CELLS
    assert len(table.columns) == shown
    assert isinstance(table.caption, Text)
    assert table.caption.plain == (
        f"… {2000 - shown:,} more columns not shown; export the article to see the whole table"
    )


def test_rows_are_cut_and_the_header_is_not_counted_as_a_row() -> None:
    table = table_renderable(grid(2001, 3, header=True), width=80, max_rows=200)
    assert table.row_count == 200
    assert isinstance(table.caption, Text)
    assert table.caption.plain.startswith("… 1,800 more rows not shown;")


def test_both_cuts_are_named_in_one_note_that_is_printed() -> None:
    output = rendered(grid(2001, 2000, header=True), width=74)
    assert "… 1,991 more columns and 1,800 more rows not shown;" in " ".join(output.split())
    assert "r0c0" in output  # the header is shown
    assert "r1999c0" not in output  # the 1,999th body row is past the cut


def test_one_column_is_shown_however_narrow_the_pane() -> None:
    table = table_renderable(grid(2, 5), width=3)
    assert len(table.columns) == 1
    assert isinstance(table.caption, Text)
    assert table.caption.plain.startswith("… 4 more columns not shown")


def test_without_a_width_every_column_is_kept() -> None:
    table = table_renderable(grid(2, 30))
    assert len(table.columns) == 30
    assert table.caption is None


def test_cells_with_markup_stay_literal() -> None:
    block = Block(kind=BlockKind.TABLE, text="", rows=(("[bold]x[/]", "[@click=app.quit]y[/]"),))
    output = rendered(block, width=60)
    assert "[bold]x[/]" in output
    assert "[@click=app.quit]y[/]" in output


async def test_the_reading_pane_recuts_a_table_when_its_width_changes(tmp_path: Path) -> None:
    """The first cut is a guess made before layout; the table block re-cuts itself to the
    width it is given, and again when the terminal is resized."""
    rows = tuple(tuple(f"{r}.{c}" for c in range(40)) for r in range(30))
    blocks = (Block(BlockKind.TABLE, "", rows=rows),)
    article = dataclasses.replace(BLOG, blocks=blocks, links=())
    async with running(FakeLibrary([article], export_dir=tmp_path), size=(80, 24)) as h:
        await h.press("enter")
        block = h.app.query_one(TableBlock)

        def shown() -> int:
            table = block.content
            assert isinstance(table, Table)
            return len(table.columns)

        narrow = shown()
        assert narrow == block.size.width // MIN_COLUMN_CELLS
        assert f" 0.{narrow - 1} " in h.text()  # the last column fits, not cut to "0.…"
        await h.pilot.resize_terminal(240, 60)
        await h.settle()
        wide = shown()
        assert wide == block.size.width // MIN_COLUMN_CELLS > narrow
