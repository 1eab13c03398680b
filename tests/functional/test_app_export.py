"""The export dialog: every format writes a file, a clash is shown in the dialog, escape cancels.

The real Library writes the files (under the test's ``home``) for an article fetched from the
local test server, so what is checked is what a user would find on disk.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.ui import Harness, running
from textual.widgets import Checkbox, Input, Static

from broadsheet import paths
from broadsheet.demo.server import SiteServer
from broadsheet.export import FORMATS
from broadsheet.library import Library
from broadsheet.ui.screens.export import ExportScreen, suggest_path, with_format
from broadsheet.ui.screens.main import MainScreen

PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"


@pytest.fixture
def library(home: Path) -> Iterator[Library]:
    opened = Library(home)
    yield opened
    opened.close()


def dialog(h: Harness) -> ExportScreen:
    screen = h.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


def message(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-message", Static).render())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
async def test_each_format_writes_a_file(
    library: Library, site: SiteServer, home: Path, fmt: str
) -> None:
    async with running(library, size=(100, 40), urls=[site.url("/portal.gbk.html")]) as h:
        await h.press("e")
        screen = dialog(h)
        await h.pilot.click(f"#format-{fmt}")
        await h.settle()
        path = Path(screen.query_one("#export-path", Input).value)
        assert path.parent == paths.export_dir(home)
        assert path.suffix == FORMATS[fmt].extension and PORTAL_TITLE.split()[0] in path.name
        await h.pilot.click("#export-write")
        await h.settle()
        assert isinstance(h.app.screen, MainScreen)  # closed once written
        assert f"Exported to {path}" in h.messages
        data = path.read_bytes()
        if fmt == "epub":
            with zipfile.ZipFile(path) as book:
                assert book.namelist()[0] == "mimetype"
        elif fmt == "json":
            assert json.loads(data)["title"] == PORTAL_TITLE
        else:
            assert PORTAL_TITLE in data.decode("utf-8")


async def test_a_clash_is_shown_in_the_dialog_and_nothing_is_overwritten(
    library: Library, site: SiteServer, tmp_path: Path
) -> None:
    existing = tmp_path / "mine.md"
    existing.write_text("my notes", encoding="utf-8")
    async with running(library, size=(100, 40), urls=[site.url("/portal.gbk.html")]) as h:
        await h.press("e")
        screen = dialog(h)
        field = screen.query_one("#export-path", Input)
        field.value = str(existing)  # a Markdown name selects Markdown
        field.focus()
        await h.settle()
        assert screen.fmt == "md"
        await h.press("enter")
        assert h.app.screen is screen  # still open, saying why
        assert "already exists" in message(screen)
        assert screen.query_one("#export-message").has_class("-problem")
        assert existing.read_text(encoding="utf-8") == "my notes"
        # A folder that does not exist is an error in the dialog too, not a crash.
        field.value = str(tmp_path / "no" / "such" / "folder" / "x.md")
        await h.press("enter")
        assert "does not exist" in message(screen)
        # Fixing the path writes the file.
        field.value = str(tmp_path / "fresh.md")
        await h.press("enter")
        assert isinstance(h.app.screen, MainScreen)
        assert (tmp_path / "fresh.md").read_text(encoding="utf-8").startswith("---")


async def test_escape_cancels_and_writes_nothing(
    library: Library, site: SiteServer, home: Path
) -> None:
    async with running(library, size=(100, 40), urls=[site.url("/portal.gbk.html")]) as h:
        await h.press("e")
        screen = dialog(h)
        comments = screen.query_one(Checkbox)
        assert comments.disabled and not comments.value  # the portal page has no comments
        await h.press("escape")
        assert isinstance(h.app.screen, MainScreen)
        folder = paths.export_dir(home)
        assert not folder.exists() or not any(folder.iterdir())
        assert not any(m.startswith("Exported") for m in h.messages)


async def test_without_an_open_article_export_asks_for_one(library: Library) -> None:
    async with running(library, size=(80, 24)) as h:
        await h.press("e")
        assert isinstance(h.app.screen, MainScreen)
        assert "Open an article first (enter on the list)." in h.messages


def test_suggested_names_avoid_existing_files_and_follow_the_format(tmp_path: Path) -> None:
    first = suggest_path(tmp_path, "a/b: 标题", "md")
    assert first.parent == tmp_path and first.suffix == ".md" and "/" not in first.name
    first.write_text("x", encoding="utf-8")
    second = suggest_path(tmp_path, "a/b: 标题", "md")
    assert second != first and second.name.endswith(" (2).md")
    assert with_format(str(first), "epub") == str(first.with_suffix(".epub"))
    assert with_format("/x/notes.custom", "epub") == "/x/notes.custom"
