"""Settings from a TOML file (``paths.config_path()``), read with tomllib.

Only the ``[network]`` table is read for now; it sets the fetch limits. Other tables are kept in
``Config.tables`` untouched, so the app can read its own sections (keymap, theme) later without
this module learning about them. A missing file means defaults. A broken file never stops
Broadsheet: ``load_config`` returns the defaults for whatever it could not use and lists each
problem in ``Config.problems`` as a sentence naming the file and the key, which the CLI prints
as a warning.

Example::

    [network]
    max_bytes = 5_000_000
    connect_timeout = 5
    read_timeout = 15
    deadline = 45
    max_redirects = 5
    user_agent = "Broadsheet (me@example.org)"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from broadsheet.fetch import FetchOptions

# key -> (accepted python types, description of a valid value)
_NETWORK_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "max_bytes": ((int,), "a whole number of bytes above 0"),
    "connect_timeout": ((int, float), "a number of seconds above 0"),
    "read_timeout": ((int, float), "a number of seconds above 0"),
    "deadline": ((int, float), "a number of seconds above 0"),
    "max_redirects": ((int,), "a whole number, 0 or more"),
    "user_agent": ((str,), "a non-empty string"),
}


@dataclass(frozen=True)
class Config:
    """What the settings file says, after validation. ``network`` holds only valid keys."""

    network: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    path: Path | None = None

    def fetch_options(self) -> FetchOptions:
        """The fetch limits: the defaults of ``FetchOptions`` overridden by ``[network]``."""
        from broadsheet.fetch import FetchOptions

        return FetchOptions(**self.network)


def _valid(key: str, value: object) -> bool:
    types, _ = _NETWORK_KEYS[key]
    if isinstance(value, bool) or not isinstance(value, types):
        return False
    if isinstance(value, str):
        return bool(value.strip()) and "\n" not in value and "\r" not in value
    if key == "max_redirects":
        return isinstance(value, int) and value >= 0
    return isinstance(value, int | float) and value > 0


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate parsed TOML; keep what is valid and describe the rest."""
    where = str(path) if path else "the settings"
    problems: list[str] = []
    network: dict[str, Any] = {}
    raw_network = data.get("network", {})
    if not isinstance(raw_network, dict):
        problems.append(f"{where}: [network] must be a table; using the default network settings")
        raw_network = {}
    for key, value in raw_network.items():
        if key not in _NETWORK_KEYS:
            known = ", ".join(sorted(_NETWORK_KEYS))
            problems.append(f"{where}: unknown setting network.{key} (known: {known}); ignored")
        elif not _valid(key, value):
            problems.append(
                f"{where}: network.{key} must be {_NETWORK_KEYS[key][1]}, "
                f"not {value!r}; using the default"
            )
        else:
            network[key] = float(value) if float in _NETWORK_KEYS[key][0] else value
    tables = {k: v for k, v in data.items() if k != "network"}
    return Config(network=network, tables=tables, problems=tuple(problems), path=path)


def load_config(path: Path) -> Config:
    """Read ``path``; a missing file gives the defaults, a broken one the defaults and a problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as exc:
        problem = f"{path}: cannot read ({exc.strerror}); using defaults"
        return Config(path=path, problems=(problem,))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(path=path, problems=(f"{path}: not UTF-8 text; using defaults",))
    except tomllib.TOMLDecodeError as exc:
        return Config(path=path, problems=(f"{path}: not valid TOML ({exc}); using defaults",))
    return parse_config(data, path)
