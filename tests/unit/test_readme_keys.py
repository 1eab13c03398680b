"""The README's keys table is the one the bindings produce (scripts/keys_table.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("keys_table", ROOT / "scripts" / "keys_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_keys_table_matches_the_bindings() -> None:
    script = _script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == script.readme_with_table(readme), (
        "README keys table is stale: run .venv/bin/python scripts/keys_table.py --write"
    )


def test_every_binding_in_the_table_has_an_id() -> None:
    table = _script().keys_table()
    assert "| `` |" not in table


def test_every_key_is_written_visibly() -> None:
    """Escape, space and tab are spelt out: as themselves they would put control characters
    or blank cells into the README."""
    table = _script().keys_table()
    assert not [c for c in table if not c.isprintable() and c != "\n"]
    assert "| ` ` |" not in table
    assert "`esc`" in table and "`space`" in table and "`tab`" in table
