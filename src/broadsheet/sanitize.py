"""Make web text safe to store, show and export.

Rich and Textual strip only a few control characters; ESC, C1 controls, DEL and NUL would reach
the terminal (clipboard writes through OSC 52, screen clears, fake links), and bidi overrides
can disguise text. Every string that comes from the web passes through ``clean_text`` when it
enters the store and again on export.
"""

from __future__ import annotations

import re

# ESC-introduced sequences first (so their payload goes too), then lone controls.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL / ST
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS ... ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 except tab, LF, CR; DEL; C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\ufeff\ufff9-\ufffb]"  # BOM / zero-width no-break space, interlinear annotation
)

# Any character that ``clean_text`` changes: every escape sequence starts with one of the
# controls (ESC, 8-bit CSI or OSC), and carriage returns become newlines.
_NEEDS_CLEANING = re.compile(_CONTROLS.pattern[:-1] + "\r]")


def clean_text(text: str) -> str:
    """Remove escape sequences, control characters (keeping newline and tab) and bidi controls.

    Carriage returns become newlines so a ``\\r`` cannot overwrite a line on screen.
    """
    if not text or not _NEEDS_CLEANING.search(text):
        return text  # the common case, found in one scan instead of three
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """``clean_text`` for one-line fields (titles, authors): whitespace runs become one space."""
    return " ".join(clean_text(text).split())
