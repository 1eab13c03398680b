"""What a refresh reports: one result per source, progress events, and the whole report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from broadsheet.models import Source


@dataclass(frozen=True, slots=True)
class SourceResult:
    """What refreshing one source did. ``error`` is set when the source failed."""

    source: Source
    new: int = 0  # articles new to the cache
    entries: int = 0  # entries the source lists now
    not_modified: bool = False
    pages_fetched: int = 0
    page_errors: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class RefreshEvent:
    """Progress: sent when a source starts (``stage="start"``) and when it is done."""

    source: Source
    done: int  # sources finished so far
    total: int
    stage: Literal["start", "done"]
    result: SourceResult | None = None


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """Every source's result, in the order the sources were given."""

    results: tuple[SourceResult, ...] = ()

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def failed(self) -> tuple[SourceResult, ...]:
        return tuple(r for r in self.results if not r.ok)


Progress = Callable[[RefreshEvent], None]
