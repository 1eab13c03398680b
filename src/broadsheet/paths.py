"""Where Broadsheet keeps its files.

Everything lives under one folder, ``home()``: the ``BROADSHEET_HOME`` environment variable when
it is set (tests and ``broadsheet demo`` point it at a temporary folder), otherwise the
platform's user data folder (platformdirs). Nothing is created at import time or by these
functions: callers that write (the store, the exporter) create what they need, so merely
importing the package or printing ``--help`` never touches the disk.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "broadsheet"
ENV_HOME = "BROADSHEET_HOME"


def home() -> Path:
    """The data folder: ``$BROADSHEET_HOME`` if set and not empty, else the user data folder."""
    override = os.environ.get(ENV_HOME, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(base: Path | None = None) -> Path:
    """The SQLite cache file."""
    return (base or home()) / "broadsheet.sqlite3"


def config_path(base: Path | None = None) -> Path:
    """The TOML settings file (optional: defaults apply when it does not exist)."""
    return (base or home()) / "config.toml"


def export_dir(base: Path | None = None) -> Path:
    """The folder an export goes to when the user names no target."""
    return (base or home()) / "exports"
