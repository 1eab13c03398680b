"""Freeze the golden tests' input articles as JSON (tests/golden/articles/*.json).

The goldens test the exporters, not the extractor: extraction keeps improving, so its output is
captured once here and the export goldens read the frozen copy. Run this (then
``UPDATE_GOLDEN=1 pytest tests/unit/test_export_golden.py``) only when the inputs should change:

    .venv/bin/python tests/golden/freeze_inputs.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
TESTS = HERE.parent
sys.path.insert(0, str(TESTS))

from broadsheet.extract import extract  # noqa: E402
from broadsheet.serialize import article_to_dict  # noqa: E402
from support.area_c import full_article  # noqa: E402

# Extracted pages: a GBK Chinese portal (summary, source, related, no comments), a blog post
# with every block kind and a threaded comment section, and a GBK forum thread.
PAGES = {
    "portal": "portal.gbk.html",
    "wordpress": "wordpress.html",
    "forum": "forum.gbk.html",
}
BASE = "http://news.example.test/"


def main() -> None:
    out = HERE / "articles"
    out.mkdir(exist_ok=True)
    articles = {"full": full_article()}
    for name, page in PAGES.items():
        html = (TESTS / "fixtures" / "pages" / page).read_bytes()
        articles[name] = extract(html, BASE + page)
    for name, article in articles.items():
        data = article_to_dict(article)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        (out / f"{name}.json").write_text(text, encoding="utf-8")
        print(out / f"{name}.json")


if __name__ == "__main__":
    main()
