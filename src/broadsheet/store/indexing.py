"""What of an article goes into the search index, and filling the index for whole caches.

``store/search.py`` indexes six plain strings and knows nothing of articles; this module is
the one place that decides which parts of an ``Article`` they are, so every write path (a
fetched page, an article from a feed, a re-extraction, the version-3 migration, ``reindex``)
indexes the same text:

- title, summary and body as extracted; the body is ``Article.text`` (the blocks' text);
- ``site`` is the site name *and* the 来源 / "Source:" line, so ``经济日报`` finds the articles
  it first published (search weighs both as metadata);
- comments are every comment's author and text: "where did someone say that?" is a search too.

Every function runs inside the caller's write transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from broadsheet.models import Article, CommentThread
from broadsheet.serialize import comments_from_dict
from broadsheet.store import search

Progress = Callable[[int, int], None]


def thread_text(thread: CommentThread) -> str:
    """The searchable text of a comment thread: author and text of each comment."""
    return "\n".join(f"{c.author}\n{c.text}" if c.author else c.text for c in thread.items)


def _site(site_name: str, source: str) -> str:
    return f"{site_name}\n{source}" if source and source != site_name else site_name


def index_stored(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Index (or re-index) one article under its id."""
    search.index_article(
        conn,
        article_id,
        title=article.title,
        summary=article.summary,
        body=article.text,
        author=article.author,
        site=_site(article.site_name, article.source),
        comments=thread_text(article.comments),
    )


def _comments_of(data: str) -> str:
    """Comment text from an ``articles.data`` cell; nothing when the cell is damaged."""
    try:
        parsed: Any = json.loads(data)
    except ValueError:
        return ""
    comments = parsed.get("comments") if isinstance(parsed, dict) else None
    if not isinstance(comments, Mapping):
        return ""
    return thread_text(comments_from_dict(comments))


def index_row(conn: sqlite3.Connection, article_id: int) -> bool:
    """Index one article from its row (columns, comments from the JSON); False if no row.

    Reads the columns rather than rebuilding the whole Article: they hold exactly the
    (already cleaned) text the index wants, and a damaged JSON cell costs only the comments.
    """
    row = conn.execute(
        "SELECT title, summary, text, author, site_name, source, data FROM articles WHERE id=?",
        (article_id,),
    ).fetchone()
    if row is None:
        return False
    title, summary, body, author, site_name, source, data = row
    search.index_article(
        conn,
        article_id,
        title=title or "",
        summary=summary or "",
        body=body or "",
        author=author or "",
        site=_site(site_name or "", source or ""),
        comments=_comments_of(data or ""),
    )
    return True


def index_all(conn: sqlite3.Connection, progress: Progress | None = None) -> int:
    """Index every article from its row, emptying the index first; returns how many.

    Used by the version-3 migration and by ``Store.rebuild_search``. The FTS table is
    emptied with ``delete-all`` (and the stored source texts dropped) rather than row by row:
    rows indexed by an older transform could not be replayed to delete them.
    """
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_docs")
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    for done, article_id in enumerate(ids, 1):
        index_row(conn, article_id)
        if progress is not None and (done % 200 == 0 or done == len(ids)):
            progress(done, len(ids))
    conn.execute(
        "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('transform', ?)",
        (str(search.TRANSFORM_VERSION),),
    )
    search.optimize_index(conn)
    return len(ids)
