"""Background refresh (issue 5): ``[refresh] interval_minutes`` refreshes every source on a
timer, in the ``R`` key's worker group, quietly (a progress bar; a notification only for new
articles or failures), and never on top of a refresh that is still running.

A real Library on a real SQLite file, a feed served on 127.0.0.1 by SiteServer, the app
driven by Pilot. Waits are on conditions and workers, with a bound so a broken timer fails the
test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from tests.support.ui import Harness, running
from textual.worker import WorkerState

from broadsheet.demo.server import SiteServer, send
from broadsheet.library import Library
from broadsheet.sources import RefreshSettings
from broadsheet.ui.screens.main import MainScreen
from broadsheet.ui.widgets.article_list import ArticleList

BLOG_TITLE = "Keeping a Kitchen Garden Through the Winter"
PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"


class Feed:
    """An RSS feed whose items the test can change while the app runs."""

    def __init__(self, site: SiteServer) -> None:
        self.site = site
        self.items: list[tuple[str, str]] = [(BLOG_TITLE, "/wordpress.html")]
        self.requests = 0
        self.asked = threading.Event()  # a request arrived
        self.release = threading.Event()  # answer it (set: answer at once)
        self.release.set()
        self.status = 200
        site.routes["/feed.xml"] = self.serve

    @property
    def url(self) -> str:
        return self.site.url("/feed.xml")

    def serve(self, req: BaseHTTPRequestHandler) -> None:
        self.requests += 1
        self.asked.set()
        self.release.wait(30)
        if self.status != 200:
            send(req, self.status, b"down", "text/plain")
            return
        items = "".join(
            f"<item><title>{title}</title><link>{self.site.url(path)}</link>"
            f"<guid>{path}</guid><description>stub</description></item>"
            for title, path in self.items
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test feed</title><link>{self.site.url('/')}</link>{items}"
            "</channel></rss>"
        ).encode()
        send(req, 200, body, "application/rss+xml")


@pytest.fixture
def feed(site: SiteServer) -> Iterator[Feed]:
    served = Feed(site)
    yield served
    served.release.set()  # never leave a server thread waiting


def library_every(home: Path, minutes: float | None) -> Library:
    return Library(home, refresh_settings=RefreshSettings(interval_minutes=minutes))


async def until(h: Harness, condition: str, check: object) -> None:
    """Let the app run (timers fire, workers finish) until ``check()`` holds; fail after a
    bound rather than hang."""
    assert callable(check)
    for _ in range(300):
        await h.settle()
        if check():
            return
        await h.pilot.pause(0.05)
    pytest.fail(f"gave up waiting for {condition}")


def titles(h: Harness) -> list[str]:
    return [s.title for s in h.app.query_one(ArticleList).summaries]


async def test_the_timer_refreshes_quietly_and_tells_only_of_new_articles(
    home: Path, feed: Feed
) -> None:
    library = library_every(home, 0.002)  # 0.12 s: the timer fires many times in the test
    try:
        await library.add_source(feed.url)
        async with running(library) as h:
            assert titles(h) == [BLOG_TITLE]
            before = feed.requests
            await until(h, "a background refresh", lambda: feed.requests > before)
            await h.settle()
            assert not any(m.startswith("Refreshed") for m in h.messages)  # quiet
            assert not any(n.severity == "error" for n in h.notes)

            feed.items.append((PORTAL_TITLE, "/portal.gbk.html"))
            await until(h, "the new article", lambda: PORTAL_TITLE in titles(h))
            await until(h, "its notification", lambda: "1 new article" in h.messages)
            assert not any(m.startswith("Refreshed") for m in h.messages)
            assert not h.app.query_one("#refresh").display  # the bar is hidden when done

            feed.status = 500
            await until(
                h,
                "a failure notification",
                lambda: any(n.severity == "error" for n in h.notes),
            )
            failure = next(n for n in h.notes if n.severity == "error")
            assert failure.title == "Refresh failed"
            assert "Test feed" in failure.message
    finally:
        await library.aclose()
        library.close()


async def test_a_tick_leaves_a_running_refresh_alone(home: Path, feed: Feed) -> None:
    library = library_every(home, None)  # no timer: the test ticks by hand
    try:
        await library.add_source(feed.url)
        async with running(library) as h:
            screen = h.app.screen
            assert isinstance(screen, MainScreen)
            assert not [t for t in screen._timers if t.name == "background-refresh"]
            before = feed.requests
            feed.asked.clear()
            feed.release.clear()
            await h.pilot.press("R")  # a refresh the user asked for, held by the server
            assert await asyncio.to_thread(feed.asked.wait, 10)
            refreshes = [w for w in h.app.workers if w.group == "refresh"]
            assert [w.state for w in refreshes] == [WorkerState.RUNNING]
            for _ in range(3):
                screen._background_refresh()
            assert [w for w in h.app.workers if w.group == "refresh"] == refreshes
            assert refreshes[0].state == WorkerState.RUNNING  # not cancelled, not restarted
            feed.release.set()
            await h.settle()
            assert feed.requests == before + 1
            assert h.messages[-1] == "Refreshed 1 source: 0 new"  # still the user's, loud
    finally:
        await library.aclose()
        library.close()


async def test_a_tick_with_no_sources_does_nothing(home: Path) -> None:
    library = library_every(home, None)
    try:
        async with running(library) as h:
            screen = h.app.screen
            assert isinstance(screen, MainScreen)
            screen._background_refresh()
            await h.settle()
            assert not [w for w in h.app.workers if w.group == "refresh"]
            assert h.notes == []  # unlike R, which says there are no sources
    finally:
        library.close()
