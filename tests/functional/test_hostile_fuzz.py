"""Fuzz the decoder, the sanitiser and the extractor with Hypothesis.

These are the three places every hostile byte passes through before it is stored or shown.
Each property is what the rest of the app relies on: decoding never raises whatever the bytes
and whatever charset label the server or the page claims; cleaned text holds no C0 control
except newline and tab, no DEL, no C1 and no bidi control; extraction never raises and what it
returns is clean text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.encoding import decode_html, normalise_label
from broadsheet.extract import extract
from broadsheet.sanitize import clean_line, clean_text
from support import hostile

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Labels a server or a page may claim: real ones, WHATWG aliases, Python codecs that are not
# text encodings or raise on "replace", and garbage.
LABELS = [
    "utf-8",
    "gbk",
    "gb2312",
    "big5",
    "shift_jis",
    "iso-8859-1",
    "utf-16",
    "utf-16-be",
    "utf-32",
    "hz-gb-2312",
    "base64",
    "zlib",
    "rot13",
    "hex",
    "uu",
    "bz2",
    "quopri",
    "idna",
    "punycode",
    "undefined",
    "utf-7",
    "unicode_escape",
    "raw_unicode_escape",
    "charmap",
    "x-no-such-charset",
    "",
]
label = st.sampled_from(LABELS) | st.text(max_size=20)

# Text a hostile page may carry: controls, escapes, bidi, markup, CJK.
HOSTILE_ALPHABET = st.sampled_from(
    [
        *map(chr, range(0x00, 0x20)),
        *map(chr, range(0x7F, 0xA0)),
        "\u061c",
        "\u200e",
        "\u200f",
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
        "\ufeff",
        "[",
        "]",
        "/",
        "@",
        "=",
        ";",
        "\\",
        "a",
        " ",
        "中",
        "文",
        "<",
        ">",
        "&",
        "#",
    ]
)
hostile_text = st.text(HOSTILE_ALPHABET, max_size=200) | st.text(max_size=200)


@FUZZ
@given(body=st.binary(max_size=2048), claimed=label)
def test_decoding_never_raises_whatever_the_header_says(body: bytes, claimed: str) -> None:
    decoded = decode_html(body, f"text/html; charset={claimed}")
    assert isinstance(decoded.text, str)
    assert not hostile.forbidden_in(clean_text(decoded.text))


@FUZZ
@given(body=st.binary(max_size=2048), claimed=st.sampled_from(LABELS))
def test_decoding_never_raises_whatever_the_page_says(body: bytes, claimed: str) -> None:
    page = b"<meta charset=" + claimed.encode() + b">" + body
    decoded = decode_html(page)
    assert isinstance(decoded.text, str)
    assert decoded.encoding == "utf-8" or normalise_label(decoded.encoding) is not None


@FUZZ
@given(text=hostile_text)
def test_cleaned_text_has_no_controls_and_is_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert not hostile.forbidden_in(cleaned)
    assert clean_text(cleaned) == cleaned
    line = clean_line(text)
    assert not hostile.forbidden_in(line)
    assert "\n" not in line and "\t" not in line


def _element(text: str, tag: str) -> str:
    return f"<{tag}>{text}</{tag}>"


page_parts = st.lists(
    st.builds(
        _element,
        hostile_text,
        st.sampled_from(["p", "h1", "h2", "li", "blockquote", "pre", "td", "a", "div", "span"]),
    )
    | hostile_text,
    max_size=12,
)


@FUZZ
@given(title=hostile_text, parts=page_parts)
def test_extraction_never_raises_and_returns_clean_text(title: str, parts: list[str]) -> None:
    page = f"<html><head><title>{title}</title></head><body>{''.join(parts)}</body></html>"
    article = extract(page.encode("utf-8", "surrogatepass"), "http://127.0.0.1/fuzz")
    texts = [article.title, article.summary, article.author, article.source, article.site_name]
    for block in article.blocks:
        texts += [block.text, block.alt, *block.items]
        texts += [cell for row in block.rows for cell in row]
    texts += [c.text for c in article.comments.items] + [c.author for c in article.comments.items]
    texts += [link.text for link in (*article.links, *article.related)]
    for text in texts:
        assert not hostile.forbidden_in(text), repr(text)


@FUZZ
@given(body=st.binary(max_size=4096))
def test_extraction_of_random_bytes_never_raises(body: bytes) -> None:
    article = extract(body, "http://127.0.0.1/bytes")
    assert not hostile.forbidden_in(article.title)


@pytest.mark.parametrize("claimed", ["base64", "zlib", "rot13", "idna", "undefined", "utf-7"])
def test_a_label_no_browser_knows_is_ignored(claimed: str) -> None:
    """Found by the fuzzers above: ``charset=base64`` (or idna, undefined...) made decoding
    raise, so the page could not be read. Browsers ignore labels they do not know."""
    body = f"<meta charset='{claimed}'><p>夜间门诊</p>".encode()
    for decoded in (decode_html(body), decode_html(body, f"text/html; charset={claimed}")):
        assert decoded.encoding == "utf-8"
        assert "夜间门诊" in decoded.text
