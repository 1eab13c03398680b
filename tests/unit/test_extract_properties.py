"""extract() never raises, is deterministic, and stays bounded on pathological markup."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.extract import extract
from broadsheet.extract.guard import MAX_DEPTH, prepare
from broadsheet.models import Article
from support.soup import tag_soup

_TAGS = ["div", "p", "a", "b", "em", "table", "tr", "td", "ul", "li", "br", "img", "script",
         "style", "template", "h1", "h2", "pre", "code", "blockquote", "article", "span", "font",
         "noscript", "svg", "title", "meta", "time", "figure", "ol"]  # fmt: skip
_ATTRS = ['class="content"', 'id="comments"', 'class="related"', 'href="/x"', 'src="a.png"',
          'href="javascript:alert(1)"', 'datetime="2026-01-02"', 'class="pinglun"',
          'property="og:title" content="T"', 'type="application/ld+json"',
          'alt="&#27;"']  # fmt: skip
_PIECES = [*"ab 。，来源：评论(0)相关文章\n\t<>&;#[]/=\"'", "\x1b", "\x00", "\u202e", "&#27;",
           "&amp;", "全部评论(3)", '{"@type":', "2026-01-02 10:00"]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


_SOUP = tag_soup(_TAGS, _ATTRS, _TEXT, parts=60, attributes=3)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    first = extract(data, "http://example.org/")
    assert isinstance(first, Article)
    assert extract(data, "http://example.org/") == first


@settings(max_examples=200, deadline=None)
@given(_SOUP, st.sampled_from([None, "http://example.org/a/b", "not a url", "ftp://x/"]))
def test_never_raises_on_tag_soup_and_is_deterministic(html: str, url: str | None) -> None:
    first = extract(html, url)
    assert isinstance(first, Article)
    assert extract(html, url) == first
    for text in (first.title, first.text, first.summary, first.author, first.source):
        assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    for link in (*first.links, *first.related):
        assert link.url.startswith(("http://", "https://"))
    for block in first.blocks:
        for span in block.spans:
            assert 0 <= span.start < span.end <= len(block.text)


@settings(max_examples=100, deadline=None)
@given(_SOUP)
def test_bytes_and_text_input_agree_on_utf8(html: str) -> None:
    assert extract(html.encode("utf-8"), content_type="text/html; charset=utf-8") == extract(html)


def test_guard_cuts_absurd_nesting_and_attribute_storms() -> None:
    nested = "<div>" * 50_000 + "deep" + "</div>" * 50_000
    cut = prepare(nested)
    assert cut.count("<div>") <= MAX_DEPTH
    storm = "<p " + " ".join(f"a{i}=1" for i in range(20_000)) + ">kept</p>"
    assert prepare(storm) == "<p>kept</p>"
    ordinary = "<div class='a'>" * 50 + "text" + "</div>" * 50
    assert prepare(ordinary) == ordinary


def test_pathological_pages_return() -> None:
    """100k nested divs, 100k attributes, 70k nested templates: each extract call returns
    an Article. Run in a child process so that a crash in the parser fails this test instead
    of killing the test run."""
    script = textwrap.dedent(
        """
        from broadsheet.extract import extract
        pages = {
            "divs": "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000,
            "attributes": "<html><body><div " + " ".join(f"a{i}=v" for i in range(100_000))
                + "><p>" + "Text. " * 50 + "</p></div>",
            "templates": "<html><body>" + "<template>" * 70_000 + "y",
            "mixed": "<p>" + "<b><i><table><td>" * 30_000 + "z",
        }
        for name, html in pages.items():
            article = extract(html.encode(), "http://example.org/")
            print(name, type(article).__name__)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "divs", "Article", "attributes", "Article", "templates", "Article", "mixed", "Article"
    ]  # fmt: skip
