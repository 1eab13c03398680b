"""``broadsheet demo``: the sample site on a local port, a throwaway cache, and the app.

A newcomer sees the reader working with no network: the demo site (written for the project,
Chinese portal pages and English blog posts) is served on 127.0.0.1 by the same server the
tests use. Two sources are followed, as a user would with ``broadsheet add``: the blog's RSS
feed (``feed.xml``) and the portal's column page (``/news/``, a GBK list of article links
with no feed, the way Chinese portals publish). The sidebar shows both with unread counts,
every article linked from the index page is in a temporary data folder, and the app opens
on the Chinese portal article. Nothing is left behind afterwards.

The site's own index page advertises the feed (``<link rel="alternate">``), so adding it
would follow the feed again; the column page is what a portal reader adds instead.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from html import escape
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from broadsheet.demo.server import SiteServer, send

if TYPE_CHECKING:
    from broadsheet.library import Library
    from broadsheet.models import Source

SITE = Path(__file__).parent / "site"
_NOT_ARTICLES = (".xml", ".atom", ".json", ".txt", ".css", ".js", ".png", ".jpg", ".svg")


FEED_PATH = "/feed.xml"
COLUMN_PATH = "/news/"


class _Links(HTMLParser):
    """Collects the href of every ``<a>`` in document order, and each link's text."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.texts: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            self._open = bool(href)
            if href:
                self.hrefs.append(href)
                self.texts.append("")

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = False


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


def column_page(index_html: str) -> bytes:
    """The portal's column page (栏目页): its articles from the index, listed in GBK.

    Built from the index page so the two never disagree; encoded in GBK and declared only
    in a ``<meta charset>``, as the portals Broadsheet is written for serve their pages.
    """
    parser = _Links()
    parser.feed(index_html)
    items = [
        f'<li><a href="{escape(href)}">{escape(" ".join(text.split()))}</a></li>'
        for href, text in zip(parser.hrefs, parser.texts, strict=True)
        if href.endswith(".gbk.html")
    ]
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="gbk">'
        "<title>康源医药网</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/news/">健康资讯</a></div>'
        '<div class="list"><h2>健康资讯</h2><ul>' + "".join(items) + "</ul></div>"
        '<div class="footer">演示站点 仅供 Broadsheet 演示</div></body></html>'
    )
    return page.encode("gbk")


def serve_column(server: SiteServer, site: Path = SITE) -> None:
    """Add the column page to ``server`` at ``COLUMN_PATH``."""
    body = column_page((site / "index.html").read_text(encoding="utf-8"))

    def handler(request: BaseHTTPRequestHandler) -> None:
        send(request, 200, body, "text/html")

    server.routes[COLUMN_PATH] = handler


async def follow_demo_sources(library: Library, server: SiteServer) -> list[Source]:
    """Follow the blog's feed and the portal's column page, reading each once.

    The feed's entries carry only a summary, so the full articles are fetched. The network
    client is closed before returning: the app runs on another event loop.
    """
    try:
        return [
            await library.add_source(server.url(FEED_PATH), full_article=True),
            await library.add_source(server.url(COLUMN_PATH)),
        ]
    finally:
        await library.aclose()


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
            serve_column(server, site)
            asyncio.run(follow_demo_sources(library, server))
            run_app(library, demo_urls(server, site))
        finally:
            library.close()
            if previous is None:
                os.environ.pop("BROADSHEET_HOME", None)
            else:
                os.environ["BROADSHEET_HOME"] = previous
    return 0
