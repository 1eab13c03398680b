"""``broadsheet demo``: the sample site on a local port, a throwaway cache, and the app.

A newcomer sees the reader working with no network: the demo site (written for the project,
Chinese portal pages and English blog posts) is served on 127.0.0.1 by the same server the
tests use, every article linked from its index page is fetched into a temporary data folder,
and the app opens on the Chinese portal article. Nothing is left behind afterwards.
"""

from __future__ import annotations

import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from broadsheet.demo.server import SiteServer

SITE = Path(__file__).parent / "site"
_NOT_ARTICLES = (".xml", ".atom", ".json", ".txt", ".css", ".js", ".png", ".jpg", ".svg")


class _Links(HTMLParser):
    """Collects the href of every ``<a>`` in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def article_urls(index_html: str, base_url: str) -> list[str]:
    """Article links of the demo index in page order: same host, not feeds, no duplicates."""
    parser = _Links()
    parser.feed(index_html)
    base = urlsplit(base_url)
    urls: list[str] = []
    for href in parser.hrefs:
        url = urljoin(base_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.netloc != base.netloc or parts.path in ("", "/", "/index.html"):
            continue
        if parts.path.lower().endswith(_NOT_ARTICLES) or url in urls:
            continue
        urls.append(url)
    return urls


def start_order(urls: list[str]) -> list[str]:
    """The order to fetch in: the app shows the last URL, so the first Chinese portal article
    (a ``.gbk.html`` page, else the first link) goes last; the rest keep the index's order
    reversed, so the list (newest fetched first) reads like the index."""
    if not urls:
        return []
    lead = next((u for u in urls if u.endswith(".gbk.html")), urls[0])
    rest = [u for u in urls if u != lead]
    return [*reversed(rest), lead]


def demo_urls(server: SiteServer, site: Path = SITE) -> list[str]:
    """The demo's article URLs on ``server``, in the order to fetch them (portal last)."""
    index = (site / "index.html").read_text(encoding="utf-8")
    return start_order(article_urls(index, server.url("/")))


def run_demo(site: Path = SITE) -> int:
    """Serve the demo site, fetch its articles into a temporary cache and run the app."""
    from broadsheet.library import Library
    from broadsheet.ui.app import run_app

    with (
        tempfile.TemporaryDirectory(prefix="broadsheet-demo-") as folder,
        SiteServer(site) as server,
    ):
        home = Path(folder)
        previous = os.environ.get("BROADSHEET_HOME")
        os.environ["BROADSHEET_HOME"] = str(home)  # exports and config stay in the demo folder
        library = Library(home)
        try:
            run_app(library, demo_urls(server, site))
        finally:
            library.close()
            if previous is None:
                os.environ.pop("BROADSHEET_HOME", None)
            else:
                os.environ["BROADSHEET_HOME"] = previous
    return 0
