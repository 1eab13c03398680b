"""Helpers for the export tests (area E): frozen input articles, golden files, EPUB reading."""

from __future__ import annotations

import json
import os
import zipfile
from io import BytesIO
from pathlib import Path

from broadsheet.models import StoredArticle
from broadsheet.serialize import article_from_dict

GOLDEN = Path(__file__).parent.parent / "golden"
INPUTS = ("full", "portal", "wordpress", "forum")
FETCHED_AT = "2026-11-29T08:00:00+00:00"
MODIFIED = "2026-11-29T08:00:00Z"


def golden_article(name: str, article_id: int = 1) -> StoredArticle:
    """One of the frozen inputs (tests/golden/articles/NAME.json) as a cached article."""
    data = json.loads((GOLDEN / "articles" / f"{name}.json").read_text(encoding="utf-8"))
    article = article_from_dict(data)
    return StoredArticle(article_id, article, FETCHED_AT, article.url or "")


def epub_listing(data: bytes) -> str:
    """A readable dump of an EPUB (each member's name, compression and text) for goldens."""
    parts = []
    with zipfile.ZipFile(BytesIO(data)) as book:
        for info in book.infolist():
            kind = "stored" if info.compress_type == zipfile.ZIP_STORED else "deflated"
            text = book.read(info).decode("utf-8")
            parts.append(f"===== {info.filename} ({kind}) =====\n{text.rstrip()}\n")
    return "\n".join(parts)


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; with UPDATE_GOLDEN=1 in the environment, rewrite it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites)"
