"""Where Broadsheet keeps its files.

Two folders, usually one:

- ``config_home()`` holds the settings file, ``config.toml``: the ``BROADSHEET_HOME``
  environment variable when it is set (tests and ``broadsheet demo`` point it at a temporary
  folder), otherwise the platform's user data folder (platformdirs).
- ``home()``, the data folder, holds the cache, exports and images: ``BROADSHEET_HOME`` when
  set; otherwise the folder the settings file names as ``[storage] data_dir``; otherwise
  ``config_home()``.

The settings file cannot name its own location, so it stays in ``config_home()`` while the data
moves; ``BROADSHEET_HOME`` moves everything, and a ``data_dir`` in the file then does nothing
(``Config.problems_for`` says so). Nothing is created at import time or by these functions:
callers that write (the store, the exporter) create what they need, so merely importing the
package or printing ``--help`` never touches the disk (``home()`` may read the settings file).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "broadsheet"
ENV_HOME = "BROADSHEET_HOME"
CONFIG_NAME = "config.toml"


def _env_home() -> Path | None:
    """``$BROADSHEET_HOME`` when it is set and not blank."""
    override = os.environ.get(ENV_HOME, "").strip()
    return Path(override).expanduser() if override else None


def config_home() -> Path:
    """The folder of the settings file: ``$BROADSHEET_HOME`` if set, else the user data folder."""
    return _env_home() or Path(user_data_dir(APP_NAME, appauthor=False))


def _configured_data_dir() -> Path | None:
    """The ``storage.data_dir`` of the settings file at the default location, if valid."""
    from broadsheet.config import load_config  # config imports the fetch settings

    return load_config(config_home() / CONFIG_NAME).data_dir


def home() -> Path:
    """The data folder: ``$BROADSHEET_HOME``, else the settings file's ``storage.data_dir``,
    else ``config_home()``."""
    return _env_home() or _configured_data_dir() or config_home()


def database_path(base: Path | None = None) -> Path:
    """The SQLite cache file."""
    return (base or home()) / "broadsheet.sqlite3"


def config_path(base: Path | None = None) -> Path:
    """The TOML settings file (optional: defaults apply when it does not exist) that governs
    the data folder ``base`` (default: the one in use).

    That is the file at the default location for the data folder it names itself (or for
    ``config_home()``), and ``base/config.toml`` for any other folder a program opens a
    Library on (tests, the demo), which so keeps its settings inside it.
    """
    default = config_home() / CONFIG_NAME
    if base is None or base == default.parent:
        return default
    if _env_home() is None and base == _configured_data_dir():
        return default
    return base / CONFIG_NAME


def export_dir(base: Path | None = None) -> Path:
    """The folder an export goes to when the user names no target."""
    return (base or home()) / "exports"
