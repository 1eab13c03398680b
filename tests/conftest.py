"""Shared fixtures: a real HTTP server on 127.0.0.1 and a private data folder per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder; BROADSHEET_HOME points at it for the whole test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("BROADSHEET_HOME", str(folder))
    return folder


@pytest.fixture
def site() -> Iterator[SiteServer]:
    """The fixture pages (tests/fixtures/pages) served on a free loopback port.

    Tests add faulty responses with ``site.routes["/path"] = handler``.
    """
    with SiteServer(PAGES) as server:
        yield server
