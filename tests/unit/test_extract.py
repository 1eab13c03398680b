"""Extraction on the team's fixture pages, written in the real markup of common layouts.

Each test states what a reader would check: the body holds exactly the article's paragraphs
(and none of the portal's boilerplate), the metadata is right, and the comments and related
links are where they belong.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from broadsheet.demo.server import SiteServer, content_type_for
from broadsheet.extract import extract
from broadsheet.models import Article, BlockKind, CommentState

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
BASE = "http://news.example/"

PORTAL_PARAGRAPHS = [
    "本月起，城东社区医院在内科和儿科开设夜间门诊，每天下午五点到晚上九点接诊。医院负责人介绍，"
    "过去不少居民白天要上班，只能请假看病，老人则常常在早上排很久的队。",
    "夜间门诊由六名全科医生轮流值班，可以开具常用药，也能做血常规等基础检查。需要转诊的病人，"
    "医生会通过区域医疗平台直接预约上级医院的专家号。",
    "开诊第一周，夜间门诊共接待患者四百多人次，其中近一半是六十岁以上的老人。一位带着孙子来看"
    "咳嗽的居民说，晚饭后过来只等了十分钟，比白天方便多了。",
    "医院表示，接下来将根据就诊人数调整值班安排，并计划在周末增加口腔和康复科的门诊时段。",
]
# Strings from the portal's boilerplate; none may appear in the body.
PORTAL_BOILERPLATE = [
    "服务热线", "400-800-1234", "关注您和家人的健康", "首页", "健康资讯", "当前位置",
    "发布时间", "浏览次数", "简要", "来源", "经济日报", "免责声明", "分享到", "上一篇",
    "相关文章", "家庭药箱", "用户评论", "全部评论", "还没有评论", "发表评论", "热门文章",
    "秋季养生", "推荐阅读", "ICP备", "版权所有", "0571-88886666", "广告",
]  # fmt: skip


def load(name: str, url: str | None = None) -> Article:
    """Extract a fixture from its bytes with the Content-Type the test server would send."""
    path = PAGES / name
    return extract(path.read_bytes(), url or BASE + name, content_type=content_type_for(path))


def paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.kind == BlockKind.PARAGRAPH]


@pytest.mark.parametrize("name", ["portal.gbk.html", "portal.nocharset.html"])
def test_portal_body_is_exactly_the_article(name: str) -> None:
    article = load(name)
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH] * 4
    assert paragraphs(article) == PORTAL_PARAGRAPHS
    for junk in PORTAL_BOILERPLATE:
        assert junk not in article.text, junk


def test_portal_metadata() -> None:
    article = load("portal.gbk.html")
    assert article.title == "社区医院推出夜间门诊 老人看病不再排长队"
    assert (
        article.summary
        == "城东社区医院本月起开设夜间门诊，每天开放至晚上九点，方便上班族和老人就诊。"
    )
    assert article.source == "经济日报"
    assert article.published == "2026-11-02T09:30:00"
    assert article.site_name == "康源医药网"
    assert article.language == "zh"


def test_portal_related_links_have_titles() -> None:
    article = load("portal.gbk.html", "http://news.example/news/2026/1102.gbk.html")
    assert [(link.url, link.text) for link in article.related] == [
        ("http://news.example/news/2026/1103.gbk.html", "家庭药箱里应该常备哪些药"),
        ("http://news.example/news/2026/1028.gbk.html", "三甲医院专家每周下沉社区坐诊"),
    ]


def test_portal_says_there_are_no_comments() -> None:
    thread = load("portal.gbk.html").comments
    assert thread.state == CommentState.NONE
    assert thread.declared_count == 0
    assert thread.items == ()


def test_portal_body_set_with_br_in_a_div() -> None:
    article = load("portal-br.gbk.html")
    assert article.title == "三甲医院专家每周下沉社区坐诊"
    assert paragraphs(article) == [
        "本周起，市区三家三甲医院的心内科、内分泌科和骨科专家，每周固定一个上午到社区卫生服务中心坐诊。",
        "居民可以通过社区医院的预约电话或者手机小程序挂号，挂号费和社区门诊相同。专家除了看病，"
        "还会带着社区医生一起查房、讨论病例。",
        "卫生部门表示，这样做既能让居民少跑路，也能帮助社区医生提高诊疗水平。",
    ]
    assert article.source == "健康时报"
    assert article.comments.state == CommentState.NONE


def test_portal_served_without_charset_decodes_from_late_meta(site: SiteServer) -> None:
    """The real network path: the server sends bare text/html, the meta sits past 1 KB."""
    response = httpx.get(site.url("portal.nocharset.html"))
    assert response.headers["content-type"] == "text/html"
    article = extract(response.content, site.url("portal.nocharset.html"),
                      content_type=response.headers["content-type"])  # fmt: skip
    assert article.title == "社区医院推出夜间门诊 老人看病不再排长队"
    assert paragraphs(article) == PORTAL_PARAGRAPHS
    assert article.related[0].url == site.url("news/2026/1103.gbk.html")


def test_wordpress_post_blocks_and_metadata() -> None:
    article = load("wordpress.html", "http://blog.example/2026/11/05/winter-kitchen-garden/")
    assert article.title == "Keeping a Kitchen Garden Through the Winter"
    assert article.author == "Margaret Hale"
    assert article.published == "2026-11-05T08:15:00+00:00"
    assert article.site_name == "The Allotment Notebook"
    assert article.language == "en-GB"
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        BlockKind.IMAGE, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH,
        BlockKind.LIST, BlockKind.QUOTE, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE,
        BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.CODE, BlockKind.PARAGRAPH,
    ]  # fmt: skip
    image, heading = article.blocks[0], article.blocks[2]
    assert image.src == "http://blog.example/wp-content/uploads/2026/11/cold-frame.jpg"
    assert image.alt == "A wooden cold frame with lettuce seedlings"
    assert image.text == "The cold frame in early November."
    assert (heading.text, heading.level) == ("What still grows", 2)
    listing = article.blocks[4]
    assert listing.items[2] == "Garlic and overwintering onions, planted in November"
    table = article.blocks[8]
    assert table.header and table.rows[0] == ("Cover", "Frost protection", "Ventilation")
    assert table.rows[3] == ("Polythene tunnel", "about 5 °C", "poor")
    code = article.blocks[11]
    assert code.language == "python"
    assert 'def log_minimum(reading: float, path: str = "frost.csv") -> None:' in code.text
    assert "Share this" not in article.text and "Tom Whitley" not in article.text
    last = article.blocks[12]
    assert [(sp.style, last.text[sp.start : sp.end], sp.url) for sp in last.spans] == [
        ("strong", "check the fleece after every storm", None),
        ("link", "making leaf mould", "http://blog.example/2026/10/12/making-leaf-mould/"),
    ]
    assert article.links == (
        article.links[0].__class__(
            "http://blog.example/2026/10/12/making-leaf-mould/", "making leaf mould"
        ),
    )
    assert [link.text for link in article.related] == ["Making leaf mould in a bin bag"]


def test_wordpress_comment_tree() -> None:
    thread = load("wordpress.html", "http://blog.example/post/").comments
    assert thread.state == CommentState.PRESENT
    assert thread.system == "wordpress"
    assert thread.declared_count == 4
    shape = [(c.id, c.parent, c.depth, c.author, c.is_op) for c in thread.items]
    assert shape == [
        ("101", None, 0, "Tom Whitley", False),
        ("102", "101", 1, "Margaret Hale", True),
        ("103", "102", 2, "Tom Whitley", False),
        ("104", None, 0, "Priya", False),
    ]
    first, last = thread.items[0], thread.items[3]
    assert first.published == "2026-11-05T12:40:00+00:00"
    assert first.text == "Do you take the fleece off on mild days, or leave it on all winter?"
    assert first.permalink == "http://blog.example/2026/11/05/winter-kitchen-garden/#comment-101"
    assert [b.kind for b in last.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
        BlockKind.PARAGRAPH,
    ]
    assert last.blocks[1].text == "check the fleece after every storm"


def test_wordpress_closed_comments() -> None:
    article = load("wordpress-closed.html")
    assert article.comments.state == CommentState.CLOSED
    assert article.author == "Margaret Hale"
    assert article.published == "2026-10-12T09:00:00+01:00"
    assert [b.kind for b in article.blocks].count(BlockKind.LIST) == 1
    assert article.blocks[2].ordered
    assert "Comments are closed" not in article.text


def test_discuz_forum_thread() -> None:
    article = load("forum.gbk.html")
    assert article.title == "阳台种番茄一年的经验总结，新手少走弯路"
    assert article.author == "青椒炒蛋"
    assert article.published == "2026-10-30T21:15:00"
    assert article.site_name == "绿手指论坛"
    body = paragraphs(article)
    assert len(body) == 5
    assert body[0].startswith("去年春天在朝南的阳台上种了四盆番茄")
    assert body[-1] == "最后提醒一句，番茄怕忽冷忽热，入秋以后晚上记得把盆往里挪一挪。"
    for junk in ("感谢分享", "珍珠岩", "只看该作者", "发表回复", "Discuz", "ICP备", "下一页"):
        assert junk not in article.text, junk
    thread = article.comments
    assert thread.system == "discuz" and thread.state == CommentState.PRESENT
    assert thread.next_page == BASE + "thread-8812-2-1.html"
    assert [(c.id, c.author, c.published, c.is_op) for c in thread.items] == [
        ("30102", "北方小院", "2026-10-31T08:02:00", False),
        ("30103", "青椒炒蛋", "2026-10-31T09:40:00", True),
    ]
    reply = thread.items[1]
    assert reply.blocks[0].kind == BlockKind.QUOTE
    assert reply.blocks[-1].text == "买的营养土，另外掺了三分之一的珍珠岩，排水好一些。"


def test_news_page_with_json_ld() -> None:
    article = load("news-jsonld.html", "https://courier.example/local/ferry/")
    assert article.title == "Harbour ferry returns after two-year refit"
    assert article.author == "Dana Whitfield, Luis Ortega"
    assert article.published == "2026-09-14T06:30:00-04:00"
    assert article.site_name == "The Coastline Courier"
    assert article.image == "https://courier.example/img/ferry-1200.jpg"
    body = paragraphs(article)
    assert body[0] == article.summary  # the standfirst opens the body
    assert body[1].startswith("The harbour ferry made its first scheduled crossing")
    assert body[-1].startswith("The board expects the ferry to carry")
    assert len(body) == 6
    assert [b.text for b in article.blocks if b.kind == BlockKind.HEADING] == ["Timetable"]
    for junk in ("Advertisement", "Buy a boat", "Read more", "Most read", "Share on X",
                 "cookies", "morning briefing", "All rights reserved", "Local"):  # fmt: skip
        assert junk not in article.text, junk
    assert [link.url for link in article.related] == [
        "https://courier.example/local/harbour-board-budget/",
        "https://courier.example/local/quay-repairs/",
    ]


def test_documentation_page_keeps_code_and_table() -> None:
    article = load("docs.html")
    assert article.title == "Reading configuration files"
    kinds = [b.kind for b in article.blocks]
    assert BlockKind.CODE in kinds and BlockKind.TABLE in kinds
    code = next(b for b in article.blocks if b.kind == BlockKind.CODE)
    assert code.text.splitlines()[0] == "import tomlkit_lite"
    assert "    settings = tomlkit_lite.load(f)" in code.text.splitlines()
    table = next(b for b in article.blocks if b.kind == BlockKind.TABLE)
    assert table.rows == (
        ("Option", "Default", "Meaning"),
        ("parse_float", "float", "Called with the text of every float"),
        ("strict", "True", "Refuse duplicate keys"),
    )
    assert [b.text for b in article.blocks if b.kind == BlockKind.HEADING] == ["Errors"]
    for junk in ("Navigation", "Quick search", "Table of Contents", "Sphinx", "¶"):
        assert junk not in article.text, junk
    assert article.related == ()


def test_article_set_in_layout_tables() -> None:
    article = load("tables.html")
    assert article.title == "县图书馆延长周末开放时间"
    assert article.site_name == "清河县人民政府网"
    assert article.author == "李文静"
    assert article.source == "县文化和旅游局"
    assert article.published == "2026-10-20"
    body = paragraphs(article)
    assert len(body) == 3
    assert body[0].startswith("从十一月起，县图书馆周六和周日的开放时间")
    for junk in ("栏目导航", "您现在的位置", "点击数", "打印本页", "关闭窗口", "ICP备", "主办"):
        assert junk not in article.text, junk


def test_relative_links_without_a_url_are_dropped() -> None:
    article = extract((PAGES / "wordpress.html").read_bytes())
    assert article.links == ()
    assert all(link.url.startswith("http") for link in article.related)
    assert article.blocks[0].kind == BlockKind.PARAGRAPH  # the image had no absolute URL


@pytest.mark.parametrize(
    ("markup", "system"),
    [
        ('<div id="disqus_thread"></div><script src="https://x.disqus.com/embed.js"></script>',
         "disqus"),
        ('<div id="SOHUCS" sid="1"></div><script src="https://changyan.sohu.com/cy.js"></script>',
         "changyan"),
        ('<div id="lv-container" data-id="city"></div>', "livere"),
    ],
)  # fmt: skip
def test_script_comment_systems_are_recognised(markup: str, system: str) -> None:
    body = "Body text. " * 30
    page = f"<html><body><article><h1>T</h1><p>{body}</p></article>{markup}</body></html>"
    thread = extract(page, "https://example.org/a").comments
    assert thread.state == CommentState.SCRIPT
    assert thread.system == system


def test_hostile_text_is_cleaned() -> None:
    head = "<html><head><title>Evil \x1b]52;c;aGVsbG8=\x07[/] \u202etitle</title></head>"
    para = "<p>Para &#27;[2J with escapes \x9b31m and [@click=app.quit]x[/] markup text. " * 5
    page = f"{head}<body><article>{para}</p></article></body></html>"
    article = extract(page)
    everything = article.title + article.text
    for bad in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert bad not in everything
    assert "[@click=app.quit]x[/]" in article.text  # kept as text: the UI renders it literally


def test_portal_comment_block_with_entries() -> None:
    article = load("portal-comments.gbk.html")
    thread = article.comments
    assert thread.state == CommentState.PRESENT
    assert thread.system == "generic"
    assert thread.declared_count == 2
    assert [(c.id, c.author, c.published, c.text) for c in thread.items] == [
        ("pl-301", "杭州网友", "2026-11-03T16:20:00", "很实用，回去就把过期的药清理一下。"),
        ("pl-302", "小林", "2026-11-04T08:02:00", "儿童退烧药确实要单独备，剂量不一样。"),
    ]
    assert "很实用" not in article.text and "小林" not in article.text
    assert article.source == "人民日报健康客户端"


def test_article_inside_a_wrapper_named_like_boilerplate_is_still_found() -> None:
    """A wrapper whose class looks like a pager ("pageRow") holds the story, and less than
    half the page's text (a long link list follows): the cleanup removes it, finds almost
    nothing, and extraction runs again without the cleanup."""
    story = "".join(
        f"<p>Paragraph {i} of the story, long enough to count as prose, with commas, and a "
        f"full stop at its end.</p>"
        for i in range(8)
    )
    page = (
        "<html><head><title>Wrapped story</title></head><body>"
        f'<div class="PageBuilder-pageRow"><div class="col">{story}</div></div>'
        '<div class="sidebar"><a href="/a">Other story one</a><a href="/b">Other two</a></div>'
        + "<div>"
        + "".join(
            f'<a href="/s{i}">Another section of the site, number {i}</a> ' for i in range(30)
        )
        + "</div></body></html>"
    )
    article = extract(page, "https://example.org/story")
    assert len(paragraphs(article)) == 8
    assert paragraphs(article)[0].startswith("Paragraph 0 of the story")
    assert "Other story one" not in article.text
