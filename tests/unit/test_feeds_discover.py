"""Feed autodiscovery in pages, and telling a feed from a page by its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.feeds import discover_feeds, looks_like_feed
from broadsheet.models import Link

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"


def test_discovers_rss_atom_and_json_links_in_order() -> None:
    html = (FEEDS / "page.html").read_text(encoding="utf-8")
    assert discover_feeds(html, "http://harbour.example/feeds/page.html") == [
        Link("http://harbour.example/feeds/rss20.xml", "Gazette [/] news"),
        Link("http://harbour.example/feeds/atom10.atom", "Atom"),  # untitled: the format
        Link("http://harbour.example/feeds/jsonfeed11.json", "JSON"),
    ]  # not: the duplicate, text/html and stylesheet alternates, javascript:, the body link


def test_base_href_is_honoured() -> None:
    html = (
        '<html><head><base href="https://cdn.example/site/">'
        '<link rel="alternate" type="application/rss+xml" href="rss.xml"></head></html>'
    )
    assert discover_feeds(html, "https://www.example/") == [
        Link("https://cdn.example/site/rss.xml", "RSS")
    ]


def test_titles_are_cleaned() -> None:
    html = (
        '<link rel="alternate" type="application/atom+xml" '
        'title="News &#27;[2J \u202eevil\n  feed" href="/a">'
    )
    (link,) = discover_feeds(html, "http://n.example/")
    assert link == Link("http://n.example/a", "News evil feed")  # the CSI goes whole


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><head><title>No feeds</title></head><body></body></html>",
        '<link rel="alternate" type="application/rss+xml">',  # no href
        '<link rel="alternate" type="application/rss+xml" href="mailto:a@b.example">',
        '<a rel="alternate" type="application/rss+xml" href="/feed">not a link element</a>',
    ],
)
def test_nothing_to_discover(html: str) -> None:
    assert discover_feeds(html, "http://n.example/") == []


def test_only_the_head_is_read() -> None:
    body = "<div>" * 50_000 + "x" + "</div>" * 50_000
    html = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head>'
        f'<body>{body}<link rel="alternate" type="application/atom+xml" href="/atom"></body>'
    )
    assert discover_feeds(html, "http://n.example/") == [Link("http://n.example/rss", "RSS")]


@pytest.mark.parametrize(
    "filler",
    ["<meta name='x' content='y'>" * 6000, "<div>" * 100_000, "<span title='a>b'>" * 6000],
    ids=["many-metas", "deep-nesting", "odd-attributes"],
)
def test_a_hostile_head_still_yields_its_links(filler: str) -> None:
    html = (
        '<html><head><base href="/b/"><link rel="alternate" type="application/rss+xml" '
        f'title="First" href="one.xml">{filler}<link rel="alternate" '
        'type="application/atom+xml" href="two.xml"></head><body></body></html>'
    )
    assert discover_feeds(html, "http://n.example/") == [
        Link("http://n.example/b/one.xml", "First"),
        Link("http://n.example/b/two.xml", "Atom"),
    ]


@pytest.mark.parametrize(
    "name",
    ["rss20.xml", "rss10.rdf", "rss091.xml", "atom10.atom", "atom03.xml", "jsonfeed11.json",
     "gbk.xml", "hostile.xml", "truncated.xml"],
)  # fmt: skip
@pytest.mark.parametrize("content_type", ["text/html", "text/plain", "application/rss+xml", ""])
def test_feeds_look_like_feeds_whatever_their_label(name: str, content_type: str) -> None:
    assert looks_like_feed((FEEDS / name).read_bytes(), content_type)


@pytest.mark.parametrize("name", ["page.html", "nested.opml"])
@pytest.mark.parametrize("content_type", ["text/html", "application/rss+xml", "application/xml"])
def test_pages_and_opml_are_not_feeds_whatever_their_label(name: str, content_type: str) -> None:
    assert not looks_like_feed((FEEDS / name).read_bytes(), content_type)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"", "application/rss+xml", False),
        (b'{"items": []}', "application/json", False),  # JSON, but no jsonfeed version
        (b'{"items": []}', "application/feed+json", True),
        (b'\xef\xbb\xbf{"version": "https://jsonfeed.org/version/1.1"}', "text/plain", True),
        (b'<?xml version="1.0"?><!-- ' + b"x" * 3000 + b" --><rss>", "text/html", True),
        (b'<?xml version="1.0"?><!-- ' + b"x" * 5000 + b" --><rss>", "application/rss+xml", True),
        (b'<?xml version="1.0"?><!-- ' + b"x" * 5000 + b" --><rss>", "text/html", False),
        (b'<?xml-stylesheet href="s.xsl"?>\n<feed xmlns="x">', "text/xml", True),
        (b'<?xml version="1.0"?><urlset></urlset>', "application/xml", False),  # a sitemap
        (b"%PDF-1.7", "application/rss+xml", False),
        (
            b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x.dtd">\n<rss>',
            "text/html",
            True,
        ),
        (b'<!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0">', "text/plain", True),
        (b"<?xml version='1.0'?>\n<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'>", "", True),
        (b"<!DOCTYPE html><html><head><title>rss</title>", "application/rss+xml", False),
        (b"<div><feed></feed></div>", "application/atom+xml", False),
    ],
)
def test_looks_like_feed_cases(body: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_feed(body, content_type) is expected
