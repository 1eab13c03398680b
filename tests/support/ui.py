"""Drive the Broadsheet app in tests: a running app, what it notified, and its screen as text."""

from __future__ import annotations

import html
import re
import webbrowser
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from broadsheet.ui.app import BroadsheetApp
from broadsheet.ui.service import LibraryService

_CELL_WIDTH = 12.2  # Rich's SVG export: font size 20 x 0.61
_RUN = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app: App[object]) -> str:
    """The screen's text, one line per terminal row, from ``app.export_screenshot()``.

    Rich writes each styled run as an SVG ``<text>`` element at a row (``y``) and column
    (``x``, 12.2 units per cell) and leaves out runs of plain blanks; runs are placed at their
    columns and the entities (``&#160;`` for spaces) decoded.
    """
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[int, str]]] = {}
    for x, y, body in _RUN.findall(svg):
        column = round(float(x) / _CELL_WIDTH)
        rows.setdefault(float(y), []).append((column, html.unescape(body).replace("\xa0", " ")))
    lines = []
    for y in sorted(rows):
        line = ""
        for column, text in sorted(rows[y]):
            line += " " * max(column - cell_len(line), 0) + text
        lines.append(line.rstrip())
    return "\n".join(lines)


class Harness:
    """A running app with the notifications it raised, and helpers to drive it."""

    def __init__(self, app: BroadsheetApp, pilot: Pilot[None], notes: list[Notification]):
        self.app = app
        self.pilot = pilot
        self.notes = notes

    async def settle(self) -> None:
        """Wait until workers are done and the messages they caused are handled.

        A worker that failed raises ``WorkerFailed`` from ``wait_for_complete``; the app
        reports those failures itself (tests assert on the notification), so keep waiting.
        One the app replaced (an exclusive worker started again, as a second load of the
        source list does) raises ``WorkerCancelled``: that is the app's design, not a fault.
        """
        for _ in range(2):
            for _attempt in range(20):
                try:
                    await self.app.workers.wait_for_complete()
                    break
                except (WorkerFailed, WorkerCancelled):
                    continue
            await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        """Press keys one by one, settling after each (a key may start a worker)."""
        for key in keys:
            await self.pilot.press(key)
            await self.settle()

    def text(self) -> str:
        return screen_text(self.app)

    @property
    def messages(self) -> list[str]:
        return [n.message for n in self.notes]


@asynccontextmanager
async def running(
    library: LibraryService, size: tuple[int, int] = (160, 48), urls: Sequence[str] = ()
) -> AsyncIterator[Harness]:
    """Run the app on ``library`` (fetching ``urls`` first) and settle before handing it over."""
    notes: list[Notification] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notes.append(message.notification)

    app = BroadsheetApp(library, urls)
    async with app.run_test(size=size, message_hook=hook) as pilot:
        harness = Harness(app, pilot, notes)
        await harness.settle()
        yield harness


def graphical_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand in for the system's graphical browser; returns the URLs it is asked to open."""
    opened: list[str] = []

    class Browser:
        name = "firefox"

        def open(self, url: str) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", Browser)
    return opened
