"""The compiled parts of extraction give exactly what their Python twins give.

``extract._walk`` reads Lexbor's nodes from C, so everything it returns (text weights, link
densities, paragraph masses, content scores and their order, the surveys of the document
and the body, the page's lines) is compared with the Python code it stands in for, on the
fixture pages and on random tag soup rich in what it has to get right: whitespace
``str.strip`` knows and ASCII does not, CJK punctuation, links and paragraphs nested in odd
places. ``extract._guard`` is held to the regex and the counts ``guard.prepare`` used before
it.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.encoding import decode_html, reads_as_utf8
from broadsheet.extract import _JUDGE, _verdict, content, metadata, names, py_named
from broadsheet.extract.comments import hints
from broadsheet.extract.dom import JUNK_TAGS, py_lines, weight
from broadsheet.extract.guard import (
    MAX_ATTRIBUTES,
    MAX_DEPTH,
    MAX_TEMPLATES,
    _prepare,
    bytes_are_safe,
    prepare,
)
from broadsheet.extract.native import GUARD, WALK
from broadsheet.sanitize import _NEEDS_CLEANING
from support.soup import tag_soup

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _native() -> ModuleType:
    # The install the README gives compiles it (gcc and Python's headers are part of it): a
    # missing module is a broken build, not a reason to skip.
    assert WALK is not None, "broadsheet.extract._walk was not built"
    return WALK


def _body(html: str) -> LexborNode:
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(JUNK_TAGS))
    body = tree.body
    assert body is not None
    return body


def _agree(body: LexborNode) -> None:
    native = _native()
    text, dirty = native.lines(body)
    assert text == py_lines(body)
    assert dirty == bool(_NEEDS_CLEANING.search(text))
    scored = native.score(body, names.names_flags, names.NEGATIVE, names.POSITIVE)
    expected = [(c.node.mem_id, c.score) for c in content.py_score(body).values()]
    assert [(node.mem_id, score) for node, score in scored] == expected
    for node in [body, *body.traverse()]:
        text = node.text(deep=True)
        assert native.text_weight(node) == weight(text.strip())
        assert native.text_weight(node, False) == weight(text)
        assert native.link_density(node) == content.py_link_density(node)
        assert native.paragraph_mass(node) == content.weigh_once(node.css("p"), {})


def _agree_on_document(html: str) -> None:
    """The document survey finds what ``read_meta``'s selector and ``strip_tags`` would, and
    the body survey what the hidden and landmark selectors would."""
    native = _native()
    tree, twin = LexborHTMLParser(html), LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return
    heads, junk = native.survey_document(root)
    expected = list(dict.fromkeys(n.mem_id for n in tree.css(metadata.HEADS)))
    assert [n.mem_id for n in heads] == expected
    for node in junk:
        node.remove()
    twin.strip_tags(list(JUNK_TAGS))
    assert tree.html == twin.html
    body = tree.body
    if body is None:
        return
    named, hidden, landmarks = native.survey_body(body, _JUDGE, _verdict)
    assert [(n.mem_id, bits) for n, bits in named] == [
        (n.mem_id, bits) for n, bits in py_named(body)
    ]
    selected = dict.fromkeys(n.mem_id for n in body.css(content._HIDDEN_SELECTOR))
    assert [n.mem_id for n in hidden] == list(selected)
    assert [n.mem_id for n in landmarks] == [n.mem_id for n in body.css("nav, aside, footer")]


# Each side of every range the cleaning regex knows, and neighbours sharing its UTF-8 lead bytes.
_EDGES = [0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9F,
          0xA0, 0x61B, 0x61C, 0x61D, 0x200D, 0x200E, 0x200F, 0x2010, 0x2019, 0x2029, 0x202A,
          0x202E, 0x202F, 0x2065, 0x2066, 0x2069, 0x206A, 0xFEFE, 0xFEFF, 0xFF00, 0xFFF8,
          0xFFF9, 0xFFFB, 0xFFFC, 0xFFFD]  # fmt: skip


@pytest.mark.parametrize("code", _EDGES, ids=hex)
def test_the_compiled_lines_say_when_cleaning_is_needed(code: int) -> None:
    # (A character reference reaches the text where the raw character would not: Lexbor
    # reads a raw carriage return as a newline, but "&#13;" as itself.)
    for markup in (f"<p>a{chr(code)}b</p><p>{chr(code)}</p>", f"<p>a&#{code};b</p>"):
        text, dirty = _native().lines(_body(markup))
        assert dirty == bool(_NEEDS_CLEANING.search(text))


def test_the_compiled_scorer_is_what_extraction_uses() -> None:
    assert content.WALK is _native()


@pytest.mark.parametrize(
    "path", sorted(FIXTURES.rglob("*.html")), ids=lambda p: str(p.relative_to(FIXTURES))
)
def test_compiled_weights_and_scores_match_python_on_the_fixture_pages(path: Path) -> None:
    raw = path.read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            html = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        _agree(_body(html))
        _agree_on_document(html)
        return
    _agree(_body(raw.decode("utf-8", "replace")))
    _agree_on_document(raw.decode("utf-8", "replace"))


_TAGS = ["div", "p", "a", "span", "td", "tr", "table", "pre", "section", "article", "font",
         "center", "dd", "dl", "blockquote", "main", "li", "ul", "ol", "h1", "h2", "h4", "th",
         "br", "img", "em", "b", "form", "address", "x-card", "html", "body", "script",
         "style", "svg", "template", "noscript", "iframe", "button", "select", "textarea",
         "object", "canvas", "meta", "base", "nav", "aside", "footer", "title"]  # fmt: skip
_ATTRS = ['class="content"', 'id="comments"', 'class="sidebar post"', 'class="entry-body"',
          'id="main-nav"', 'class="related x"', 'class="hidden"', 'class=""', "class",
          'id="mostread"', 'href="/x"', 'itemprop="name"', 'ItemProp="x"', 'content="c"',
          "hidden", "HIDDEN", 'style="display:none"', 'style="Visibility: HIDDEN"',
          'style="color:red"', 'data-hidden="1"', "hiddenx", 'HREF="/b"']  # fmt: skip
_PIECES = ["word ", "longer words of prose here", ", ", "; ", "!", "?", "。", "，", "、", "；",
           "！", "？", "来源：经济日报", "文字", " ", "\n", "\t", "\u3000", "\xa0", "\u2009",
           "\u200b", "\x1c", "\x85", "\u2028", "\u202f", "&nbsp;", "&#12288;", "é", "😀",
           "<!-- note -->", "\ufeff", "\x07", "\x1b[31m", "\r", "\x7f", "\x9b", "\u061c",
           "\u200e", "\u202e", "\u2066", "\ufffb", "\u2019", "&#13;"]  # fmt: skip


# Random text, or a run of the pieces (twice as likely).
_SOUP_TEXT = st.one_of(
    st.text(max_size=8), *[st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)] * 2
)
_SOUP = tag_soup(_TAGS, _ATTRS, _SOUP_TEXT, parts=50, attributes=2)


@settings(max_examples=300, deadline=None)
@given(_SOUP)
def test_compiled_weights_and_scores_match_python_on_tag_soup(html: str) -> None:
    _agree(_body(f"<html><body>{html}</body></html>"))
    _agree_on_document(f"<html><head>{html[: len(html) // 3]}</head><body>{html}</body></html>")


# -- the guard's counts ------------------------------------------------------------------------

_MARKUP = ["<", ">", "</", "<p>", "<div a=1>", "<template>", "<TEMPLATE x>", "<TeMpLaTe",
           "<İ", "<ſ", "<K", "<ı", "<é", " a=b", " a", "=", "\u3000b", "\xa0c", "x" * 40, "中文",
           "😀", "/", "</div>", "<!--", "<1"]  # fmt: skip


@st.composite
def _markup(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(_MARKUP), max_size=60)))


def _regex_counts(text: str, limit: int) -> tuple[int, int]:
    """The templates ``guard._prepare``'s regex counts, and the tags it finds long enough for
    ``limit`` attributes that ``_tame_attributes`` would strip (more ``=`` or words)."""
    run = 2 * limit
    scan = re.compile(rf"<(?:(template)(?![^>]{{{run}}})|[A-Za-z][^>]{{{run}}})", re.IGNORECASE)
    templates = heavy = 0
    for match in scan.finditer(text):
        if match.group(1):
            templates += 1
            continue
        end = text.find(">", match.start())
        tag = text[match.start() : end if end >= 0 else len(text)]
        heavy += tag.count("=") > limit or len(tag.split()) > limit
    return templates, heavy


@settings(max_examples=500, deadline=None)
@given(_markup(), st.integers(1, 30))
def test_compiled_guard_counts_agree_with_the_regex(text: str, limit: int) -> None:
    assert GUARD is not None, "broadsheet.extract._guard was not built"
    opening, closing, templates, heavy = GUARD.count(text, limit)
    assert closing == text.count("</")
    assert opening == text.count("<") - closing
    regex_templates, regex_heavy = _regex_counts(text, limit)
    if regex_heavy:
        assert heavy  # a tag the guard would strip is never missed...
    if not heavy:  # ...and the templates are never undercounted
        assert templates >= regex_templates


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*_MARKUP, "y" * (2 * MAX_ATTRIBUTES)]), max_size=30))
def test_prepare_with_the_compiled_counts_is_prepare_in_python(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert prepare(text) == _prepare(text)


def test_prepare_on_template_and_attribute_storms_matches_python() -> None:
    for text in (
        "<template>" * (MAX_TEMPLATES + 1) + "<p>x</p>",
        "<div " + " a" * (MAX_ATTRIBUTES + 5) + ">x</div>",
        "<div>" * (MAX_DEPTH + 10),
    ):
        assert prepare(text) == _prepare(text)


_HASHES = """
import hashlib, sys
from pathlib import Path
from broadsheet.extract import extract
from broadsheet.extract.native import GUARD, WALK
assert (WALK, GUARD) == (None, None) if sys.argv[2] == "pure" else WALK is not None
for path in sorted(Path(sys.argv[1]).rglob("*.html")):
    article = extract(path.read_bytes(), "https://example.org/a/b.html")
    print(path.relative_to(sys.argv[1]), hashlib.sha256(repr(article).encode()).hexdigest())
"""


def test_whole_extraction_is_the_same_with_and_without_the_compiled_parts() -> None:
    def hashes(pure: bool) -> str:
        env = {k: v for k, v in os.environ.items() if k != "BROADSHEET_PURE_PYTHON"}
        if pure:
            env["BROADSHEET_PURE_PYTHON"] = "1"
        done = subprocess.run(
            [sys.executable, "-c", _HASHES, str(FIXTURES), "pure" if pure else "native"],
            env=env, capture_output=True, text=True, check=True, timeout=300,
        )  # fmt: skip
        return done.stdout

    native, pure = hashes(False), hashes(True)
    assert native.count("\n") >= 20
    assert native == pure


# -- the name words --------------------------------------------------------------------------


# The patterns' words (anchors taken off), separators, the anchor sentinels, and characters
# outside the tree's ASCII.
_WORD_PIECES = sorted(
    {w.strip("\x02\x03") for w in names._WORDS} | {"-", "_", "x", "\x02", "\x03", "é", "中", "😀"}
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=6).map("".join))
def test_the_compiled_name_tree_finds_what_the_regex_finds(token: str) -> None:
    assert names._TREE is not None, "broadsheet.extract._trie was not built"
    for word in token.split():
        spaced = word.replace("\x02", " ").replace("\x03", " ")  # as names._raw does
        assert names._TREE.tokens(word) == [names.py_bits(f"\x02{spaced}\x03")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORD_PIECES, " ", "\t", "\xa0", "\u3000", "\x1c"]), max_size=12))
def test_the_compiled_name_tree_reads_every_token_of_a_hint(pieces: list[str]) -> None:
    assert names._TREE is not None, "broadsheet.extract._trie was not built"
    hint = "".join(pieces)
    assert names._TREE.tokens(hint) == [names._raw.__wrapped__(t) for t in hint.split()]


# -- the compiled judge of names --------------------------------------------------------------

# Tags the verdict treats apart (judged, never removed, skipped, lists) and a custom one; names
# made of the comment finder's names, the name words, case, separators, whitespace (an id may
# hold some), dashes enough for a slug, and characters outside ASCII.
_NAMED_TAGS = ["div", "section", "ol", "ul", "li", "p", "td", "tr", "table", "article", "main",
               "aside", "nav", "footer", "header", "form", "span", "a", "img", "time", "dl",
               "figure", "center", "x-comments", "font", "body"]  # fmt: skip
_NAME_PIECES = sorted(
    {*_WORD_PIECES, *hints.CLASS_KINDS, *hints.ID_KINDS}
    | {"postmessage_", "c_", "pinglun", "PingLun", "COMMENTS", "Comment", "-", "--", " ", "\t",
       "\x0b", "\x1c", "\xa0", "İ", "K", "ſ", "評論", "1"}
)  # fmt: skip


@st.composite
def _named_page(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(st.sampled_from(_NAMED_TAGS))
        attrs = []
        for attr in ("class", "id"):
            kind = draw(st.integers(0, 3))
            if kind == 1:
                attrs.append(attr)
            elif kind >= 2:
                words = draw(
                    st.lists(
                        st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=2).map(
                            "".join
                        ),
                        max_size=4,
                    )
                )
                value = draw(st.sampled_from([" ", "  ", "\t", ""])).join(words)
                attrs.append(f'{attr}="{html.escape(value)}"')
        parts.append(f"<{tag} {' '.join(attrs)}>x")
    return "<html><body>" + "".join(parts) + "</body></html>"


@settings(max_examples=400, deadline=None)
@given(_named_page())
def test_the_compiled_judge_gives_the_python_verdict(page: str) -> None:
    body = _body(page)
    named, _, _ = _native().survey_body(body, _JUDGE, _verdict)
    assert [(n.mem_id, bits) for n, bits in named] == [
        (n.mem_id, bits) for n, bits in py_named(body)
    ]


def test_the_compiled_judge_finds_each_kind_of_name() -> None:
    """Every rule of the verdict, met once: so none is judged as nothing by both sides."""
    page = (
        '<div id="comments"></div><ol class="Comment-List"></ol><ul class="commentlist"></ul>'
        '<div class="comment" id="c_x1"></div><div id="postmessage_9"></div>'
        '<div id="disqus_thread"></div><div class="giscus"></div><p id="xx-pinglun"></p>'
        '<section class="related-posts"></section><div class="sidebar"></div>'
        '<footer class="sidebar"></footer><article class="sidebar"></article>'
        '<div class="评论 comments"></div><x-comments id="comments"></x-comments>'
        '<div class="comment-list"></div><ul id="comments-are-here-now"></ul>'
    )
    body = _body(f"<html><body>{page}</body></html>")
    named, _, _ = _native().survey_body(body, _JUDGE, _verdict)
    expected = [(n.mem_id, bits) for n, bits in py_named(body)]
    assert [(n.mem_id, bits) for n, bits in named] == expected
    assert len(expected) >= 12


# -- bytes: the fast path for UTF-8 pages ----------------------------------------------------

_UTF8_CASES = [b"", b"plain", b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\x80", b"\xe0\xa0\x80",
               b"\xed\x9f\xbf", b"\xed\xa0\x80", b"\xf0\x8f\xbf\xbf", b"\xf0\x90\x80\x80",
               b"\xf4\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xe4\xb8",
               b"\xe4\xb8\xad", b"\x80", b"\xff", "中文😀".encode()]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_UTF8_CASES, b"a" * 7, b"<p>", "é".encode()]) | st.binary(max_size=6),
        max_size=12,
    ).map(b"".join)
)
def test_compiled_utf8_check_is_pythons_strict_decoder(data: bytes) -> None:
    assert GUARD is not None, "broadsheet.extract._guard was not built"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert not GUARD.utf8_valid(data)
    else:
        assert GUARD.utf8_valid(data)


@settings(max_examples=500, deadline=None)
@given(_markup(), st.integers(1, 30))
def test_compiled_byte_counts_agree_with_the_regex(text: str, limit: int) -> None:
    assert GUARD is not None, "broadsheet.extract._guard was not built"
    data = text.encode("utf-8")
    opening, closing, templates, heavy = GUARD.count_bytes(data, limit)
    assert closing == data.count(b"</")
    assert opening == data.count(b"<") - closing
    regex_templates, regex_heavy = _regex_counts(text, limit)
    if regex_heavy:
        assert heavy
    if not heavy:
        assert templates >= regex_templates


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_MARKUP, "y" * (2 * MAX_ATTRIBUTES)]), max_size=30))
def test_bytes_the_guard_calls_safe_are_left_alone(pieces: list[str]) -> None:
    text = "".join(pieces)
    if bytes_are_safe(text.encode("utf-8")):
        assert prepare(text) == text


_LABELS = ["", '<meta charset="utf-8">', '<meta charset="gbk">', '<meta charset="hz-gb-2312">',
           '<meta charset="windows-1252">', '<meta charset="shift_jis">']  # fmt: skip
_TYPES = [None, "text/html", "text/html; charset=utf-8", "text/html; charset=gb2312",
          "text/html; charset=hz-gb-2312", "text/html; charset=iso-8859-2"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_LABELS),
    st.lists(st.sampled_from([*_UTF8_CASES, b"~{", b"<p>", "中".encode("gbk")]), max_size=8),
    st.sampled_from(_TYPES),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]),
)
def test_reads_as_utf8_only_where_decode_html_reads_utf8(
    label: str, pieces: list[bytes], content_type: str | None, bom: bytes
) -> None:
    assert GUARD is not None, "broadsheet.extract._guard was not built"
    body = bom + label.encode() + b"".join(pieces)
    if reads_as_utf8(body, content_type, GUARD.utf8_valid):
        decoded = decode_html(body, content_type)
        assert decoded.text == body.decode("utf-8")
        assert (decoded.encoding, decoded.source != "bom") == ("utf-8", True)
    elif not bom and not label and content_type in (None, "text/html"):
        # an undeclared page goes the fast way whenever it is UTF-8
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORD_PIECES, " ", "\t", "\xa0", "\u3000"]), max_size=12))
def test_the_compiled_judge_is_the_python_one(pieces: list[str]) -> None:
    assert names._TREE is not None, "broadsheet.extract._trie was not built"
    hint = "".join(pieces)
    tokens = hint.split()
    first = rest = 0
    for token in tokens:
        first |= names._token_first.__wrapped__(token)
        rest |= names._token_rest.__wrapped__(token)
    assert names._TREE.judge(hint, *names._FIRST_JUDGE) == first
    assert names._TREE.judge(hint, *names._REST_JUDGE) == rest
