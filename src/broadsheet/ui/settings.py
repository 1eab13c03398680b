"""The app's own settings, read from the config file's ``[ui]`` and ``[keys]`` tables.

``broadsheet.config`` validates the tables the headless core uses and keeps the others in
``Config.tables`` untouched; this module reads the two the app owns::

    [ui]
    theme = "ansi-dark"        # any Textual theme; "textual-ansi" uses the terminal's colours
    reading_width = 80         # the widest a line of article text may be, in cells
    images = false             # no inline pictures even where the terminal can draw them

    [keys]                     # binding id = "key" or "key,key"
    "article.export" = "x"
    history.back = "backspace,ctrl+o"   # dotted keys work too

Like the core's config, a wrong value never stops the app: it is left out (the default
applies) and described in ``UiSettings.problems`` naming the key, which the app shows as a
warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from broadsheet import paths
from broadsheet.config import line_of, load_config

# Names people may know from other Textual apps or older Textual releases.
THEME_ALIASES = {"textual-ansi": "ansi-dark", "ansi": "ansi-dark"}
MIN_WIDTH, MAX_WIDTH = 20, 1000
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$|^.$")


@dataclass(frozen=True)
class UiSettings:
    """What the ``[ui]`` and ``[keys]`` tables say, after validation."""

    theme: str | None = None
    reading_width: int | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    images: bool = True  # inline pictures where the terminal has a graphics protocol


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """``{"article": {"export": "x"}}`` (TOML dotted keys) as ``("article.export", "x")``."""
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def _keys_valid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    keys = [k.strip() for k in value.split(",")]
    return bool(keys) and all(k and _KEY.match(k) for k in keys)


def parse_ui_settings(
    tables: Mapping[str, Any],
    *,
    themes: Iterable[str],
    binding_ids: Iterable[str],
    where: str = "the settings",
    text: str = "",
) -> UiSettings:
    """Validate the ``[ui]`` and ``[keys]`` tables against the themes and bindings that exist.

    With the file's ``text``, each problem also names the line of the key.
    """
    problems: list[str] = []

    def at(table: str, key: str) -> str:
        number = line_of(text, table, key) if text else None
        return f"{where}, line {number}" if number else where

    known_themes = set(themes)
    known_ids = set(binding_ids)
    theme: str | None = None
    width: int | None = None
    images = True
    ui = tables.get("ui", {})
    if not isinstance(ui, dict):
        problems.append(f"{where}: [ui] must be a table; using the default look")
        ui = {}
    for key, value in ui.items():
        if key == "theme":
            name = THEME_ALIASES.get(value, value) if isinstance(value, str) else value
            if isinstance(name, str) and name in known_themes:
                theme = name
            else:
                choices = ", ".join(sorted(known_themes | set(THEME_ALIASES)))
                problems.append(
                    f"{at('ui', 'theme')}: ui.theme {value!r} is not a theme "
                    f"(choose one of {choices}); using the default"
                )
        elif key == "reading_width":
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and (MIN_WIDTH <= value <= MAX_WIDTH)
            ):
                width = value
            else:
                problems.append(
                    f"{at('ui', key)}: ui.reading_width must be a whole number of cells "
                    f"from {MIN_WIDTH} to {MAX_WIDTH}, not {value!r}; using the default"
                )
        elif key == "images":
            if isinstance(value, bool):
                images = value
            else:
                problems.append(
                    f"{at('ui', key)}: ui.images must be true or false, not {value!r}; "
                    "using the default (true)"
                )
        else:
            problems.append(
                f"{at('ui', key)}: unknown setting ui.{key} "
                "(known: images, reading_width, theme); ignored"
            )
    keymap: dict[str, str] = {}
    keys = tables.get("keys", {})
    if not isinstance(keys, dict):
        problems.append(f"{where}: [keys] must be a table; using the default keys")
        keys = {}
    for binding_id, value in _flatten(keys):
        if binding_id not in known_ids:
            problems.append(
                f"{at('keys', binding_id)}: keys.{binding_id} is not a binding id "
                "(ids look like article.export; the help screen, ?, lists the keys); ignored"
            )
        elif not _keys_valid(value):
            problems.append(
                f"{at('keys', binding_id)}: keys.{binding_id} must be a key name or names "
                f'separated by commas (like "x" or "x,ctrl+e"), not {value!r}; using the default'
            )
        else:
            keymap[binding_id] = ",".join(k.strip() for k in value.split(","))
    return UiSettings(theme, width, keymap, tuple(problems), images)


def load_ui_settings(
    home: Path | None, *, themes: Iterable[str], binding_ids: Iterable[str]
) -> UiSettings:
    """Read the config file governing ``home`` (``paths.config_path``; its syntax problems
    are the Library's to report)."""
    path = paths.config_path(home)
    config = load_config(path)
    return parse_ui_settings(
        config.tables, themes=themes, binding_ids=binding_ids, where=str(path), text=config.text
    )
