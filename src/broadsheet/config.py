"""Settings from a TOML file (``paths.config_path()``), read with tomllib.

This module validates the tables the headless core uses: ``[network]`` (fetch limits, the
proxy, per-site headers and cookies) and ``[storage]`` (the data folder). Other tables are
kept in ``Config.tables`` untouched, so the app and the sources feature read their own
sections (``[ui]``, ``[keys]``, ``[refresh]``) without this module learning about them.

A missing file means defaults. A broken file never stops Broadsheet: ``load_config`` returns
the defaults for whatever it could not use and lists each problem in ``Config.problems`` as a
sentence naming the file, the line and the key, which the CLI prints as a warning. Values that
may be secret (header values, cookies, a proxy password) are never repeated in a problem.

Example::

    [network]
    max_bytes = 5_000_000
    connect_timeout = 5
    read_timeout = 15
    deadline = 45
    max_redirects = 5
    user_agent = "Broadsheet (me@example.org)"
    proxy = "socks5://127.0.0.1:1080"     # or http://user:password@proxy.lan:3128

    [network.sites."example.org"]         # example.org and its subdomains
    headers = { "Accept-Language" = "zh-CN", Referer = "https://example.org/" }
    cookies = { session = "abc123" }
    user_agent = "Mozilla/5.0 (compatible; Broadsheet)"

    [storage]
    data_dir = "~/Documents/broadsheet"   # the cache, exports and images go here

``storage.data_dir`` is read only from the file at the default location (``paths``): the
config file stays there while the data moves. ``$BROADSHEET_HOME`` overrides it.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from broadsheet import paths
from broadsheet.fetch_settings import (
    SiteRule,
    cookie_problem,
    header_problem,
    proxy_problem,
    shown_proxy,
    site_host,
    user_agent_problem,
)

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
_NETWORK_TABLE_KEYS = ("proxy", "sites")
_SITE_KEYS = ("cookies", "headers", "user_agent")
_STORAGE_KEYS = ("data_dir",)
_OWN_TABLES = ("network", "storage")


@dataclass(frozen=True)
class Config:
    """What the settings file says, after validation.

    ``network`` holds only valid ``FetchOptions`` fields (``sites`` as ``SiteRule`` tuples);
    ``data_dir`` is the data folder the file names, made absolute (None: not set or bad).
    """

    network: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    path: Path | None = None
    data_dir: Path | None = None
    text: str = field(default="", repr=False)

    def fetch_options(self) -> FetchOptions:
        """The fetch settings: the defaults of ``FetchOptions`` overridden by ``[network]``."""
        from broadsheet.fetch import FetchOptions

        return FetchOptions(**self.network)

    def where(self, *key: str) -> str:
        """``/path/config.toml, line 7``: the file and, when findable, the line of ``key``."""
        place = str(self.path) if self.path else "the settings"
        number = find_line(self.text, key) if self.text and key else None
        return f"{place}, line {number}" if number else place

    def problems_for(self, home: Path) -> tuple[str, ...]:
        """The problems, plus a note when ``storage.data_dir`` names another folder than
        ``home``, the data folder actually in use ($BROADSHEET_HOME, or a folder a program
        chose), so a setting that does nothing never looks as if it worked."""
        if self.data_dir is None or self.data_dir == home:
            return self.problems
        why = f" (${paths.ENV_HOME})" if os.environ.get(paths.ENV_HOME, "").strip() else ""
        note = (
            f"{self.where('storage', 'data_dir')}: storage.data_dir ({self.data_dir}) is not "
            f"used: the data folder is {home}{why}"
        )
        return (*self.problems, note)


def find_line(text: str, key: Sequence[str]) -> int | None:
    """The line (1-based) of TOML ``text`` where the key path ``key`` is set, if findable.

    tomllib gives no positions, so this scans table headers and assignments, comparing full
    dotted paths (``[network.sites."a.org"]`` then ``headers = ...`` is
    ``network.sites.a.org.headers``). A key set inside an inline table (``headers = { ... }``)
    is found at the line of the deepest enclosing key that is.
    """
    target = ".".join(key)
    best: tuple[int, int] | None = None  # (depth, line)
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith("["):
            parsed = _key_parts(stripped.lstrip("["))
            if parsed is None:
                continue
            table = parsed[0]
            path = table
        else:
            parsed = _key_parts(line)
            if parsed is None or not line[parsed[1] :].startswith("="):
                continue
            path = table + parsed[0]
        joined = ".".join(path)
        if joined == target:
            return number
        if target.startswith(joined + ".") and (best is None or len(joined) > best[0]):
            best = (len(joined), number)
    return best[1] if best else None


def line_of(text: str, table: str, key: str) -> int | None:
    """The line where ``key`` (which may be dotted) of ``[table]`` is set; see ``find_line``."""
    return find_line(text, (table, key))


_KEY_PART = re.compile(r"""\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*""")


def _key_parts(text: str) -> tuple[list[str], int] | None:
    """A TOML dotted key at the start of ``text``: its parts and where it ends."""
    parts: list[str] = []
    pos = 0
    while True:
        match = _KEY_PART.match(text, pos)
        if match is None:
            return None
        bare, basic, literal = match.groups()
        if bare is not None:
            parts.append(bare)
        elif literal is not None:
            parts.append(literal)
        else:
            try:
                parts.append(json.loads(f'"{basic}"'))
            except ValueError:
                parts.append(basic)
        pos = match.end()
        if not text.startswith(".", pos):
            return parts, pos
        pos += 1


def _shown(key: Iterable[str]) -> str:
    """A key path as TOML writes it: ``network.sites."example.org".headers.Referer``."""
    return ".".join(
        part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else json.dumps(part) for part in key
    )


def _valid(key: str, value: object) -> bool:
    types, _ = _NETWORK_KEYS[key]
    if isinstance(value, bool) or not isinstance(value, types):
        return False
    if isinstance(value, str):
        return bool(value.strip()) and value.isprintable()
    if key == "max_redirects":
        return isinstance(value, int) and value >= 0
    return isinstance(value, int | float) and value > 0


class _Reader:
    """Validation state for one file: the problems found so far, each with its line."""

    def __init__(self, path: Path | None, text: str) -> None:
        self.config = Config(path=path, text=text)
        self.problems: list[str] = []

    def problem(self, key: Sequence[str], sentence: str) -> None:
        self.problems.append(f"{self.config.where(*key)}: {sentence}")

    def table(self, data: dict[str, Any], key: Sequence[str], what: str) -> dict[str, Any]:
        """``data[key[-1]]`` when it is a table (or missing: empty), else a problem."""
        value = data.get(key[-1], {})
        if isinstance(value, dict):
            return value
        self.problem(key, f"[{_shown(key)}] must be a table; {what}")
        return {}

    def network(self, data: dict[str, Any]) -> dict[str, Any]:
        raw = self.table(data, ("network",), "using the default network settings")
        network: dict[str, Any] = {}
        for key, value in raw.items():
            name = f"network.{_shown([key])}"
            if key == "proxy":
                if problem := proxy_problem(value):
                    shown = shown_proxy(value) if isinstance(value, str) else value
                    self.problem(
                        ("network", key),
                        f"network.proxy {problem}, not {shown!r} (for example "
                        '"http://127.0.0.1:8080" or "socks5://127.0.0.1:1080"); using no proxy',
                    )
                else:
                    network["proxy"] = value.strip()
            elif key == "sites":
                network["sites"] = self.sites(raw)
            elif key not in _NETWORK_KEYS:
                known = ", ".join(sorted([*_NETWORK_KEYS, *_NETWORK_TABLE_KEYS]))
                self.problem(("network", key), f"unknown setting {name} (known: {known}); ignored")
            elif not _valid(key, value):
                self.problem(
                    ("network", key),
                    f"{name} must be {_NETWORK_KEYS[key][1]}, not {value!r}; using the default",
                )
            else:
                network[key] = float(value) if float in _NETWORK_KEYS[key][0] else value
        return network

    def sites(self, network: dict[str, Any]) -> tuple[SiteRule, ...]:
        raw = self.table(network, ("network", "sites"), "no site has its own settings")
        rules: dict[str, SiteRule] = {}
        for key, table in raw.items():
            here = ("network", "sites", key)
            host = site_host(key)
            if host is None:
                self.problem(
                    here,
                    f"{_shown(here)}: {key!r} is not a host name like example.org (no "
                    "scheme, port or path); ignored",
                )
            elif host in rules:
                self.problem(here, f"{_shown(here)} repeats the site {host}; ignored")
            elif not isinstance(table, dict):
                self.problem(here, f"{_shown(here)} must be a table; ignored")
            else:
                rules[host] = self.site(here, host, table)
        return tuple(rules.values())

    def site(self, here: tuple[str, ...], host: str, table: dict[str, Any]) -> SiteRule:
        headers: list[tuple[str, str]] = []
        cookies: list[tuple[str, str]] = []
        user_agent: str | None = None
        for key, value in table.items():
            at = (*here, key)
            if key == "user_agent":
                if problem := user_agent_problem(value):
                    self.problem(at, f"{_shown(at)} {problem}, not {value!r}; ignored")
                else:
                    user_agent = value
            elif key in ("headers", "cookies"):
                check = header_problem if key == "headers" else cookie_problem
                found = headers if key == "headers" else cookies
                for name, item in self.table(table, at, "ignored").items():
                    if problem := check(name, item):
                        self.problem((*at, name), f"{_shown((*at, name))} {problem}; ignored")
                    else:
                        found.append((name, item))
            else:
                known = ", ".join(_SITE_KEYS)
                self.problem(at, f"unknown setting {_shown(at)} (known: {known}); ignored")
        return SiteRule(host, tuple(headers), tuple(cookies), user_agent)

    def data_dir(self, data: dict[str, Any]) -> Path | None:
        raw = self.table(data, ("storage",), "using the default data folder")
        folder: Path | None = None
        for key, value in raw.items():
            if key not in _STORAGE_KEYS:
                known = ", ".join(_STORAGE_KEYS)
                self.problem(
                    ("storage", key),
                    f"unknown setting storage.{_shown([key])} (known: {known}); ignored",
                )
            elif (
                not isinstance(value, str)
                or not value.strip()
                or not value.isprintable()
                or "\0" in value
            ):
                self.problem(
                    ("storage", key),
                    f"storage.data_dir must be a folder path, not {value!r}; "
                    "using the default data folder",
                )
            else:
                folder = Path(value.strip()).expanduser()
                if not folder.is_absolute() and self.config.path is not None:
                    folder = self.config.path.parent / folder  # beside the config file
        return folder


def parse_config(data: dict[str, Any], path: Path | None = None, text: str = "") -> Config:
    """Validate parsed TOML; keep what is valid and describe the rest.

    With the file's ``text``, each problem also names the line of its key.
    """
    reader = _Reader(path, text)
    network = reader.network(data)
    data_dir = reader.data_dir(data)
    tables = {k: v for k, v in data.items() if k not in _OWN_TABLES}
    return Config(
        network=network,
        tables=tables,
        problems=tuple(reader.problems),
        path=path,
        data_dir=data_dir,
        text=text,
    )


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
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        return Config(path=path, problems=(f"{path}: not UTF-8 text; using defaults",))
    except tomllib.TOMLDecodeError as exc:
        return Config(path=path, problems=(f"{path}: not valid TOML ({exc}); using defaults",))
    return parse_config(data, path, text)
