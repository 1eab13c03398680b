"""The ``[refresh]`` table of the config file, validated like the ``[network]`` one.

Example::

    [refresh]
    interval_minutes = 30   # background refresh in the app; absent: never
    concurrency = 8         # requests in flight during a refresh
    per_host = 2            # ...and to any one host
    max_new_pages = 50      # article pages fetched per source and refresh

A bad value never stops Broadsheet: it falls back to the default and is described in the
problems returned, which the CLI prints as warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RefreshSettings:
    """The ``[refresh]`` table of the config file.

    ``interval_minutes`` is for the app's optional background refresh (None: never);
    ``concurrency`` bounds requests in flight; ``per_host`` bounds them per host.
    """

    concurrency: int = 8
    per_host: int = 2
    interval_minutes: float | None = None
    max_new_pages: int = 50

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1 or self.max_new_pages < 0:
            raise ValueError("refresh limits must be positive")
        if self.interval_minutes is not None and self.interval_minutes <= 0:
            raise ValueError("refresh.interval_minutes must be above 0")


_REFRESH_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "concurrency": ((int,), "a whole number from 1 to 64"),
    "per_host": ((int,), "a whole number from 1 to 16"),
    "interval_minutes": ((int, float), "a number of minutes above 0"),
    "max_new_pages": ((int,), "a whole number, 0 or more"),
}
_LIMITS: dict[str, tuple[float, float]] = {
    "concurrency": (1, 64),
    "per_host": (1, 16),
    "interval_minutes": (0.1, 60 * 24 * 7),
    "max_new_pages": (0, 10_000),
}


def refresh_settings(
    tables: Mapping[str, Any], where: str | Callable[..., str] = "the settings"
) -> tuple[RefreshSettings, tuple[str, ...]]:
    """Read ``[refresh]`` from the config file's tables; invalid values fall back to defaults
    and are described in the returned problems, like the ``[network]`` table's.

    ``where`` names the file, or is ``Config.where``, which adds the line of a key path.
    """
    place: Callable[..., str] = where if callable(where) else (lambda *_key: where)
    raw = tables.get("refresh", {})
    if not isinstance(raw, dict):
        return RefreshSettings(), (
            f"{place('refresh')}: [refresh] must be a table; using the defaults",
        )
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        where_key = place("refresh", key)
        if key not in _REFRESH_KEYS:
            known = ", ".join(sorted(_REFRESH_KEYS))
            problems.append(f"{where_key}: unknown setting refresh.{key} (known: {known}); ignored")
            continue
        types, description = _REFRESH_KEYS[key]
        low, high = _LIMITS[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, types)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            problems.append(
                f"{where_key}: refresh.{key} must be {description}, not {value!r}; "
                "using the default"
            )
            continue
        values[key] = float(value) if key == "interval_minutes" else value
    return RefreshSettings(**values), tuple(problems)
