"""The headless core never imports textual (DESIGN.md section 3).

Each module is imported in a fresh interpreter, because in this test process the app's tests
may already have loaded textual.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = [
    "models", "errors", "encoding", "sanitize", "fetch", "extract", "store", "library",
    "export", "serialize", "paths", "config", "cli",
]  # fmt: skip


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_without_textual(module: str) -> None:
    result = run(
        f"import sys, broadsheet.{module}\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_headless_commands_run_without_textual(tmp_path: Path) -> None:
    result = run(
        "import os, sys\n"
        f"os.environ['BROADSHEET_HOME'] = {str(tmp_path)!r}\n"
        "from broadsheet.cli import main\n"
        "assert main(['cache', 'path']) == 0\n"
        "assert main(['show', '1']) == 1\n"
        "from broadsheet.library import Library\n"
        "Library().close()\n"
        "print('textual' in sys.modules)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
