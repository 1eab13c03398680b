"""The SQLite cache: ``db.py`` owns the file, ``store.py`` what is kept in it.

``sources.py`` (sources and entries), ``cache.py`` (search, stats, prune, vacuum,
re-extraction) and ``positions.py`` (where the reader left each article) are the rest of
``Store``; ``search.py``, ``search_text.py`` and ``query.py`` are the full-text index and its
query language, and ``indexing.py`` decides which parts of an article the index gets.
"""

from broadsheet.store.cache import CacheStats, PruneResult
from broadsheet.store.db import SCHEMA_VERSION, Database, reset_store, utc_now
from broadsheet.store.positions import ReadingPosition
from broadsheet.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "CacheStats",
    "Database",
    "PruneResult",
    "ReadingPosition",
    "Store",
    "reset_store",
    "utc_now",
]
