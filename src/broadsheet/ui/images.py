"""Fetch and cache the images of an article, for the reading pane's inline pictures.

``Fetcher.fetch`` accepts only HTML and feeds (``accept="html" | "feed"``) and decodes text,
so images are fetched here over the library's shared httpx client, under the same limits
(``FetchOptions``: body cap, timeouts, wall-clock deadline, redirect count) and with the same
errors (``FetchError`` subclasses naming the URL). Each image is cached once under
``<data folder>/images/<sha256 of the URL>``, so a picture seen once shows offline too.

Only the UI uses this module; nothing here imports Textual.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from broadsheet.errors import (
    FetchError,
    HTTPStatusError,
    NetworkError,
    TimeoutError_,
    TooLargeError,
)
from broadsheet.fetch import Fetcher, FetchOptions

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: Types Pillow reads; SVG (a document, not pixels) and anything else are refused.
IMAGE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/bmp"}
)


def images_dir(home: Path) -> Path:
    """Where fetched images are kept: ``images`` under the data folder."""
    return home / "images"


def cache_path(folder: Path, url: str) -> Path:
    """The cache file of ``url``: its SHA-256, so any URL makes a safe, fixed-length name."""
    return folder / hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


class ImageLoader:
    """Fetch an image once, keep it on disk, hand back the file.

    ``client`` is a callable giving the running loop's ``httpx.AsyncClient`` (the library's
    ``Fetcher.client``), so images share its connections, User-Agent and timeouts.
    """

    def __init__(
        self,
        folder: Path,
        client: Callable[[], httpx.AsyncClient],
        options: FetchOptions | None = None,
    ) -> None:
        self.folder = folder
        self._client = client
        self.options = options or FetchOptions()

    def cached(self, url: str) -> Path | None:
        """The cached file of ``url``, if it was fetched before."""
        path = cache_path(self.folder, url)
        return path if path.is_file() else None

    async def load(self, url: str) -> Path:
        """The image at ``url`` as a local file, fetched (and cached) if not cached yet."""
        if (path := self.cached(url)) is not None:
            return path
        try:
            async with asyncio.timeout(self.options.deadline):
                body = await self._fetch(url)
        except TimeoutError as error:
            raise TimeoutError_(url, "the image took too long to download") from error
        except httpx.TimeoutException as error:
            raise TimeoutError_(url, "the server stopped answering") from error
        except httpx.HTTPError as error:
            raise NetworkError(url, f"the image could not be fetched ({error})") from error
        return self._store(url, body)

    async def _fetch(self, url: str) -> bytes:
        where = url
        for _hop in range(self.options.max_redirects + 1):
            if urlsplit(where).scheme not in ("http", "https"):
                raise FetchError(url, f"an image must come over http(s), not {where!r}")
            async with self._client().stream("GET", where, headers={"Accept": "image/*"}) as r:
                if r.status_code in _REDIRECTS and "location" in r.headers:
                    where = urljoin(where, r.headers["location"])
                    continue
                if r.status_code != 200:
                    raise HTTPStatusError(url, r.status_code)
                kind = r.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind not in IMAGE_TYPES:
                    shown = kind or "no type"
                    raise FetchError(url, f"not an image Broadsheet can show ({shown})")
                return await self._read(url, r)
        raise FetchError(url, f"more than {self.options.max_redirects} redirects")

    async def _read(self, url: str, response: httpx.Response) -> bytes:
        parts: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.options.max_bytes:
                raise TooLargeError(url, f"the image is over {self.options.max_bytes:,} bytes")
            parts.append(chunk)
        return b"".join(parts)

    def _store(self, url: str, body: bytes) -> Path:
        """Write atomically (a temporary file renamed), so a half-written file never counts
        as cached."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = cache_path(self.folder, url)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(body)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path


def loader_for(library: object) -> ImageLoader | None:
    """An ImageLoader over a real Library's fetcher and data folder; None for a library
    without them (the in-memory one of the tests), which then shows images as links."""
    fetcher = getattr(library, "fetcher", None)
    home = getattr(library, "home", None)
    if not isinstance(fetcher, Fetcher) or not isinstance(home, Path):
        return None
    return ImageLoader(images_dir(home), fetcher.client, fetcher.options)
