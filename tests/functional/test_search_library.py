"""Search through ``Library`` after real fetches: the fixture pages served on 127.0.0.1, the
real extractor, a real SQLite file; articles from feeds; offline reading."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer, send
from broadsheet.errors import NetworkError
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from support.area_c2 import write_sources_site

QUICK = FetchOptions(connect_timeout=2, read_timeout=5, deadline=15)
PORTAL = "/portal.gbk.html"  # 社区医院推出夜间门诊 (GBK, 来源: 经济日报)
COMMENTS = "/portal-comments.gbk.html"  # 家庭药箱里应该常备哪些药, two comments
BLOG = "/wordpress.html"  # Keeping a Kitchen Garden Through the Winter, four comments


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = Library(tmp_path / "home", fetch_options=QUICK)
    yield lib
    await lib.aclose()
    lib.close()


@pytest.fixture
async def fetched(library: Library, site: SiteServer) -> dict[str, int]:
    """The three fixture articles fetched into the library: path -> article id."""
    ids = {}
    for path in (PORTAL, COMMENTS, BLOG):
        ids[path] = (await library.open_url(site.url(path))).id
    return ids


def found(library: Library, query: str) -> list[int]:
    return [hit.article.id for hit in library.search(query)]


def marked(snippet: str, highlights: tuple[tuple[int, int], ...]) -> list[str]:
    return [snippet[a:b] for a, b in highlights]


async def test_a_two_character_chinese_word_finds_the_portal_article(
    library: Library, fetched: dict[str, int]
) -> None:
    hits = library.search("社区")
    assert [h.article.id for h in hits] == [fetched[PORTAL]]
    (hit,) = hits
    assert hit.article.title == "社区医院推出夜间门诊 老人看病不再排长队"
    assert hit.article.site_name == "康源医药网"
    assert "社区" in marked(hit.snippet, hit.highlights)
    assert hit.rank > 0 and hit.field in ("title", "summary", "body")


async def test_an_english_word_and_a_prefix_find_the_blog_article(
    library: Library, fetched: dict[str, int]
) -> None:
    assert found(library, "fleece") == [fetched[BLOG]]
    assert found(library, "kitch*") == [fetched[BLOG]]
    assert found(library, '"kitchen garden"') == [fetched[BLOG]]
    assert found(library, '"garden kitchen"') == []
    (hit,) = library.search("fleece")
    assert [w.lower() for w in marked(hit.snippet, hit.highlights)] == ["fleece"] * len(
        hit.highlights
    )


async def test_the_source_line_comments_and_single_characters_are_searched(
    library: Library, fetched: dict[str, int]
) -> None:
    assert found(library, "经济日报") == [fetched[PORTAL]]  # the 来源 line only
    (hit,) = library.search("剂量")  # a word only in a comment (小林's)
    assert hit.article.id == fetched[COMMENTS] and hit.field == "comments"
    assert found(library, "Whitley") == [fetched[BLOG]]  # a commenter's name
    assert set(found(library, "药")) == {fetched[PORTAL], fetched[COMMENTS]}


async def test_qualifiers_narrow_and_exclusions_remove(
    library: Library, fetched: dict[str, int]
) -> None:
    portal, comments, blog = fetched[PORTAL], fetched[COMMENTS], fetched[BLOG]
    assert set(found(library, "site:康源医药网")) == {portal, comments}
    assert set(found(library, "药 -社区")) == {comments}
    assert found(library, "title:药箱") == [comments]
    assert found(library, "title:常备 社区") == []
    assert found(library, 'author:"Margaret Hale"') == [blog]
    library.set_favourite(comments)
    library.set_read(portal)
    assert found(library, "is:fav") == [comments]
    assert set(found(library, "is:unread")) == {comments, blog}
    assert found(library, "药 is:unread") == [comments]
    assert found(library, "before:2000") == []
    assert set(found(library, "after:2026-11")) == {portal, comments, blog}


async def test_problems_are_reported_and_odd_input_never_raises(
    library: Library, fetched: dict[str, int]
) -> None:
    assert library.parse_problems("社区") == ()
    assert library.parse_problems("after:2026-13-45 社区") != ()
    for text in ('"', "-", "*", "site:", 'NEAR(a b) OR "', "[/]", "\x1b[31m社区", "a" * 500):
        library.search(text)  # must not raise
    assert found(library, "\x1b[31m社区") == [fetched[PORTAL]]


async def test_refetching_replaces_what_is_indexed(library: Library, site: SiteServer) -> None:
    url = site.url("/changing.html")
    story = {"animal": "walrus"}

    def handler(request: BaseHTTPRequestHandler) -> None:
        paragraph = f"<p>The {story['animal']} sleeps on the ice floe all afternoon long.</p>"
        html = f"<html><body><article><h1>A {story['animal']} story</h1>{paragraph * 5}"
        send(request, 200, (html + "</article></body></html>").encode(), "text/html")

    site.routes["/changing.html"] = handler
    first = await library.open_url(url)
    assert found(library, "walrus") == [first.id]
    story["animal"] = "narwhal"
    again = await library.open_url(url, refresh=True)
    assert again.id == first.id and "narwhal" in again.article.title
    assert found(library, "walrus") == []
    assert found(library, "narwhal") == [first.id]


# --- feeds ---------------------------------------------------------------------------------


@pytest.fixture
def feeds_site(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    write_sources_site(root)
    with SiteServer(root) as server:
        yield server


async def test_articles_stored_from_a_feed_are_found(
    library: Library, feeds_site: SiteServer
) -> None:
    source = await library.add_source(feeds_site.url("/feeds/rss20.xml"))
    listed = library.list_articles(source_id=source.id)
    assert len(listed) == 3
    assert not any(p.startswith("/posts/") for _, p, _ in feeds_site.requests)  # feed content
    assert set(found(library, "lighthouse")) == {a.id for a in listed}
    assert found(library, 'title:"RSS r2"') == [a.id for a in listed if a.title == "RSS r2"]
    # A second refresh sees the same entries: nothing is indexed twice.
    await library.refresh(source)
    assert len(library.search("lighthouse", limit=50)) == 3
    assert library.cache_stats().indexed == library.cache_stats().articles == 3
    # Feed content has no page to re-extract: a reindex re-indexes it from its rows.
    result = library.reindex()
    assert (result.extracted, result.failed, result.indexed) == (0, 0, 3)
    assert set(found(library, "lighthouse")) == {a.id for a in listed}


# --- offline -------------------------------------------------------------------------------


async def test_a_network_failure_serves_the_cached_copy_and_says_offline(
    tmp_path: Path,
) -> None:
    pages = Path(__file__).parent.parent / "fixtures" / "pages"
    with SiteServer(pages) as server:
        url = server.url(PORTAL)
        first = Library(tmp_path / "home", fetch_options=QUICK)
        stored = await first.open_url(url)
        assert not first.offline
        await first.aclose()
        first.close()
    # The server is gone (a new session, as when the app starts on a train).
    library = Library(tmp_path / "home", fetch_options=QUICK)
    try:
        assert not library.offline
        again = await library.open_url(url, refresh=True)
        assert again == stored, "a refresh that cannot reach the server keeps the cached copy"
        assert library.offline
        with pytest.raises(NetworkError):
            await library.open_url(url.replace(PORTAL, "/never-cached.html"))
        assert library.offline
        assert found(library, "社区") == [stored.id]  # search needs no network either
        with SiteServer(pages) as server:
            await library.open_url(server.url(BLOG))
        assert not library.offline, "a successful fetch clears the flag"
    finally:
        await library.aclose()
        library.close()
