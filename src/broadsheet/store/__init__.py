"""The SQLite cache: ``db.py`` owns the file, ``store.py`` what is kept in it.

``sources.py`` (sources and entries) and ``cache.py`` (search, stats, prune, vacuum,
re-extraction) are the rest of ``Store``; ``search.py``, ``search_text.py`` and ``query.py``
are the full-text index and its query language, and ``indexing.py`` decides which parts of an
article the index gets.
"""

from broadsheet.store.cache import CacheStats, PruneResult
from broadsheet.store.db import SCHEMA_VERSION, Database, reset_store, utc_now
from broadsheet.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "CacheStats",
    "Database",
    "PruneResult",
    "Store",
    "reset_store",
    "utc_now",
]
