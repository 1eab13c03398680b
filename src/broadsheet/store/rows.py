"""Conversions between models and the ``articles`` row, shared by every module that writes or
lists articles (``store.py``, ``sources.py``, ``cache.py``), so the columns are written the
same way by a fetch, a feed and a re-extraction."""

from __future__ import annotations

import json
from typing import Any

from broadsheet.models import Article, ArticleSummary, CommentState, CommentThread
from broadsheet.sanitize import clean_line
from broadsheet.serialize import article_to_dict, article_to_storage

SUMMARY_COLUMNS = "id, url, title, site_name, published, fetched_at, read, favourite, comment_count"


_SQLITE_MAX_INT = 2**63 - 1


def comment_count(thread: CommentThread) -> int | None:
    """The declared count, else the number found when the thread was read; None if unknown.

    A page can declare any number ("99999999999999999999999 Comments"); one that SQLite cannot
    hold as an INTEGER is not believed, so a silly heading never makes a page unstorable.
    """
    declared = thread.declared_count
    if declared is not None and 0 <= declared <= _SQLITE_MAX_INT:
        return declared
    if thread.state in (CommentState.PRESENT, CommentState.NONE):
        return len(thread.items)
    return None


def article_values(article: Article) -> tuple[Any, ...]:
    """(title, site_name, author, published, source, summary, language, comment_state,
    comment_count, data, text): the extracted columns, cleaned, in that order."""
    data = article_to_dict(article)
    return (
        data["title"],
        data["site_name"],
        data["author"],
        data["published"],
        data["source"],
        data["summary"],
        data["language"],
        article.comments.state.value,
        comment_count(article.comments),
        json.dumps(article_to_storage(article), ensure_ascii=False),
        data["text"],
    )


def summary_from_row(r: tuple[Any, ...]) -> ArticleSummary:
    """An article list row from the ``SUMMARY_COLUMNS`` of one article."""
    return ArticleSummary(
        id=r[0],
        url=r[1],
        title=clean_line(r[2]),
        site_name=clean_line(r[3]),
        published=r[4],
        fetched_at=r[5],
        read=bool(r[6]),
        favourite=bool(r[7]),
        comment_count=r[8],
    )
