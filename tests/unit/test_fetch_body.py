"""BodyDecoder: one layer of gzip/deflate, a hard output cap, and no silent truncation."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.errors import EncodingError, TooLargeError
from broadsheet.http_body import BodyDecoder, describe_size, parse_content_encoding

URL = "http://example.test/page"
TEXT = ("<p>朱镕基在会议上讲话。</p>" * 50).encode()


def decode(raw: bytes, encoding: str | None, cap: int = 1 << 20, step: int = 0, **kw: int) -> bytes:
    """Feed ``raw`` in chunks of ``step`` bytes (all at once when 0), then finish."""
    decoder = BodyDecoder(URL, encoding, cap, **kw)
    step = step or max(len(raw), 1)
    out = [decoder.feed(raw[i : i + step]) for i in range(0, len(raw), step)]
    out.append(decoder.finish())
    return b"".join(out)


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        (" GZIP ", "gzip"),
        ("x-gzip", "gzip"),
        ("deflate", "deflate"),
        ("gzip, identity", "gzip"),
    ],
)
def test_accepted_content_encodings(header: str | None, expected: str | None) -> None:
    assert parse_content_encoding(URL, header) == expected


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("gzip, gzip", "more than once"),
        ("deflate, gzip", "more than once"),
        ("br", "only gzip and deflate"),
        ("zstd", "only gzip and deflate"),
        ("compress", "only gzip and deflate"),
    ],
)
def test_refused_content_encodings(header: str, words: str) -> None:
    with pytest.raises(EncodingError, match=words) as caught:
        parse_content_encoding(URL, header)
    assert str(caught.value).startswith(URL)
    assert header in str(caught.value)


@pytest.mark.parametrize("step", [0, 1, 7, 4096])
@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        (None, lambda b: b),
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
    ],
    ids=["identity", "gzip", "zlib-deflate", "raw-deflate"],
)
def test_round_trip_in_any_chunking(
    encoding: str | None, pack: Callable[[bytes], bytes], step: int
) -> None:
    assert decode(pack(TEXT), encoding, step=step) == TEXT


@pytest.mark.parametrize("step", [0, 1000])
@pytest.mark.parametrize("pack", [gzip.compress, zlib.compress, raw_deflate])
def test_large_expansion_loses_nothing(pack: Callable[[bytes], bytes], step: int) -> None:
    """Output comes out in bounded steps; the last byte of a 3 MB run must still arrive."""
    data = b"<p>" + b"\x00" * (3 << 20) + b"</p>the end"
    encoding = "gzip" if pack is gzip.compress else "deflate"
    assert decode(pack(data), encoding, cap=4 << 20, step=step) == data


def test_concatenated_gzip_members_are_all_read() -> None:
    raw = gzip.compress(b"first ") + gzip.compress(b"second")
    assert decode(raw, "gzip", step=5) == b"first second"


def test_garbage_after_the_stream_is_ignored() -> None:
    assert decode(gzip.compress(TEXT) + b"\x00junk" * 10, "gzip", step=3) == TEXT
    assert decode(zlib.compress(TEXT) + b"junk", "deflate") == TEXT


def test_empty_compressed_body_is_an_empty_page() -> None:
    assert decode(b"", "gzip") == b""


def test_output_cap_is_exact() -> None:
    assert decode(gzip.compress(TEXT), "gzip", cap=len(TEXT)) == TEXT
    with pytest.raises(TooLargeError, match="decompressed page is larger"):
        decode(gzip.compress(TEXT), "gzip", cap=len(TEXT) - 1)
    assert decode(TEXT, None, cap=len(TEXT)) == TEXT
    with pytest.raises(TooLargeError, match=r"larger than the 1 KB limit"):
        decode(TEXT, None, cap=1024, step=100)


def test_bomb_never_produces_more_than_the_cap() -> None:
    bomb = gzip.compress(b"\x00" * (32 << 20), compresslevel=9)
    decoder = BodyDecoder(URL, "gzip", 64 * 1024)
    produced = 0
    with pytest.raises(TooLargeError):
        for i in range(0, len(bomb), 8192):
            produced += len(decoder.feed(bomb[i : i + 8192]))
    assert produced <= 64 * 1024
    assert decoder.size <= 64 * 1024 + 1


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_truncated_stream_is_an_error(encoding: str) -> None:
    pack = gzip.compress if encoding == "gzip" else zlib.compress
    whole = pack(bytes(range(256)) * 40)
    with pytest.raises(EncodingError, match="cut short") as caught:
        decode(whole[: len(whole) // 2], encoding)
    assert str(caught.value).startswith(URL)


def test_second_member_cut_short_is_an_error() -> None:
    second = gzip.compress(bytes(range(256)) * 40)
    with pytest.raises(EncodingError, match="cut short"):
        decode(gzip.compress(b"one") + second[:100], "gzip")


def test_corrupt_stream_is_an_error() -> None:
    with pytest.raises(EncodingError, match="damaged"):
        decode(b"<html>not gzip at all</html>", "gzip")


def test_body_shorter_than_content_length_is_an_error() -> None:
    with pytest.raises(EncodingError, match=r"\(10 of 20 bytes\)"):
        decode(b"0123456789", None, content_length=20)
    assert decode(b"0123456789", None, content_length=10) == b"0123456789"


def test_describe_size() -> None:
    assert describe_size(10 * 1024 * 1024) == "10 MB"
    assert describe_size(1536 * 1024) == "1.5 MB"
    assert describe_size(256 * 1024) == "256 KB"
    assert describe_size(300) == "300 bytes"


@settings(max_examples=300, deadline=None)
@given(
    chunks=st.lists(st.binary(max_size=64), max_size=8),
    encoding=st.sampled_from([None, "gzip", "deflate"]),
    prefix=st.sampled_from([b"", b"\x1f\x8b\x08\x00", b"\x78\x9c"]),
)
def test_fuzzed_bodies_fail_only_with_our_errors(
    chunks: list[bytes], encoding: str | None, prefix: bytes
) -> None:
    cap = 256
    decoder = BodyDecoder(URL, encoding, cap)
    out = 0
    try:
        for chunk in [prefix, *chunks]:
            out += len(decoder.feed(chunk))
        out += len(decoder.finish())
    except (EncodingError, TooLargeError) as exc:
        assert str(exc).startswith(URL)
    assert out <= cap


@settings(max_examples=100, deadline=None)
@given(
    data=st.binary(max_size=4096),
    encoding=st.sampled_from(["gzip", "deflate"]),
    step=st.integers(min_value=1, max_value=600),
)
def test_fuzzed_round_trip(data: bytes, encoding: str, step: int) -> None:
    raw = gzip.compress(data) if encoding == "gzip" else zlib.compress(data)
    assert decode(raw, encoding, step=step) == data
