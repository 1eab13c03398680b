"""The fetch layer against a real HTTP server on 127.0.0.1, well-behaved and hostile.

Each hostile case asserts the error class a caller relies on, that the message names the URL
that was asked for, and what it says went wrong. Timeouts are proved by construction (a body
that would take 30 s to arrive, a deadline of 1 s) rather than by measuring time.
"""

from __future__ import annotations

import asyncio
import socket
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer
from broadsheet.encoding import decode_html
from broadsheet.errors import (
    ContentTypeError,
    EncodingError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    TimeoutError_,
    TooLargeError,
)
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.models import Page
from support import hostile

QUICK = FetchOptions(connect_timeout=2, read_timeout=2, deadline=10)


@pytest.fixture(scope="module")
def module_site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


@pytest.fixture
def site(module_site: SiteServer) -> SiteServer:
    """Like conftest's ``site`` (a real server on 127.0.0.1), but one per module.

    ``SiteServer.stop`` waits for its 0.5 s poll loop; forty servers would spend 20 s there.
    Routes and the request log are reset for each test, so tests stay independent.
    """
    module_site.routes.clear()
    module_site.requests.clear()
    return module_site


async def get(
    site: SiteServer, handler: hostile.Handler, options: FetchOptions = QUICK, **kw: str
) -> Page:
    site.routes["/page"] = handler
    async with Fetcher(options) as fetcher:
        return await fetcher.fetch(site.url("/page"), **kw)  # type: ignore[arg-type]


async def fail(
    site: SiteServer,
    handler: hostile.Handler,
    error: type[FetchError],
    options: FetchOptions = QUICK,
    **kw: str,
) -> FetchError:
    """Fetch ``/page`` expecting ``error``; check the message names the URL asked for."""
    url = site.url("/page")
    with pytest.raises(error) as caught:
        await get(site, handler, options, **kw)
    assert type(caught.value) is error
    assert caught.value.url == url
    assert str(caught.value).startswith(url + ": ")
    return caught.value


# -- pages that work --------------------------------------------------------------------------


async def test_html_page_is_returned_with_its_headers(site: SiteServer) -> None:
    page = await get(site, hostile.page(headers={"X-Thing": "yes"}))
    assert page.status == 200
    assert page.body == hostile.HTML
    assert page.url == page.final_url == site.url("/page")
    assert page.content_type == "text/html; charset=utf-8"
    assert page.headers["x-thing"] == "yes"
    assert all(key == key.lower() for key in page.headers)
    assert not page.not_modified
    fetched = datetime.fromisoformat(page.fetched_at)
    assert fetched.utcoffset() == UTC.utcoffset(None)


async def test_request_says_who_we_are_and_what_we_accept(site: SiteServer) -> None:
    await get(site, hostile.page())
    _, _, headers = site.requests[-1]
    assert headers["User-Agent"].startswith("Broadsheet/")
    assert headers["Accept-Encoding"] == "gzip, deflate"
    assert headers["Accept"].startswith("text/html,application/xhtml+xml")
    assert "If-None-Match" not in headers


async def test_gbk_page_keeps_its_bytes_and_decodes_with_the_header_charset(
    site: SiteServer,
) -> None:
    text = "<html><body><p>朱镕基在会议上讲话。来源：经济日报</p></body></html>"
    body = text.encode("gbk")
    page = await get(site, hostile.page(body, "text/html; charset=gbk"))
    assert page.body == body
    assert decode_html(page.body, page.content_type).text == text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b"\n  <!DOCTYPE html><html><body><p>plain label</p></body></html>"),
        (None, b"<html><body><p>no label at all</p></body></html>"),
        ("application/xhtml+xml", b"<?xml version='1.0'?><html><body/></html>"),
    ],
)
async def test_html_under_a_vague_label_is_accepted(
    site: SiteServer, content_type: str | None, body: bytes
) -> None:
    page = await get(site, hostile.page(body, content_type))
    assert page.body == body


@pytest.mark.parametrize("raw", [False, True], ids=["zlib-deflate", "raw-deflate"])
async def test_deflate_bodies_are_decompressed(site: SiteServer, raw: bool) -> None:
    body = hostile.HTML * 40
    page = await get(site, hostile.encoded(hostile.deflate_bytes(body, raw=raw), "deflate"))
    assert page.body == body


async def test_gzip_body_is_decompressed(site: SiteServer) -> None:
    body = hostile.HTML * 40
    page = await get(site, hostile.encoded(hostile.gzip_bytes(body), "gzip"))
    assert page.body == body
    assert page.headers["content-encoding"] == "gzip"


async def test_close_delimited_body_is_read_to_the_end(site: SiteServer) -> None:
    body = hostile.HTML * 100
    page = await get(site, hostile.close_delimited(body))
    assert page.body == body


async def test_feed_types_need_accept_feed(site: SiteServer) -> None:
    rss = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
    handler = hostile.page(rss, "application/rss+xml")
    error = await fail(site, handler, ContentTypeError)
    assert "application/rss+xml" in str(error)
    page = await get(site, handler, accept="feed")
    assert page.body == rss
    assert site.requests[-1][2]["Accept"].startswith("application/rss+xml")
    plain = await get(site, hostile.page(rss, "text/plain"), accept="feed")
    assert plain.body == rss


# -- redirects --------------------------------------------------------------------------------


async def test_redirect_chain_reports_the_final_url(site: SiteServer) -> None:
    base = site.url("/")
    site.routes["/a/one"] = hostile.redirect("two", 301)  # relative to /a/
    site.routes["/a/two"] = hostile.redirect("../b/three?x=1", 302)
    site.routes["/b/three"] = hostile.redirect(f"//127.0.0.1:{site.port}/four", 303)
    site.routes["/four"] = hostile.redirect(base + "five", 307)
    site.routes["/five"] = hostile.redirect("/final", 308)
    site.routes["/final"] = hostile.page()
    async with Fetcher(QUICK) as fetcher:
        page = await fetcher.fetch(site.url("/a/one"))
    assert page.url == site.url("/a/one")
    assert page.final_url == site.url("/final")
    assert page.body == hostile.HTML
    paths = [path for _, path, _ in site.requests]
    assert paths == ["/a/one", "/a/two", "/b/three?x=1", "/four", "/five", "/final"]


async def test_redirect_limit_is_exact(site: SiteServer) -> None:
    for i in range(3):
        site.routes[f"/hop{i}"] = hostile.redirect(f"/hop{i + 1}")
    site.routes["/hop3"] = hostile.page()
    async with Fetcher(FetchOptions(max_redirects=3)) as fetcher:
        assert (await fetcher.fetch(site.url("/hop0"))).final_url == site.url("/hop3")
    async with Fetcher(FetchOptions(max_redirects=2)) as fetcher:
        with pytest.raises(RedirectError, match="too many redirects") as caught:
            await fetcher.fetch(site.url("/hop0"))
    assert str(caught.value).startswith(site.url("/hop0"))


async def test_redirect_loop_is_stopped(site: SiteServer) -> None:
    error = await fail(site, hostile.redirect("/page"), RedirectError)
    assert "loop" in str(error)
    assert len(site.requests) == QUICK.max_redirects + 1


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/file.html", "file:///etc/passwd"])
async def test_redirect_off_the_web_is_refused(site: SiteServer, target: str) -> None:
    error = await fail(site, hostile.redirect(target), RedirectError)
    assert target in str(error)
    assert "only http and https" in str(error)
    assert len(site.requests) == 1


# -- error statuses ---------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "words"), [(404, "404 Not Found"), (500, "500 Internal")])
async def test_error_status_raises_with_the_status(
    site: SiteServer, status: int, words: str
) -> None:
    error = await fail(site, hostile.error(status), HTTPStatusError)
    assert isinstance(error, HTTPStatusError)
    assert error.status == status
    assert words in str(error)


async def test_error_after_a_redirect_says_where(site: SiteServer) -> None:
    site.routes["/gone"] = hostile.error(410)
    error = await fail(site, hostile.redirect("/gone"), HTTPStatusError)
    assert f"at {site.url('/gone')}, after 1 redirect" in str(error)


# -- wrong types ------------------------------------------------------------------------------


async def test_declared_pdf_is_refused_from_its_headers(site: SiteServer) -> None:
    # The body would only come after 30 s: refusing from the headers means no timeout here.
    handler = hostile.stall(30, "application/pdf", hostile.PDF)
    error = await fail(site, handler, ContentTypeError)
    assert isinstance(error, ContentTypeError)
    assert error.content_type == "application/pdf"
    assert "not a web page: the server sent application/pdf" in str(error)


@pytest.mark.parametrize(
    ("body", "real"), [(hostile.PNG, "image/png"), (hostile.PDF, "application/pdf")]
)
async def test_binary_labelled_html_is_refused_by_its_bytes(
    site: SiteServer, body: bytes, real: str
) -> None:
    error = await fail(site, hostile.page(body, "text/html; charset=utf-8"), ContentTypeError)
    assert f"the server sent {real}" in str(error)


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("application/octet-stream", hostile.HTML, "application/octet-stream"),
        ("image/jpeg", b"\xff\xd8\xff\xe0" + bytes(64), "image/jpeg"),
        ("text/plain", b"Just some plain text, not a page.\n" * 10, "text/plain"),
        (None, bytes(range(256)) * 8, "an unknown type"),
    ],
)
async def test_other_types_are_refused_naming_what_came(
    site: SiteServer, content_type: str | None, body: bytes, named: str
) -> None:
    error = await fail(site, hostile.page(body, content_type), ContentTypeError)
    assert f"not a web page: the server sent {named}" in str(error)


# -- size and compression ---------------------------------------------------------------------


async def test_gzip_bomb_is_refused_with_bounded_memory(site: SiteServer) -> None:
    bomb_size = 64 * 1024 * 1024
    bomb = hostile.gzip_bomb(bomb_size)
    assert len(bomb) < bomb_size // 500  # small on the wire
    options = FetchOptions(max_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        error = await fail(site, hostile.encoded(bomb, "gzip"), TooLargeError, options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger than the 1 MB limit" in str(error)
    assert peak < 8 * 1024 * 1024  # a few times the cap, not the bomb's 64 MB


async def test_declared_length_over_the_cap_is_refused_before_reading(site: SiteServer) -> None:
    handler = hostile.stall(30, length=50 * 1024 * 1024)
    error = await fail(site, handler, TooLargeError, FetchOptions(max_bytes=1024 * 1024))
    assert "the page is 50 MB, larger than the 1 MB limit" in str(error)


async def test_undeclared_length_over_the_cap_is_stopped_while_streaming(
    site: SiteServer,
) -> None:
    handler = hostile.close_delimited(hostile.HTML + b" " * (300 * 1024))
    error = await fail(site, handler, TooLargeError, FetchOptions(max_bytes=256 * 1024))
    assert "larger than the 256 KB limit" in str(error)


@pytest.mark.parametrize(
    ("header", "words"),
    [("gzip, gzip", "more than once"), ("br", "Content-Encoding: br"), ("zstd", "only gzip")],
)
async def test_stacked_and_unknown_encodings_are_refused(
    site: SiteServer, header: str, words: str
) -> None:
    body = hostile.gzip_bytes(hostile.gzip_bytes(hostile.HTML))
    error = await fail(site, hostile.encoded(body, header), EncodingError)
    assert words in str(error)


async def test_truncated_gzip_is_an_error(site: SiteServer) -> None:
    whole = hostile.gzip_bytes(bytes(range(256)) * 64 + hostile.HTML)
    body = hostile.HTML[:20] + whole[: len(whole) // 2]  # not even a gzip header at the start
    error = await fail(site, hostile.encoded(whole[: len(whole) // 2], "gzip"), EncodingError)
    assert "cut short" in str(error)
    error = await fail(site, hostile.encoded(body, "gzip"), EncodingError)
    assert "damaged" in str(error)


async def test_body_shorter_than_its_content_length_is_an_error(site: SiteServer) -> None:
    error = await fail(site, hostile.short_body(), EncodingError)
    assert "closed before the whole page arrived" in str(error)


async def test_chunked_body_is_read_and_a_cut_one_refused(site: SiteServer) -> None:
    parts = [hostile.HTML[:50], hostile.HTML[50:]]
    assert (await get(site, hostile.chunked(parts))).body == hostile.HTML
    error = await fail(site, hostile.chunked(parts, complete=False), EncodingError)
    assert "closed before the whole page arrived" in str(error)


# -- slow and broken servers ------------------------------------------------------------------


async def test_trickle_is_cut_off_by_the_deadline(site: SiteServer) -> None:
    # 60 bytes at one every 0.5 s would take 30 s; no single read waits 2 s.
    handler = hostile.trickle(hostile.HTML[:60], interval=0.5)
    options = FetchOptions(read_timeout=2, deadline=1)
    error = await fail(site, handler, TimeoutError_, options)
    assert "gave up after 1 s" in str(error)


async def test_silent_server_trips_the_read_timeout(site: SiteServer) -> None:
    options = FetchOptions(read_timeout=0.3, deadline=10)
    error = await fail(site, hostile.stall(30), TimeoutError_, options)
    assert "sent nothing for 0.3 s" in str(error)


@pytest.mark.parametrize(
    "after",
    [b"", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9999\r\n\r\n<html>"],
    ids=["before-answer", "mid-body"],
)
async def test_connection_reset_is_a_network_error(site: SiteServer, after: bytes) -> None:
    error = await fail(site, hostile.reset(after), NetworkError)
    assert "reset the connection" in str(error)


async def test_refused_connection_is_a_network_error() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens there
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/page"
    async with Fetcher(QUICK) as fetcher:
        with pytest.raises(NetworkError, match="refused the connection") as caught:
            await fetcher.fetch(url)
    assert str(caught.value).startswith(url)


# -- conditional requests ---------------------------------------------------------------------


async def test_conditional_get_with_etag_and_last_modified(site: SiteServer) -> None:
    site.routes["/page"] = hostile.conditional()
    url = site.url("/page")
    async with Fetcher(QUICK) as fetcher:
        first = await fetcher.fetch(url)
        assert (first.status, first.etag, first.last_modified) == (
            200,
            '"v1"',
            "Thu, 01 Jan 2026 00:00:00 GMT",
        )
        by_etag = await fetcher.fetch(url, etag=first.etag)
        by_date = await fetcher.fetch(url, last_modified=first.last_modified)
        stale = await fetcher.fetch(url, etag='"v0"')
    assert site.requests[1][2]["If-None-Match"] == '"v1"'
    assert site.requests[2][2]["If-Modified-Since"] == "Thu, 01 Jan 2026 00:00:00 GMT"
    for page in (by_etag, by_date):
        assert page.not_modified
        assert page.status == 304
        assert page.body == b""
        assert page.etag == '"v1"'
    assert not stale.not_modified
    assert stale.body == hostile.HTML


async def test_304_without_validators_keeps_the_ones_sent(site: SiteServer) -> None:
    handler = hostile.page(b"", status=304)
    page = await get(site, handler, etag='"v9"', last_modified="Thu, 01 Jan 2026 00:00:00 GMT")
    assert page.not_modified
    assert page.etag == '"v9"'
    assert page.last_modified == "Thu, 01 Jan 2026 00:00:00 GMT"


async def test_unasked_304_is_an_error(site: SiteServer) -> None:
    error = await fail(site, hostile.page(b"", status=304), HTTPStatusError)
    assert "not conditional" in str(error)


async def test_files_from_the_site_server_answer_conditionally(tmp_path: Path) -> None:
    (tmp_path / "article.gbk.html").write_bytes("<p>来源：经济日报</p>".encode("gbk"))
    with SiteServer(tmp_path) as server:
        url = server.url("/article.gbk.html")
        async with Fetcher(QUICK) as fetcher:
            first = await fetcher.fetch(url)
            again = await fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert decode_html(first.body, first.content_type).text == "<p>来源：经济日报</p>"
    assert again.not_modified and again.body == b""


# -- the client's life ------------------------------------------------------------------------


def test_one_fetcher_serves_successive_event_loops(site: SiteServer) -> None:
    """The CLI may call asyncio.run more than once with the same Fetcher."""
    site.routes["/page"] = hostile.page()
    fetcher = Fetcher(QUICK)
    first = asyncio.run(fetcher.fetch(site.url("/page")))
    second = asyncio.run(fetcher.fetch(site.url("/page")))
    asyncio.run(fetcher.aclose())
    assert first.body == second.body == hostile.HTML


async def test_concurrent_fetches_on_one_fetcher(site: SiteServer) -> None:
    for i in range(5):
        site.routes[f"/p{i}"] = hostile.page(hostile.HTML + str(i).encode())
    async with Fetcher(QUICK) as fetcher:
        pages = await asyncio.gather(*(fetcher.fetch(site.url(f"/p{i}")) for i in range(5)))
    assert [p.body[-1:] for p in pages] == [str(i).encode() for i in range(5)]
