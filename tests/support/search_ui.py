"""Helpers for driving the search screen in Pilot and snapshot tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from broadsheet.ui.screens.search import SearchScreen

POLLS = 400  # a generous cap on waiting for state, not a timing claim


async def wait_until(pilot: Pilot[Any], ready: Callable[[], bool], what: str) -> None:
    """Let the app run until ``ready()`` holds (a debounce timer and a worker in between)."""
    for _ in range(POLLS):
        if ready():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"gave up waiting for {what}")


async def type_query(pilot: Pilot[Any], text: str) -> SearchScreen:
    """Type ``text`` into the open search screen and wait until its results answer it."""
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    for char in text:
        await pilot.press(char if len(char) == 1 and char != " " else "space")
    await wait_until(pilot, lambda: not screen.pending, f"results for {text!r}")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen
