"""Article-link discovery on index pages (``broadsheet.extract.index``).

Each fixture in tests/fixtures/index/ is a realistic index page with navigation, side boxes,
tags, pagination and footers around the real list; the tests name the exact set of links a
reader expects, so any nav, hot-box or footer link that slips in (or any story that drops
out) fails them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.extract.index import (
    article_links,
    is_article_title,
    is_article_url,
    page_title,
    same_site,
)

INDEX = Path(__file__).parent.parent / "fixtures" / "index"
BASE = "http://portal.example.com.cn"

PORTAL_IDS = [
    ("1128", "12460"), ("1127", "12455"), ("1127", "12451"), ("1126", "12447"),
    ("1126", "12442"), ("1125", "12438"), ("1125", "12433"), ("1124", "12429"),
    ("1124", "12425"), ("1123", "12420"), ("1122", "12416"), ("1121", "12411"),
    ("1121", "12407"), ("1120", "12402"), ("1119", "12398"), ("1118", "12393"),
    ("1117", "12389"), ("1116", "12384"), ("1115", "12380"), ("1114", "12375"),
]  # fmt: skip

WORDPRESS_SLUGS = [
    "2026/11/05/winter-kitchen-garden", "2026/10/30/saving-tomato-seeds",
    "2026/10/21/the-slow-compost-heap", "2026/10/12/making-leaf-mould",
    "2026/10/02/garlic-planting-time", "2026/09/24/pruning-the-old-apple-tree",
    "2026/09/15/a-pond-for-frogs", "2026/09/06/what-the-drought-taught-us",
]  # fmt: skip

FRONT_SLUGS = [
    "world/harbour-strike-ends-after-six-weeks",
    "business/grain-prices-fall-as-harvest-beats-forecasts",
    "science/new-telescope-sends-first-images", "world/floods-recede-in-the-river-valley",
    "politics/council-approves-budget-for-new-schools",
    "health/hospital-waiting-times-fall-for-a-third-month",
    "business/rail-operator-orders-forty-new-trains", "sport/city-win-the-cup-on-penalties",
    "science/bees-return-to-restored-meadows", "world/ferry-service-resumes-to-the-islands",
    "culture/museum-reopens-its-maritime-gallery", "business/bakery-chain-to-open-twenty-shops",
    "health/flu-vaccine-clinics-extend-their-hours", "politics/mayor-sets-out-housing-plan",
    "sport/marathon-route-changes-for-roadworks", "science/storm-season-forecast-revised-upwards",
    "opinion/why-small-libraries-matter", "opinion/the-case-for-a-car-free-high-street",
    "opinion/letters-on-the-harbour-strike",
]  # fmt: skip


def test_chinese_portal_list_gives_exactly_the_twenty_dated_articles() -> None:
    body = (INDEX / "portal-list.gbk.html").read_bytes()
    links = article_links(body, f"{BASE}/news/", content_type="text/html; charset=gbk")
    assert [link.url for link in links] == [
        f"{BASE}/news/2026/{day}/{ident}.html" for day, ident in PORTAL_IDS
    ]
    assert links[0].text == "冬季流感高发 专家提醒老人儿童及时接种疫苗"
    assert links[13].text == "糖尿病患者冬季护脚指南"
    # Nothing from the 热点 / 推荐阅读 boxes, the script, nav, pager, friends or footer.
    texts = {link.text for link in links}
    assert not texts & {"秋季养生的五个小习惯", "运动后补水的正确方式", "免责声明与版权说明"}


def test_portal_list_decodes_without_a_header_charset() -> None:
    # The page declares gbk in a <meta>: bytes alone are enough.
    links = article_links((INDEX / "portal-list.gbk.html").read_bytes(), f"{BASE}/news/")
    assert len(links) == 20 and links[-1].text == "冬季室内取暖谨防一氧化碳中毒"


def test_wordpress_index_gives_the_posts_not_widgets_tags_or_pages() -> None:
    base = "https://garden.example"
    html = (INDEX / "wordpress-index.html").read_text("utf-8")
    links = article_links(html, f"{base}/")
    assert [link.url for link in links] == [f"{base}/{slug}/" for slug in WORDPRESS_SLUGS]
    # The headline's text wins over the date and "Continue reading" links to the same post.
    assert links[0].text == "A winter kitchen garden on a balcony"
    assert links[7].text == "What this summer's drought taught us"


def test_news_front_page_gives_every_main_story_list_but_not_most_read() -> None:
    base = "https://www.gazette.example"
    html = (INDEX / "news-front.html").read_text("utf-8")
    links = article_links(html, f"{base}/")
    assert [link.url for link in links] == [
        f"{base}/2026/11/28/{slug}.html" for slug in FRONT_SLUGS
    ]
    assert links[0].text == "Harbour strike ends after six weeks of talks"


def test_links_on_another_site_are_not_articles_of_this_one() -> None:
    html = (INDEX / "news-front.html").read_text("utf-8")
    assert (
        article_links(
            html.replace('href="/2', 'href="https://elsewhere.example/2'),
            "https://www.gazette.example/",
        )
        == []
    )


def test_a_page_without_a_list_gives_nothing() -> None:
    html = "<html><body><p>Hello</p><a href='/about/'>About us and the team</a></body></html>"
    assert article_links(html, "https://example.org/") == []
    assert article_links(b"", "https://example.org/") == []
    assert article_links("<html></html>", "https://example.org/") == []


def test_base_href_and_hostile_text() -> None:
    items = "".join(
        f'<li><a href="2026/01/0{i}/story-number-{i}-here.html">Story \x1b[31m{i} '
        f"[/] of the day\u202e</a></li>"
        for i in range(1, 4)
    )
    html = f'<html><head><base href="https://news.example.org/a/"></head><body><ul>{items}</ul>'
    links = article_links(html, "https://www.example.org/")
    assert [link.url for link in links] == [
        f"https://news.example.org/a/2026/01/0{i}/story-number-{i}-here.html" for i in (1, 2, 3)
    ]
    assert all("\x1b" not in link.text and "\u202e" not in link.text for link in links)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.cn/news/2026/1102/12345.html",
        "https://x.cn/a/20261102/001.shtml",
        "https://x.org/2026/11/05/winter-kitchen-garden/",
        "https://x.org/story/98765",
        "https://x.org/posts/how-we-built-the-thing",
        "https://x.org/show.php?id=12",
        "https://x.org/news/article-detail.html",
    ],
)
def test_article_like_urls(url: str) -> None:
    assert is_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/",
        "https://x.org/news/",
        "https://x.org/tag/compost/",
        "https://x.org/category/recipes/",
        "https://x.org/author/pia/",
        "https://x.org/page/2/",
        "https://x.org/news/list_2.html",
        "https://x.org/about.html",
        "https://x.org/about/mianze.html",
        "https://x.org/index.html",
        "https://x.org/feed/",
        "https://x.org/news/?page=3",
    ],
)
def test_not_article_urls(url: str) -> None:
    assert not is_article_url(url)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("冬季流感高发 专家提醒", True),
        ("关于我们", False),
        ("更多>>", False),
        ("下一页", False),
        ("Read more", False),
        ("Harbour strike ends after six weeks", True),
        ("Home", False),
        ("November 5, 2026", False),
        ("2026-11-02", False),
        ("Short one", False),
    ],
)
def test_article_like_titles(text: str, expected: bool) -> None:
    assert is_article_title(text) is expected


def test_same_site() -> None:
    assert same_site("https://news.example.com.cn/a.html", "http://www.example.com.cn/")
    assert not same_site("https://other.com.cn/a.html", "http://www.example.com.cn/")
    assert same_site("http://127.0.0.1:80/a", "http://127.0.0.1:80/")
    assert not same_site("http://127.0.0.1:81/a", "http://127.0.0.1:80/")


def test_page_title() -> None:
    assert page_title((INDEX / "portal-list.gbk.html").read_bytes()) == "健康资讯_康源医药网"


def test_a_huge_flat_list_is_read_in_one_pass() -> None:
    # 20,000 links in one <ul>: quadratic sibling scans would take minutes here.
    items = "".join(
        f'<li><a href="/news/2026/0101/{i}.html">第{i}条新闻的标题文字</a></li>'
        for i in range(20_000)
    )
    links = article_links(f"<html><body><ul>{items}</ul></body></html>", "https://x.cn/")
    assert len(links) == 20_000
    assert links[-1].url == "https://x.cn/news/2026/0101/19999.html"
