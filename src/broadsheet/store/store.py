"""The cache's contents: raw pages and extracted articles, as ``models`` objects.

What is kept and why (the file handling itself is in ``db.py``):

- **Raw page bytes are kept** (zlib) with the final URL, headers, ETag, Last-Modified and fetch
  time, so conditional GETs work and a better extractor can re-read everything offline.
- **Comments live inside the article's JSON** (``articles.data``), not in a table of their own:
  a thread is always extracted, replaced and shown together with its article, never queried
  one comment at a time, so a separate table would add joins and a second write path for no
  reader. The list view needs only the count and state, which are columns. Search (issue 6)
  indexes comment text from the same JSON when it builds its own table.
- **Each body is stored once in JSON**: ``articles.data`` uses the compact storage form
  (``serialize.article_to_storage``: no derived ``text``, no keys at their default), which made
  a 5,000-article mixed Chinese/English cache 59 MB instead of 85 MB.
- **A refresh updates the row in place**: the id and the read / favourite marks survive.
- **Rows and models are separate**: callers get ``models`` objects; no row leaves this module.

Strings are sanitised (``serialize`` cleans every field) when they enter the store.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from broadsheet.errors import CorruptStoreError
from broadsheet.models import (
    Article,
    ArticleSummary,
    Block,
    BlockKind,
    Page,
    StoredArticle,
)
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.serialize import article_from_dict
from broadsheet.store.cache import CacheRows
from broadsheet.store.db import Database, utc_now
from broadsheet.store.indexing import index_stored
from broadsheet.store.positions import PositionRows
from broadsheet.store.rows import SUMMARY_COLUMNS, article_values, summary_from_row
from broadsheet.store.sources import SourceRows

_ARTICLE_COLUMNS = (
    "id, url, final_url, title, site_name, author, published, source, summary, "
    "language, data, text, fetched_at, read, favourite"
)


class Store(SourceRows, CacheRows, PositionRows):
    """The articles, pages and sources in the cache file at ``path``.

    Sources and their entries are handled by ``SourceRows`` (``store/sources.py``), search
    and maintenance (stats, prune, vacuum, re-extraction) by ``CacheRows`` (``store/cache.py``),
    where the reader left each article by ``PositionRows`` (``store/positions.py``).

    Raises ``CorruptStoreError`` if the file is not a readable SQLite database, and
    ``StoreError`` for any other failure to open, read or write it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = Database(path)
        self.ensure_index_current()

    def close(self) -> None:
        """Close the file (every thread's connection)."""
        self.db.close()

    # --- writing ---------------------------------------------------------------------------

    def save_fetch(self, page: Page, article: Article) -> StoredArticle:
        """Keep a fetched page and its article in one transaction, indexed for search in the
        same one; marks survive a refresh."""
        headers = {clean_line(k): clean_line(v) for k, v in page.headers.items()}
        now = utc_now()
        with self.db.write() as conn:
            page_id = conn.execute(
                "INSERT INTO pages (url, final_url, status, headers, content_type, etag, "
                "last_modified, fetched_at, body, body_size) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET final_url=excluded.final_url, "
                "status=excluded.status, headers=excluded.headers, "
                "content_type=excluded.content_type, etag=excluded.etag, "
                "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, "
                "body=excluded.body, body_size=excluded.body_size RETURNING id",
                (
                    clean_line(page.url),
                    clean_line(page.final_url),
                    page.status,
                    json.dumps(headers, ensure_ascii=False),
                    clean_line(page.content_type),
                    page.etag,
                    page.last_modified,
                    page.fetched_at,
                    zlib.compress(page.body, 6),
                    len(page.body),
                ),
            ).fetchone()[0]
            row = conn.execute(
                "INSERT INTO articles (url, final_url, page_id, title, site_name, author, "
                "published, source, summary, language, comment_state, comment_count, data, "
                "text, fetched_at, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(url) DO UPDATE SET final_url=excluded.final_url, "
                "page_id=excluded.page_id, title=excluded.title, site_name=excluded.site_name, "
                "author=excluded.author, published=excluded.published, "
                "source=excluded.source, summary=excluded.summary, "
                "language=excluded.language, comment_state=excluded.comment_state, "
                "comment_count=excluded.comment_count, data=excluded.data, "
                "text=excluded.text, fetched_at=excluded.fetched_at "
                f"RETURNING {_ARTICLE_COLUMNS}",
                (
                    clean_line(page.url),
                    clean_line(page.final_url),
                    page_id,
                    *article_values(article),
                    page.fetched_at,
                    now,
                ),
            ).fetchone()
            index_stored(conn, int(row[0]), article)
        return self._stored(row)

    def mark_not_modified(
        self, url: str, fetched_at: str, etag: str | None, last_modified: str | None
    ) -> StoredArticle | None:
        """Record a 304: the stored copy is current as of ``fetched_at``; keep new validators."""
        with self.db.write() as conn:
            conn.execute(
                "UPDATE pages SET fetched_at=?, etag=coalesce(?, etag), "
                "last_modified=coalesce(?, last_modified) WHERE url=?",
                (fetched_at, etag, last_modified, url),
            )
            conn.execute("UPDATE articles SET fetched_at=? WHERE url=?", (fetched_at, url))
        return self.find_article(url)

    def set_flag(self, article_id: int, flag: str, value: bool) -> bool:
        """Set ``read`` or ``favourite``; False if no article has that id."""
        if flag not in ("read", "favourite"):
            raise ValueError(f"unknown flag {flag!r}")
        with self.db.write() as conn:
            cursor = conn.execute(
                f"UPDATE articles SET {flag}=? WHERE id=?", (int(value), article_id)
            )
            return cursor.rowcount > 0

    # --- reading ---------------------------------------------------------------------------

    def get_article(self, article_id: int) -> StoredArticle | None:
        rows = self.db.read(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,))
        return self._stored(rows[0]) if rows else None

    def find_article(self, url: str) -> StoredArticle | None:
        """The article asked for at ``url``, else one whose redirects ended at ``url``."""
        found = self.lookup(url)
        return found[1] if found else None

    def lookup(self, url: str) -> tuple[str, StoredArticle] | None:
        """Like ``find_article``, with the URL the article is kept under (the one first asked).

        Refreshing must re-fetch that URL, so the row (and its validators) is updated in
        place instead of a second row appearing for the redirect target.
        """
        rows = self.db.read(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE url=?", (url,))
        if not rows:
            rows = self.db.read(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE final_url=? "
                "ORDER BY fetched_at DESC, id DESC LIMIT 1",
                (url,),
            )
        return (str(rows[0][1]), self._stored(rows[0])) if rows else None

    def list_articles(
        self,
        *,
        limit: int = 500,
        offset: int = 0,
        source_id: int | None = None,
        unread: bool = False,
        favourites: bool = False,
    ) -> list[ArticleSummary]:
        """Article list rows, newest first by the date the list shows (published, else when
        fetched): all of them, or one source's, and only the unread or favourite ones when
        asked. The order matches the ``articles_by_date`` index, so a large cache lists fast."""
        where: list[str] = []
        args: list[object] = []
        # A source's list follows the source: newest entries first, then its own order.
        source, order = "", "coalesce(published, fetched_at) DESC, id DESC"
        if source_id is not None:
            source = "JOIN entries e ON e.article_id = id AND e.source_id = ? "
            order = "e.first_seen DESC, e.position, id DESC"
            args.append(source_id)
        if unread:
            where.append("read=0")
        if favourites:
            where.append("favourite=1")
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        rows = self.db.read(
            f"SELECT {SUMMARY_COLUMNS} FROM articles {source}{clause}"
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            (*args, max(0, limit), max(0, offset)),
        )
        return [summary_from_row(r) for r in rows]

    def count_articles(self) -> int:
        return int(self.db.read("SELECT count(*) FROM articles")[0][0])

    def page_validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The stored (ETag, Last-Modified) of a page, or None if the page is not kept."""
        rows = self.db.read("SELECT etag, last_modified FROM pages WHERE url=?", (url,))
        return (rows[0][0], rows[0][1]) if rows else None

    def get_page(self, url: str) -> Page | None:
        """The stored response for ``url``, body decompressed (for re-extraction)."""
        rows = self.db.read(
            "SELECT url, final_url, status, headers, content_type, etag, last_modified, "
            "fetched_at, body FROM pages WHERE url=?",
            (url,),
        )
        if not rows:
            return None
        r = rows[0]
        try:
            body = zlib.decompress(r[8])
            headers = json.loads(r[3])
        except (zlib.error, ValueError) as exc:
            raise CorruptStoreError(self.path, f"the stored page {url} is unreadable") from exc
        return Page(
            url=r[0],
            final_url=r[1],
            status=r[2],
            headers={str(k): str(v) for k, v in headers.items()},
            body=body,
            fetched_at=r[7],
            content_type=r[4],
            etag=r[5],
            last_modified=r[6],
        )

    def _stored(self, r: tuple[Any, ...]) -> StoredArticle:
        try:
            data = json.loads(r[10])
            if not isinstance(data, dict):
                raise ValueError("not an object")
            article = article_from_dict(data)
        except ValueError:
            # A damaged JSON cell should cost one article's structure, not the whole cache:
            # rebuild what the columns hold.
            blocks = tuple(
                Block(BlockKind.PARAGRAPH, p) for p in clean_text(r[11]).split("\n\n") if p
            )
            article = Article(
                url=r[1],
                title=clean_line(r[3]),
                site_name=clean_line(r[4]),
                author=clean_line(r[5]),
                published=r[6],
                source=clean_line(r[7]),
                summary=clean_text(r[8]),
                language=clean_line(r[9]),
                blocks=blocks,
            )
        return StoredArticle(
            id=r[0],
            article=article,
            fetched_at=r[12],
            final_url=r[2],
            read=bool(r[13]),
            favourite=bool(r[14]),
        )
