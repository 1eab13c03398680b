"""The cache file itself: connections, transactions, migrations and moving a bad file aside.

Why it is built this way (DESIGN.md section 4, issue 8 item 4):

- **One connection per thread** (``threading.local``): the app reads from thread workers while
  the CLI or another worker writes, and a sqlite3 connection must not be shared between
  threads mid-statement. Connections of threads that have ended are closed as new ones open
  (Textual starts a thread per worker); ``close()`` closes the rest.
- **WAL, synchronous=NORMAL, busy_timeout**: readers never block the writer, a second process
  waits for the lock instead of failing, and a killed process loses nothing it committed.
- **BEGIN IMMEDIATE for every write**: a deferred transaction that reads and then writes fails
  at once with "database is locked" when another writer holds the lock, whatever the busy
  timeout; taking the write lock up front makes it wait instead.
- **Schema in PRAGMA user_version** with an append-only list of migration scripts (plus a
  Python step where rows must be transformed, as filling the search index needs), applied in
  one write transaction (so two processes opening a new file do not both migrate it).
- **sqlite3 errors become the project's errors**: ``CorruptStoreError`` (with the path and
  the way out, ``broadsheet cache reset``) for a damaged or non-SQLite file, ``StoreError``
  for the rest.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from broadsheet.errors import CorruptStoreError, StoreError


def _script(name: str) -> Callable[[], str]:
    return lambda: resources.files("broadsheet.store").joinpath(name).read_text("utf-8")


def _fill_search_index(conn: sqlite3.Connection) -> None:
    # Imported here: filling the index needs Python (the CJK transform), so it runs after the
    # SQL of version 3 in the same transaction; see ``store/indexing.py``.
    from broadsheet.store.indexing import index_all

    index_all(conn)


# MIGRATIONS[i] upgrades a file from user_version i to i + 1. Append only; never edit one.
MIGRATIONS: tuple[Callable[[], str], ...] = (
    _script("schema.sql"),
    _script("schema_2.sql"),
    _script("schema_3.sql"),
    _script("schema_4.sql"),
)
# Python steps run right after the script of the same index, inside the same transaction.
AFTER_MIGRATION: dict[int, Callable[[sqlite3.Connection], None]] = {2: _fill_search_index}
SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT_MS = 10_000
CACHE_SIZE_KIB = -65_536  # negative: KiB, so 64 MiB per connection at most
MMAP_SIZE = 256 * 1024 * 1024
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def utc_now() -> str:
    """The current time as ISO 8601 UTC with seconds, the format every stored time uses."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _statements(script: str) -> Iterator[str]:
    """Split a SQL script into complete statements (executescript would COMMIT our transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement.strip(";").strip():
                yield statement
    rest = [ln for ln in buffer.splitlines() if ln.strip() and not ln.strip().startswith("--")]
    if rest:
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer[:80]!r}")


class Database:
    """The SQLite file at ``path``, opened (and migrated) at construction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        # (owning thread, connection), so connections of finished threads can be closed.
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._closed = False
        self.connection()  # open and migrate now, so a damaged file is reported at once

    def _error(self, exc: sqlite3.Error) -> StoreError:
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return CorruptStoreError(self.path, str(exc))
        return StoreError(f"the cache file {self.path} could not be used: {exc}")

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn sqlite3 errors into the project's StoreError / CorruptStoreError."""
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def connection(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError(f"the cache {self.path} is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {self.path.parent}: {exc}") from exc
        with self.guard():
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
                check_same_thread=False,  # only so close() can close other threads' connections
            )
        try:
            with self.guard():
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                conn.execute("PRAGMA synchronous = NORMAL")
                # Search reads many FTS pages per query; SQLite's 2 MB default cache makes a
                # qualifier or a frequent word go back to the file each time. Both are ceilings
                # (pages are taken as used), so small caches cost nothing.
                conn.execute(f"PRAGMA cache_size = {CACHE_SIZE_KIB}")
                conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
                self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        with self._lock:
            finished = [c for t, c in self._connections if not t.is_alive()]
            self._connections = [(t, c) for t, c in self._connections if t.is_alive()]
            self._connections.append((threading.current_thread(), conn))
        for old in finished:
            with suppress(sqlite3.Error):
                old.close()
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the cache file {self.path} was made by a newer Broadsheet "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade Broadsheet"
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction(conn):
            # Another process may have migrated while we waited for the write lock.
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]()):
                    conn.execute(statement)
                if number in AFTER_MIGRATION:
                    AFTER_MIGRATION[number](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on this thread's connection, taking the write lock first."""
        with self.guard():
            conn = self.connection()
            with self._transaction(conn):
                yield conn

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self.guard():
            return self.connection().execute(sql, params).fetchall()

    def close(self) -> None:
        """Close every connection this Store opened, from whichever thread."""
        with self._lock:
            self._closed = True
            connections = [c for _, c in self._connections]
            self._connections = []
        for conn in connections:
            with suppress(sqlite3.Error):
                conn.close()


def reset_store(path: Path, *, now: datetime | None = None) -> Path | None:
    """Move a cache file (and its -wal / -shm companions) aside; return where it went.

    The file becomes ``<name>.corrupt-<UTC timestamp>``, so nothing is deleted and the next
    open starts a fresh cache. Returns None when there was no file. The caller must have
    closed every Store on ``path``.
    """
    if not path.exists():
        return None
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(f"cannot move {path} aside: {exc}") from exc
    return target
