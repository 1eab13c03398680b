"""Library end to end over a real HTTP server on 127.0.0.1 and a real SQLite file.

Most tests pass a small stand-in extractor (``title_extractor``) so they test the library's
logic (cache, conditional GET, redirects, errors) rather than extraction quality; the last
ones run the real ``broadsheet.extract``.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from broadsheet.demo.server import SiteServer, send
from broadsheet.encoding import decode_html
from broadsheet.errors import HTTPStatusError, NetworkError, NotFoundError
from broadsheet.fetch import FetchOptions
from broadsheet.library import Library, normalise_url
from broadsheet.models import Article, Block, BlockKind
from support.area_c import english_page, write_site


def title_extractor(
    html: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
) -> Article:
    """A tiny, deterministic extractor: the <h1> and the <p> texts."""
    text = html if isinstance(html, str) else decode_html(html, content_type).text
    title = re.search(r"<h1>(.*?)</h1>", text, re.S)
    paras = re.findall(r"<p>(.*?)</p>", text, re.S)
    return Article(
        url=url,
        title=title.group(1) if title else "",
        blocks=tuple(Block(BlockKind.PARAGRAPH, " ".join(p.split())) for p in paras),
    )


@pytest.fixture
def pages(tmp_path: Path) -> Iterator[tuple[SiteServer, Path]]:
    root = tmp_path / "site"
    write_site(root)
    with SiteServer(root) as server:
        yield server, root


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = Library(tmp_path / "home", extractor=title_extractor)
    yield lib
    await lib.aclose()
    lib.close()


def gets(server: SiteServer, path: str) -> list[dict[str, str]]:
    return [headers for method, p, headers in server.requests if p == path]


async def test_open_fetches_stores_then_answers_from_the_cache(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages
    url = server.url("/a.html")
    first = await library.open_url(url)
    assert first.article.title == "Reading the Web Offline"
    assert "keeps every article" in first.article.text
    assert first.final_url == url
    again = await library.open_url(url)
    assert again == first
    assert len(gets(server, "/a.html")) == 1, "the cached copy needs no network"
    assert library.find(url) == first
    assert library.get(first.id) == first
    assert library.get(str(first.id)) == first
    assert library.get(url + "#section") == first, "fragments are not part of the key"
    assert [s.id for s in library.list_articles()] == [first.id]


async def test_refresh_sends_a_conditional_request_and_a_304_keeps_the_cache(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages
    url = server.url("/a.html")
    first = await library.open_url(url)
    library.set_favourite(first.id)
    body_before = library.store.get_page(url)
    refreshed = await library.open_url(url, refresh=True)
    second_request = gets(server, "/a.html")[1]
    assert "If-None-Match" in second_request
    assert refreshed.id == first.id
    assert refreshed.article == first.article
    assert refreshed.favourite is True
    assert library.store.get_page(url) == body_before  # same body and validators


async def test_refresh_of_a_changed_page_replaces_it_and_keeps_marks(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, root = pages
    url = server.url("/a.html")
    first = await library.open_url(url)
    library.set_read(first.id)
    (root / "a.html").write_bytes(english_page("Updated Title", "New words."))
    refreshed = await library.open_url(url, refresh=True)
    assert refreshed.id == first.id
    assert refreshed.article.title == "Updated Title"
    assert refreshed.read is True
    assert library.find(url) == refreshed


async def test_cached_article_opens_with_the_server_stopped(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root)
    home = tmp_path / "home"
    with SiteServer(root) as server:
        url = server.url("/b.html")
        lib = Library(home, extractor=title_extractor)
        stored = await lib.open_url(url)
        await lib.aclose()
        lib.close()
    reopened = Library(home, extractor=title_extractor)
    try:
        assert (await reopened.open_url(url)) == stored
        assert not reopened.offline, "a cache hit asks no server"
        # A refresh that cannot reach the server falls back on the cached copy, flagged...
        assert (await reopened.open_url(url, refresh=True)) == stored
        assert reopened.offline
        # ...unless the caller wants the failure (the CLI's fetch).
        with pytest.raises(NetworkError):
            await reopened.open_url(url, refresh=True, offline_fallback=False)
        assert reopened.find(url) == stored, "a failed refresh keeps the cached copy"
    finally:
        await reopened.aclose()
        reopened.close()


async def test_redirects_are_followed_and_found_under_both_urls(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages

    def moved(req: BaseHTTPRequestHandler) -> None:
        send(req, 301, b"", "text/html", {"Location": "/b.html"})

    server.routes["/old"] = moved
    stored = await library.open_url(server.url("/old"))
    assert stored.final_url == server.url("/b.html")
    assert library.find(server.url("/b.html")) == stored
    refreshed = await library.open_url(server.url("/b.html"), refresh=True)
    assert refreshed.id == stored.id, "a refresh by the final URL updates the same row"
    assert len(library.list_articles()) == 1


async def test_errors_are_fetch_errors_and_store_nothing(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages
    with pytest.raises(HTTPStatusError) as info:
        await library.open_url(server.url("/missing.html"))
    assert info.value.status == 404
    assert server.url("/missing.html") in str(info.value)
    assert library.list_articles() == []
    with pytest.raises(NotFoundError):
        library.get(server.url("/missing.html"))
    with pytest.raises(NotFoundError):
        library.get(999)
    with pytest.raises(NotFoundError):
        library.set_read(999)


async def test_concurrent_opens_from_one_loop(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages
    urls = [server.url(p) for p in ("/a.html", "/b.html", "/zh.gbk.html", "/hostile.html")]
    results = await asyncio.gather(*(library.open_url(u) for u in urls))
    assert len({r.id for r in results}) == 4
    assert len(library.list_articles()) == 4


async def test_sync_methods_work_from_other_threads(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages
    stored = await library.open_url(server.url("/a.html"))
    seen: list[object] = []

    def worker() -> None:
        library.set_read(stored.id, True)
        seen.append(library.get(stored.id).read)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [True]
    assert library.list_articles()[0].read is True


async def test_export_goes_to_the_exports_folder(
    pages: tuple[SiteServer, Path], library: Library
) -> None:
    server, _ = pages
    stored = await library.open_url(server.url("/a.html"))
    path = library.export(stored.id)
    assert path.parent == (library.home / "exports").resolve()
    assert path.name == "Reading the Web Offline.txt"
    assert path.read_text(encoding="utf-8").startswith("Reading the Web Offline\n")


async def test_fetch_options_come_from_the_config_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(
        "[network]\nmax_bytes = 1000\ndeadline = 'soon'\n", encoding="utf-8"
    )
    lib = Library(home, extractor=title_extractor)
    try:
        assert lib.fetch_options.max_bytes == 1000
        assert lib.fetch_options.deadline == FetchOptions().deadline
        assert any("network.deadline" in p for p in lib.config_problems)
    finally:
        lib.close()


def test_normalise_url() -> None:
    assert normalise_url("  example.org/a#top ") == "https://example.org/a"
    assert normalise_url("http://example.org/a?b=1#c") == "http://example.org/a?b=1"


# --- with the real extractor -------------------------------------------------------------------


async def test_real_extractor_reads_and_caches_a_gbk_portal_page(
    pages: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, _ = pages
    lib = Library(tmp_path / "real")
    try:
        stored = await lib.open_url(server.url("/zh.gbk.html"))
        assert "社区医院服务能力提升" in stored.article.title
        assert "社区医院建设取得明显成效" in stored.article.text
        assert "ICP" not in stored.article.text
    finally:
        await lib.aclose()
        lib.close()
    again = Library(tmp_path / "real")
    try:
        assert again.get(stored.id) == stored
    finally:
        again.close()


async def test_real_extractor_output_is_sanitised_in_the_cache(
    pages: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, _ = pages
    lib = Library(tmp_path / "real")
    try:
        stored = await lib.open_url(server.url("/hostile.html"))
    finally:
        await lib.aclose()
        lib.close()
    for text in (stored.article.title, stored.article.text):
        assert not any(c in text for c in "\x1b\x07\u202e\x9b")
    assert "[/]" in stored.article.title


async def test_relative_comment_times_count_from_the_moment_of_fetching(tmp_path: Path) -> None:
    """ "2小时前" / "35分钟前" / "刚刚" need a reference: the Library passes the fetch time on."""
    root = tmp_path / "site"
    root.mkdir()
    fixture = Path(__file__).parent.parent / "fixtures" / "comments" / "portal-gentie.gbk.html"
    (root / "gentie.gbk.html").write_bytes(fixture.read_bytes())
    lib = Library(tmp_path / "home")
    try:
        with SiteServer(root) as server:
            before = datetime.now(UTC)
            stored = await lib.open_url(server.url("/gentie.gbk.html"))
            after = datetime.now(UTC)
    finally:
        await lib.aclose()
        lib.close()
    times = [c.published for c in stored.article.comments.items]
    assert None not in times, times
    two_hours, minutes_35, just_now = (datetime.fromisoformat(t or "") for t in times)
    assert before - timedelta(seconds=1) <= just_now <= after
    assert just_now - two_hours == timedelta(hours=2)
    assert just_now - minutes_35 == timedelta(minutes=35)
