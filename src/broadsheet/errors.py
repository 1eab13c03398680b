"""The exception tree of Broadsheet.

Every failure the core reports to a user is one of these, so the CLI and the app can catch
``BroadsheetError`` and show ``str(error)``: each message names what failed (usually the URL)
and why, in words a reader understands::

    BroadsheetError
    ├── FetchError                 anything that went wrong getting a page (has .url)
    │   ├── NetworkError           DNS, refused, reset, TLS: the server could not be reached
    │   ├── TimeoutError_          connect/read timeout or the wall-clock deadline passed
    │   ├── HTTPStatusError        the server answered 4xx/5xx (has .status)
    │   ├── TooLargeError          the body (or its decompressed form) passed the size cap
    │   ├── ContentTypeError       not HTML/XML: a PDF, an image... (has .content_type)
    │   ├── EncodingError          Content-Encoding stacked, unknown, or a corrupt/truncated body
    │   └── RedirectError          too many redirects or a redirect off http(s)
    ├── ExtractError               the page could not be parsed into an article
    ├── FeedError                  not a feed (RSS, Atom, JSON Feed, OPML) or broken beyond use
    ├── StoreError                 the cache file could not be opened or written
    │   └── CorruptStoreError      the cache file is damaged (has .path)
    ├── NotFoundError              no cached article matches an id or URL
    └── ExportError                an export could not be written
"""

from __future__ import annotations

from pathlib import Path


class BroadsheetError(Exception):
    """Base of every error Broadsheet raises on purpose."""


class FetchError(BroadsheetError):
    """Getting a page failed. ``url`` is the address that was asked for."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        self.reason = message
        super().__init__(f"{url}: {message}")


class NetworkError(FetchError):
    """The server could not be reached (DNS, connection refused or reset, TLS)."""


class TimeoutError_(FetchError):
    """A connect or read timeout, or the whole fetch passed its wall-clock deadline."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, message: str | None = None) -> None:
        self.status = status
        super().__init__(url, message or f"the server answered HTTP {status}")


class TooLargeError(FetchError):
    """The body, or what it decompresses to, is larger than the configured cap."""


class ContentTypeError(FetchError):
    """The response is not a web page (a PDF, an image, a binary download)."""

    def __init__(self, url: str, content_type: str) -> None:
        self.content_type = content_type
        received = content_type or "an unknown type"
        super().__init__(url, f"not a web page: the server sent {received}")


class EncodingError(FetchError):
    """The body's Content-Encoding is refused, or the body is corrupt or cut short."""


class RedirectError(FetchError):
    """Too many redirects, or a redirect to a scheme other than http(s)."""


class ExtractError(BroadsheetError):
    """A page could not be turned into an article."""


class FeedError(BroadsheetError):
    """A document is not a feed (or an OPML list), or is too broken to read any entry from.

    ``url`` is the feed's address when there is one, so a source list can show which of many
    sources failed while the others go on.
    """

    def __init__(self, message: str, *, url: str | None = None) -> None:
        self.url = url
        self.reason = message
        super().__init__(f"{url}: {message}" if url else message)


class StoreError(BroadsheetError):
    """The cache database could not be opened, read or written."""


class CorruptStoreError(StoreError):
    """The cache file is damaged. ``path`` is the file, so the user can move it aside."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"the cache file {path} is damaged ({detail}). Move it aside to start a fresh cache "
            f"(the old file is kept): broadsheet cache reset"
        )


class NotFoundError(BroadsheetError):
    """No cached article matches the id or URL asked for."""


class ExportError(BroadsheetError):
    """An export could not be written."""
