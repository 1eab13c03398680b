"""The JSON format: the documented ``broadsheet.article/1`` object (docs/json.md).

The same dict ``show --json`` prints, so scripts see one schema everywhere; its JSON Schema
is docs/article.schema.json. Without comments the thread keeps its state and declared count
but ``items`` is empty and ``count`` is 0, which the schema documents.
"""

from __future__ import annotations

import json

from broadsheet.exporters.base import ExportOptions
from broadsheet.models import StoredArticle
from broadsheet.serialize import article_to_dict


def render_json(stored: StoredArticle, options: ExportOptions) -> str:
    """The article as one pretty-printed JSON object (UTF-8, not ASCII-escaped)."""
    data = article_to_dict(stored)
    if not options.include_comments:
        data["comments"]["items"] = []
        data["comments"]["count"] = 0
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
