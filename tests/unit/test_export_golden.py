"""Golden files: every format written from the frozen fixture articles, compared byte for byte.

Inputs are tests/golden/articles/*.json (frozen extractions, see freeze_inputs.py). After an
intended change to a format, regenerate and review the diff by eye:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_golden.py
"""

from __future__ import annotations

import pytest

from broadsheet.export import FORMATS, render, render_bytes
from support.export_area import INPUTS, MODIFIED, check_golden, epub_listing, golden_article

TEXT_FORMATS = [name for name, spec in FORMATS.items() if spec.render is not None]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("name", INPUTS)
def test_text_formats_match_their_golden_files(name: str, fmt: str) -> None:
    check_golden(f"{name}.{fmt}", render(golden_article(name), fmt, width=72))


@pytest.mark.parametrize("name", INPUTS)
def test_single_article_epub_matches_its_golden_listing(name: str) -> None:
    data = render_bytes([golden_article(name)], "epub", modified=MODIFIED)
    check_golden(f"{name}.epub.txt", epub_listing(data))


def test_book_of_many_articles_matches_its_golden_listing() -> None:
    items = [golden_article(name, number) for number, name in enumerate(INPUTS, 1)]
    data = render_bytes(items, "epub", modified=MODIFIED, include_comments=False)
    check_golden("book.epub.txt", epub_listing(data))
    assert render_bytes(items, "epub", modified=MODIFIED, include_comments=False) == data, (
        "the same articles and date give the same bytes"
    )


def test_txt_without_comments_matches_its_golden_file() -> None:
    text = render(golden_article("wordpress"), "txt", width=40, include_comments=False)
    check_golden("wordpress-40-nocomments.txt", text)
