"""Which command line starts the app or the demo, and with what (unit test of the CLI layer).

The app and the demo take over the terminal, so here ``run_app`` / ``run_demo`` are replaced
by recorders; the app itself is tested with Pilot in the UI tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import broadsheet.demo
import broadsheet.ui.app
from broadsheet.cli import main
from broadsheet.errors import StoreError
from broadsheet.library import Library


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, home: Path) -> list[tuple[Library, list[str]]]:
    calls: list[tuple[Library, list[str]]] = []

    def fake_run_app(library: Library, urls: list[str]) -> None:
        assert library.list_articles() == []  # a usable library, still open
        calls.append((library, list(urls)))

    monkeypatch.setattr(broadsheet.ui.app, "run_app", fake_run_app)
    return calls


@pytest.mark.parametrize(
    ("argv", "urls"),
    [
        ([], []),
        (["open"], []),
        (["example.org/a"], ["example.org/a"]),
        (["http://127.0.0.1:9/a", "https://e.org/b"], ["http://127.0.0.1:9/a", "https://e.org/b"]),
        (["open", "https://e.org/b"], ["https://e.org/b"]),
    ],
)
def test_the_app_opens_on_the_library_with_the_urls(
    started: list[tuple[Library, list[str]]], home: Path, argv: list[str], urls: list[str]
) -> None:
    assert main(argv) == 0
    ((library, given),) = started
    assert given == urls
    assert library.home == home
    with pytest.raises(StoreError, match="closed"):
        library.list_articles()  # closed once the app returns


def test_demo_runs_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(broadsheet.demo, "run_demo", lambda: 7)
    assert main(["demo"]) == 7


def test_a_damaged_cache_stops_before_the_app(
    started: list[tuple[Library, list[str]]], home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir()
    (home / "broadsheet.sqlite3").write_bytes(b"garbage" * 1000)
    assert main([]) == 1
    assert started == []
    err = capsys.readouterr().err
    assert err.startswith("broadsheet: error: the cache file ")
    assert "broadsheet cache reset" in err
