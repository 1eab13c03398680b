"""Get one page from the web, with every limit a hostile server could push against.

One ``Fetcher`` owns one ``httpx.AsyncClient`` (connection pooling, cookies across a redirect
dance) and applies, per fetch:

- connect and read timeouts, plus a wall-clock deadline for the whole fetch, redirects
  included (a server sending one byte every few seconds never trips a read timeout);
- redirects followed here rather than by httpx, so each hop is limited, resolved against the
  previous URL, and refused if it leaves http(s);
- ``Accept-Encoding: gzip, deflate`` and our own decompression of ``aiter_raw()`` with an
  output cap (``http_body``): stacked or unknown encodings, truncated streams and bodies
  shorter than their Content-Length are errors, not silent partial pages;
- a type check on the header and on the first bytes (``sniff``): PDFs and images are refused
  with what was received;
- conditional GET (ETag / Last-Modified) with a 304 answered by an empty, ``not_modified`` Page;
- the configured proxy (``FetchOptions.proxy``) and per-site headers, cookies and User-Agent
  (``FetchOptions.sites``, see ``fetch_settings``), the latter applied to each request as it
  leaves, so every redirect hop is judged by its own host.

httpx's ``trust_env`` stays on: without a configured proxy, the usual environment variables
(``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``) apply as in any httpx program;
a configured proxy replaces them all and carries every request, ``NO_PROXY`` hosts included.
The certificate variables (``SSL_CERT_FILE``, ``SSL_CERT_DIR``) apply either way.

Every failure is a subclass of ``errors.FetchError`` whose message names the URL asked for
and says what went wrong in plain words (``fetch_errors``). Decoding the bytes to text is
``encoding.decode_html(page.body, page.content_type)``, not this module's job.
"""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpx

from broadsheet import __version__
from broadsheet.errors import (
    EncodingError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    TimeoutError_,
    TooLargeError,
)
from broadsheet.fetch_errors import (
    check_address,
    hop_note,
    shorten,
    status_text,
    transport_error,
)
from broadsheet.fetch_settings import SiteRule, apply_site_rule, proxy_problem
from broadsheet.http_body import (
    ACCEPTED_ENCODINGS,
    BodyDecoder,
    describe_size,
    parse_content_encoding,
)
from broadsheet.models import Page
from broadsheet.sniff import (
    ACCEPT_HEADERS,
    SNIFF_BYTES,
    Accept,
    check_body_type,
    check_declared_type,
)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one fetch. The defaults suit a person reading articles."""

    max_bytes: int = 10 * 1024 * 1024  # cap on the (decompressed) body
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # wall-clock limit for the whole fetch
    max_redirects: int = 10
    user_agent: str = f"Broadsheet/{__version__} (terminal article reader)"
    proxy: str | None = None  # http://, https://, socks5:// or socks5h:// host:port
    sites: tuple[SiteRule, ...] = ()  # per-site headers, cookies, User-Agent

    def __post_init__(self) -> None:
        for name in ("max_bytes", "connect_timeout", "read_timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchOptions.{name} must be positive")
        if self.max_redirects < 0:
            raise ValueError("FetchOptions.max_redirects cannot be negative")
        if not self.user_agent.strip() or not self.user_agent.isprintable():
            raise ValueError("FetchOptions.user_agent must be one line of printable text")
        if self.proxy is not None and (problem := proxy_problem(self.proxy)):
            raise ValueError(f"FetchOptions.proxy {problem}")
        if not isinstance(self.sites, tuple) or not all(
            isinstance(rule, SiteRule) for rule in self.sites
        ):
            raise ValueError("FetchOptions.sites must be a tuple of SiteRule")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class _UnparsableLocation(Exception):
    """A redirect's Location that httpx cannot parse (``javascript:alert(1)``, ``http://[``).

    httpx builds the next request of every redirect, even one it will not follow, and such a
    Location makes it fail with a bare parse error that loses the address. A response hook
    raises this first, so the message can say where the server tried to send us.
    """

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


async def _check_location(response: httpx.Response) -> None:
    """Response hook: stop a redirect whose Location httpx would fail to parse.

    Mirrors httpx's own steps (parse the Location; give an absolute one without a host the
    request's host); Locations that parse are checked by ``Fetcher._next_hop``.
    """
    location = response.headers.get("location")
    if response.status_code not in _REDIRECT_STATUSES or not location:
        return
    try:
        target = httpx.URL(location)
        if target.scheme and not target.host:
            target.copy_with(host=response.url.host)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise _UnparsableLocation(location) from None


def _content_length(headers: httpx.Headers) -> int | None:
    """The declared body length, or None when absent, invalid or overridden by chunking."""
    if "transfer-encoding" in headers:
        return None
    value = headers.get("content-length", "")
    try:
        length = int(value.split(",")[0].strip())
    except ValueError:
        return None
    return length if length >= 0 else None


class Fetcher:
    """Fetch pages over one shared ``httpx.AsyncClient``; see the module docstring.

    The client is created lazily inside the running event loop, because an httpx client
    belongs to the loop that first uses it. A Fetcher used from another loop (successive
    ``asyncio.run`` calls in a command, a worker thread with its own loop) gets a client of
    its own there, kept until that loop is gone. ``transport`` replaces the network, for unit
    tests of this layer with ``httpx.MockTransport``.
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.options = options or FetchOptions()
        self._transport = transport
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient]
        self._clients = weakref.WeakKeyDictionary()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the running loop's client and its connections (a later fetch opens anew)."""
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()

    def client(self) -> httpx.AsyncClient:
        """The shared client of the running event loop, created on first use."""
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None or client.is_closed:
            opts = self.options
            client = httpx.AsyncClient(
                transport=self._transport,
                follow_redirects=False,
                timeout=httpx.Timeout(
                    connect=opts.connect_timeout,
                    read=opts.read_timeout,
                    write=opts.read_timeout,
                    pool=opts.connect_timeout,
                ),
                headers={"User-Agent": opts.user_agent, "Accept-Encoding": ACCEPTED_ENCODINGS},
                proxy=opts.proxy,
                event_hooks={"request": [self._apply_sites], "response": [_check_location]},
            )
            self._clients[loop] = client
        return client

    async def _apply_sites(self, request: httpx.Request) -> None:
        """Request hook: the site rule of this request's host (pages, feeds, images and each
        redirect hop alike, since they all leave through this client)."""
        if self.options.sites:
            apply_site_rule(request, self.options.sites)

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Accept = "html",
    ) -> Page:
        """Fetch ``url`` and return its (decompressed, undecoded) bytes as a ``Page``.

        ``etag`` / ``last_modified`` make the request conditional; a 304 answer returns a Page
        with ``not_modified=True`` and an empty body. ``accept="feed"`` also allows RSS, Atom,
        XML and JSON types. Raises only ``FetchError`` subclasses.
        """
        if accept not in ACCEPT_HEADERS:
            raise ValueError(f"accept must be 'html' or 'feed', not {accept!r}")
        check_address(url, url)
        deadline = self.options.deadline
        try:
            async with asyncio.timeout(deadline):
                return await self._follow(url, etag, last_modified, accept)
        except TimeoutError:
            raise TimeoutError_(
                url, f"gave up after {deadline:g} s: the server was too slow to send the page"
            ) from None
        except FetchError:
            raise
        except Exception as exc:
            # The stack under httpx (anyio, h11, ssl) can fail in ways httpx does not wrap
            # (an ExceptionGroup from a task group, an OverflowError...). Callers rely on
            # FetchError alone, so nothing else may escape; the cause stays chained.
            raise NetworkError(
                url, f"the request failed unexpectedly ({shorten(repr(exc), 160)})"
            ) from exc

    async def _follow(
        self, url: str, etag: str | None, last_modified: str | None, accept: Accept
    ) -> Page:
        """Request ``url``, following redirects ourselves, and read the final answer."""
        client = self.client()
        headers = {"Accept": ACCEPT_HEADERS[accept]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        conditional = bool(etag or last_modified)
        visited: list[str] = []
        current = url
        while True:
            visited.append(current)
            where = hop_note(url, current, len(visited) - 1)
            try:
                async with client.stream("GET", current, headers=headers) as response:
                    status = response.status_code
                    location = response.headers.get("location")
                    if status in _REDIRECT_STATUSES and location:
                        current = self._next_hop(url, response.url, location, visited)
                        continue
                    if status == 304:
                        if not conditional:
                            raise HTTPStatusError(
                                url,
                                304,
                                f"the server answered {status_text(304)} to a request that "
                                f"was not conditional{where}",
                            )
                        # A 304 may omit the validators; the ones we sent still hold.
                        return _page(url, response, b"", etag, last_modified)
                    if status >= 300:
                        raise HTTPStatusError(
                            url, status, f"the server answered {status_text(status)}{where}"
                        )
                    body = await self._read_body(url, response, accept, where)
                    return _page(url, response, body)
            except _UnparsableLocation as exc:
                raise RedirectError(
                    url,
                    f"the server redirected to an invalid address ({shorten(exc.location)}); "
                    f"only http and https redirects are followed{where}",
                ) from None
            except httpx.HTTPError as exc:
                raise transport_error(url, exc, self.options, where) from exc
            except httpx.InvalidURL as exc:
                # Our URLs were checked before sending; httpx parses a redirect's Location
                # even when it does not follow it, so this is the server's Location.
                raise RedirectError(
                    url,
                    f"the server redirected to an invalid address ({shorten(str(exc), 120)})"
                    f"{where}",
                ) from exc

    def _next_hop(self, url: str, base: httpx.URL, location: str, visited: list[str]) -> str:
        """Resolve a Location against the URL that sent it; enforce the limit and http(s)."""
        try:
            target = str(base.join(location.strip()))
        except (httpx.InvalidURL, ValueError):
            raise RedirectError(
                url, f"the server redirected to an invalid address ({shorten(location)})"
            ) from None
        check_address(url, target, shown=location)
        if len(visited) > self.options.max_redirects:
            loop = len({*visited, target}) <= len(visited)
            why = "the redirects go round in a loop" if loop else "the server keeps redirecting"
            raise RedirectError(
                url,
                f"too many redirects (more than {self.options.max_redirects}): {why}; "
                f"last one to {shorten(target)}",
            )
        return target

    async def _read_body(
        self, url: str, response: httpx.Response, accept: Accept, where: str
    ) -> bytes:
        """Stream, decompress and type-check the body within ``max_bytes``."""
        check_declared_type(url, response.headers.get("content-type"), accept)
        encoding = parse_content_encoding(url, response.headers.get("content-encoding"))
        length = _content_length(response.headers)
        limit = self.options.max_bytes
        if length is not None and length > limit:
            raise TooLargeError(
                url,
                f"the page is {describe_size(length)}, larger than the "
                f"{describe_size(limit)} limit; it was not downloaded{where}",
            )
        decoder = BodyDecoder(url, encoding, limit, content_length=length)
        parts: list[bytes] = []
        sniffed = False
        content_type = response.headers.get("content-type")
        try:
            async for chunk in response.aiter_raw():
                out = decoder.feed(chunk)
                if out:
                    parts.append(out)
                if not sniffed and decoder.size >= SNIFF_BYTES:
                    check_body_type(url, content_type, b"".join(parts)[:SNIFF_BYTES], accept)
                    sniffed = True
        except httpx.RemoteProtocolError as exc:
            got = describe_size(decoder.raw_size)
            raise EncodingError(
                url,
                f"the connection closed before the whole page arrived "
                f"(after {got}; {shorten(str(exc), 120)}){where}",
            ) from exc
        parts.append(decoder.finish())
        body = b"".join(parts)
        if not sniffed:
            check_body_type(url, content_type, body[:SNIFF_BYTES], accept)
        return body


def _page(
    url: str,
    response: httpx.Response,
    body: bytes,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Page:
    """The Page for a final response; ``etag``/``last_modified`` fill in what a 304 omits."""
    headers = {key.lower(): value for key, value in response.headers.items()}
    return Page(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        headers=headers,
        body=body,
        fetched_at=_now(),
        content_type=headers.get("content-type", ""),
        etag=headers.get("etag", etag),
        last_modified=headers.get("last-modified", last_modified),
        not_modified=response.status_code == 304,
    )
