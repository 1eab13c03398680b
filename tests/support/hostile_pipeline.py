"""The pipeline side of the hostile matrix: limits, a served cache, and what to check after.

Shared by ``tests/functional/test_hostile_matrix.py`` (network cases) and
``test_hostile_payloads.py`` (markup and escape payloads). Test modules import the fixtures
(``module_site``, ``site``, ``library``) by name so pytest finds them there.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from broadsheet import paths
from broadsheet.demo.server import SiteServer
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from broadsheet.ui.widgets.reader import ReaderPane
from support import hostile

FIXTURES = Path(__file__).parent.parent / "fixtures"
PAGES = FIXTURES / "pages"
HOSTILE_PAGES = FIXTURES / "hostile"
PORTAL = "/portal.gbk.html"
PORTAL_TITLE = "社区医院推出夜间门诊 老人看病不再排长队"

MiB = 1024 * 1024
CAP = 2 * MiB
DEADLINE = 2.0
# Deadline plus what may follow the fetch (decoding, guarded extraction, one SQLite write) on
# a shared two-core machine. A case over this did not stop when it should have.
MARGIN = 8.0
OPTIONS = FetchOptions(
    max_bytes=CAP, connect_timeout=1.0, read_timeout=1.0, deadline=DEADLINE, max_redirects=5
)
# Python-side allocation peak allowed while one case runs: the cap is held at most a few times
# over (raw parts, the joined body, the decoded text), so 8 x CAP = 16 MiB. An uncapped decoder
# would reach 64 MiB on the bomb and 1 GiB on the stacked one. Pathological pages (about 1 MB
# each) are read whole, so their bound is the page times the guard's bookkeeping: 48 MiB.
PATHOLOGICAL_MEMORY = 48 * MiB
# A tag from the page's text, unescaped: ``\<img`` is an escaped literal in Markdown.
RAW_TAG = re.compile(r"(?<!\\)<(?:script|img)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def module_site() -> Iterator[SiteServer]:
    with SiteServer(PAGES) as server:
        yield server


@pytest.fixture
def site(module_site: SiteServer) -> SiteServer:
    """One server per module (stopping one waits for its poll loop); routes reset per test."""
    module_site.routes.clear()
    module_site.requests.clear()
    page = (HOSTILE_PAGES / hostile.PAYLOAD_PAGE).read_bytes()
    module_site.routes["/payload.html"] = hostile.page(page)
    return module_site


@pytest.fixture
async def library(home: Path, site: SiteServer) -> Library:
    """A Library with small limits, whose cache already holds the portal article."""
    opened = Library(home, fetch_options=OPTIONS)
    stored = await opened.open_url(site.url(PORTAL))
    assert stored.article.title == PORTAL_TITLE
    return opened


def assert_cache_intact(library: Library, home: Path, site: SiteServer) -> None:
    """The file passes SQLite's own check and the earlier article still opens."""
    conn = sqlite3.connect(paths.database_path(home))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    earlier = library.find(site.url(PORTAL))
    assert earlier is not None
    assert earlier.article.title == PORTAL_TITLE
    assert any("夜间门诊" in block.text for block in earlier.article.blocks)


def assert_clean(*texts: str) -> None:
    """Each text is safe to show: no C0 (but newline and tab), DEL, C1 or bidi control."""
    for text in texts:
        assert not hostile.forbidden_in(text), repr(text)


def reader_title(app: App[None]) -> str:
    """The title the reading pane shows, as plain text."""
    return str(app.query_one(ReaderPane).query_one("#title", Static).render())
