"""The Fetcher over httpx.MockTransport: what it sends, and how httpx failures are worded.

The network cases (resets, trickles, bombs...) run against a real server in
tests/functional/test_fetch_hostile.py; these cover what a local server cannot produce
(connect timeouts, DNS and TLS failures) and the request the Fetcher builds.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import AsyncIterator

import httpx
import pytest

from broadsheet import __version__
from broadsheet.errors import FetchError, NetworkError, RedirectError, TimeoutError_
from broadsheet.fetch import Fetcher, FetchOptions
from broadsheet.models import Page

URL = "http://example.test/article"
HTML = b"<!DOCTYPE html><html><body><p>hello</p></body></html>"


class Body(httpx.AsyncByteStream):
    """A streamed body, as a real transport gives (``content=`` would be pre-read)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def html_response(**headers: str) -> httpx.Response:
    return httpx.Response(200, stream=Body(HTML), headers={"Content-Type": "text/html", **headers})


def answer(*responses: httpx.Response) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport that returns ``responses`` in turn and records the requests."""
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return queue.pop(0)

    return httpx.MockTransport(handle), seen


def raising(exc: Exception) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.MockTransport(handle)


async def fetch(transport: httpx.MockTransport, url: str = URL, **kw: str) -> Page:
    async with Fetcher(transport=transport) as fetcher:
        return await fetcher.fetch(url, **kw)  # type: ignore[arg-type]


async def test_request_headers() -> None:
    transport, seen = answer(html_response())
    await fetch(transport, etag='"abc"', last_modified="Thu, 01 Jan 2026 00:00:00 GMT")
    headers = seen[0].headers
    assert headers["user-agent"] == f"Broadsheet/{__version__} (terminal article reader)"
    assert headers["accept-encoding"] == "gzip, deflate"
    assert headers["accept"].startswith("text/html")
    assert headers["if-none-match"] == '"abc"'
    assert headers["if-modified-since"] == "Thu, 01 Jan 2026 00:00:00 GMT"


async def test_user_agent_is_configurable() -> None:
    transport, seen = answer(html_response())
    async with Fetcher(FetchOptions(user_agent="Custom/1"), transport=transport) as fetcher:
        await fetcher.fetch(URL)
    assert seen[0].headers["user-agent"] == "Custom/1"


async def test_headers_are_a_plain_lower_case_dict() -> None:
    response = httpx.Response(
        200,
        stream=Body(HTML),
        headers=[
            ("Content-Type", "text/html"),
            ("X-Multi", "a"),
            ("X-Multi", "b"),
            ("ETag", 'W/"1"'),
        ],
    )
    page = await fetch(answer(response)[0])
    assert type(page.headers) is dict
    assert page.headers["x-multi"] == "a, b"
    assert page.etag == 'W/"1"'
    assert page.last_modified is None


@pytest.mark.parametrize(
    ("exc", "error", "words"),
    [
        (httpx.ConnectTimeout("timed out"), TimeoutError_, "could not connect within 10 s"),
        (httpx.ReadTimeout("timed out"), TimeoutError_, "sent nothing for 20 s"),
        (httpx.PoolTimeout("busy"), TimeoutError_, "could not connect within 10 s"),
        (httpx.ConnectError("boom"), NetworkError, "could not connect to the server (boom)"),
        (httpx.RemoteProtocolError("Server disconnected"), NetworkError, "broke off the exchange"),
        (httpx.UnsupportedProtocol("nope"), FetchError, "not a web address (nope)"),
    ],
)
async def test_httpx_failures_become_our_errors(
    exc: Exception, error: type[FetchError], words: str
) -> None:
    with pytest.raises(error) as caught:
        await fetch(raising(exc))
    assert type(caught.value) is error
    assert str(caught.value).startswith(f"{URL}: ")
    assert words in str(caught.value)


def caused_by(cause: BaseException) -> httpx.ConnectError:
    try:
        raise httpx.ConnectError("wrapped") from cause
    except httpx.ConnectError as exc:
        return exc


@pytest.mark.parametrize(
    ("cause", "words"),
    [
        (socket.gaierror(-2, "Name or service not known"), "name could not be found"),
        (
            ssl.SSLCertVerificationError("certificate verify failed"),
            "certificate could not be verified",
        ),
        (ssl.SSLError("handshake failure"), "secure (TLS) connection failed"),
        (ConnectionRefusedError(111, "refused"), "refused the connection"),
        (OSError(101, "Network is unreachable"), "cannot be reached from this network"),
    ],
)
async def test_operating_system_causes_are_named(cause: BaseException, words: str) -> None:
    with pytest.raises(NetworkError, match=re.escape(words)):
        await fetch(raising(caused_by(cause)))


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.test/", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("example.test", "only http:// and https://"),
        ("", "only http:// and https://"),
        ("http://", "no server name"),
        ("http:///path", "no server name"),
        ("http://example.test:99999/", "port 99999 does not exist"),
        ("https://[::1", "it is not valid"),
    ],
)
async def test_bad_addresses_are_refused_without_a_request(url: str, why: str) -> None:
    transport, seen = answer()
    with pytest.raises(FetchError) as caught:
        await fetch(transport, url)
    assert type(caught.value) is FetchError
    assert str(caught.value).startswith(f"{url}: not a web address: ")
    assert why in str(caught.value)
    assert seen == []


async def test_unexpected_failures_below_httpx_are_still_fetch_errors() -> None:
    group = ExceptionGroup("unhandled errors in a TaskGroup", [OverflowError("port")])
    with pytest.raises(NetworkError, match="failed unexpectedly") as caught:
        await fetch(raising(group))
    assert caught.value.__cause__ is group


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("ftp://example.test/x", "redirected to ftp://example.test/x, which is not a web address"),
        ("http://example.test:70000/", "port 70000 does not exist"),
        ("javascript:alert(1)", "redirected to an invalid address"),  # httpx cannot parse it
    ],
)
async def test_redirects_off_the_web_are_refused(location: str, words: str) -> None:
    transport, seen = answer(httpx.Response(302, headers={"Location": location}))
    with pytest.raises(RedirectError) as caught:
        await fetch(transport)
    assert words in str(caught.value)
    assert len(seen) == 1


async def test_invalid_redirect_target_is_a_redirect_error() -> None:
    transport, _ = answer(httpx.Response(302, headers={"Location": "http://[::1/broken"}))
    with pytest.raises(RedirectError, match="invalid address"):
        await fetch(transport)


async def test_bad_arguments_are_programming_errors() -> None:
    with pytest.raises(ValueError, match="accept"):
        await fetch(answer()[0], accept="pdf")
    with pytest.raises(ValueError, match="deadline"):
        FetchOptions(deadline=0)
    with pytest.raises(ValueError, match="max_redirects"):
        FetchOptions(max_redirects=-1)
    with pytest.raises(ValueError, match="user_agent"):
        FetchOptions(user_agent="Broadsheet\r\nX-Injected: 1")


async def test_client_is_reused_and_closed() -> None:
    calls: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return html_response()

    fetcher = Fetcher(transport=httpx.MockTransport(handle))
    await fetcher.fetch(URL)
    client = fetcher.client()
    await fetcher.fetch(URL)
    assert fetcher.client() is client
    await fetcher.aclose()
    assert client.is_closed
    await fetcher.fetch(URL)  # a closed Fetcher opens a new client when used again
    assert fetcher.client() is not client
    await fetcher.aclose()
    assert len(calls) == 3
