"""Clutter that sits inside the chosen content: galleries, hover cards, notices; and the
one-pass comment hints that replaced the long selector lists.

Each rule has a page it must clean and a page it must leave alone.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.extract import extract, names
from broadsheet.extract.comments import find_comments, generic, script, wordpress
from broadsheet.extract.comments.hints import (
    ADAPTER,
    PLACEHOLDER,
    SECTION,
    WP_LIST,
    collect,
    verdict,
)
from broadsheet.extract.guard import MAX_TEMPLATES, prepare
from broadsheet.models import BlockKind, CommentState
from support.extract_area import ARTICLE, paragraphs


def page(inner: str) -> str:
    paras = paragraphs(ARTICLE)
    return (
        "<html><head><title>River path</title></head><body><article><h1>River path</h1>"
        f"<p>{ARTICLE[0]}</p>{inner}{paras[len(ARTICLE[0]) + 7 :]}</article></body></html>"
    )


CAPTION = "The river path at dusk, seen from the footbridge, with the new lights switched on."


def test_gallery_keeps_pictures_but_not_their_repeated_captions() -> None:
    gallery = (
        "<div class='hst-resgallery-container'><ul><li><img src='/a.jpg' alt='path'>"
        f"<div class='caption-full'>{CAPTION}<a> less</a></div>"
        f"<div class='caption-truncated'>{CAPTION[:40]}<a> ... more</a></div></li></ul></div>"
    )
    article = extract(page(gallery), "https://example.org/news/path")
    assert "footbridge" not in article.text
    assert all(t in article.text for t in ARTICLE)
    images = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert [b.src for b in images] == ["https://example.org/a.jpg"]


def test_a_caption_outside_any_gallery_is_kept() -> None:
    figure = f"<figure><img src='/a.jpg'><figcaption>{CAPTION}</figcaption></figure>"
    article = extract(page(figure), "https://example.org/news/path")
    assert "footbridge" in article.text


def test_hover_card_does_not_splice_into_the_sentence() -> None:
    text = (
        "<p>The motion was tabled by councillor <span class='rollover-people'>"
        "<a class='rollover-people-link' href='/people/ann-lee'>Ann Lee</a>"
        "<span class='rollover-people-block'><img src='/ann.jpg'>"
        "<a href='/x'>Budget row deepens over parks</a><a href='/y'>Ann Lee on the bypass</a>"
        "</span></span> after a petition with four thousand names reached the town hall.</p>"
    )
    article = extract(page(text), "https://example.org/news/path")
    assert "councillor Ann Lee after a petition" in article.text
    assert "Budget row" not in article.text


def test_a_span_named_block_without_links_is_text() -> None:
    text = (
        "<p>The motion was tabled by <span class='quote-block'>a councillor from the east "
        "ward</span> after a petition with four thousand names reached the town hall.</p>"
    )
    article = extract(page(text), "https://example.org/news/path")
    assert "by a councillor from the east ward after" in article.text


@pytest.mark.parametrize(
    "notice",
    [
        "This website uses cookies. By continuing to use our website you agree to our use of "
        "cookies.",
        "This slideshow requires JavaScript.",
        "[button link='https://example.org/submit' type='big'] Send us your review[/button]",
    ],
)
def test_notices_stay_out(notice: str) -> None:
    article = extract(page(f"<p>{notice}</p>"), "https://example.org/news/path")
    assert notice[:20] not in article.text
    assert all(t in article.text for t in ARTICLE)


def test_a_sentence_about_cookies_is_text() -> None:
    text = "Bakers on the path will sell cookies from a cart every evening until ten o'clock."
    article = extract(page(f"<p>{text}</p>"), "https://example.org/news/path")
    assert text in article.text


@pytest.mark.parametrize(
    ("tag", "cls", "ident", "bits"),
    [
        ("div", None, "comments", SECTION),
        ("section", "comments-area main", None, SECTION),
        ("div", "box-pinglun2", None, SECTION),
        ("ol", "comment-list", None, WP_LIST),
        ("ul", "commentlist comments", None, WP_LIST | SECTION),
        ("div", None, "SOHUCS", PLACEHOLDER),
        ("div", "fb-comments", None, PLACEHOLDER),
        ("table", "comment-tree", None, ADAPTER),
        ("div", "comment", "c_abc", ADAPTER),
        ("div", None, "postmessage_12", ADAPTER),
        ("div", "comment-meta", "comment-12", 0),
        ("div", "content", None, 0),
    ],
)
def test_comment_verdicts_follow_the_selectors(
    tag: str, cls: str | None, ident: str | None, bits: int
) -> None:
    assert verdict(tag, cls, ident) == bits


def test_hints_match_what_the_selectors_find() -> None:
    html = (
        "<body><div id='main'><p>Text</p></div><div class='comments-area'><ol class='comment-list'>"
        "<li class='comment'>x</li></ol></div><div id='disqus_thread'></div></body>"
    )
    body = LexborHTMLParser(html).body
    assert body is not None
    hints = collect(body)
    assert not hints.adapter
    assert [n.attributes.get("class") for n in hints.named] == ["comments-area"]
    assert [n.attributes.get("class") for n in hints.wp_lists] == ["comment-list"]
    assert [n.attributes.get("id") for n in hints.placeholders] == ["disqus_thread"]


def test_headings_are_searched_only_on_pages_that_mention_comments() -> None:
    html = "<body><div><h3>全部评论(0)</h3><p>还没有评论</p></div><div><p>正文</p></div></body>"
    body = LexborHTMLParser(html).body
    assert body is not None
    thread, nodes, _ = find_comments(body, "", None, "", page="全部评论(0)\n还没有评论\n正文")
    assert thread.state is CommentState.NONE and len(nodes) == 1
    body = LexborHTMLParser(html).body
    assert body is not None
    thread, nodes, _ = find_comments(body, "", None, "", page="正文")  # text says otherwise
    assert thread.state is CommentState.UNKNOWN and not nodes


def test_template_storm_in_any_case_is_unwrapped() -> None:
    storm = "<TeMpLaTe>" * (MAX_TEMPLATES + 5) + "<p>text</p>"
    assert "template" not in prepare(storm).lower()
    few = "<template>" * 3 + "<p>text</p>"
    assert prepare(few) == few


def _as_written(token: str, wanted: int, against: int, cleared: int) -> int:
    """The verdict read straight off the patterns, one ``re.search`` each: what the prefix
    tree in ``names`` must agree with."""
    flags = 0
    for bit, source in names._SOURCES:
        if bit & wanted and re.search(source, token):
            flags |= bit
    if re.search(names._RAIL_SOURCE, token):
        return (flags | against) & ~cleared
    if flags & against and re.search(names._EMBED_SOURCE, token):
        flags &= ~against
    return flags


# Pieces names are made of: every word the patterns hold (anchors taken off), separators,
# letters, and the sentinel characters the tree uses for anchors.
_NAME_PIECES = sorted(
    {w.strip("\x02\x03") for w in names._WORDS}
    | {"-", "_", "x", "a", "most", "embed", "nav", "\x02", "\x03", "ads", "top"}
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=5).map("".join))
def test_name_verdicts_match_the_patterns_as_written(token: str) -> None:
    first = _as_written(token, names._FIRST, names.UNLIKELY, names.MAYBE)
    rest = _as_written(token, ~names._FIRST, names.BOILERPLATE | names.NEGATIVE, names.POSITIVE)
    assert names._token_first(token) == first
    assert names._token_rest(token) == rest


@pytest.mark.parametrize(
    "token",
    ["top", "top_x", "stop", "xtop", "nav", "main-nav", "navigation", "mostread", "most-read",
     "x-embed", "xembed", "tweet-embed", "c-article-most-popular", "hidden", "hidden-x", ""],
)  # fmt: skip
def test_anchored_names_match_as_written(token: str) -> None:
    assert names.token_flags(token) == _as_written(
        token, names._FIRST, names.UNLIKELY, names.MAYBE
    ) | _as_written(token, ~names._FIRST, names.BOILERPLATE | names.NEGATIVE, names.POSITIVE)


def test_name_patterns_outside_the_plain_subset_are_refused() -> None:
    assert sorted(names._expand(r"^(?:a|bc?)[-_]$")) == sorted(
        ["\x02a-\x03", "\x02a_\x03", "\x02b-\x03", "\x02b_\x03", "\x02bc-\x03", "\x02bc_\x03"]
    )
    for pattern in (r"a+", r"a*", r"a.b", r"a{2}", r"(a)", r"[^a]", r"(?:a"):
        with pytest.raises(ValueError):
            names._expand(pattern)


def test_hints_agree_with_the_selector_lists() -> None:
    """The hint tables mirror generic.SECTIONS, wordpress.LISTS and script.PLACEHOLDERS: a
    name added to one and not the other shows up here."""
    names_ = [
        "comments", "comment", "respond", "pinglun", "comment_list", "gentie", "liuyan",
        "comment-area", "comments-area", "plbox", "comment-box", "comment_box", "commentbox",
        "comment-section", "article-comments", "message-board", "commentlist", "comment-list",
        "disqus_thread", "SOHUCS", "lv-container", "commento", "cyReward", "changyan_parti_unit",
        "uyan_frame", "vcomments", "waline", "tcomment", "comment-valine", "fb-comments",
        "giscus", "utterances", "valine", "twikoo", "box-pinglun", "comment-meta", "content",
    ]  # fmt: skip
    markup = "".join(
        f"<{tag} id='{n}'>x</{tag}><{tag} class='{n} other'>x</{tag}>"
        for n in names_
        for tag in ("div", "ol")
    )
    body = LexborHTMLParser(f"<!DOCTYPE html><body>{markup}</body>").body
    assert body is not None
    hints = collect(body)

    def ids(nodes: list[LexborNode]) -> list[int]:
        # Lexbor lists matches selector by selector, repeating an element two selectors match.
        return sorted({n.mem_id for n in nodes})

    lists = body.css(wordpress.LISTS)
    in_lists = {n.mem_id for n in lists}
    sections = [n for n in body.css(generic.SECTIONS) if n.mem_id not in in_lists]
    assert ids(hints.wp_lists) == ids(lists)
    assert ids(hints.named) == ids(sections)
    assert ids(hints.placeholders) == ids(body.css(script.PLACEHOLDERS))
