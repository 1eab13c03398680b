"""Wrapping text in display columns, as a terminal shows it.

A CJK character takes two columns (``rich.cells``; the core may import rich, never
textual), CJK text breaks between any two characters, other text breaks at spaces, and
closing punctuation never starts a line (kinsoku). ``hard_wrap`` cuts preformatted lines
(code) without reflowing them, so indentation survives.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

# Tokens: whitespace runs, single wide characters (breakable anywhere, as CJK text is), and
# runs of anything else (words, which break only at spaces unless longer than a line).
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd"
)
_TOKEN = re.compile(f"\\s+|[{_WIDE}]|[^\\s{_WIDE}]+")
# Closing punctuation that must not start a line (kinsoku): it pulls the previous character along.
_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’…,.;:!?)]}%")


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Wrap one paragraph to ``width`` display columns with a first-line and hanging prefix."""
    rest = first if rest is None else rest
    lines: list[str] = []
    line: list[str] = []
    prefix = first
    used = cell_len(prefix)

    def flush() -> None:
        nonlocal line, prefix, used
        lines.append((prefix + "".join(line)).rstrip())
        line, prefix = [], rest
        used = cell_len(prefix)

    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        size = cell_len(token)
        if used + size <= width:
            line.append(token)
            used += size
            continue
        carry: list[str] = []
        if token[0] in _NO_LINE_START and len(line) > 1 and not line[-1].isspace():
            carry = [line.pop()]
        while line and line[-1] == " ":
            line.pop()
        if line:
            flush()
        line = carry
        used = cell_len(prefix) + sum(cell_len(t) for t in line)
        if used + size <= width:
            line.append(token)
            used += size
            continue
        # Wider than what is left even on a fresh line: cut it, character by character. A
        # first-line prefix wider than the hanging one (a long "Header: ") may stand alone.
        for ch in token:
            size = cell_len(ch)
            if used + size > width and (line or prefix != rest):
                flush()
            line.append(ch)
            used += size
    if line or not lines:
        flush()
    return lines


def hard_wrap(line: str, width: int, prefix: str = "", marker: str = "↪ ") -> list[str]:
    """Cut one preformatted line into pieces of at most ``width`` columns.

    Whitespace is kept as is (code indentation matters). A piece ends after its last space
    when it has one past the indentation (``isoformat(),`` / ``↪ reading])`` reads better
    than a word cut in two); continuation pieces start with ``prefix + marker`` so a reader
    sees the line goes on rather than a new line starting.
    """
    out: list[str] = []
    line = line.rstrip()  # trailing blanks would only make empty continuation pieces
    piece = ""  # the part of ``line`` on the current output line
    lead = prefix
    indent = len(line) - len(line.lstrip(" "))
    for ch in line:
        # A loop, not one cut: what follows the last space, carried to a line that starts
        # with the wider continuation marker, may itself be too long for it.
        while piece and cell_len(lead + piece + ch) > width:
            cut = piece.rfind(" ", indent if lead == prefix else 0) + 1
            if cut <= (indent if lead == prefix else 0) or not piece[:cut].strip():
                cut = len(piece)
            out.append((lead + piece[:cut]).rstrip())
            piece, lead = piece[cut:], prefix + marker
        piece += ch
    out.append((lead + piece).rstrip())
    return out
