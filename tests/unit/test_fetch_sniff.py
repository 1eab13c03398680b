"""Type checks: the header first, then the first bytes, which win over a lying header."""

from __future__ import annotations

import pytest

from broadsheet.errors import ContentTypeError
from broadsheet.sniff import (
    check_body_type,
    check_declared_type,
    looks_like_feed,
    looks_like_html,
    media_type,
    sniff_binary,
)

URL = "http://example.test/x"


def test_media_type() -> None:
    assert media_type("Text/HTML; charset=GBK") == "text/html"
    assert media_type(None) == ""
    assert media_type("  ") == ""


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html>",
        b"\xef\xbb\xbf\r\n  <!doctype HTML>",
        b"<html lang='zh-CN'>",
        b"<HEAD><title>x</title>",
        b"<!-- generated --><html>",
        b"<div class='top'>",
        b"<p>text",
        b"<?xml version='1.0' encoding='utf-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>",
    ],
)
def test_html_is_recognised(head: bytes) -> None:
    assert looks_like_html(head)


@pytest.mark.parametrize(
    "head",
    [b"plain words", b"<pre>", b"<htmlx>", b"<?xml version='1.0'?><rss>", b'{"a": 1}', b""],
)
def test_non_html_is_not(head: bytes) -> None:
    assert not looks_like_html(head)


@pytest.mark.parametrize(
    ("head", "is_feed"),
    [
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", True),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", True),
        (b"<?xml version='1.0'?><!-- c --><rdf:RDF xmlns:rdf='x'>", True),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', True),
        (b'{"version": 2}', False),
        (b"<html><body>", False),
    ],
)
def test_feeds_are_recognised(head: bytes, is_feed: bool) -> None:
    assert looks_like_feed(head) is is_feed


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"GIF89a", "image/gif"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"PK\x03\x04", "application/zip"),
        (b"\x00\x00\x00\x18ftypmp42", "video/mp4"),
        (b"<html>", None),
    ],
)
def test_magic_numbers(head: bytes, kind: str | None) -> None:
    assert sniff_binary(head) == kind


@pytest.mark.parametrize(
    ("content_type", "accept"),
    [
        ("text/html; charset=gbk", "html"),
        ("application/xhtml+xml", "html"),
        ("text/plain", "html"),
        (None, "html"),
        ("application/rss+xml", "feed"),
        ("application/atom+xml", "feed"),
        ("text/xml", "feed"),
        ("application/feed+json", "feed"),
        ("application/vnd.custom+xml", "feed"),
        ("text/html", "feed"),
    ],
)
def test_declared_types_let_through(content_type: str | None, accept: str) -> None:
    check_declared_type(URL, content_type, accept)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content_type", "accept"),
    [
        ("application/pdf", "html"),
        ("image/png", "html"),
        ("application/octet-stream", "html"),
        ("application/rss+xml", "html"),
        ("application/json", "html"),
        ("application/pdf", "feed"),
        ("video/mp4", "feed"),
    ],
)
def test_declared_types_refused(content_type: str, accept: str) -> None:
    with pytest.raises(ContentTypeError) as caught:
        check_declared_type(URL, content_type, accept)  # type: ignore[arg-type]
    assert caught.value.content_type == content_type
    assert str(caught.value) == f"{URL}: not a web page: the server sent {content_type}"


def test_magic_bytes_beat_the_header() -> None:
    with pytest.raises(ContentTypeError) as caught:
        check_body_type(URL, "text/html", b"GIF89a\x01\x00", "html")
    assert caught.value.content_type == "image/gif"


def test_vague_types_need_the_bytes_to_agree() -> None:
    check_body_type(URL, "text/plain", b"<html><body>", "html")
    check_body_type(URL, None, b"", "html")  # empty: nothing to refuse
    check_body_type(URL, "text/html", b"no tags but labelled html", "html")
    check_body_type(URL, "text/plain", b"<rss version='2.0'>", "feed")
    with pytest.raises(ContentTypeError, match="sent text/plain"):
        check_body_type(URL, "text/plain", b"<rss version='2.0'>", "html")
    with pytest.raises(ContentTypeError, match="sent an unknown type"):
        check_body_type(URL, None, b"\x00\x01\x02 binary", "html")
