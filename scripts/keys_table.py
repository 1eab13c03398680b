"""Print the README's keys table, drawn from the app's bindings themselves.

    .venv/bin/python scripts/keys_table.py            # print the table
    .venv/bin/python scripts/keys_table.py --write    # replace it in README.md

The README holds the table between ``<!-- keys:start -->`` and ``<!-- keys:end -->``; a test
(tests/unit/test_readme_keys.py) fails when it no longer matches the bindings, so the README
cannot drift from the app.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.binding import Binding
from textual.keys import key_to_character

from broadsheet.ui.app import BINDING_OWNERS

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- keys:start -->", "<!-- keys:end -->"

# Where each owner's keys work, in words a reader uses; unknown owners use their class name.
PLACES = {
    "BroadsheetApp": "Anywhere",
    "MainScreen": "Main screen",
    "SourceList": "Source sidebar",
    "ArticleList": "Article list",
    "ReaderPane": "Reading pane",
    "FindBar": "Find bar",
    "CommentList": "Comment view",
    "HelpScreen": "Help",
    "AddressScreen": "Address prompt",
    "TocScreen": "Table of contents",
    "SearchScreen": "Search",
    "ExportScreen": "Export dialog",
}


# Keys whose character is invisible or spelt out better: ESC, a space or a tab written into the
# README as themselves would be control characters or blanks in a table cell.
_NAMED = {"escape": "esc", "space": "space", "tab": "tab", "backspace": "backspace", "slash": "/"}


def _key_name(key: str) -> str:
    """``question_mark`` -> ``?``, ``escape`` -> ``esc``; combinations and other named keys
    stay as Textual spells them."""
    if key in _NAMED:
        return _NAMED[key]
    char = key_to_character(key)
    return char if char and char.isprintable() and not char.isspace() else key


def _keys(binding: Binding) -> str:
    return ", ".join(f"`{_key_name(key.strip())}`" for key in binding.key.split(","))


def keys_table() -> str:
    """The Markdown table: one section per place, one row per binding."""
    out: list[str] = []
    for owner in BINDING_OWNERS:
        rows = [b for b in owner.BINDINGS if isinstance(b, Binding) and b.description]
        if not rows:
            continue
        out.append(f"**{PLACES.get(owner.__name__, owner.__name__)}**\n")
        out.append("| keys | what it does | id |")
        out.append("|---|---|---|")
        for b in rows:
            what = (b.tooltip or b.description).replace("|", "\\|")
            keys = _keys(b).replace("|", "\\|")
            out.append(f"| {keys} | {what} | `{b.id or ''}` |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def readme_with_table(readme: str) -> str:
    """``readme`` with the text between the markers replaced by the current table."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{keys_table()}{END}{tail}"


def main() -> int:
    if "--write" in sys.argv[1:]:
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(keys_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
