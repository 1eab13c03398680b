"""Feeds fetched from a real HTTP server on 127.0.0.1, then recognised, parsed or discovered.

This is the path the sources feature takes: ``Fetcher.fetch(url, accept="feed")``, then
``looks_like_feed`` on the response, then ``parse_feed`` with the response headers (or
``discover_feeds`` on a page). The server serves tests/fixtures, so the feeds live under
/feeds/; routes add the labels real servers get wrong.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer, send
from broadsheet.encoding import decode_html
from broadsheet.errors import FeedError
from broadsheet.feeds import Feed, discover_feeds, looks_like_feed, parse_feed
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.models import Page

FIXTURES = Path(__file__).parent.parent / "fixtures"
FEEDS = FIXTURES / "feeds"
QUICK = FetchOptions(connect_timeout=2, read_timeout=5, deadline=15)


@pytest.fixture
def feed_site() -> Iterator[SiteServer]:
    with SiteServer(FIXTURES) as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(QUICK) as client:
        yield client


def serve(name: str, content_type: str) -> Callable[[BaseHTTPRequestHandler], None]:
    body = (FEEDS / name).read_bytes()
    return lambda req: send(req, 200, body, content_type)


async def fetch_feed(fetcher: Fetcher, url: str) -> tuple[Page, Feed]:
    page = await fetcher.fetch(url, accept="feed")
    assert looks_like_feed(page.body, page.content_type)
    return page, parse_feed(page.body, page.final_url, page.headers)


@pytest.mark.parametrize(
    ("name", "kind", "title", "count"),
    [
        ("rss20.xml", "rss", "The Harbour Gazette", 3),
        ("rss10.rdf", "rss", "Library Notes", 2),
        ("rss091.xml", "rss", "Old Town Crier", 2),
        ("atom10.atom", "atom", "Observatory Log", 2),
        ("atom03.xml", "atom", "Legacy Atom", 1),
        ("jsonfeed11.json", "json", "Garden Diary", 4),
    ],
)
async def test_each_format_over_http(
    feed_site: SiteServer, fetcher: Fetcher, name: str, kind: str, title: str, count: int
) -> None:
    page, feed = await fetch_feed(fetcher, feed_site.url(f"/feeds/{name}"))
    assert (feed.kind, feed.title, len(feed.entries)) == (kind, title, count)
    assert feed.url == page.final_url
    assert all(e.url == "" or e.url.startswith(("http://", "https://")) for e in feed.entries)


async def test_relative_links_resolve_against_the_served_url(
    feed_site: SiteServer, fetcher: Fetcher
) -> None:
    _, feed = await fetch_feed(fetcher, feed_site.url("/feeds/rss20.xml"))
    assert feed.site_url == feed_site.url("/")
    assert feed.entries[0].url == feed_site.url("/news/tide-tables.html")
    assert feed.entries[1].url == feed_site.url("/feeds/news/ferry.html")


async def test_relative_links_resolve_against_the_url_after_redirects(
    feed_site: SiteServer, fetcher: Fetcher
) -> None:
    target = feed_site.url("/feeds/rss20.xml")

    def moved(req: BaseHTTPRequestHandler) -> None:
        send(req, 301, b"", "text/plain", {"Location": target})

    feed_site.routes["/old/feed"] = moved
    page, feed = await fetch_feed(fetcher, feed_site.url("/old/feed"))
    assert page.final_url == target
    assert feed.entries[1].url == feed_site.url("/feeds/news/ferry.html")  # not /old/news/...


@pytest.mark.parametrize(
    "content_type",
    [
        "application/rss+xml; charset=utf-8",  # what SiteServer says for .xml: a lie here
        "application/rss+xml; charset=gbk",
        "text/xml",
        "text/plain",
        "",
    ],
)
async def test_gbk_feed_whatever_the_server_says(
    feed_site: SiteServer, fetcher: Fetcher, content_type: str
) -> None:
    feed_site.routes["/gbk"] = serve("gbk.xml", content_type)
    _, feed = await fetch_feed(fetcher, feed_site.url("/gbk"))
    assert feed.title == "健康资讯网 - 医药新闻"
    assert [e.title for e in feed.entries] == [
        "朱镕基谈医改：基层医疗服务能力提升",
        "国家药监局发布新规",
    ]
    assert feed.entries[0].url == feed_site.url("/news/2026/0105/1234.html")


async def test_feed_labelled_as_html_is_still_a_feed(
    feed_site: SiteServer, fetcher: Fetcher
) -> None:
    feed_site.routes["/atom-as-html"] = serve("atom10.atom", "text/html; charset=utf-8")
    _, feed = await fetch_feed(fetcher, feed_site.url("/atom-as-html"))
    assert feed.kind == "atom" and feed.entries[0].title == "Comet C/2025 K1 visible at dawn"


async def test_page_leads_to_its_feeds(feed_site: SiteServer, fetcher: Fetcher) -> None:
    page = await fetcher.fetch(feed_site.url("/feeds/page.html"), accept="feed")
    assert not looks_like_feed(page.body, page.content_type)
    with pytest.raises(FeedError, match="web page"):
        parse_feed(page.body, page.final_url, page.headers)
    links = discover_feeds(decode_html(page.body, page.content_type).text, page.final_url)
    assert [link.url for link in links] == [
        feed_site.url("/feeds/rss20.xml"),
        feed_site.url("/feeds/atom10.atom"),
        "http://harbour.example/feeds/rss20.xml",  # absolute in the page: another host
        feed_site.url("/feeds/jsonfeed11.json"),
    ]
    kinds = [
        (await fetch_feed(fetcher, link.url))[1].kind for link in links if "127.0.0.1" in link.url
    ]
    assert kinds == ["rss", "atom", "json"]


async def test_broken_feeds_over_http(feed_site: SiteServer, fetcher: Fetcher) -> None:
    _, feed = await fetch_feed(fetcher, feed_site.url("/feeds/truncated.xml"))
    assert [e.id for e in feed.entries] == ["harbour-2026-0001", "harbour-2026-0002"]
    url = feed_site.url("/feeds/truncated-head.xml")
    page = await fetcher.fetch(url, accept="feed")
    with pytest.raises(FeedError) as caught:
        parse_feed(page.body, page.final_url, page.headers)
    assert caught.value.url == url and "broken" in str(caught.value)


async def test_hostile_feed_over_http_is_clean(feed_site: SiteServer, fetcher: Fetcher) -> None:
    _, feed = await fetch_feed(fetcher, feed_site.url("/feeds/hostile.xml"))
    assert feed.entries[1].title == "[@click=app.quit]x[/]"
    assert all("\x1b" not in e.title and "\x07" not in e.title for e in feed.entries)
