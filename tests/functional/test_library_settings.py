"""Where the library keeps its files (paths) and how the settings file is read (config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet import paths
from broadsheet.config import load_config, parse_config
from broadsheet.errors import StoreError
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library


def test_home_follows_the_environment(home: Path) -> None:
    assert paths.home() == home
    assert paths.database_path() == home / "broadsheet.sqlite3"
    assert paths.config_path() == home / "config.toml"
    assert paths.export_dir() == home / "exports"
    assert not home.exists(), "asking for paths creates nothing"


def test_home_defaults_to_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROADSHEET_HOME", raising=False)
    assert paths.home().name == "broadsheet"
    monkeypatch.setenv("BROADSHEET_HOME", "  ")
    assert paths.home().name == "broadsheet", "a blank override is ignored"


def test_library_creates_its_cache_under_home(home: Path) -> None:
    library = Library()
    try:
        assert library.home == home
        assert (home / "broadsheet.sqlite3").is_file()
        assert library.list_articles() == []
    finally:
        library.close()


def test_an_unusable_cache_path_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "broadsheet.sqlite3").mkdir()
    with pytest.raises(StoreError, match=r"broadsheet\.sqlite3"):
        Library(tmp_path)


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config.problems == ()
    assert config.fetch_options() == FetchOptions()


def test_valid_network_settings_apply(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "[network]\nmax_bytes = 5_000_000\nconnect_timeout = 5\nread_timeout = 7.5\n"
        'deadline = 30\nmax_redirects = 0\nuser_agent = "Broadsheet (tests)"\n'
        "[ui]\ntheme = 'dark'\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.problems == ()
    options = config.fetch_options()
    assert options == FetchOptions(
        max_bytes=5_000_000,
        connect_timeout=5.0,
        read_timeout=7.5,
        deadline=30.0,
        max_redirects=0,
        user_agent="Broadsheet (tests)",
    )
    assert config.tables == {"ui": {"theme": "dark"}}


@pytest.mark.parametrize(
    ("network", "needle"),
    [
        ({"max_bytes": -1}, "network.max_bytes must be a whole number of bytes above 0"),
        ({"max_bytes": 1.5}, "network.max_bytes"),
        ({"deadline": True}, "network.deadline"),
        ({"read_timeout": "20"}, "network.read_timeout"),
        ({"max_redirects": -2}, "network.max_redirects"),
        ({"user_agent": "a\nb"}, "network.user_agent"),
        ({"timeout": 5}, "unknown setting network.timeout"),
    ],
)
def test_bad_values_are_named_and_defaults_used(network: dict[str, object], needle: str) -> None:
    config = parse_config({"network": network}, Path("/x/config.toml"))
    assert len(config.problems) == 1
    assert needle in config.problems[0]
    assert config.problems[0].startswith("/x/config.toml: ")
    assert config.fetch_options() == FetchOptions()


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"[network\n", "not valid TOML"),
        (b"\xff\xfe[network]", "not UTF-8"),
        (b"network = 3\n", "[network] must be a table"),
    ],
)
def test_a_broken_file_gives_a_problem_and_defaults(
    tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    config = load_config(path)
    assert len(config.problems) == 1 and needle in config.problems[0]
    assert str(path) in config.problems[0]
    assert config.fetch_options() == FetchOptions()
