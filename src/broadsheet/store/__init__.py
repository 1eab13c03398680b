"""The SQLite cache: ``db.py`` owns the file, ``store.py`` what is kept in it."""

from broadsheet.store.db import SCHEMA_VERSION, Database, reset_store, utc_now
from broadsheet.store.store import Store

__all__ = ["SCHEMA_VERSION", "Database", "Store", "reset_store", "utc_now"]
