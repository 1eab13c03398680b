"""Full-text search over the cache, Chinese included (issue 6; DESIGN.md section 4).

How text is indexed, and why:

- FTS5's tokenizers cannot split Chinese (a run of Han characters is one token) and trigrams
  cannot find two-character words without a LIKE scan. So every text field is split in Python
  into a *Latin* part (CJK characters replaced by spaces, tokenized by ``porter unicode61``) and
  a *CJK* part in a twin column: each CJK run as its overlapping bigrams (``新冠疫情`` ->
  ``新冠 冠疫 疫情``), runs separated by a sentinel token so bigrams of two runs are never
  adjacent, then every distinct CJK character of the field once (for one-character queries).
  The query gets the same transform: a CJK run of n >= 2 characters is the phrase of its n-1
  bigrams, which matches exactly the fields that contain the run as a substring.
- Every query token is quoted, so nothing a user types is FTS5 syntax.
- Columns: ``title summary body meta comments`` and their ``cjk_`` twins, ranked by bm25 with
  per-column weights so a title match outranks a body match (``meta`` is author and site name).
- **Contentless FTS5 table plus the source text, compressed, in ``search_docs``.** The
  transformed columns (a bigram stream is ~3x the Chinese text it comes from) are never stored.
  SQLite 3.40 has no ``contentless_delete``: a contentless row is removed by replaying exactly
  the values that were indexed, so the source text is kept (zlib JSON) to replay the transform.
  The same copy gives snippets (computed in Python) and lets ``rebuild_index`` re-index
  everything after the transform changes, without depending on the store's own schema.

Callers own transactions: ``index_article`` and ``remove_article`` only execute statements (run
them inside your ``BEGIN IMMEDIATE``), and ``search`` only reads. The store must call
``remove_article`` when it deletes an article (there is deliberately no foreign key: a cascade
would drop the source text needed to remove the FTS row).

Qualifiers need the articles table: ``articles(id, title, site_name, author, published,
fetched_at, read, favourite)``; ``site:`` also looks at ``url`` / ``final_url`` when present.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from broadsheet.sanitize import clean_text
from broadsheet.store.query import Query, parse_query
from broadsheet.store.search_text import (
    FIELD_NAMES,
    Highlighter,
    column_values,
    match_expression,
)

FIELDS = FIELD_NAMES
# bm25 weights, Latin columns then CJK twins (same weight for both halves of a field).
WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "meta": 2.0, "comments": 0.5}
_COLUMNS = (*FIELDS, *(f"cjk_{f}" for f in FIELDS))
_RANK = "bm25({})".format(", ".join(str(WEIGHTS[c.removeprefix("cjk_")]) for c in _COLUMNS))

# Bump when split_text changes what it emits: rows indexed by another version cannot be
# deleted by replaying the transform, so ``needs_rebuild`` tells the caller to rebuild.
TRANSFORM_VERSION = 1

SCHEMA_SQL = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    {", ".join(_COLUMNS)},
    content='', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS search_docs (
    id     INTEGER PRIMARY KEY,  -- articles.id, also search_fts.rowid
    fields BLOB NOT NULL         -- zlib(JSON [title, summary, body, author, site, comments])
);
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO search_meta (key, value) VALUES ('transform', '{TRANSFORM_VERSION}');
"""

_INSERT = "INSERT INTO search_fts(rowid, {}) VALUES (?, {})".format(
    ", ".join(_COLUMNS), ", ".join("?" * len(_COLUMNS))
)
_DELETE = "INSERT INTO search_fts(search_fts, rowid, {}) VALUES ('delete', ?, {})".format(
    ", ".join(_COLUMNS), ", ".join("?" * len(_COLUMNS))
)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One hit: ``rank`` is higher for better matches (negated bm25; 0 without text terms).

    ``snippet`` is a window of ``field`` (``"title"``, ``"summary"``, ``"body"``, ``"meta"``
    or ``"comments"``) and ``highlights`` are ``(start, end)`` offsets into ``snippet``.
    """

    article_id: int
    rank: float
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    field: str = "body"


def _pack(fields: Sequence[str]) -> bytes:
    return zlib.compress(json.dumps(list(fields), ensure_ascii=False).encode("utf-8"))


def _unpack(blob: bytes) -> list[str]:
    fields = json.loads(zlib.decompress(blob).decode("utf-8"))
    return [str(f) for f in fields]


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the search tables if missing (``SCHEMA_SQL`` statement by statement)."""
    for statement in SCHEMA_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)


def index_article(
    conn: sqlite3.Connection,
    article_id: int,
    *,
    title: str,
    summary: str,
    body: str,
    author: str,
    site: str,
    comments: str,
) -> None:
    """Index (or re-index) one article. Runs inside the caller's transaction."""
    remove_article(conn, article_id)
    fields = [clean_text(f or "") for f in (title, summary, body, author, site, comments)]
    conn.execute("INSERT INTO search_docs(id, fields) VALUES (?, ?)", (article_id, _pack(fields)))
    conn.execute(_INSERT, (article_id, *column_values(fields)))


def remove_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Drop an article from the index; nothing happens when it is not indexed."""
    row = conn.execute("SELECT fields FROM search_docs WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return
    conn.execute(_DELETE, (article_id, *column_values(_unpack(row[0]))))
    conn.execute("DELETE FROM search_docs WHERE id = ?", (article_id,))


def needs_rebuild(conn: sqlite3.Connection) -> bool:
    """True when the index was built by another version of the transform (see rebuild)."""
    row = conn.execute("SELECT value FROM search_meta WHERE key = 'transform'").fetchone()
    return row is None or row[0] != str(TRANSFORM_VERSION)


def rebuild_index(
    conn: sqlite3.Connection, progress: Callable[[int, int], None] | None = None
) -> int:
    """Re-index every stored document with the current transform; returns how many.

    Run when ``needs_rebuild`` says so: rows indexed by an older transform cannot be replayed
    to delete them, so the contentless index is emptied with ``delete-all`` and filled again
    from the stored source text. ``progress(done, total)`` is called every 500 articles.
    Runs inside the caller's transaction.
    """
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    total = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    done = 0
    for article_id, blob in conn.execute("SELECT id, fields FROM search_docs ORDER BY id"):
        conn.execute(_INSERT, (article_id, *column_values(_unpack(blob))))
        done += 1
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
    conn.execute(
        "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('transform', ?)",
        (str(TRANSFORM_VERSION),),
    )
    return done


def optimize_index(conn: sqlite3.Connection) -> None:
    """Merge the FTS b-trees into one (after a bulk load: smaller file, faster queries)."""
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


# ---------------------------------------------------------------------------- queries


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _article_columns(conn: sqlite3.Connection) -> set[str]:
    return {row[1] for row in conn.execute("PRAGMA table_info(articles)")}


def _filter_sql(conn: sqlite3.Connection, query: Query) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``articles AS a`` for the qualifiers, with their parameters."""
    where: list[str] = []
    params: list[Any] = []
    site_columns = ["a.site_name"] + [
        f"a.{c}" for c in ("url", "final_url") if c in _article_columns(conn)
    ]
    for value, negate in [(s, False) for s in query.sites] + [(s, True) for s in query.not_sites]:
        ors = " OR ".join(f"COALESCE({c}, '') LIKE ? ESCAPE '\\'" for c in site_columns)
        where.append(("NOT " if negate else "") + f"({ors})")
        params.extend([_like(value)] * len(site_columns))
    for value, negate in [(s, False) for s in query.authors] + [
        (s, True) for s in query.not_authors
    ]:
        where.append(("NOT " if negate else "") + "(COALESCE(a.author, '') LIKE ? ESCAPE '\\')")
        params.append(_like(value))
    if query.after:
        where.append("COALESCE(a.published, a.fetched_at) >= ?")
        params.append(query.after)
    if query.before:
        where.append("COALESCE(a.published, a.fetched_at) < ?")
        params.append(query.before)
    if query.read is not None:
        where.append("a.read = ?")
        params.append(int(query.read))
    if query.favourite is not None:
        where.append("a.favourite = ?")
        params.append(int(query.favourite))
    return where, params


RANK_WINDOW = 2000


def search(
    conn: sqlite3.Connection,
    query: str | Query,
    *,
    limit: int = 50,
    offset: int = 0,
    filters: Iterable[tuple[str, Sequence[Any]]] = (),
    rank_window: int | None = RANK_WINDOW,
) -> list[SearchResult]:
    """Articles matching ``query``, best first, with snippets.

    ``filters`` are extra ``(sql, params)`` conditions on ``articles AS a`` written by the
    caller (e.g. ``("a.source_id = ?", (3,))``); never put user text in the SQL part. A query
    with only qualifiers lists the matching articles newest first; an empty query finds nothing.
    Read-only; never raises for any query text.

    Ranking cost grows with the number of matches (bm25 is computed for every one: ~13 ms for
    9,000 matches), so with ``rank_window`` the newest ``rank_window`` matches (highest article
    ids, i.e. most recently cached) are ranked first, then the older ones ranked among
    themselves. Every match is still returned, page after page; only the order differs from a
    global ranking, and only when there are more matches than the window. ``None`` ranks all
    matches together.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    must, must_not = match_expression(parsed)
    where, params = _filter_sql(conn, parsed)
    for sql, extra in filters:
        where.append(f"({sql})")
        params.extend(extra)
    if must is None and must_not is None and not where:
        return []
    try:
        if must is not None:
            expression = must if must_not is None else f"({must}) NOT ({must_not})"
            rows = _ranked(conn, expression, where, params, limit, offset, rank_window)
        else:
            if must_not is not None:
                where.append("a.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
                params.append(must_not)
            sql = (
                "SELECT a.id, 0.0 FROM articles AS a WHERE "
                + " AND ".join(where)
                + " ORDER BY COALESCE(a.published, a.fetched_at) DESC, a.id DESC LIMIT ? OFFSET ?"
            )
            rows = conn.execute(sql, [*params, limit, offset]).fetchall()
    except sqlite3.OperationalError:
        # Only a malformed expression can get here (a bug, since every token is quoted):
        # a search box must not crash the app, so it finds nothing instead.
        return []
    return _results(conn, parsed, [(int(r[0]), 0.0 - float(r[1] or 0.0)) for r in rows])


def _ranked(
    conn: sqlite3.Connection,
    expression: str,
    where: list[str],
    params: list[Any],
    limit: int,
    offset: int,
    window: int | None,
) -> list[tuple[int, float]]:
    """(id, bm25) rows of one page, best first; see ``search`` for the ranking window."""
    # Without qualifiers the articles table is not needed to rank (joining it costs a lookup
    # per match, as much as ranking itself); ``_results`` drops ids with no article row.
    base = "SELECT f.rowid AS id, f.rank AS score FROM search_fts AS f"
    if where:
        base += " CROSS JOIN articles AS a ON a.id = f.rowid"
    base += " WHERE f.search_fts MATCH ? AND f.rank MATCH ?" + "".join(f" AND {w}" for w in where)
    args: list[Any] = [expression, _RANK, *params]
    if window is None:
        sql = base + " ORDER BY f.rank, f.rowid DESC LIMIT ? OFFSET ?"
        return conn.execute(sql, [*args, limit, offset]).fetchall()
    tier = f"SELECT id, score FROM ({base} ORDER BY f.rowid DESC LIMIT ? OFFSET ?)"
    tier += " ORDER BY score, id DESC LIMIT ? OFFSET ?"  # ties: newest first
    rows: list[tuple[int, float]] = []
    if offset < window:
        rows = conn.execute(tier, [*args, window, 0, limit, offset]).fetchall()
        if len(rows) == limit:
            return rows
        # The newest matches ran out on this page: are there older ones at all?
        count = f"SELECT count(*) FROM ({base} ORDER BY f.rowid DESC LIMIT ?)"
        if conn.execute(count, [*args, window]).fetchone()[0] < window:
            return rows
    older = conn.execute(
        tier, [*args, -1, window, limit - len(rows), max(0, offset - window)]
    ).fetchall()
    return rows + older


def _results(
    conn: sqlite3.Connection, query: Query, ranked: list[tuple[int, float]]
) -> list[SearchResult]:
    """Attach snippets, reading the stored source text of just the articles shown."""
    if not ranked:
        return []
    ids = [article_id for article_id, _ in ranked]
    marks = ", ".join("?" * len(ids))
    blobs = dict(
        conn.execute(
            f"SELECT d.id, d.fields FROM search_docs AS d JOIN articles AS a ON a.id = d.id"
            f" WHERE d.id IN ({marks})",
            ids,
        ).fetchall()
    )
    results = []
    highlighter = Highlighter(query)
    for article_id, rank in ranked:
        blob = blobs.get(article_id)
        if blob is None:  # indexed, but the article row is gone (remove_article not called)
            continue
        fields = _unpack(blob)
        text, highlights, field = highlighter.snippet(fields)
        results.append(SearchResult(article_id, rank, text, highlights, field))
    return results
