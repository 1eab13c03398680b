"""The hostile web matrix: every case through the whole pipeline, against a real server.

Each case is served on 127.0.0.1 and opened with ``Library.open_url`` (fetch, decode,
extract, store) on a cache that already holds one article. For every case the test checks
what a user would: the fetch ended within its deadline (a correctness bound: the deadline
plus a margin for extraction and SQLite, never a speed target), memory stayed bounded for the
bombs and huge pages (tracemalloc peak against a stated bound), a failure is the right error
class with the URL in its message, and the cache is intact afterwards (``PRAGMA
integrity_check`` and the earlier article still opens). A representative subset runs in the
app with Pilot: the app is still running, the screen renders, a key still works and the
earlier article opens from the list.

The matrix, with results, is written up in docs/hostile.md; keep the two in step.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.support.ui import running

from broadsheet.demo.server import SiteServer
from broadsheet.errors import (
    BroadsheetError,
    ContentTypeError,
    EncodingError,
    NetworkError,
    RedirectError,
    TimeoutError_,
    TooLargeError,
)
from broadsheet.library import Library
from broadsheet.models import StoredArticle
from broadsheet.ui.widgets.article_list import ArticleList
from support import hostile
from support.hostile_pipeline import (
    CAP,
    DEADLINE,
    FIXTURES,
    MARGIN,
    PATHOLOGICAL_MEMORY,
    PORTAL_TITLE,
    MiB,
    assert_cache_intact,
    assert_clean,
    library,
    module_site,
    reader_title,
    site,
)

__all__ = ["library", "module_site", "site"]  # fixtures, imported so pytest finds them


@dataclass(frozen=True)
class Case:
    """One row of the matrix: what the server sends and what Broadsheet must do."""

    name: str
    handler: Callable[[], hostile.Handler]
    error: type[BroadsheetError] | None  # None: the page is read and stored
    says: str = ""  # a phrase the error message must contain
    title: str | None = None  # the stored title when the page is read
    memory: int = 8 * CAP  # tracemalloc peak allowed (Python allocations only)


def _gzip_gzip() -> hostile.Handler:
    body = hostile.gzip_bytes(hostile.gzip_bytes(hostile.gzip_bomb(16 * MiB)))
    return hostile.encoded(body, "gzip, gzip")


def _truncated_gzip() -> hostile.Handler:
    packed = hostile.gzip_bytes(hostile.huge_page(64 * 1024))
    return hostile.encoded(packed[: len(packed) // 2], "gzip")


CASES = [
    Case(
        "gzip-bomb",
        lambda: hostile.encoded(hostile.gzip_bomb(64 * MiB), "gzip"),
        TooLargeError,
        "larger than the 2 MB limit",
    ),
    Case("gzip-gzip", _gzip_gzip, EncodingError, "more than once"),
    Case("br", lambda: hostile.encoded(b"\x1b\x00\x00\x00" * 64, "br"), EncodingError, "br"),
    Case("trickle", lambda: hostile.trickle(interval=0.2), TimeoutError_, "gave up after 2 s"),
    Case("stall", lambda: hostile.stall(30), TimeoutError_, "sent nothing for 1 s"),
    Case("short-body", lambda: hostile.short_body(), EncodingError, "closed before"),
    Case("truncated-gzip", _truncated_gzip, EncodingError, "cut short"),
    Case("reset", lambda: hostile.reset(), NetworkError, ""),
    Case(
        "reset-mid-body",
        lambda: hostile.reset(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html>"
        ),
        NetworkError,
        "",
    ),
    Case("redirect-loop", lambda: hostile.redirect("/case"), RedirectError, "loop"),
    Case(
        "redirect-file",
        lambda: hostile.redirect("file:///etc/passwd"),
        RedirectError,
        "file:///etc/passwd",
    ),
    Case(
        "redirect-javascript",
        lambda: hostile.redirect("javascript:alert(1)"),
        RedirectError,
        "redirected to an invalid address (javascript:alert(1))",
    ),
    Case(
        "huge-declared",
        lambda: hostile.page(hostile.huge_page(4 * MiB)),
        TooLargeError,
        "it was not downloaded",
    ),
    Case(
        "huge-streamed",
        lambda: hostile.close_delimited(hostile.huge_page(4 * MiB)),
        TooLargeError,
        "larger than the 2 MB limit",
    ),
    Case(
        "pdf-as-html",
        lambda: hostile.page(hostile.PDF, "text/html; charset=utf-8"),
        ContentTypeError,
        "application/pdf",
    ),
    Case(
        "png-as-html",
        lambda: hostile.page(hostile.PNG, "text/html"),
        ContentTypeError,
        "image/png",
    ),
    Case("pdf-declared", lambda: hostile.page(hostile.PDF, "application/pdf"), ContentTypeError),
    Case(
        "charset-base64",
        lambda: hostile.page(hostile.HTML, "text/html; charset=base64"),
        None,
        title="A test page",
    ),
    Case(
        "nested-divs",
        lambda: hostile.page(hostile.nested_divs()),
        None,
        title="Deep divs",
        memory=PATHOLOGICAL_MEMORY,
    ),
    Case(
        "many-attributes",
        lambda: hostile.page(hostile.many_attributes()),
        None,
        title="Many attributes",
        memory=PATHOLOGICAL_MEMORY,
    ),
    Case(
        "nested-templates",
        lambda: hostile.page(hostile.nested_templates()),
        None,
        title="Nested templates",
        memory=PATHOLOGICAL_MEMORY,
    ),
]
BY_NAME = {case.name: case for case in CASES}
# The subset run in the app: one of each kind of failure, and every pathological page.
APP_CASES = [
    "gzip-bomb",
    "trickle",
    "reset",
    "redirect-javascript",
    "pdf-as-html",
    "nested-divs",
    "many-attributes",
    "nested-templates",
]


async def open_case(library: Library, url: str) -> tuple[StoredArticle | BaseException, float, int]:
    """Open ``url``; the result (or the error), the seconds it took and the memory peak."""
    tracemalloc.start()
    started = time.monotonic()
    outcome: StoredArticle | BaseException
    try:
        outcome = await library.open_url(url)
    except BroadsheetError as exc:
        outcome = exc
    finally:
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, elapsed, peak


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_case_through_the_library(
    case: Case, library: Library, site: SiteServer, home: Path
) -> None:
    site.routes["/case"] = case.handler()
    url = site.url("/case")
    try:
        outcome, elapsed, peak = await open_case(library, url)
        # One line per case for docs/hostile.md (shown with ``pytest -s``).
        print(
            f"\nMATRIX {case.name}: {type(outcome).__name__} {elapsed:.2f} s {peak / MiB:.1f} MiB"
            f" | {outcome.article.title if isinstance(outcome, StoredArticle) else outcome}"
        )
        assert elapsed < DEADLINE + MARGIN, f"{case.name} took {elapsed:.1f} s"
        assert peak < case.memory, f"{case.name} peaked at {peak / MiB:.1f} MiB"
        if case.error is None:
            assert isinstance(outcome, StoredArticle), repr(outcome)
            assert outcome.article.title == case.title
            assert len(library.list_articles()) == 2
        else:
            assert type(outcome) is case.error, repr(outcome)
            message = str(outcome)
            assert message.startswith(url + ": ")
            assert case.says in message
            assert_clean(message)
            assert len(library.list_articles()) == 1  # nothing half-stored
        assert_cache_intact(library, home, site)
    finally:
        await library.aclose()
        library.close()


@pytest.mark.parametrize("name", APP_CASES)
async def test_case_in_the_app(name: str, library: Library, site: SiteServer, home: Path) -> None:
    case = BY_NAME[name]
    site.routes["/case"] = case.handler()
    url = site.url("/case")
    started = time.monotonic()
    try:
        async with running(library, urls=[url]) as h:
            assert time.monotonic() - started < DEADLINE + MARGIN
            assert h.app.is_running
            if case.error is None:
                assert reader_title(h.app) == case.title
            else:
                assert any(url in message for message in h.messages), h.messages
            assert h.text().strip()  # the screen still renders
            await h.press("escape", "G", "enter")  # keys still work: open the earlier article
            assert reader_title(h.app) == PORTAL_TITLE
            assert "夜间门诊" in h.text()
            assert h.app.is_running
            titles = [s.title for s in h.app.query_one(ArticleList).summaries]
            assert titles[-1] == PORTAL_TITLE
        assert_cache_intact(library, home, site)
    finally:
        library.close()


FEED_CASES = ["gzip-bomb", "trickle", "reset", "redirect-javascript", "pdf-as-html"]


@pytest.mark.parametrize("name", FEED_CASES)
async def test_source_whose_server_turns_hostile(
    name: str, library: Library, site: SiteServer, home: Path
) -> None:
    """A followed feed that later answers with a hostile response: the refresh reports the
    failure for that source (never raises), within the deadline, and keeps what was cached."""
    case = BY_NAME[name]
    feed = (FIXTURES / "feeds" / "rss20.xml").read_bytes()
    site.routes["/feed.xml"] = hostile.page(feed, "application/rss+xml; charset=utf-8")
    try:
        source = await library.add_source(site.url("/feed.xml"))
        before = len(library.list_articles())
        assert before > 1
        site.routes["/feed.xml"] = case.handler()
        started = time.monotonic()
        report = await library.refresh(source)
        assert time.monotonic() - started < DEADLINE + MARGIN
        [result] = report.failed
        assert result.error is not None
        print(f"\nFEED {name}: {result.error}")
        assert result.error.startswith(site.url("/feed.xml") + ": ")
        assert case.says in result.error
        assert_clean(result.error)
        assert library.get_source(source.id).error == result.error
        assert len(library.list_articles()) == before
        assert_cache_intact(library, home, site)
    finally:
        await library.aclose()
        library.close()
