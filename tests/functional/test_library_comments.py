"""``Library.more_comments``: the next comment page is fetched, merged and kept in the cache."""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.support.comments_area import wordpress_pages

from broadsheet.demo.server import SiteServer, send
from broadsheet.library import Library


def _page(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(req: BaseHTTPRequestHandler) -> None:
        send(req, 200, body, "text/html; charset=utf-8")

    return handler


async def test_more_comments_merges_the_next_page_and_keeps_it(
    site: SiteServer, home: Path
) -> None:
    first, second = wordpress_pages()
    site.routes["/wp/"] = _page(first)
    site.routes["/wp/comment-page-2/"] = _page(second)
    library = Library(home)
    try:
        stored = await library.open_url(site.url("/wp/"))
        thread = stored.article.comments
        assert len(thread.items) == 4
        assert thread.next_page is not None
        assert thread.next_page.startswith(site.url("/wp/comment-page-2/"))

        merged = await library.more_comments(stored.id)

        authors = [c.author for c in merged.items]
        assert len(merged.items) == 6
        assert authors[-2:] == ["王小明", "Sam"]
        assert merged.next_page is None
        # Kept: a fresh library on the same file, with the server gone, has all six.
        site.stop()
        library.close()
        library = Library(home)
        again = library.get(stored.id).article.comments
        assert [c.id for c in again.items] == [c.id for c in merged.items]
        # No next page: nothing to fetch, the thread comes back as it is.
        assert (await library.more_comments(stored.id)) == again
    finally:
        await library.aclose()
        library.close()
