"""Search and cache management over the store: the rows behind ``search``, ``cache stats``,
``prune``, ``vacuum`` and ``reindex``.

Kept apart from ``store.py`` like ``sources.py``; ``Store`` inherits these methods. Why they
work this way:

- **The index moves with the articles.** Every write of an article's text (``save_fetch``,
  ``store_entries``, ``replace_article``) indexes it in the same ``BEGIN IMMEDIATE``, and every
  delete (``prune``) calls ``search.remove_article`` first (the index has no foreign key: a
  cascade would drop the text needed to take the row out of the contentless FTS table). So a
  crash can never leave a search hit pointing at nothing, or an article search cannot find.
- **Prune keeps favourites**, whatever their age, and the pages only the pruned articles
  used; entries go with their articles (foreign-key cascade), sources stay.
- **Vacuum** runs outside a transaction (SQLite's rule) and truncates the WAL afterwards, so
  the size it reports is what is on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from broadsheet.models import Article, ArticleSummary, SearchHit
from broadsheet.store import search
from broadsheet.store.db import Database
from broadsheet.store.indexing import Progress, index_all, index_row, index_stored
from broadsheet.store.query import Query, parse_query
from broadsheet.store.rows import SUMMARY_COLUMNS, article_values, summary_from_row


@dataclass(frozen=True, slots=True)
class CacheStats:
    """What ``broadsheet cache stats`` prints. Sizes in bytes; ``index_bytes`` is None when
    this SQLite lacks the ``dbstat`` table that measures it."""

    path: Path
    file_bytes: int
    articles: int
    unread: int
    favourites: int
    pages: int
    page_bytes: int  # raw page bodies, uncompressed
    sources: int
    comments: int  # comments stored with their articles
    indexed: int  # articles in the search index
    index_bytes: int | None
    oldest: str | None  # fetched_at of the oldest and newest article
    newest: str | None


@dataclass(frozen=True, slots=True)
class PruneResult:
    """What a prune removed, and the favourites it kept although they were as old."""

    articles: int
    pages: int
    kept_favourites: int
    titles: tuple[str, ...] = ()


def file_size(path: Path) -> int:
    """The cache's size on disk: the file and its write-ahead log."""
    total = 0
    for name in (path.name, path.name + "-wal"):
        with suppress(OSError):
            total += path.with_name(name).stat().st_size
    return total


def _index_bytes(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'"
        ).fetchone()
    except sqlite3.OperationalError:  # SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
        return None
    return int(row[0] or 0)


class CacheRows:
    """The search and maintenance half of ``Store`` (mixed in; ``db`` is the store's file)."""

    db: Database
    path: Path

    # --- search ----------------------------------------------------------------------------

    def search(self, query: str | Query, *, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Articles matching ``query`` (see ``store/query.py``), best first, with snippets."""
        parsed = parse_query(query) if isinstance(query, str) else query
        with self.db.guard():
            conn = self.db.connection()
            found = search.search(conn, parsed, limit=max(0, limit), offset=max(0, offset))
            summaries = self.summaries([r.article_id for r in found])
        return [
            SearchHit(
                article=summaries[r.article_id],
                snippet=r.snippet,
                highlights=r.highlights,
                rank=r.rank,
                field=r.field,
            )
            for r in found
            if r.article_id in summaries
        ]

    def summaries(self, ids: Sequence[int]) -> dict[int, ArticleSummary]:
        """List rows for the given article ids (missing ids are left out)."""
        found: dict[int, ArticleSummary] = {}
        for start in range(0, len(ids), 400):  # below SQLite's variable limit
            chunk = list(ids[start : start + 400])
            marks = ",".join("?" * len(chunk))
            rows = self.db.read(
                f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE id IN ({marks})", tuple(chunk)
            )
            found.update((int(r[0]), summary_from_row(r)) for r in rows)
        return found

    def ensure_index_current(self) -> bool:
        """Rebuild the index if another version of the CJK transform made it; True if so.

        Rows indexed by another transform cannot be removed by replaying this one, so a
        changed transform must rebuild before the first write. Checked again under the write
        lock, so two processes opening the file do not both rebuild.
        """
        if not self.db.read(
            "SELECT 1 FROM search_meta WHERE key='transform' AND value=?",
            (str(search.TRANSFORM_VERSION),),
        ):
            with self.db.write() as conn:
                if search.needs_rebuild(conn):
                    index_all(conn)
                    return True
        return False

    def index_rows(self, *, without_page: bool = False, batch: int = 200) -> int:
        """Re-index articles from their rows, ``batch`` per transaction; returns how many.

        Short transactions (not one for the whole cache) let the app and other commands
        write in between: at 100,000 articles a single one would hold the write lock for
        minutes, longer than any busy timeout. ``without_page``: only articles kept from feed
        content, the ones a re-extraction cannot reach.
        """
        where = " WHERE page_id IS NULL" if without_page else ""
        ids = [int(r[0]) for r in self.db.read(f"SELECT id FROM articles{where} ORDER BY id")]
        for start in range(0, len(ids), batch):
            with self.db.write() as conn:
                for article_id in ids[start : start + batch]:
                    index_row(conn, article_id)
        return len(ids)

    def merge_index(self, pages_per_step: int = 1000) -> None:
        """Merge the index's b-trees (smaller, faster) in steps of short transactions, the
        incremental form of ``optimize`` for the same reason as ``index_rows``."""
        while True:
            with self.db.write() as conn:
                before = conn.total_changes
                conn.execute(
                    "INSERT INTO search_fts(search_fts, rank) VALUES ('merge', ?)",
                    (pages_per_step,),
                )
                if conn.total_changes - before <= 1:  # the INSERT itself: no work was left
                    return

    def count_indexed(self) -> int:
        return int(self.db.read("SELECT count(*) FROM search_docs")[0][0])

    def rebuild_search(self, progress: Progress | None = None) -> int:
        """Empty the index and index every article again from its row, in one transaction
        (holding the write lock throughout: for a changed transform, where the old rows
        cannot be removed one by one); returns how many."""
        with self.db.write() as conn:
            return index_all(conn, progress)

    # --- maintenance -----------------------------------------------------------------------

    def stats(self) -> CacheStats:
        with self.db.guard():
            conn = self.db.connection()
            articles, unread, favourites, oldest, newest, comments = conn.execute(
                "SELECT count(*), coalesce(sum(read = 0), 0), coalesce(sum(favourite), 0), "
                "min(fetched_at), max(fetched_at), "
                "coalesce(sum(CASE WHEN json_valid(data) "
                "THEN json_array_length(data, '$.comments.items') END), 0) FROM articles"
            ).fetchone()
            pages, page_bytes = conn.execute(
                "SELECT count(*), coalesce(sum(body_size), 0) FROM pages"
            ).fetchone()
            sources = conn.execute("SELECT count(*) FROM sources").fetchone()[0]
            indexed = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
            index_bytes = _index_bytes(conn)
        return CacheStats(
            path=self.path,
            file_bytes=file_size(self.path),
            articles=int(articles),
            unread=int(unread),
            favourites=int(favourites),
            pages=int(pages),
            page_bytes=int(page_bytes),
            sources=int(sources),
            comments=int(comments),
            indexed=int(indexed),
            index_bytes=index_bytes,
            oldest=oldest,
            newest=newest,
        )

    def prune(self, before: str, *, keep_favourites: bool = True) -> PruneResult:
        """Remove articles fetched before ``before`` (ISO UTC), except favourites, with their
        search entries and the pages no remaining article uses."""
        keep = " AND favourite = 0" if keep_favourites else ""
        with self.db.write() as conn:
            rows = conn.execute(
                f"SELECT id, page_id, title FROM articles WHERE fetched_at < ?{keep} ORDER BY id",
                (before,),
            ).fetchall()
            kept = conn.execute(
                "SELECT count(*) FROM articles WHERE fetched_at < ? AND favourite = 1", (before,)
            ).fetchone()[0]
            for article_id, _, _ in rows:
                search.remove_article(conn, int(article_id))
            conn.executemany("DELETE FROM articles WHERE id = ?", [(r[0],) for r in rows])
            page_ids = {int(r[1]) for r in rows if r[1] is not None}
            pages = 0
            for page_id in page_ids:
                pages += conn.execute(
                    "DELETE FROM pages WHERE id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM articles WHERE page_id = ?)",
                    (page_id, page_id),
                ).rowcount
        return PruneResult(
            articles=len(rows),
            pages=pages,
            kept_favourites=int(kept) if keep_favourites else 0,
            titles=tuple(str(r[2]) for r in rows),
        )

    def vacuum(self) -> tuple[int, int]:
        """Rewrite the file without free pages; the size on disk before and after."""
        before = file_size(self.path)
        with self.db.guard():
            conn = self.db.connection()
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return before, file_size(self.path)

    # --- re-extraction ---------------------------------------------------------------------

    def page_refs(self) -> list[tuple[int, str]]:
        """(article id, page URL) of every article whose page bytes are kept, oldest first."""
        rows = self.db.read(
            "SELECT a.id, p.url FROM articles a JOIN pages p ON p.id = a.page_id ORDER BY a.id"
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def replace_article(self, article_id: int, article: Article) -> bool:
        """Replace an article's extracted content (re-extraction), keeping its id, URL,
        marks and fetch time, and re-index it; False if no article has that id."""
        values = article_values(article)
        with self.db.write() as conn:
            changed = conn.execute(
                "UPDATE articles SET title=?, site_name=?, author=?, published=?, source=?, "
                "summary=?, language=?, comment_state=?, comment_count=?, data=?, text=? "
                "WHERE id=?",
                (*values, article_id),
            ).rowcount
            if changed:
                index_stored(conn, article_id, article)
        return changed > 0
