"""Test helpers for sources and refresh (area C2): a small site with feeds and index pages.

``write_sources_site(root)`` writes feeds in every format, a page that advertises a feed, the
three index fixtures (tests/fixtures/index/) and every article page their links lead to, so a
``SiteServer`` on ``root`` answers each request a refresh makes, with real ETag/Last-Modified
headers and 304s. Feed links are relative, so nothing ever leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from broadsheet.demo.server import SiteServer, send

INDEX = Path(__file__).parent.parent / "fixtures" / "index"

LONG = (
    "This paragraph is long enough that the feed's own content is the whole article, so a "
    "refresh keeps it instead of fetching the page. It goes on about the harbour, the tides, "
    "the ferries and the market, sentence after sentence, because a teaser would be shorter "
    "than five hundred characters and end with an ellipsis or a read-more link, and this one "
    "must not. It has a second half too, about the lighthouse, the rowing club and the fish "
    "market, so that it is clearly longer than any teaser. The final sentence says that the "
    "article is complete as published in the feed."
)


def article_page(title: str, body: str, lang: str = "en") -> bytes:
    """A plain article page in UTF-8."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article><footer>Footer text</footer></body></html>"
    ).encode()


def rss_item(slug: str, title: str, content: str, guid: str | None = None) -> str:
    return (
        f"<item><title>{title}</title><link>/posts/{slug}.html</link>"
        f"<guid isPermaLink='false'>{guid or slug}</guid>"
        "<pubDate>Mon, 05 Jan 2026 09:30:00 +0000</pubDate>"
        f"<description><![CDATA[{content}]]></description></item>"
    )


def rss(title: str, items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def atom(title: str, slugs: list[str]) -> bytes:
    entries = "".join(
        f"<entry><title>Atom {s}</title><link rel='alternate' href='/posts/{s}.html'/>"
        f"<id>tag:atom,2026:{s}</id><updated>2026-01-06T21:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{LONG}&lt;/p&gt;</content></entry>"
        for s in slugs
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:atom</id><updated>2026-01-06T21:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def rdf(title: str, slugs: list[str]) -> bytes:
    items = "".join(
        f"<item rdf:about='/posts/{s}.html'><title>RDF {s}</title><link>/posts/{s}.html</link>"
        f"<description>{LONG}</description></item>"
        for s in slugs
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="/"><title>'
        f"{title}</title><link>/</link><description>d</description></channel>{items}</rdf:RDF>"
    ).encode()


def rss091(title: str, slugs: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Old {s}</title><link>/posts/{s}.html</link>"
        f"<description>{LONG}</description></item>"
        for s in slugs
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="0.91"><channel>'
        f"<title>{title}</title><link>/</link><description>d</description>"
        f"<language>en</language>{items}</channel></rss>"
    ).encode()


def json_feed(title: str, slugs: list[str]) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "items": [
                {
                    "id": f"json-{s}",
                    "url": f"/posts/{s}.html",
                    "title": f"JSON {s}",
                    "content_html": f"<p>{LONG}</p>",
                }
                for s in slugs
            ],
        }
    ).encode()


FEEDS: dict[str, tuple[str, Callable[[str, list[str]], bytes], list[str]]] = {
    "rss20.xml": ("RSS Two", lambda t, s: rss(t, [rss_item(x, f"RSS {x}", LONG) for x in s]),
                  ["r1", "r2", "r3"]),
    "atom.atom": ("Atom Feed", atom, ["a1", "a2"]),
    "feed.json": ("JSON Feed", json_feed, ["j1", "j2"]),
    "rss10.xml": ("RDF Feed", rdf, ["d1", "d2"]),
    "rss091.xml": ("Old Feed", rss091, ["o1", "o2"]),
}  # fmt: skip


def _portal_articles(root: Path) -> None:
    html = (INDEX / "portal-list.gbk.html").read_bytes()
    for day, ident, title in re.findall(
        rb'href="/news/2026/(\d{4})/(\d+)\.html" title="([^"]+)"', html
    ):
        folder = root / "news" / "2026" / day.decode()
        folder.mkdir(parents=True, exist_ok=True)
        name = title.decode("gbk")
        (folder / f"{ident.decode()}.html").write_bytes(
            article_page(name, f"{name}。记者从有关部门获悉，相关工作正在推进。", "zh")
        )


def _slug_articles(root: Path, fixture: str, pattern: str, suffix: str) -> None:
    text = (INDEX / fixture).read_text("utf-8")
    for path in set(re.findall(pattern, text)):
        file = root / (path.strip("/") + suffix)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(article_page(path.strip("/").split("/")[-1], LONG))


def write_sources_site(root: Path) -> None:
    """Feeds, a page advertising a feed, index pages and their article pages (see above)."""
    (root / "feeds").mkdir(parents=True, exist_ok=True)
    (root / "posts").mkdir(parents=True, exist_ok=True)
    for name, (title, make, slugs) in FEEDS.items():
        (root / "feeds" / name).write_bytes(make(title, slugs))
        for slug in slugs:
            (root / "posts" / f"{slug}.html").write_bytes(article_page(f"Page {slug}", LONG))
    (root / "feeds" / "stub.xml").write_bytes(
        rss(
            "Teasers",
            [rss_item("s1", "Stub one", "Only a teaser…"), rss_item("s2", "Stub two", "Short.")],
        )
    )
    for slug in ("s1", "s2"):
        (root / "posts" / f"{slug}.html").write_bytes(
            article_page(f"Full story {slug}", f"The whole story {slug} as the page tells it.")
        )
    (root / "blog").mkdir(exist_ok=True)
    (root / "blog" / "index.html").write_bytes(
        b'<!doctype html><html><head><meta charset="utf-8"><title>A blog</title>'
        b'<link rel="alternate" type="application/rss+xml" title="Blog feed" '
        b'href="/feeds/rss20.xml"></head><body><p>Welcome</p></body></html>'
    )
    (root / "plain.html").write_bytes(article_page("Just a page", "Nothing to follow here."))
    (root / "news").mkdir(exist_ok=True)
    shutil.copy(INDEX / "portal-list.gbk.html", root / "news" / "list.gbk.html")
    _portal_articles(root)
    shutil.copy(INDEX / "wordpress-index.html", root / "wp.html")
    _slug_articles(
        root, "wordpress-index.html", r'href="(/2026/\d\d/\d\d/[a-z-]+/)"', "/index.html"
    )
    shutil.copy(INDEX / "news-front.html", root / "front.html")
    _slug_articles(root, "news-front.html", r'href="(/2026/11/\d\d/[a-z]+/[a-z-]+)\.html"', ".html")


class MutableFeed:
    """A route whose body can change between requests (a feed that updates or breaks)."""

    def __init__(self, body: bytes, content_type: str = "application/rss+xml") -> None:
        self.body = body
        self.content_type = content_type
        self.status = 200

    def __call__(self, req: BaseHTTPRequestHandler) -> None:
        send(req, self.status, self.body, self.content_type)


class InFlight:
    """Wrap a server's handler to record the most requests it ever served at once."""

    def __init__(self, server: SiteServer, paths: list[str], hold: threading.Event) -> None:
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()
        self._hold = hold
        for path in paths:
            server.routes[path] = self._handler(server, path)

    def _handler(self, server: SiteServer, path: str) -> Callable[[BaseHTTPRequestHandler], None]:
        def handle(req: BaseHTTPRequestHandler) -> None:
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            self._hold.wait(0.2)  # overlap requests, so a broken limit would show
            with self._lock:
                self.now -= 1
            server._serve_file(req, path)

        return handle
