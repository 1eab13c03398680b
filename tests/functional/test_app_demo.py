"""The demo runner: which URLs it fetches, and the app over the real demo site."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.ui import running
from textual.widgets import Static

from broadsheet.demo.runner import (
    SITE,
    article_urls,
    column_page,
    demo_urls,
    follow_demo_sources,
    serve_column,
    start_order,
)
from broadsheet.demo.server import SiteServer
from broadsheet.library import Library
from broadsheet.ui.widgets.article_list import ArticleList
from broadsheet.ui.widgets.sources import SourceList

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
                opened = next(s for s in listed if s.url == urls[-1])
                title = str(h.app.query_one("#title", Static).render())
                assert title and title == opened.title
                assert any("\u4e00" <= ch <= "\u9fff" for ch in title)  # a Chinese title
    finally:
        library.close()


def test_column_page_lists_the_portal_articles_in_gbk() -> None:
    index = (SITE / "index.html").read_text(encoding="utf-8")
    body = column_page(index)
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # GBK, as the portals serve it
    text = body.decode("gbk")
    assert 'charset="gbk"' in text
    assert text.count("<li>") == 3 and "社区医院推出夜间门诊 老人看病不再排长队" in text
    assert "winter-kitchen-garden" not in text


async def test_demo_follows_the_feed_and_the_column_page(home: Path) -> None:
    library = Library(home)
    try:
        with SiteServer(SITE) as server:
            serve_column(server)
            added = await follow_demo_sources(library, server)
            assert [s.kind for s in added] == ["feed", "page"]
            urls = demo_urls(server)
            async with running(library, urls=urls) as h:
                assert h.messages == []
                sidebar = h.app.query_one(SourceList)
                shown = {s.title: (s.unread, s.total) for s in sidebar.sources.values()}
                assert shown["The Allotment Notebook"] == (2, 2)
                portal = next(s for s in sidebar.sources.values() if s.kind == "page")
                assert portal.total == 3 and portal.unread == 2  # the one opened is read
                sidebar_text = h.text()
                assert portal.title == "康源医药网"  # the column page's title
                assert "2 The Allotment No" in sidebar_text and f"2 {portal.title}" in sidebar_text
                listed = h.app.query_one(ArticleList).summaries
                assert len(listed) == len(urls)  # the sources' articles are the index's
    finally:
        library.close()
