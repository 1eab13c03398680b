"""``broadsheet config path|show|edit`` as a real process with its own data folder."""

from __future__ import annotations

import stat
import sys
import tomllib
from pathlib import Path

from support.area_c import run_cli


def test_path_and_show_without_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    where = run_cli(home, "config", "path")
    assert where.returncode == 0
    assert where.stdout.strip() == str(home / "config.toml")
    shown = run_cli(home, "config", "show")
    assert shown.returncode == 0
    assert "does not exist" in shown.stdout
    assert not home.exists(), "show creates nothing"


def _editor(tmp_path: Path, old: str, new: str) -> str:
    """A stand-in editor: a script that replaces ``old`` by ``new`` in the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text(encoding='utf-8').replace({old!r}, {new!r}), "
        "encoding='utf-8')\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return f"{sys.executable} {script}"


def test_edit_creates_a_commented_file_and_opens_the_editor(tmp_path: Path) -> None:
    home = tmp_path / "home"
    editor = _editor(tmp_path, "# reading_width = 100", "reading_width = 90")
    result = run_cli(home, "config", "edit", extra_env={"EDITOR": editor, "VISUAL": ""})
    assert result.returncode == 0, result.stderr
    text = (home / "config.toml").read_text(encoding="utf-8")
    assert "# connect_timeout = 10" in text  # the commented starting file
    assert tomllib.loads(text)["ui"] == {"reading_width": 90}  # what the editor wrote
    shown = run_cli(home, "config", "show")
    assert shown.returncode == 0 and shown.stderr == ""
    assert "reading_width = 90" in shown.stdout


def test_a_bad_value_is_reported_with_its_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[network]\nmax_bytes = "lots"\n', encoding="utf-8")
    shown = run_cli(home, "config", "show")
    assert shown.returncode == 1
    assert 'max_bytes = "lots"' in shown.stdout
    assert "max_bytes" in shown.stderr and "warning" in shown.stderr


def test_show_checks_every_table_a_launch_would_read(tmp_path: Path) -> None:
    """``[refresh]`` (read by the library) and ``[ui]`` / ``[keys]`` (read by the app) are
    checked too, each problem naming its line, so a check finds what a launch would."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(
        '[refresh]\nconcurrency = 0\n\n[ui]\ntheme = "nope"\n\n[keys]\n"no.such" = "x"\n',
        encoding="utf-8",
    )
    shown = run_cli(home, "config", "show")
    assert shown.returncode == 1
    lines = shown.stderr.splitlines()
    assert any("line 2: refresh.concurrency" in line for line in lines), lines
    assert any("line 5: ui.theme 'nope'" in line for line in lines), lines
    assert any("line 8" in line and "no.such" in line for line in lines), lines
