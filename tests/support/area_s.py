"""Test helpers for the search index (area S): a real SQLite file with the minimal articles table.

The search module must work on any connection that has an ``articles`` table with these
columns (the store's own table has more), so the tests create exactly this one themselves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from broadsheet.store import search

ARTICLES_SQL = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, title TEXT, site_name TEXT, author TEXT, published TEXT,
    fetched_at TEXT, read INTEGER NOT NULL DEFAULT 0, favourite INTEGER NOT NULL DEFAULT 0
)
"""


def open_db(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (the tests manage transactions as the store does)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(ARTICLES_SQL)
    search.create_schema(conn)
    return conn


def add(
    conn: sqlite3.Connection,
    article_id: int,
    *,
    title: str = "",
    summary: str = "",
    body: str = "",
    author: str = "",
    site: str = "",
    comments: str = "",
    published: str | None = "2026-01-01",
    fetched_at: str = "2026-06-01T00:00:00+00:00",
    read: bool = False,
    favourite: bool = False,
) -> None:
    """Insert an article row and index it, in one write transaction like the store's."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, title, site, author, published, fetched_at, int(read), int(favourite)),
    )
    search.index_article(
        conn,
        article_id,
        title=title,
        summary=summary,
        body=body,
        author=author,
        site=site,
        comments=comments,
    )
    conn.execute("COMMIT")


def ids(conn: sqlite3.Connection, query: str, **kwargs: object) -> list[int]:
    """The article ids ``search`` returns, in rank order."""
    return [r.article_id for r in search.search(conn, query, **kwargs)]  # type: ignore[arg-type]
