"""The feed layer is headless core: importing it must not load textual (DESIGN.md section 3)."""

from __future__ import annotations

import subprocess
import sys


def test_feeds_import_without_textual() -> None:
    code = (
        "import sys, broadsheet.feeds\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
