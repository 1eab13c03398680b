"""parse_feed over every supported format, hostile text, broken documents and encodings."""

from __future__ import annotations

import contextlib
import json
from dataclasses import astuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.errors import FeedError
from broadsheet.feeds import (
    Feed,
    FeedEntry,
    html_to_text,
    is_stub,
    looks_like_feed,
    parse_feed,
    xmlfeed,
)

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"
BASE = "http://harbour.example/feeds/"


def load(name: str, headers: dict[str, str] | None = None) -> Feed:
    return parse_feed((FEEDS / name).read_bytes(), BASE + name, headers)


def strings(feed: Feed) -> list[str]:
    """Every string a feed carries, for checks that must hold on all of them."""
    out = [feed.title, feed.url, feed.site_url]
    for entry in feed.entries:
        out += [s for s in astuple(entry) if isinstance(s, str)]
    return out


def test_rss20_fields_relative_links_and_duplicates() -> None:
    feed = load("rss20.xml")
    assert (feed.kind, feed.title, feed.site_url) == (
        "rss",
        "The Harbour Gazette",
        "http://harbour.example/",
    )
    assert [e.id for e in feed.entries] == [
        "harbour-2026-0001",
        "harbour-2026-0002",
        "https://harbour.example/news/lighthouse.html",
    ]  # the repeated guid is kept once
    tide, ferry, lighthouse = feed.entries
    assert tide.url == "http://harbour.example/news/tide-tables.html"
    assert ferry.url == "http://harbour.example/feeds/news/ferry.html"  # relative to the feed
    assert lighthouse.url == "https://harbour.example/news/lighthouse.html"  # permalink guid
    assert tide.author == "Maren Holt"
    assert lighthouse.author == "Press Office"  # "press@... (Press Office)"
    assert tide.published == "2026-01-05T08:30:00+00:00"  # +0100 turned into UTC
    assert tide.updated is None  # not feedparser's alias of the publication date
    assert tide.summary == "The harbour office has published new tide tables."
    assert "sandbar at the mouth of the estuary" in tide.content_html
    assert "<script" not in tide.content_html and "alert" not in tide.content_html
    # A description holding HTML is the entry's content when there is no content:encoded.
    assert ferry.content_html.startswith("<p>The ferry will run")
    assert ferry.summary == "The ferry will run every two hours from Monday…"


def test_rss10_rdf() -> None:
    feed = load("rss10.rdf")
    assert (feed.kind, feed.title, feed.site_url) == (
        "rss",
        "Library Notes",
        "http://library.example/",
    )
    first, second = feed.entries
    assert first.url == first.id == "http://library.example/notes/1"
    assert first.author == "Ilse Brandt"
    assert first.date == "2026-01-02T08:00:00+00:00"
    assert second.date == "2026-01-01T06:00:00+00:00"


def test_rss091_with_netscape_doctype_and_latin1() -> None:
    feed = load("rss091.xml")
    assert feed.kind == "rss"
    assert [e.title for e in feed.entries] == ["Café reopens on the square", "Market day moved"]
    assert feed.entries[0].summary == "The café is open again."
    assert feed.entries[1].summary == "" and feed.entries[1].date is None


def test_atom10_xml_base_html_title_and_authors() -> None:
    feed = load("atom10.atom")
    assert (feed.kind, feed.title, feed.site_url) == (
        "atom",
        "Observatory Log",
        "http://observatory.example/",
    )
    comet, dome = feed.entries
    assert comet.title == "Comet C/2025 K1 visible at dawn"  # type="html" rendered to text
    assert comet.url == "http://observatory.example/blog/comet-k1.html"  # xml:base
    assert 'href="http://observatory.example/blog/charts/k1.png"' in comet.content_html
    assert comet.author == "Ana Ruiz, Tom Weller"
    assert comet.published == "2026-01-06T04:10:00+00:00"
    assert comet.updated == "2026-01-06T21:00:00+00:00"
    assert comet.summary == "A faint comet can be seen low in the east."
    assert dome.url == "http://observatory.example/notices/dome.html"
    assert dome.published is None and dome.date == "2026-01-04T10:00:00+00:00"
    # type="text" content becomes escaped paragraphs.
    assert dome.content_html == (
        "<p>The dome will be closed for maintenance.</p><p>It reopens on Friday.</p>"
    )


def test_atom03() -> None:
    feed = load("atom03.xml")
    assert (feed.kind, feed.title) == ("atom", "Legacy Atom")
    (entry,) = feed.entries
    assert entry.url == "http://legacy.example/2005/entry.html"
    assert entry.published == "2025-12-01T09:00:00+00:00"


def test_json_feed_11() -> None:
    feed = load("jsonfeed11.json")
    assert (feed.kind, feed.title, feed.site_url) == (
        "json",
        "Garden Diary",
        "https://garden.example/",
    )
    frost, seeds, note, bad = feed.entries  # the string item and the empty item are skipped
    assert frost.url == "http://harbour.example/2026/01/frost"  # relative to the feed URL
    assert frost.id == "https://garden.example/2026/01/frost"
    assert frost.published == "2026-01-07T06:00:00+00:00"
    assert frost.updated == "2026-01-07T09:00:00+00:00"
    assert frost.summary == "Frost and dahlias."
    assert frost.author == "Pia Lund"  # the feed's author, as the item names none
    assert seeds.author == "Ole Lund, Pia Lund"
    assert seeds.published == "2026-01-05"  # a date stays a date
    assert seeds.content_html == (
        "<p>The seed catalogue arrived.</p><p>Tomatoes &lt;b&gt;first&lt;/b&gt;.</p>"
    )
    assert (note.id, note.url, note.title) == ("3", "", "A note with no link")
    assert (bad.id, bad.url, bad.title) == ("4", "", "")  # javascript: URL and a number title


def test_json_feed_10_single_author() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "title": "Old JSON",
            "items": [
                {
                    "id": "a",
                    "url": "https://old.example/a",
                    "author": {"name": "Kim"},
                    "content_html": "<p>x</p>",
                }
            ],
        }
    ).encode()
    feed = parse_feed(body, "https://old.example/feed.json")
    assert feed.entries[0].author == "Kim"
    assert feed.title == "Old JSON" and feed.site_url == ""


@pytest.mark.parametrize(
    "body",
    [
        b'{"title": "a JSON object", "items": []}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
        b"[1, 2, 3]",
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    ],
    ids=["not-json-feed", "truncated", "array", "deep-nesting"],
)
def test_bad_json_is_a_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body, "https://x.example/feed.json")
    assert caught.value.url == "https://x.example/feed.json"


def test_gbk_feed_labelled_gb2312_reads_gbk_only_characters() -> None:
    for headers in (None, {"Content-Type": "application/rss+xml; charset=gbk"}):
        feed = load("gbk.xml", headers)
        assert feed.title == "健康资讯网 - 医药新闻"
        assert feed.entries[0].title == "朱镕基谈医改：基层医疗服务能力提升"  # 镕 is not GB2312
        assert feed.entries[0].summary == "简要：基层医疗卫生服务能力持续提升。来源: 经济日报"
        assert feed.entries[0].url == "http://harbour.example/news/2026/0105/1234.html"


def test_gbk_feed_behind_a_server_that_claims_utf8() -> None:
    feed = load("gbk.xml", {"content-type": "text/xml; charset=utf-8"})
    assert feed.entries[0].title == "朱镕基谈医改：基层医疗服务能力提升"


def test_utf8_bytes_win_over_a_stale_gb2312_label() -> None:
    body = (
        '<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>新闻</title>'
        "<item><title>经济日报</title><link>http://a.example/1</link></item></channel></rss>"
    ).encode()
    feed = parse_feed(body, "http://a.example/rss")
    assert (feed.title, feed.entries[0].title) == ("新闻", "经济日报")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_feeds_with_a_byte_order_mark(codec: str) -> None:
    text = (
        '<?xml version="1.0" encoding="{}"?><rss version="2.0"><channel><title>十六</title>'
        "<item><title>Ünï</title><link>http://u.example/1</link></item></channel></rss>"
    ).format("utf-8" if codec == "utf-8-sig" else "utf-16")
    body = text.encode(codec)
    if codec == "utf-16-be":
        body = b"\xfe\xff" + body
    assert looks_like_feed(body, "application/octet-stream")
    feed = parse_feed(body, "http://u.example/rss")
    assert (feed.title, feed.entries[0].title) == ("十六", "Ünï")


def test_hostile_titles_are_cleaned_not_interpreted() -> None:
    feed = load("hostile.xml")
    assert feed.title == "Hostile [/] feed"
    assert [e.title for e in feed.entries] == [
        "Closing tag [/] in a title",
        "[@click=app.quit]x[/]",
        "red and clipboard txt.exe",
    ]
    assert feed.entries[0].summary == "[bold]not markup[/bold]"
    assert feed.entries[2].author == "Eve blink"
    for text in strings(feed):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e\x00"), repr(text)


def test_truncated_feed_keeps_the_complete_entries() -> None:
    feed = load("truncated.xml")
    assert [e.id for e in feed.entries] == ["harbour-2026-0001", "harbour-2026-0002"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated-head.xml", "broken"),
        ("page.html", "web page, not a feed"),
    ],
)
def test_unusable_documents_raise_feed_error(name: str, message: str) -> None:
    with pytest.raises(FeedError, match=message) as caught:
        load(name)
    assert caught.value.url == BASE + name
    assert str(caught.value).startswith(BASE + name)


@pytest.mark.parametrize("body", [b"", b"   \n", b"just some text", b"<html", b"\x00\x01\x02"])
def test_non_feeds_raise_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, "http://x.example/feed")


def test_entity_bomb_in_a_feed_is_not_expanded() -> None:
    feed = load("bomb.xml")
    assert feed.entries[0].url == "http://bomb.example/1"
    assert all(len(text) < 200 for text in strings(feed))


def test_a_feed_without_entries_is_empty_not_an_error() -> None:
    body = b'<rss version="2.0"><channel><title>Quiet</title><link>http://q.example/</link>'
    body += b"</channel></rss>"
    feed = parse_feed(body, "http://q.example/rss")
    assert (feed.title, feed.entries) == ("Quiet", ())


def test_untitled_feed_is_named_after_its_site() -> None:
    body = b'<rss version="2.0"><channel><link>http://site.example/</link><item>'
    body += b"<title>t</title><link>http://site.example/1</link></item></channel></rss>"
    assert parse_feed(body, "http://feeds.example/rss").title == "site.example"


def test_entries_without_id_or_link_get_a_stable_content_id() -> None:
    body = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><title>One</title><description>first</description></item>"
        b"<item><title>Two</title><description>second</description></item>"
        b"</channel></rss>"
    )
    one, two = parse_feed(body, "http://t.example/rss").entries
    again = parse_feed(body, "http://t.example/rss").entries
    assert one.id.startswith("sha256:") and one.id != two.id
    assert (one.id, two.id) == (again[0].id, again[1].id)
    assert one.url == ""


def test_markup_past_the_budget_is_cut_keeping_complete_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = "".join(
        f"<item><title>Entry {i}</title><link>http://b.example/{i}</link>"
        f"<description>&lt;p&gt;Text {i}&lt;/p&gt;</description></item>"
        for i in range(50)
    )  # 10 tags per item, escaped ones included
    body = f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()
    whole = parse_feed(body, "http://b.example/rss")
    assert len(whole.entries) == 50 and not whole.truncated
    # 4 tags before the first item, so entry n holds tags 4 + 10n to 13 + 10n.
    for budget, kept in ((203, 19), (204, 20), (208, 20), (213, 20)):
        monkeypatch.setattr(xmlfeed, "MAX_MARKUP", budget)
        cut = parse_feed(body, "http://b.example/rss")
        assert cut.truncated
        assert cut.entries == whole.entries[:kept], budget


def entry(content: str = "", summary: str = "") -> FeedEntry:
    return FeedEntry(
        id="x", url="http://x.example/", title="t", summary=summary, content_html=content
    )


LONG = "The survey found that the sandbar moved north. " * 15  # about 700 characters


@pytest.mark.parametrize(
    ("item", "stub"),
    [
        (entry(f"<p>{LONG}</p>"), False),
        (entry(summary=LONG), False),  # a summary-only entry that holds the whole text
        (entry(f"<p>{LONG[:300]}</p>"), True),  # too short
        (entry(), True),  # nothing at all
        (entry(f"<p>{LONG}</p><p><a href='/x'>Read more »</a></p>"), True),
        (entry(f"<p>{LONG} [...]</p>"), True),
        (entry(f"<p>{LONG}…</p>"), True),
        (entry(f"<p>{LONG}</p><p>Continue reading</p>"), True),
        (entry("<p>" + "基层医疗卫生服务能力持续提升。" * 40 + "</p>"), False),
        (entry("<p>" + "基层医疗卫生服务能力持续提升。" * 40 + "阅读全文</p>"), True),
        (entry(f"<p>{'x' * 100}</p><script>{'y' * 900}</script>"), True),  # script is invisible
    ],
    ids=[
        "long",
        "long-summary",
        "short",
        "empty",
        "read-more",
        "bracket-ellipsis",
        "ellipsis",
        "continue",
        "chinese-long",
        "chinese-read-all",
        "script",
    ],
)
def test_is_stub(item: FeedEntry, stub: bool) -> None:
    assert is_stub(item) is stub


def test_is_stub_on_fixture_entries() -> None:
    assert [is_stub(e) for e in load("rss20.xml").entries] == [False, True, True]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes_raise_only_feed_error(body: bytes) -> None:
    with contextlib.suppress(FeedError):  # anything else fails the test
        parse_feed(body, "http://fuzz.example/feed")


RSS20 = (FEEDS / "rss20.xml").read_bytes()
JSONFEED = (FEEDS / "jsonfeed11.json").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([RSS20, JSONFEED]),
    st.integers(min_value=0, max_value=len(RSS20)),
    st.binary(max_size=8),
)
def test_damaged_feeds_raise_only_feed_error(body: bytes, cut: int, junk: bytes) -> None:
    try:
        feed = parse_feed(body[:cut] + junk + body[cut:], "http://fuzz.example/feed")
    except FeedError:
        return
    for text in strings(feed):
        assert "\x1b" not in text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One\n two</p><p>Three &amp; <b>fo</b>ur</p>", "One two\nThree & four"),
        ("Line one\nLine two", "Line one\nLine two"),  # plain text keeps its lines
        ("<ul><li>a</li><li>b</li></ul>x<br>y", "a\nb\nx\ny"),
        ("<p>seen</p><script>hidden()</script><style>p{}</style>", "seen"),
        ("", ""),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_html_to_text_on_heavy_markup_keeps_the_text() -> None:
    nested = "<div>" * 30_000 + "deep &amp; inside" + "</div>" * 30_000
    assert html_to_text(nested) == "deep & inside"
