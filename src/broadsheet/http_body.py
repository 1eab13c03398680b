"""Turn the raw bytes of a response into the page's bytes, safely.

httpx's own decoders have no output limit: a 1.8 KB ``gzip, gzip`` body becomes 1 GiB in one
chunk before any streamed size check can look at it, and a gzip stream cut in half decodes to
a silent 200. So the fetch layer reads ``aiter_raw()`` and feeds it through ``BodyDecoder``,
which accepts only ``gzip`` and ``deflate`` (one layer), never produces more than ``max_bytes``,
and refuses a stream that is corrupt, truncated, or shorter than its ``Content-Length``.

This module is pure (no IO, no httpx) so it can be tested and fuzzed without a network.
"""

from __future__ import annotations

import zlib
from typing import Final

from broadsheet.errors import EncodingError, TooLargeError

_GZIP_MAGIC: Final = b"\x1f\x8b"
_IDENTITY: Final = frozenset({"", "identity"})
_GZIP: Final = frozenset({"gzip", "x-gzip"})
_DEFLATE: Final = frozenset({"deflate"})
ACCEPTED_ENCODINGS: Final = "gzip, deflate"
_STEP: Final = 256 * 1024  # most output asked of zlib at once


def describe_size(size: int) -> str:
    """A byte count in words a reader understands: ``10 MB``, ``512 KB``, ``300 bytes``."""
    if size >= 1024 * 1024:
        value = size / (1024 * 1024)
        return f"{value:.0f} MB" if value >= 10 or value.is_integer() else f"{value:.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def parse_content_encoding(url: str, header: str | None) -> str | None:
    """The one compression to undo (``"gzip"`` / ``"deflate"``), or None for a plain body.

    Raises EncodingError for stacked layers (``gzip, gzip``: a classic bomb amplifier) and for
    anything else we did not offer in Accept-Encoding (``br``, ``zstd``, ``compress``...).
    """
    if header is None:
        return None
    layers = [t.strip().lower() for t in header.split(",")]
    layers = [t for t in layers if t not in _IDENTITY]
    if not layers:
        return None
    if len(layers) > 1:
        raise EncodingError(
            url,
            f"the server compressed the page more than once (Content-Encoding: {header.strip()}); "
            "stacked compression is refused",
        )
    layer = layers[0]
    if layer in _GZIP:
        return "gzip"
    if layer in _DEFLATE:
        return "deflate"
    raise EncodingError(
        url,
        f"the server used a compression Broadsheet does not accept (Content-Encoding: "
        f"{header.strip()}); only gzip and deflate are accepted",
    )


class BodyDecoder:
    """Undo at most one layer of gzip/deflate with a hard cap on what comes out.

    Feed raw chunks to ``feed`` (which returns the decoded bytes of that chunk) and call
    ``finish`` at the end of the stream. Both the raw and the decoded size are capped at
    ``max_bytes``; the decoder never asks zlib for more than the bytes left under the cap, so
    memory stays bounded however well the input compresses.
    """

    def __init__(
        self,
        url: str,
        encoding: str | None,
        max_bytes: int,
        *,
        content_length: int | None = None,
    ) -> None:
        if encoding not in (None, "gzip", "deflate"):
            raise ValueError(f"unsupported encoding {encoding!r}")
        self.url = url
        self.encoding = encoding
        self.max_bytes = max_bytes
        self.content_length = content_length
        self.raw_size = 0
        self.size = 0
        self._zlib: zlib._Decompress | None = None
        self._header = b""  # deflate: bytes held back until we know zlib-wrapped or raw
        self._trailing = False  # the stream ended and what follows is ignored

    def feed(self, chunk: bytes) -> bytes:
        """Decode one raw chunk; raises TooLargeError past the cap, EncodingError if corrupt."""
        if not chunk:
            return b""
        self.raw_size += len(chunk)
        if self.raw_size > self.max_bytes:
            raise self._too_large("the page")
        if self.encoding is None:
            self.size += len(chunk)
            return chunk
        if self._trailing:
            return b""
        return self._inflate(chunk)

    def finish(self) -> bytes:
        """End of stream: check the length and that the compressed stream really ended."""
        if self.content_length is not None and self.raw_size < self.content_length:
            raise EncodingError(
                self.url,
                f"the connection closed before the whole page arrived "
                f"({self.raw_size} of {self.content_length} bytes)",
            )
        if self.encoding is None or self.raw_size == 0:
            return b""
        tail = b""
        if self._zlib is None:  # deflate with fewer than two bytes in total
            tail = self._inflate(b"", final=True)
        assert self._zlib is not None
        if not self._zlib.eof:
            raise EncodingError(
                self.url,
                f"the {self.encoding}-compressed page is cut short or damaged "
                "(the compressed data ends early)",
            )
        return tail

    def _inflate(self, data: bytes, *, final: bool = False) -> bytes:
        if self._zlib is None:
            if self.encoding == "gzip":
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                # "deflate" should be zlib-wrapped, but servers also send raw deflate and
                # browsers accept both: decide from the first two bytes (the zlib header).
                self._header += data
                if len(self._header) < 2 and not final:
                    return b""
                data, self._header = self._header, b""
                self._zlib = zlib.decompressobj(_deflate_wbits(data))
        out: list[bytes] = []
        pending = False  # the last call filled its output limit: zlib may hold more
        while data or pending:
            if self._zlib.eof:
                data = self._next_member(data)
                if not data:
                    break
            # Small steps keep memory near the cap: zlib grows and copies its output buffer.
            limit = min(_STEP, self.max_bytes - self.size + 1)
            try:
                piece = self._zlib.decompress(data, limit)
            except zlib.error as exc:
                raise EncodingError(
                    self.url, f"the {self.encoding}-compressed page is damaged ({exc})"
                ) from None
            self.size += len(piece)
            if self.size > self.max_bytes:
                raise self._too_large("the decompressed page")
            out.append(piece)
            if self._zlib.eof:
                data, pending = self._zlib.unused_data, False
            else:
                data, pending = self._zlib.unconsumed_tail, len(piece) == limit
        return b"".join(out)

    def _next_member(self, data: bytes) -> bytes:
        """After a complete stream: start the next gzip member, or drop trailing garbage.

        RFC 1952 allows several gzip members back to back; browsers ignore bytes after the
        end of a deflate stream, and so do we.
        """
        if self.encoding == "gzip" and data.startswith(_GZIP_MAGIC):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            return data
        self._trailing = True
        return b""

    def _too_large(self, what: str) -> TooLargeError:
        return TooLargeError(
            self.url,
            f"{what} is larger than the {describe_size(self.max_bytes)} limit; "
            "it was not downloaded further",
        )


def _deflate_wbits(head: bytes) -> int:
    """zlib-wrapped deflate if the first two bytes are a valid zlib header, else raw deflate."""
    if len(head) >= 2:
        cmf, flg = head[0], head[1]
        if cmf & 0x0F == 8 and (cmf >> 4) <= 7 and ((cmf << 8) | flg) % 31 == 0:
            return zlib.MAX_WBITS
    return -zlib.MAX_WBITS
