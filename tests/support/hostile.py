"""Faulty and hostile HTTP responses, as handlers for ``SiteServer.routes``.

Each factory returns a function that writes a whole response (or deliberately does not) on
a ``BaseHTTPRequestHandler``, for example::

    site.routes["/bomb"] = hostile.encoded(hostile.gzip_bomb(64 << 20), "gzip")

They are real bytes on a real socket, so the client sees exactly what a broken or malicious
server would send: early closes, resets, trickles, lies about types and lengths. Handlers
never raise when the client goes away (a fetch that gave up is the expected outcome).
"""

from __future__ import annotations

import functools
import gzip
import socket
import struct
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

Handler = Callable[[BaseHTTPRequestHandler], None]

HTML = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>A test page</title></head>"
    b"<body><h1>A test page</h1><p>Its only paragraph.</p></body></html>"
)
HTML_TYPE = "text/html; charset=utf-8"

# First bytes of real binary formats, padded so they pass any "enough bytes to sniff" check.
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"\x00" * 2048
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01" + b"\x00" * 2048


def _head(
    req: BaseHTTPRequestHandler, status: int, headers: dict[str, str] | list[tuple[str, str]]
) -> None:
    req.send_response(status)
    for key, value in headers.items() if isinstance(headers, dict) else headers:
        req.send_header(key, value)
    req.end_headers()


def _write(req: BaseHTTPRequestHandler, data: bytes) -> bool:
    """Write and flush; False if the client has gone."""
    try:
        req.wfile.write(data)
        req.wfile.flush()
    except OSError:
        return False
    return True


def page(
    body: bytes = HTML,
    content_type: str | None = HTML_TYPE,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Handler:
    """A well-formed response; ``content_type=None`` sends no Content-Type at all."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        # One request per connection: a client that stops reading early (as a fetch that
        # refuses a body does) must not leave the server thread failing on a reset socket.
        # Said in the response, or the client may send its next request down the closed
        # connection and read "Server disconnected" (a race the suite used to lose now and
        # then).
        req.close_connection = True
        fields = {"Connection": "close", **(headers or {})}
        if content_type is not None:
            fields["Content-Type"] = content_type
        fields["Content-Length"] = str(len(body))
        _head(req, status, fields)
        _write(req, body)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    """A redirect to ``location`` (sent as given: relative, absolute, or another scheme)."""
    return page(b"", "text/html", status=status, headers={"Location": location})


def error(status: int) -> Handler:
    """An error page with the given status."""
    return page(f"<h1>Error {status}</h1>".encode(), status=status)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def deflate_bytes(data: bytes, *, raw: bool = False) -> bytes:
    """zlib-wrapped deflate (what RFC 9110 says) or raw deflate (what some servers send)."""
    if not raw:
        return zlib.compress(data)
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@functools.cache
def gzip_bomb(size: int) -> bytes:
    """An HTML page of ``size`` bytes (almost all spaces) gzipped to about 1/1000th of it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(b"<!DOCTYPE html><html><body><p>")]
    block = b" " * (1 << 20)
    for _ in range(size // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.flush())
    return b"".join(parts)


def encoded(body: bytes, encoding: str, content_type: str = HTML_TYPE) -> Handler:
    """A body sent with ``Content-Encoding: encoding`` (the body is sent as given)."""
    return page(body, content_type, headers={"Content-Encoding": encoding})


def short_body(body: bytes = HTML, declared: int | None = None) -> Handler:
    """Declare ``declared`` bytes (default: twice the body), send ``body``, then close."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.close_connection = True
        length = declared if declared is not None else 2 * len(body)
        _head(req, 200, {"Content-Type": HTML_TYPE, "Content-Length": str(length)})
        _write(req, body)

    return handler


def close_delimited(body: bytes, content_type: str = HTML_TYPE, **headers: str) -> Handler:
    """No Content-Length: the body ends when the server closes the connection."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.close_connection = True
        fields = {"Content-Type": content_type, "Connection": "close"}
        fields.update({k.replace("_", "-"): v for k, v in headers.items()})
        _head(req, 200, fields)
        _write(req, body)

    return handler


def chunked(parts: list[bytes], *, complete: bool = True) -> Handler:
    """A ``Transfer-Encoding: chunked`` body; ``complete=False`` closes before the last chunk."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.close_connection = True
        _head(req, 200, {"Content-Type": HTML_TYPE, "Transfer-Encoding": "chunked"})
        for part in parts:
            if not _write(req, b"%x\r\n%s\r\n" % (len(part), part)):
                return
        if complete:
            _write(req, b"0\r\n\r\n")

    return handler


def trickle(body: bytes = HTML, interval: float = 0.5) -> Handler:
    """Send one byte every ``interval`` seconds: never idle long enough for a read timeout."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.close_connection = True
        _head(req, 200, {"Content-Type": HTML_TYPE, "Content-Length": str(len(body))})
        for i in range(len(body)):
            if not _write(req, body[i : i + 1]):
                return
            time.sleep(interval)

    return handler


def stall(
    seconds: float, content_type: str = HTML_TYPE, body: bytes = HTML, length: int | None = None
) -> Handler:
    """Send the headers (``length`` as Content-Length, default the body's), then nothing for
    ``seconds``, then the body: trips a read timeout, and shows whether a client refused the
    response from its headers alone."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.close_connection = True
        size = len(body) if length is None else length
        _head(req, 200, {"Content-Type": content_type, "Content-Length": str(size)})
        if _write(req, b""):
            time.sleep(seconds)
            _write(req, body)

    return handler


def reset(after: bytes = b"") -> Handler:
    """Write ``after`` raw bytes (maybe none), then reset the connection (TCP RST)."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        req.close_connection = True
        if after:
            _write(req, after)
        sock = req.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()

    return handler


def conditional(
    body: bytes = HTML,
    *,
    etag: str | None = '"v1"',
    last_modified: str | None = "Thu, 01 Jan 2026 00:00:00 GMT",
) -> Handler:
    """A page that answers If-None-Match / If-Modified-Since with 304, as RFC 9110 says."""

    def handler(req: BaseHTTPRequestHandler) -> None:
        validators = {}
        if etag is not None:
            validators["ETag"] = etag
        if last_modified is not None:
            validators["Last-Modified"] = last_modified
        inm = req.headers.get("If-None-Match")
        ims = req.headers.get("If-Modified-Since")
        fresh = (inm is not None and etag is not None and inm == etag) or (
            inm is None and ims is not None and ims == last_modified
        )
        if fresh:
            _head(req, 304, {**validators, "Content-Length": "0"})
            return
        page(body, headers=validators)(req)

    return handler


# --- pathological markup and payloads (the hostile matrix) ----------------------------------

PAYLOAD_PAGE = "payload.html"  # in tests/fixtures/hostile: markup and escapes everywhere

# Characters that must never reach the store, the screen or an export: C0 controls except
# newline and tab (a carriage return can overwrite a line), DEL, C1, and bidi controls.
FORBIDDEN = frozenset(
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))]
    + [chr(c) for c in range(0x2066, 0x206A)]
)


def forbidden_in(text: str) -> set[str]:
    """The forbidden characters ``text`` contains (empty when it is safe to show)."""
    return FORBIDDEN.intersection(text)


def _document(title: str, body: bytes) -> bytes:
    head = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
    return head.encode() + b"<body>" + body + b"</body></html>"


def nested_divs(depth: int = 100_000) -> bytes:
    """``depth`` nested ``<div>``: Lexbor alone takes about 26 s on 100k."""
    return _document("Deep divs", b"<div>" * depth + b"<p>At the bottom.</p>" + b"</div>" * depth)


def many_attributes(count: int = 100_000) -> bytes:
    """One tag with ``count`` attributes: Lexbor alone takes about 47 s on 100k."""
    attrs = b" ".join(b"a%d=x" % i for i in range(count))
    return _document("Many attributes", b"<div " + attrs + b"><p>Inside the storm.</p></div>")


def nested_templates(depth: int = 70_000) -> bytes:
    """``depth`` nested ``<template>``: serialising ~70k of them segfaults Lexbor."""
    return _document("Nested templates", b"<template>" * depth + b"<p>Inside.</p>")


def huge_page(size: int) -> bytes:
    """A valid HTML page of about ``size`` bytes (paragraphs of plain words)."""
    para = b"<p>" + b"word " * 200 + b"</p>\n"
    return _document("Huge page", para * (size // len(para) + 1))


def wide_table(rows: int = 20, columns: int = 2000) -> bytes:
    """An article whose body holds a ``rows`` x ``columns`` table of one-letter cells."""
    words = b"<p>" + b"Plain words around a very wide table. " * 8 + b"</p>"
    row = b"<tr>" + b"<td>c</td>" * columns + b"</tr>"
    return _document("Wide table", words + b"<table>" + row * rows + b"</table>" + words)


def absurd_comment_count(count: str = "99999999999999999999999") -> bytes:
    """A WordPress-style article whose comment heading claims ``count`` comments (past 2**63)."""
    words = b"<p>" + b"Plain words in a paragraph of the article body. " * 6 + b"</p>"
    comments = (
        b'<div class="comments" id="comments"><h2 class="comment-reply-title">'
        + count.encode()
        + b" Comments</h2></div>"
    )
    return _document("Absurd count", b"<article>" + words * 3 + b"</article>" + comments)
