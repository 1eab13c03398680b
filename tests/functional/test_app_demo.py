"""The demo runner: which URLs it fetches, and the app over the real demo site."""

from __future__ import annotations

from pathlib import Path

from tests.support.ui import running
from textual.widgets import Static

from broadsheet.demo.runner import SITE, article_urls, demo_urls, start_order
from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.ui.widgets.article_list import ArticleList

INDEX = """<html><body><nav><a href="/">Home</a> <a href="/feed.xml">RSS</a></nav>
<ul><li><a href="/news/1.gbk.html">一</a></li><li><a href="/blog/a/">A</a></li>
<li><a href="http://elsewhere.example/x.html">off-site</a></li>
<li><a href="/blog/a/#comments">A again</a></li><li><a href="/news/2.gbk.html">二</a></li></ul>
</body></html>"""


def test_article_urls_keep_same_host_articles_in_page_order() -> None:
    urls = article_urls(INDEX, "http://127.0.0.1:8000/")
    assert urls == [
        "http://127.0.0.1:8000/news/1.gbk.html",
        "http://127.0.0.1:8000/blog/a/",
        "http://127.0.0.1:8000/news/2.gbk.html",
    ]


def test_start_order_puts_the_first_portal_article_last() -> None:
    urls = ["http://h/news/1.gbk.html", "http://h/blog/a/", "http://h/news/2.gbk.html"]
    assert start_order(urls) == [
        "http://h/news/2.gbk.html",
        "http://h/blog/a/",
        "http://h/news/1.gbk.html",
    ]
    assert start_order([]) == []


async def test_demo_opens_on_the_chinese_portal_article(home: Path) -> None:
    library = Library(home)
    try:
        with SiteServer(SITE) as server:
            urls = demo_urls(server)
            assert len(urls) >= 4
            async with running(library, urls=urls) as h:
                assert h.messages == []
                listed = h.app.query_one(ArticleList).summaries
                assert len(listed) == len(urls)
                assert listed[0].url == urls[-1]
                title = str(h.app.query_one("#title", Static).render())
                assert title and title == listed[0].title
                assert any("\u4e00" <= ch <= "\u9fff" for ch in title)  # a Chinese title
    finally:
        library.close()
