"""Batch export and file writing: many articles into a folder or one book, on a real cache.

The articles live in a real SQLite cache (``Library`` over a temporary folder, filled with
``Store.save_fetch``); nothing here touches the network.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet.errors import ExportError, NotFoundError
from broadsheet.export import export_article
from broadsheet.exporters.batch import export_many, listed_ids
from broadsheet.exporters.names import MAX_NAME_BYTES, safe_filename, write_in_folder
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from broadsheet.models import Article, Block, BlockKind, Page, StoredArticle
from broadsheet.sanitize import clean_line

TITLES = ("社区医院服务能力提升", "../../escape/me", "社区医院服务能力提升", "CON", "\u202e.hidden")


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library(tmp_path / "home", fetch_options=FetchOptions())
    for number, title in enumerate(TITLES, 1):
        url = f"https://example.org/{number}"
        page = Page(url, url, 200, {}, b"<html></html>", "2026-11-29T08:00:00+00:00")
        body = (Block(BlockKind.PARAGRAPH, f"正文 {number}"),)
        lib.store.save_fetch(page, Article(url=url, title=title, blocks=body, language="zh"))
    yield lib
    lib.close()


def test_one_file_per_article_named_from_titles_inside_the_folder(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    seen: list[tuple[int, int, str]] = []
    written = export_many(
        library,
        [1, 2, 3, 4, 5],
        out,
        fmt="md",
        folder=True,
        progress=lambda done, total, s: seen.append((done, total, s.article.title)),
    )
    assert [p.name for p in written] == [
        "社区医院服务能力提升.md",
        "_.._escape_me.md",
        "社区医院服务能力提升 (2).md",
        "article.md",
        "hidden.md",
    ]
    assert all(p.parent == out.resolve() for p in written)
    assert sorted(os.listdir(out)) == sorted(p.name for p in written), "nothing else written"
    assert not (tmp_path / "escape").exists()
    assert seen == [(n, 5, clean_line(t)) for n, t in enumerate(TITLES, 1)]
    assert "正文 3" in written[2].read_text(encoding="utf-8")


def test_a_second_run_numbers_and_force_replaces_but_never_within_one_batch(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    export_many(library, [1, 3], out, fmt="txt", folder=True)
    again = export_many(library, [1, 3], out, fmt="txt", folder=True)
    assert [p.name for p in again] == [
        "社区医院服务能力提升 (3).txt",
        "社区医院服务能力提升 (4).txt",
    ]
    (out / "社区医院服务能力提升.txt").write_text("precious", encoding="utf-8")
    forced = export_many(library, [1, 3], out, fmt="txt", folder=True, force=True)
    assert [p.name for p in forced] == ["社区医院服务能力提升.txt", "社区医院服务能力提升 (2).txt"]
    assert "正文 1" in forced[0].read_text(encoding="utf-8")
    assert "正文 3" in forced[1].read_text(encoding="utf-8"), "not overwritten by article 1"
    assert len(os.listdir(out)) == 4


def test_epub_bundles_everything_into_one_book(library: Library, tmp_path: Path) -> None:
    (book,) = export_many(
        library, [1, 2, 2, 3], tmp_path, fmt="epub", modified="2026-11-29T08:00:00Z"
    )
    assert book.name == "Broadsheet – 3 articles.epub"
    with zipfile.ZipFile(book) as zipped:
        chapters = [n for n in zipped.namelist() if n.startswith("OEBPS/a")]
    assert chapters == ["OEBPS/a001.xhtml", "OEBPS/a002.xhtml", "OEBPS/a003.xhtml"]
    target = tmp_path / "mine.epub"
    assert export_many(library, [1], target, fmt="epub") == [target]
    with pytest.raises(ExportError, match="already exists"):
        export_many(library, [2], target, fmt="epub")
    assert export_many(library, [2], target, fmt="epub", force=True) == [target]


def test_many_articles_never_go_into_one_text_file(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="need a folder"):
        export_many(library, [1, 2], tmp_path / "notes.md", fmt="md")
    assert not (tmp_path / "notes.md").exists()
    (single,) = export_many(library, [2], tmp_path / "notes.md", fmt="md")
    assert single == tmp_path / "notes.md"


def test_a_missing_article_fails_before_anything_is_written(
    library: Library, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError):
        export_many(library, [1, 99], tmp_path / "out", fmt="txt", folder=True)
    assert not (tmp_path / "out").exists()
    with pytest.raises(ExportError, match="no articles"):
        export_many(library, [], tmp_path, fmt="txt")


def test_favourites_are_selected_across_pages(library: Library) -> None:
    library.set_favourite(2)
    library.set_favourite(5)
    assert sorted(listed_ids(library, favourites=True, page=2)) == [2, 5]
    assert listed_ids(library, page=2) == [5, 4, 3, 2, 1], "everything, newest first"


def test_generated_names_never_leave_the_folder_nor_follow_links(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    path = write_in_folder(folder, "link", ".txt", b"new", replace=True)
    assert path.name == "link (2).txt"
    assert outside.read_text(encoding="utf-8") == "keep"
    for title in ("..", "../..", "/etc/passwd", "a/../../b", "..\\..\\win"):
        written = write_in_folder(folder, title, ".txt", b"x")
        assert written.parent == folder.resolve(), title


def test_numbered_long_names_stay_within_200_bytes(tmp_path: Path) -> None:
    title = "长" * 100
    paths = [write_in_folder(tmp_path, title, ".html", b"x") for _ in range(3)]
    assert [len(p.name.encode()) <= MAX_NAME_BYTES for p in paths] == [True] * 3
    assert paths[2].name.endswith(" (3).html")
    assert len({p.name for p in paths}) == 3
    assert safe_filename("lpt9.txt") == "article"


def test_export_article_writes_epub_bytes(tmp_path: Path) -> None:
    article = StoredArticle(1, Article(url=None, title="书"), "2026-01-01T00:00:00+00:00", "")
    path = export_article(article, None, folder=tmp_path, fmt="epub")
    assert path.name == "书.epub"
    assert path.read_bytes()[:2] == b"PK"


def test_the_exporters_never_import_textual() -> None:
    code = (
        "import sys, broadsheet.export, broadsheet.exporters.batch, broadsheet.cli\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
