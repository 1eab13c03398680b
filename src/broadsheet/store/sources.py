"""Sources and their entries in the cache: the rows behind the source sidebar and refresh.

Kept apart from ``store.py`` (which owns pages and articles) so each stays readable; ``Store``
inherits these methods, so callers still see one object. Why the rows are shaped this way:

- **Entries are a link table** (source, article): one article can be listed by several
  sources, and removing a source drops its entries but never an article, its read mark or
  its favourite star (a person's reading history outlives a subscription).
- **Feed content is stored without a page** (``page_id`` NULL): most feeds carry the whole
  article, so fetching every page would multiply a refresh's requests for nothing. Such a row
  is never overwritten by a later refresh of the feed (``ON CONFLICT DO NOTHING``), so an
  article that was since fetched in full, or marked, keeps what it has.
- **Feed articles are indexed for search** in the same transaction that inserts them.
- **One write transaction per refreshed source**: new articles, entries and the source's
  validators commit together, so a crash mid-refresh never leaves a source claiming a 304
  for entries it never stored.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from broadsheet.models import Article, Source
from broadsheet.sanitize import clean_line
from broadsheet.store.db import Database, utc_now
from broadsheet.store.indexing import index_stored
from broadsheet.store.rows import article_values

_SOURCE_COLUMNS = (
    "s.id, s.url, s.title, s.kind, s.last_checked, s.error, s.feed_url, s.site_url, "
    "s.full_article, s.etag, s.last_modified"
)


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry to link to a source: its URL, the feed's key for it, and, when the article
    is not cached yet, the article made from the feed's content."""

    url: str
    key: str
    article: Article | None = None


def _source(row: Sequence[Any], unread: int = 0, total: int = 0) -> Source:
    return Source(
        id=row[0],
        url=row[1],
        title=clean_line(row[2]),
        kind=row[3],
        last_checked=row[4],
        error=row[5],
        feed_url=row[6],
        site_url=row[7] or "",
        full_article=bool(row[8]),
        etag=row[9],
        last_modified=row[10],
        unread=unread,
        total=total,
    )


class SourceRows:
    """The sources and entries half of ``Store`` (mixed in; ``db`` is the store's file)."""

    db: Database

    # --- sources ---------------------------------------------------------------------------

    def add_source(
        self,
        url: str,
        *,
        title: str,
        kind: str,
        feed_url: str | None = None,
        site_url: str = "",
        full_article: bool = False,
    ) -> Source:
        """Add a source, or return the one already kept under ``url``."""
        if kind not in ("feed", "page"):
            raise ValueError(f"unknown source kind {kind!r}")
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO sources (url, title, kind, feed_url, site_url, full_article, "
                "added_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT(url) DO NOTHING",
                (
                    clean_line(url),
                    clean_line(title),
                    kind,
                    clean_line(feed_url) if feed_url else None,
                    clean_line(site_url),
                    int(full_article),
                    utc_now(),
                ),
            )
        found = self.find_source(url)
        assert found is not None
        return found

    def find_source(self, ref: int | str) -> Source | None:
        """A source by id, by the URL it was added under, or by its feed's URL."""
        args: tuple[object, ...]
        if isinstance(ref, int):
            where, args = "s.id=?", (ref,)
        else:
            where, args = "s.url=? OR s.feed_url=?", (ref, ref)
        rows = self.list_sources(where=where, args=args)
        return rows[0] if rows else None

    def list_sources(self, *, where: str = "1", args: Sequence[object] = ()) -> list[Source]:
        """Sources by title, each with its count of articles and of unread ones."""
        rows = self.db.read(
            f"SELECT {_SOURCE_COLUMNS}, count(a.id), coalesce(sum(a.read = 0), 0) "
            "FROM sources s LEFT JOIN entries e ON e.source_id = s.id "
            f"LEFT JOIN articles a ON a.id = e.article_id WHERE {where} "
            "GROUP BY s.id ORDER BY lower(s.title), s.id",
            tuple(args),
        )
        return [_source(r, unread=int(r[12]), total=int(r[11])) for r in rows]

    def remove_source(self, source_id: int) -> bool:
        """Forget a source and its entries (its articles stay cached); False if unknown."""
        with self.db.write() as conn:
            return conn.execute("DELETE FROM sources WHERE id=?", (source_id,)).rowcount > 0

    def set_full_article(self, source_id: int, full_article: bool) -> bool:
        with self.db.write() as conn:
            cursor = conn.execute(
                "UPDATE sources SET full_article=? WHERE id=?", (int(full_article), source_id)
            )
            return cursor.rowcount > 0

    def record_check(
        self,
        source_id: int,
        *,
        checked_at: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
        content_hash: str | None = None,
    ) -> None:
        """Note a refresh attempt: an error keeps the old validators, success replaces them."""
        with self.db.write() as conn:
            if error is not None:
                conn.execute(
                    "UPDATE sources SET last_checked=?, error=? WHERE id=?",
                    (checked_at, clean_line(error), source_id),
                )
                return
            self._record_success(
                conn, source_id, checked_at, etag, last_modified, title, site_url, content_hash
            )

    @staticmethod
    def _record_success(
        conn: sqlite3.Connection,
        source_id: int,
        checked_at: str,
        etag: str | None,
        last_modified: str | None,
        title: str | None,
        site_url: str | None,
        content_hash: str | None,
    ) -> None:
        conn.execute(
            "UPDATE sources SET last_checked=?, error=NULL, etag=?, last_modified=?, "
            "title=CASE WHEN coalesce(?, '') = '' THEN title ELSE ? END, "
            "site_url=coalesce(?, site_url), content_hash=coalesce(?, content_hash) WHERE id=?",
            (
                checked_at,
                etag,
                last_modified,
                title,
                clean_line(title or ""),
                clean_line(site_url) if site_url is not None else None,
                content_hash,
                source_id,
            ),
        )

    def content_hash(self, source_id: int) -> str | None:
        """The hash of the last body read for a source (see ``store_entries``)."""
        rows = self.db.read("SELECT content_hash FROM sources WHERE id=?", (source_id,))
        return rows[0][0] if rows else None

    # --- entries ---------------------------------------------------------------------------

    def known_articles(self, urls: Iterable[str]) -> dict[str, int]:
        """Which of ``urls`` are cached (asked or final URL), mapped to their article ids."""
        wanted = list(dict.fromkeys(urls))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 400):  # below SQLite's variable limit
            chunk = wanted[start : start + 400]
            marks = ",".join("?" * len(chunk))
            for column in ("url", "final_url"):
                rows = self.db.read(
                    f"SELECT {column}, id FROM articles WHERE {column} IN ({marks})", tuple(chunk)
                )
                for url, ident in rows:
                    found.setdefault(url, int(ident))
        return found

    def store_entries(
        self,
        source_id: int,
        entries: Sequence[NewEntry],
        *,
        checked_at: str,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
        content_hash: str | None = None,
    ) -> int:
        """Link ``entries`` to a source, storing the articles given, and record the check.

        Entries are given in the feed's (or page's) order, newest first; each keeps its
        position, so a source's list shows new entries first and then the feed's order, even
        when their pages were fetched in another order. Articles made from feed content are
        inserted oldest first, so the all-articles list (newest id first among equal fetch
        times) shows them in the feed's order too. Returns how many articles were new.
        """
        now = utc_now()
        added = 0
        with self.db.write() as conn:
            for position, entry in reversed(list(enumerate(entries))):
                url = clean_line(entry.url)
                if entry.article is not None:
                    cursor = conn.execute(
                        _INSERT_FEED_ARTICLE, _feed_article_row(url, entry.article, source_id, now)
                    )
                    if cursor.rowcount > 0 and cursor.lastrowid is not None:
                        # New rows only: an existing one keeps its content, so its index too.
                        index_stored(conn, cursor.lastrowid, entry.article)
                        added += 1
                row = conn.execute(
                    "SELECT id FROM articles WHERE url=? UNION ALL "
                    "SELECT id FROM articles WHERE final_url=? LIMIT 1",
                    (url, url),
                ).fetchone()
                if row is None:
                    continue  # a page fetch that failed and had no feed content to fall back on
                conn.execute(
                    "INSERT INTO entries (source_id, article_id, entry_key, position, "
                    "first_seen, last_seen) VALUES (?,?,?,?,?,?) "
                    "ON CONFLICT(source_id, article_id) DO UPDATE SET "
                    "last_seen=excluded.last_seen, position=excluded.position",
                    (source_id, row[0], clean_line(entry.key), position, now, now),
                )
                conn.execute(
                    "UPDATE articles SET source_id=? WHERE id=? AND source_id IS NULL",
                    (source_id, row[0]),
                )
            self._record_success(
                conn, source_id, checked_at, etag, last_modified, title, site_url, content_hash
            )
        return added


_INSERT_FEED_ARTICLE = (
    "INSERT INTO articles (url, final_url, source_id, title, site_name, author, published, "
    "source, summary, language, comment_state, comment_count, data, text, fetched_at, "
    "added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO NOTHING"
)


def _feed_article_row(url: str, article: Article, source_id: int, now: str) -> tuple[object, ...]:
    title, site, author, published, line, summary, language, state, _, data, text = article_values(
        article
    )
    # The count column stays NULL for feed content: a feed's comment count is not the page's.
    return (
        url,
        url,
        source_id,
        title,
        site,
        author,
        published,
        line,
        summary,
        language,
        state,
        None,
        data,
        text,
        now,
        now,
    )
