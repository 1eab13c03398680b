"""Pieces every command module of the command line shares: opening the Library the way the
user configured it, one-line messages on stderr, and a progress line for long commands.

They live apart from ``cli.py`` so the command modules (``cli_cache``, ``cli_sources``...)
can import them without importing ``cli`` back.
"""

from __future__ import annotations

import sys
from typing import TextIO

from broadsheet.library import Library
from broadsheet.sanitize import clean_line

PROG = "broadsheet"


def say(message: str) -> None:
    """One line on stderr, ``broadsheet: message``, with web text made safe for a terminal."""
    print(f"{PROG}: {clean_line(message)}", file=sys.stderr)


def open_library() -> Library:
    """The Library on the configured data folder (``paths.home()``), with the problems of the
    config file (``paths.config_path()``) shown as warnings."""
    library = Library()
    for problem in library.config_problems:
        say(f"warning: {problem}")
    return library


class StatusLine:
    """A line rewritten in place on a terminal (``[12/200] example.com ...``), cleared by
    ``finish``; silent when the stream is a pipe or a file, so scripts see only results."""

    def __init__(self, stream: TextIO, limit: int = 79) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.limit = limit
        self.width = 0

    def show(self, text: str) -> None:
        if not self.live:
            return
        text = clean_line(text)[: self.limit]
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.live and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
