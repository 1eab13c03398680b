"""OPML import (nested, hostile, entity bombs refused) and export (round trip)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from broadsheet.errors import FeedError
from broadsheet.feeds import OpmlOutline, parse_opml, write_opml

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"


def test_nested_outlines_are_flattened() -> None:
    assert parse_opml((FEEDS / "nested.opml").read_bytes()) == [
        OpmlOutline(
            "The Harbour Gazette", "http://harbour.example/feed.xml", "http://harbour.example/"
        ),
        OpmlOutline("健康资讯网", "http://yiyao.example/rss.xml", "http://yiyao.example/"),
        OpmlOutline("Observatory [/] log", "https://observatory.example/blog/feed.atom", ""),
    ]  # folders, the duplicate and the file: URL are left out


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(FeedError, match="DOCTYPE or entities"):
        parse_opml((FEEDS / "bomb.opml").read_bytes())


@pytest.mark.parametrize(
    "body",
    [
        b'<!DOCTYPE opml SYSTEM "file:///etc/passwd"><opml version="2.0"><body/></opml>',
        b'<?xml version="1.0"?><!DOCTYPE opml><opml version="2.0"><body/></opml>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:1/">]><opml><body>&e;</body></opml>',
    ],
    ids=["external-dtd", "bare-doctype", "external-entity"],
)
def test_any_doctype_is_refused(body: bytes) -> None:
    with pytest.raises(FeedError, match="DOCTYPE"):
        parse_opml(body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "malformed"),
        (b"<opml><body><outline", "malformed"),
        (b"<html><body>hello</body></html>", "not an OPML"),
        ((FEEDS / "rss20.xml").read_bytes(), "not an OPML"),
    ],
)
def test_bad_opml_raises_feed_error(body: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_opml(body)


def test_gbk_labelled_opml() -> None:
    body = (
        '<?xml version="1.0" encoding="gb2312"?><opml version="1.0"><body>'
        '<outline text="朱镕基新闻" xmlUrl="http://yiyao.example/rss.xml"/></body></opml>'
    ).encode("gbk")
    assert parse_opml(body) == [OpmlOutline("朱镕基新闻", "http://yiyao.example/rss.xml", "")]


def test_export_round_trips_and_escapes() -> None:
    sources = [
        ('Harbour "Gazette" <&> [/]', "http://harbour.example/feed.xml?a=1&b=2"),
        ("健康\x1b[2J资讯\u202e", "http://yiyao.example/rss.xml"),
        ("", "https://untitled.example/feed"),
    ]
    body = write_opml(sources, title="Mine & yours")
    assert body.startswith(b"<?xml") and body == write_opml(sources, title="Mine & yours")
    assert b"\x1b" not in body
    root = ET.fromstring(body)
    assert root.tag == "opml" and root.findtext("head/title") == "Mine & yours"
    assert parse_opml(body) == [
        OpmlOutline('Harbour "Gazette" <&> [/]', "http://harbour.example/feed.xml?a=1&b=2", ""),
        OpmlOutline("健康资讯", "http://yiyao.example/rss.xml", ""),  # escape and bidi gone
        OpmlOutline("https://untitled.example/feed", "https://untitled.example/feed", ""),
    ]


def test_export_of_nothing_is_a_valid_empty_list() -> None:
    assert parse_opml(write_opml([])) == []
