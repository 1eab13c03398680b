"""Failures of the fetch layer, said in words a reader understands.

The fetch layer meets failures from four places: the address itself, the server's answer, a
redirect, and the stack under httpx (httpcore, anyio, h11, the operating system, ssl). This
module turns each into one of the ``errors.FetchError`` subclasses, with a message that names
what went wrong (``the server refused the connection``, ``its port 99999 does not exist``)
rather than an exception class name. Anything a server supplied that ends up in a message
(a Location, an error string) is cleaned of control characters and shortened.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator
from http import HTTPStatus
from typing import TYPE_CHECKING

import httpx

from broadsheet.errors import FetchError, NetworkError, RedirectError, TimeoutError_
from broadsheet.fetch_settings import shown_proxy
from broadsheet.sanitize import clean_line

if TYPE_CHECKING:
    from broadsheet.fetch import FetchOptions

SCHEMES = frozenset({"http", "https"})


def shorten(text: str, limit: int = 200) -> str:
    """A server-supplied string made safe and short enough for an error message."""
    text = clean_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_text(status: int) -> str:
    """``HTTP 404 Not Found``: the code with its standard phrase (never the server's own)."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def hop_note(url: str, current: str, hops: int) -> str:
    """A suffix for messages about a hop other than the first: where we were by then."""
    if hops == 0 or current == url:
        return ""
    plural = "s" if hops > 1 else ""
    return f" (at {shorten(current)}, after {hops} redirect{plural})"


def check_address(url: str, target: str, *, shown: str = "") -> None:
    """Refuse what is not a complete http(s) address, before any connection is tried.

    ``target`` is the URL itself (a FetchError) or a redirect's resolved target (a
    RedirectError naming ``shown``, the Location as the server sent it).
    """
    first = target == url and not shown
    problem = ""
    try:
        parsed = httpx.URL(target)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        problem = f"it is not valid ({shorten(str(exc), 120)})"
    else:
        if parsed.scheme not in SCHEMES:
            problem = "only http:// and https:// addresses can be fetched"
        elif not parsed.host:
            problem = "it has no server name"
        elif parsed.port is not None and not 0 < parsed.port < 65536:
            problem = f"its port {parsed.port} does not exist"
    if not problem:
        return
    if first:
        raise FetchError(url, f"not a web address: {problem}")
    raise RedirectError(
        url,
        f"the server redirected to {shorten(shown or target)}, which is not a web address "
        f"({problem}); only http and https redirects are followed",
    )


def transport_error(
    url: str, exc: httpx.HTTPError, options: FetchOptions, where: str
) -> FetchError:
    """Turn an httpx failure into our error, in words a reader understands.

    With a proxy configured, connection failures name it: the server that refused may well
    be the proxy, not the site.
    """
    via = f" (through the proxy {shown_proxy(options.proxy)})" if options.proxy else ""
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return TimeoutError_(
            url, f"could not connect within {options.connect_timeout:g} s{via}{where}"
        )
    if isinstance(exc, httpx.ProxyError):
        detail = shorten(str(exc) or type(exc).__name__, 160)
        return NetworkError(url, f"the proxy did not carry the request ({detail}){via}{where}")
    if isinstance(exc, httpx.ReadTimeout):
        return TimeoutError_(url, f"the server sent nothing for {options.read_timeout:g} s{where}")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(url, f"not a web address ({shorten(str(exc), 120)}){where}")
    if isinstance(exc, httpx.RemoteProtocolError) and "location header" in str(exc):
        # httpx parses a redirect's Location even when it does not follow it.
        return RedirectError(
            url, f"the server redirected to an invalid address ({shorten(str(exc))}){where}"
        )
    reason = _os_reason(exc)
    if reason is None:
        detail = shorten(str(exc) or type(exc).__name__, 160)
        if isinstance(exc, httpx.TimeoutException):
            return TimeoutError_(url, f"the server was too slow ({detail}){where}")
        if isinstance(exc, httpx.ConnectError):
            reason = f"could not connect to the server ({detail})"
        elif isinstance(exc, httpx.RemoteProtocolError):
            reason = f"the server broke off the exchange ({detail})"
        else:
            reason = f"the connection failed ({detail})"
    return NetworkError(url, reason + via + where)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what caused it, outermost first (httpx wraps httpcore wraps OS)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        yield cause
        cause = cause.__cause__ or cause.__context__


def _os_reason(exc: BaseException) -> str | None:
    """A plain reason from the operating-system error under an httpx error, if there is one."""
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return "the site's security certificate could not be verified"
        if isinstance(cause, ssl.SSLError):
            return "the secure (TLS) connection failed"
        if isinstance(cause, socket.gaierror):
            return "the server's name could not be found"
        if isinstance(cause, ConnectionRefusedError):
            return "the server refused the connection"
        if isinstance(cause, ConnectionResetError):
            return "the server reset the connection"
        if isinstance(cause, ConnectionAbortedError | BrokenPipeError):
            return "the connection was cut"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "the server cannot be reached from this network"
    text = str(exc).lower()
    if "name or service not known" in text or "name resolution" in text:
        return "the server's name could not be found"
    return None
