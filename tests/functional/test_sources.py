"""Sources end to end: a real HTTP server on 127.0.0.1, real SQLite files, the real extractor.

The site (``support.area_c2.write_sources_site``) has feeds in every format, a page that
advertises a feed, the three index fixtures and every article page they link to.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer
from broadsheet.errors import FeedError, HTTPStatusError, NotFoundError
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library
from broadsheet.sources import RefreshEvent, RefreshSettings
from support.area_c2 import FEEDS, LONG, InFlight, MutableFeed, rss, rss_item, write_sources_site

QUICK = FetchOptions(connect_timeout=2, read_timeout=5, deadline=15)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    write_sources_site(root)
    with SiteServer(root) as server:
        yield server


def open_library(home: Path, **settings: int) -> Library:
    return Library(home, fetch_options=QUICK, refresh_settings=RefreshSettings(**settings))


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = open_library(tmp_path / "home")
    yield lib
    await lib.aclose()
    lib.close()


def requests_for(server: SiteServer, path: str) -> list[dict[str, str]]:
    return [headers for _, p, headers in server.requests if p == path]


@pytest.mark.parametrize("name", sorted(FEEDS))
async def test_each_feed_format_is_added_with_its_entries(
    library: Library, served: SiteServer, name: str
) -> None:
    title, _, slugs = FEEDS[name]
    source = await library.add_source(served.url(f"/feeds/{name}"))
    assert (source.kind, source.title) == ("feed", title)
    assert (source.total, source.unread) == (len(slugs), len(slugs))
    articles = library.list_articles(source_id=source.id)
    assert {a.url for a in articles} == {served.url(f"/posts/{s}.html") for s in slugs}
    # Full content in the feed: stored from the feed, no page was fetched.
    assert not any(p.startswith("/posts/") for _, p, _ in served.requests)
    stored = library.get(articles[0].id)
    assert "long enough that the feed's own content" in stored.article.text


async def test_feed_order_is_kept_in_the_list(library: Library, served: SiteServer) -> None:
    source = await library.add_source(served.url("/feeds/rss20.xml"))
    titles = [a.title for a in library.list_articles(source_id=source.id)]
    assert titles == ["RSS r1", "RSS r2", "RSS r3"]


async def test_stub_entries_fetch_and_extract_the_page(
    library: Library, served: SiteServer
) -> None:
    source = await library.add_source(served.url("/feeds/stub.xml"))
    assert requests_for(served, "/posts/s1.html") and requests_for(served, "/posts/s2.html")
    stored = library.find(served.url("/posts/s1.html"))
    assert stored is not None
    assert "The whole story s1 as the page tells it." in stored.article.text
    assert source.total == 2


async def test_full_article_choice_fetches_pages_of_full_entries(
    library: Library, served: SiteServer
) -> None:
    await library.add_source(served.url("/feeds/atom.atom"), full_article=True)
    assert requests_for(served, "/posts/a1.html") and requests_for(served, "/posts/a2.html")
    stored = library.find(served.url("/posts/a1.html"))
    assert stored is not None and stored.article.title == "Page a1"


async def test_a_failed_stub_page_keeps_the_teaser(library: Library, served: SiteServer) -> None:
    served.routes["/posts/s2.html"] = lambda req: req.send_error(500)
    await library.add_source(served.url("/feeds/stub.xml"))
    stored = library.find(served.url("/posts/s2.html"))
    assert stored is not None and stored.article.title == "Stub two"
    assert "Short." in stored.article.text


async def test_a_page_advertising_a_feed_becomes_that_feed(
    library: Library, served: SiteServer
) -> None:
    source = await library.add_source(served.url("/blog/"))
    assert source.kind == "feed"
    assert source.url == served.url("/blog/")
    assert source.feed_url == served.url("/feeds/rss20.xml")
    assert source.total == 3
    # Adding the feed itself afterwards finds the same source, and can ask for full articles.
    again = await library.add_source(served.url("/feeds/rss20.xml"))
    assert again.id == source.id and len(library.sources()) == 1 and not again.full_article
    full = await library.add_source(served.url("/blog/"), full_article=True)
    assert full.id == source.id and library.get_source(source.id).full_article
    assert not library.set_full_article(source.id, False).full_article


@pytest.mark.parametrize(
    ("path", "count", "first"),
    [
        ("/news/list.gbk.html", 20, "冬季流感高发 专家提醒老人儿童及时接种疫苗"),
        ("/wp.html", 8, "winter-kitchen-garden"),
        ("/front.html", 19, "harbour-strike-ends-after-six-weeks"),
    ],
)
async def test_index_pages_become_page_sources_with_their_articles(
    library: Library, served: SiteServer, path: str, count: int, first: str
) -> None:
    source = await library.add_source(served.url(path))
    assert source.kind == "page" and source.feed_url is None
    assert (source.total, source.unread) == (count, count)
    titles = {a.title for a in library.list_articles(source_id=source.id)}
    assert first in titles
    # Side boxes, nav and footer links were never fetched.
    assert not requests_for(served, "/news/2026/0930/11802.html")
    assert not requests_for(served, "/about.html")


async def test_a_portal_source_shows_its_gbk_title(library: Library, served: SiteServer) -> None:
    source = await library.add_source(served.url("/news/list.gbk.html"))
    assert source.title == "健康资讯_康源医药网"


async def test_a_page_without_feed_or_list_is_a_clear_error(
    library: Library, served: SiteServer
) -> None:
    with pytest.raises(FeedError, match="neither a feed nor a page with a feed link"):
        await library.add_source(served.url("/plain.html"))
    with pytest.raises(HTTPStatusError):
        await library.add_source(served.url("/missing.xml"))
    assert library.sources() == []


async def test_refresh_uses_conditional_get_and_304_keeps_entries(
    library: Library, served: SiteServer
) -> None:
    feed = await library.add_source(served.url("/feeds/rss20.xml"))
    page = await library.add_source(served.url("/wp.html"))
    served.requests.clear()
    report = await library.refresh()
    assert [r.not_modified for r in report.results] == [True, True]
    for path in ("/feeds/rss20.xml", "/wp.html"):
        (headers,) = requests_for(served, path)
        assert headers.get("If-None-Match", "").startswith('"')
    after = {s.id: s.total for s in library.sources()}
    assert after == {feed.id: 3, page.id: 8}
    assert report.new == 0 and report.failed == ()


async def test_new_entries_arrive_on_refresh_and_old_marks_stay(
    library: Library, served: SiteServer
) -> None:
    route = MutableFeed(rss("Changing", [rss_item("r1", "First", LONG)]))
    served.routes["/changing.xml"] = route
    source = await library.add_source(served.url("/changing.xml"))
    (first,) = library.list_articles(source_id=source.id)
    library.set_read(first.id)
    route.body = rss("Changing", [rss_item("r2", "Second", LONG), rss_item("r1", "First", LONG)])
    report = await library.refresh(source.id)
    assert report.new == 1
    listed = library.list_articles(source_id=source.id)
    assert [(a.title, a.read) for a in listed] == [("Second", False), ("First", True)]
    assert library.get_source(source.id).unread == 1


async def test_a_feed_without_validators_sending_the_same_bytes_is_not_read_again(
    library: Library, served: SiteServer
) -> None:
    route = MutableFeed(rss("Same", [rss_item("r1", "First", LONG)]))
    served.routes["/same.xml"] = route
    source = await library.add_source(served.url("/same.xml"))
    (first,) = (await library.refresh(source.id)).results
    assert first.not_modified and first.error is None
    route.body = rss("Same", [rss_item("r2", "Second", LONG), rss_item("r1", "First", LONG)])
    (second,) = (await library.refresh(source.id)).results
    assert not second.not_modified and second.new == 1


async def test_a_broken_feed_records_its_error_loses_nothing_and_others_go_on(
    library: Library, served: SiteServer
) -> None:
    broken = MutableFeed(rss("Breaks", [rss_item("r1", "Kept entry", LONG)]))
    growing = MutableFeed(rss("Grows", [rss_item("r2", "Old entry", LONG)]))
    served.routes["/breaks.xml"] = broken
    served.routes["/grows.xml"] = growing
    bad = await library.add_source(served.url("/breaks.xml"))
    good = await library.add_source(served.url("/grows.xml"))
    broken.body = b"<?xml version='1.0'?><rss><channel><title>x</tit"
    growing.body = rss("Grows", [rss_item("r3", "New entry", LONG), rss_item("r2", "Old", LONG)])
    events: list[RefreshEvent] = []
    report = await library.refresh(progress=events.append)
    (failure,) = report.failed
    assert failure.source.id == bad.id
    assert failure.error is not None and served.url("/breaks.xml") in failure.error
    after = {s.id: s for s in library.sources()}
    assert after[bad.id].error == failure.error and after[bad.id].total == 1
    assert [a.title for a in library.list_articles(source_id=bad.id)] == ["Kept entry"]
    assert after[good.id].error is None and after[good.id].total == 2
    assert [(e.stage, e.total) for e in events].count(("done", 2)) == 2
    assert max(e.done for e in events) == 2
    # The feed is repaired: the error goes away on the next refresh.
    broken.body = rss("Breaks", [rss_item("r1", "Kept entry", LONG)])
    await library.refresh(bad.id)
    assert library.get_source(bad.id).error is None


async def test_a_dead_server_is_an_error_for_its_source_only(
    library: Library, served: SiteServer, tmp_path: Path
) -> None:
    other = SiteServer(tmp_path / "site").start()
    gone = await library.add_source(other.url("/feeds/atom.atom"))
    other.stop()
    await library.aclose()  # drop the kept-alive connection: the next request must connect
    here = await library.add_source(served.url("/feeds/rss20.xml"))
    report = await library.refresh()
    errors = {r.source.id: r.error for r in report.results}
    assert errors[here.id] is None
    assert errors[gone.id] is not None and "127.0.0.1" in errors[gone.id]


async def test_read_state_and_sources_survive_a_restart(tmp_path: Path, served: SiteServer) -> None:
    home = tmp_path / "home"
    first = open_library(home)
    source = await first.add_source(served.url("/feeds/rss20.xml"))
    articles = first.list_articles(source_id=source.id)
    first.set_read(articles[0].id)
    first.set_favourite(articles[1].id)
    await first.aclose()
    first.close()

    second = open_library(home)
    try:
        (again,) = second.sources()
        assert (again.id, again.unread, again.total) == (source.id, 2, 3)
        unread = second.list_articles(source_id=source.id, unread=True)
        assert articles[0].id not in {a.id for a in unread} and len(unread) == 2
        assert [a.id for a in second.list_articles(favourites=True)] == [articles[1].id]
        report = await second.refresh()
        assert report.results[0].not_modified  # the validators were kept too
    finally:
        await second.aclose()
        second.close()


async def test_remove_keeps_articles_and_marks(library: Library, served: SiteServer) -> None:
    source = await library.add_source(served.url("/feeds/rss20.xml"))
    listed = library.list_articles(source_id=source.id)
    library.set_favourite(listed[0].id)
    removed = library.remove_source(served.url("/feeds/rss20.xml"))
    assert removed.id == source.id and library.sources() == []
    assert library.list_articles(source_id=source.id) == []
    assert library.get(listed[0].id).favourite
    with pytest.raises(NotFoundError):
        library.remove_source(source.id)


async def test_an_article_in_two_sources_is_counted_in_both(
    library: Library, served: SiteServer
) -> None:
    served.routes["/copy.xml"] = MutableFeed(rss("Copy", [rss_item("r1", "RSS r1", LONG)]))
    one = await library.add_source(served.url("/feeds/rss20.xml"))
    two = await library.add_source(served.url("/copy.xml"))
    assert library.get_source(two.id).total == 1
    shared = library.list_articles(source_id=two.id)[0]
    assert shared.id in {a.id for a in library.list_articles(source_id=one.id)}
    library.set_read(shared.id)
    counts = {s.id: s.unread for s in library.sources()}
    assert counts == {one.id: 2, two.id: 0}


async def test_opml_round_trip(tmp_path: Path, library: Library, served: SiteServer) -> None:
    for name in ("rss20.xml", "atom.atom", "feed.json"):
        await library.add_source(served.url(f"/feeds/{name}"))
    await library.add_source(served.url("/wp.html"))  # a page source has no feed to export
    document = library.export_opml()
    other = open_library(tmp_path / "other")
    try:
        added = other.import_opml(document)
        assert {(s.title, s.feed_url) for s in added} == {
            (s.title, s.feed_url) for s in library.sources() if s.kind == "feed"
        }
        assert other.import_opml(document) == []  # importing twice adds nothing
        report = await other.refresh()
        assert report.failed == () and report.new == 3 + 2 + 2
        assert other.export_opml() == document
    finally:
        await other.aclose()
        other.close()


async def test_refresh_is_polite_to_one_host(tmp_path: Path, served: SiteServer) -> None:
    names = [f"/feed{i}.xml" for i in range(8)]
    for i, name in enumerate(names):
        served.routes[name] = MutableFeed(rss(f"F{i}", [rss_item(f"x{i}", f"T{i}", LONG)]))
    lib = open_library(tmp_path / "home", concurrency=8, per_host=2)
    try:
        for name in names:
            await lib.add_source(served.url(name))
        release = threading.Event()
        watch = InFlight(served, names, release)
        for name in names:  # serve them as files from now on, with a pause in each
            (tmp_path / "site" / name.lstrip("/")).write_bytes(
                rss(name, [rss_item("y", "Y title here", LONG)])
            )
        report = await lib.refresh()
        assert report.failed == ()
        assert 1 <= watch.most <= 2
    finally:
        await lib.aclose()
        lib.close()
