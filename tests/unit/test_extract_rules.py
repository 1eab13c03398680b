"""Content-choice and metadata rules, each on a small page written for it.

Hidden elements, lists of other posts beside the article, site names in titles, the URL fast
path and the attribute guard: each rule has a case it must catch and a case it must leave
alone.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from broadsheet.extract import extract
from broadsheet.extract.dom import absolute
from broadsheet.extract.guard import MAX_ATTRIBUTES, prepare
from broadsheet.sanitize import clean_line
from support.extract_area import ARTICLE, paragraphs


def test_hidden_elements_stay_out_of_the_body() -> None:
    hidden = "A draft paragraph that was never meant to be shown to readers of this page at all."
    html = (
        "<html><body><article><h1>River path</h1>"
        f"<div style='visibility: hidden;'><p>{hidden}</p></div>"
        f"<p style='DISPLAY:NONE'>{hidden} Again.</p><p hidden>{hidden} Once more.</p>"
        f"<div style='display: block'>{paragraphs(ARTICLE)}</div></article></body></html>"
    )
    article = extract(html)
    assert "draft paragraph" not in article.text
    assert [b.text for b in article.blocks] == ARTICLE


def test_a_hidden_wrapper_around_the_whole_article_is_kept() -> None:
    html = (
        "<html><body><div class=menu>Home</div>"
        f"<div style='display:none' id=story>{paragraphs(ARTICLE)}</div></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == ARTICLE


def _card(n: int) -> str:
    return (
        f"<article class='post card'><h3><a href='/p{n}'>Another story number {n}</a></h3>"
        f"<p>Teaser {n}: a whole paragraph of text about something else entirely, long enough "
        f"to look like prose, with commas, clauses, and the rest of what scoring rewards.</p>"
        "</article>"
    )


def test_a_list_of_other_posts_beside_the_article_is_left_out() -> None:
    cards = "".join(_card(n) for n in range(6))
    html = (
        "<html><body><div id=primary>"
        f"<article class='post entry'><h1>River path</h1>{paragraphs(ARTICLE)}</article>"
        f"<section class='post entry more'><h2>More stories</h2>{cards}</section>"
        "</div></body></html>"
    )
    article = extract(html)
    assert [b.text for b in article.blocks] == ARTICLE


def test_a_post_nested_in_a_list_of_posts_does_not_win() -> None:
    cards = "".join(_card(n) for n in range(6))
    html = (
        "<html><body><div id=primary>"
        f"<article class='post entry'><h1>River path</h1>{paragraphs(ARTICLE[:2])}</article>"
        f"<article class='post entry'>{cards}</article></div></body></html>"
    )
    assert "Teaser" not in extract(html).text


def test_paragraph_beside_a_carousel_of_cards_is_kept() -> None:
    cards = "".join(
        f"<article class=card><a href='/v{n}'>Video {n}</a></article>" for n in range(8)
    )
    html = (
        "<html><body><article>"
        f"<div class=lead><p>{ARTICLE[0]}</p><div class=carousel>{cards}</div></div>"
        f"<div class=rest>{paragraphs(ARTICLE[1:])}</div></article></body></html>"
    )
    assert [b.text for b in extract(html).blocks if b.text in ARTICLE] == ARTICLE


@pytest.mark.parametrize(
    ("og_title", "site", "expected"),
    [
        ("Vidyard adds video tools - Spiceworks", "Spiceworks Inc", "Vidyard adds video tools"),
        ("Acme Ltd | Quarterly results are in", "Acme Ltd.", "Quarterly results are in"),
        # The site named at the end is cut; a dash inside the title stays.
        (
            "Friday Facts #282 - 0.17 in sight | Factorio",
            "Factorio",
            "Friday Facts #282 - 0.17 in sight",
        ),
        # A part that only starts like the site's name is no site name.
        (
            "Vidyard adds video tools - Spiceworks Community",
            "Spiceworks Inc",
            "Vidyard adds video tools - Spiceworks Community",
        ),
    ],
)
def test_site_name_in_the_title(og_title: str, site: str, expected: str) -> None:
    html = (
        f"<html><head><meta property='og:title' content=\"{og_title}\">"
        f"<meta property='og:site_name' content=\"{site}\"></head>"
        f"<body>{paragraphs(ARTICLE)}</body></html>"
    )
    assert extract(html).title == expected


@pytest.mark.parametrize(
    ("title", "banner", "heading", "expected"),
    [
        # A documentation page: the project's name heads every page, the page's own heading
        # (with its permalink mark) comes second.
        (
            "Installing the client — Harbour client docs",
            "<h1><a href='index.html'>Harbour client docs</a></h1>",
            "<h1>Installing the client<a class='headerlink' href='#install'>¶</a></h1>",
            "Installing the client",
        ),
        # A forum: the board's name in an h1, the topic's name in the title.
        (
            "Water butt overflow into a pond? - Riverside Growers Forum",
            "<h1>Riverside Growers Forum</h1>",
            "<h2>Water butt overflow into a pond?</h2>",
            "Water butt overflow into a pond?",
        ),
    ],
)
def test_a_site_name_in_an_h1_is_not_the_title(
    title: str, banner: str, heading: str, expected: str
) -> None:
    html = (
        f"<html><head><title>{title}</title></head><body><header>{banner}</header>"
        f"<main>{heading}{paragraphs(ARTICLE)}</main></body></html>"
    )
    assert extract(html).title == expected


def _reference_absolute(href: str, base: str) -> str | None:
    """The slow path ``absolute`` skips for plain URLs: urljoin, urlsplit, clean_line."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "data:")):
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return clean_line(url).replace(" ", "%20")


@pytest.mark.parametrize(
    "href",
    [
        "http://a.example/x?y=1#z", "https://a.example", "https://a.example:8080/p/q.html",
        "http://a.example/../x", "http://a.example/./x", "http://a b.example/",
        "https://a.example/x y", "http://[::1]/", "http://[bad/", "HTTP://A.example/x",
        "//cdn.example/x", "/rel", "rel/x", "?q=1", "ftp://a.example/", "https:///nohost",
        "https://a.example/\x1b[31m", "https://a.example/\u202eevil", " https://a.example/ ",
    ],
)  # fmt: skip
def test_absolute_fast_path_agrees_with_urljoin(href: str) -> None:
    base = "https://base.example/dir/page.html"
    assert absolute(href, base) == _reference_absolute(href, base)


def test_links_and_images_resolve_against_the_first_base_href() -> None:
    page = (
        '<html><head><base href="https://cdn.example/site/"><base href="https://other.example/">'
        "</head><body><article>"
        f'<p>{ARTICLE[0]} <a href="story/2.html">Earlier</a></p><img src="img/a.png" alt="A">'
        f"{paragraphs(ARTICLE[1:])}</article></body></html>"
    )
    article = extract(page, "https://news.example/2026/story.html")
    assert [link.url for link in article.links] == ["https://cdn.example/site/story/2.html"]
    assert [b.src for b in article.blocks if b.src] == ["https://cdn.example/site/img/a.png"]
    plain = extract(page.replace("<base", "<x-base"), "https://news.example/2026/story.html")
    assert [link.url for link in plain.links] == ["https://news.example/2026/story/2.html"]


def test_guard_strips_an_attribute_storm_but_not_a_long_attribute_value() -> None:
    storm = "<div " + " ".join(f"a{i}=v" for i in range(MAX_ATTRIBUTES + 500)) + ">x</div>"
    assert prepare(storm) == "<div>x</div>"
    long_value = "<div data-json='" + "x" * 50_000 + "'>x</div>"
    assert prepare(long_value) == long_value


def test_related_list_set_as_one_paragraph_per_link() -> None:
    links = "".join(
        f"<p><a href='https://news.example/r{n}'>Related story number {n}</a></p>"
        + ("<div class='slot'></div>" if n == 1 else "")
        for n in range(4)
    )
    html = (
        f"<html><body><article>{paragraphs(ARTICLE)}<p>You may also like...</p>{links}"
        "</article></body></html>"
    )
    article = extract(html, "https://news.example/story")
    assert [b.text for b in article.blocks] == ARTICLE
    assert [link.url for link in article.related] == [
        f"https://news.example/r{n}" for n in range(4)
    ]


def test_calls_to_action_trailing_the_article_are_dropped() -> None:
    tail = [
        "Need more news? Subscribe to our weekly magazine for the latest from the riverside!",
        "Get the Riverside Monthly delivered through your letterbox every month.",
    ]
    html = f"<html><body><article>{paragraphs(ARTICLE + tail)}</article></body></html>"
    assert [b.text for b in extract(html).blocks] == ARTICLE


def test_a_call_to_action_inside_the_story_stays() -> None:
    middle = "Those who subscribe to the parks newsletter will be told when the lights go up."
    texts = [ARTICLE[0], middle, *ARTICLE[1:]]
    html = f"<html><body><article>{paragraphs(texts)}</article></body></html>"
    assert [b.text for b in extract(html).blocks] == texts


def test_advert_labels_between_slides_are_dropped() -> None:
    caption = "Council members walk the river path at night during the trial, Tuesday."
    slides = "".join(
        f"<figure><img src='https://img.example/{n}.jpg'><figcaption>{caption}</figcaption>"
        "</figure><p>Advert</p>"
        for n in range(3)
    )
    html = f"<html><body><article>{paragraphs(ARTICLE)}{slides}</article></body></html>"
    texts = [b.text for b in extract(html).blocks]
    assert texts.count(caption) == 1
    assert "Advert" not in texts


def test_a_story_cut_into_numbered_parts_is_read_whole() -> None:
    # The second part holds far more prose than the first, and the parts sit deep in
    # wrappers of their own, so neither climbing by score nor widening by prose mass
    # reaches the first part.
    later = [f"{text} (Part two, paragraph {n}.)" for n in range(3) for text in ARTICLE]
    html = (
        "<html><body><article id=story><h1>River path</h1>"
        f"<div class=wrap><div><div><div class='story-body story-body-1'><p>{ARTICLE[0]}</p>"
        "</div></div></div></div>"
        f"<div class=wrap><div><div><div class='story-body story-body-2'>{paragraphs(later)}"
        "</div></div></div></div></article></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == [ARTICLE[0], *later]


def test_blocks_that_only_share_a_class_are_not_parts() -> None:
    teaser = (
        "A teaser for another post on the same blog, long enough to score as prose, with "
        "commas, clauses, and every other sign of running text that scoring rewards."
    )
    html = (
        "<html><body><div id=primary><div class=wrap>"
        f"<div class='box articlebox'>{paragraphs(ARTICLE)}</div></div>"
        f"<div class=wrap><div class='box teaserbox'><p>{teaser}</p></div></div>"
        "</div></body></html>"
    )
    assert "teaser" not in extract(html).text


CN_ARTICLE = [
    "本市今年新建的十二座社区公园已经全部开放，市民可以在公园里散步、锻炼和休息，"
    "周边居民普遍反映环境比过去好了很多。",
    "园林部门表示，明年还将继续在老城区见缝插绿，让更多居民出门五分钟就能走进公园。",
]


def test_chinese_portal_lines_around_the_story_are_dropped() -> None:
    around = [
        "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)",
        "转自《北京科技报》",
        "延伸阅读：老城区公园改造进展",
        "第1页/共1页 << 上一页 | 下一页 >>",
        "扫一扫在手机打开当前页",
    ]
    html = (
        "<html><head><meta charset='utf-8'></head><body><div class=content>"
        f"<p>{around[0]}</p>{paragraphs(CN_ARTICLE)}"
        + "".join(f"<p>{line}</p>" for line in around[1:])
        + "</div></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == CN_ARTICLE


def test_a_sentence_starting_with_time_words_stays() -> None:
    texts = [*CN_ARTICLE, "时间过得很快，公园开放已经一年了。"]
    html = (
        "<html><head><meta charset='utf-8'></head><body><div class=content>"
        f"{paragraphs(texts)}</div></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == texts


def _related_links(n: int) -> str:
    return "".join(
        f"<tr><td><a href='https://news.example/r{i}'>相关报道第{i}篇：公园建设</a></td></tr>"
        for i in range(n)
    )


def test_related_heading_wrapped_in_inline_tags_inside_a_table() -> None:
    html = (
        "<html><head><meta charset='utf-8'></head><body><div class=content>"
        f"{paragraphs(CN_ARTICLE)}</div>"
        "<table><tr><td>■<span class=main><strong>相关链接</strong></span></td></tr>"
        f"<tr><td><table>{_related_links(3)}</table></td></tr></table></body></html>"
    )
    article = extract(html, "https://news.example/a.html")
    assert [b.text for b in article.blocks] == CN_ARTICLE
    assert [link.url for link in article.related] == [
        f"https://news.example/r{i}" for i in range(3)
    ]


def test_related_heading_with_a_quote_is_still_found() -> None:
    links = "".join(
        f"<li><a href='https://news.example/r{n}'>Story {n} here</a></li>" for n in range(3)
    )
    html = (
        f"<html><body><article>{paragraphs(ARTICLE)}</article>"
        f'<h3>More from "The Riverside"</h3><ul>{links}</ul></body></html>'
    )
    article = extract(html, "https://news.example/story")
    assert [link.url for link in article.related] == [
        f"https://news.example/r{n}" for n in range(3)
    ]


def test_a_caption_crediting_the_author_stays_but_a_byline_goes() -> None:
    html = (
        "<html><head><meta name=author content='Lucy Akins'></head><body><article>"
        "<p>By Lucy Akins</p>"
        f"<p>{ARTICLE[0]}</p><p>Glass cloche terrariums (Lucy Akins)</p>"
        f"{paragraphs(ARTICLE[1:])}</article></body></html>"
    )
    texts = [b.text for b in extract(html).blocks]
    assert texts == [ARTICLE[0], "Glass cloche terrariums (Lucy Akins)", *ARTICLE[1:]]


def test_a_heading_that_differs_from_the_title_is_part_of_the_text() -> None:
    def blocks(h1: str) -> list[str]:
        html = (
            "<html><head><title>River path to stay open all night</title></head><body>"
            f"<article><h1>{h1}</h1>{paragraphs(ARTICLE)}</article></body></html>"
        )
        return [b.text for b in extract(html).blocks]

    assert blocks("River path to stay open all night") == ARTICLE
    assert blocks("Night owls win: council keeps lights on by the water") == [
        "Night owls win: council keeps lights on by the water",
        *ARTICLE,
    ]


def test_lists_used_for_indenting_keep_their_text() -> None:
    html = (
        f"<html><body><article><p>{ARTICLE[0]}</p>"
        "<ul><ul type=A><li>First indented point</li><li>Second indented point</li></ul></ul>"
        f"<ul><i>An indented remark set in italics, as old pages did.</i></ul>"
        f"{paragraphs(ARTICLE[1:])}</article></body></html>"
    )
    text = extract(html).text
    for part in ("First indented point", "Second indented point", "An indented remark"):
        assert part in text, part


def test_popularity_rails_go_even_when_named_like_articles() -> None:
    items = "".join(
        f"<li><a href='/p{n}'>Popular story {n} about something</a></li>" for n in range(5)
    )
    html = (
        f"<html><body><article class=article-body>{paragraphs(ARTICLE)}"
        "<section class='c-article-most-popular'><h2>Most Popular</h2>"
        f"<ol>{items}</ol></section></article></body></html>"
    )
    text = extract(html).text
    assert "Popular story" not in text and "Most Popular" not in text


def test_mediawiki_navboxes_and_hatnotes_are_left_out() -> None:
    html = (
        "<html><body><div id=content><div class=mw-parser-output>"
        "<div role=note class='hatnote navigation-not-searchable'>Main article: River path</div>"
        f"{paragraphs(ARTICLE)}"
        "<table class='navbox'><tr><th>Parks</th><td>North park · South park · River park"
        "</td></tr></table></div></div></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == ARTICLE


def test_runs_of_interface_words_are_dropped() -> None:
    ui = ["自动播放开关 自动播放", "Share Tweet Email", "正在加载...", "< >"]
    html = (
        "<html><body><article>"
        + "".join(f"<div>{word}</div>" for word in ui)
        + f"{paragraphs(ARTICLE)}<p>Next week</p></article></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == [*ARTICLE, "Next week"]


def test_a_short_line_set_twice_is_kept_once_but_a_long_paragraph_twice() -> None:
    short = "The river path at dusk, seen from the bridge."
    long = f"{ARTICLE[1]} {ARTICLE[2]}"
    html = (
        f"<html><body><article><p>{ARTICLE[0]}</p><p>{short}</p><p>{short}</p>"
        f"<p>{long}</p><p>{long}</p></article></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == [ARTICLE[0], short, long, long]


def test_a_wire_byline_line_is_dropped() -> None:
    html = (
        "<html><body><article><p>Greg Beacham, AP Sports Writer</p>"
        f"{paragraphs(ARTICLE)}<p>Council members, Park Writers Guild</p></article></body></html>"
    )
    texts = [b.text for b in extract(html).blocks]
    assert texts == [*ARTICLE, "Council members, Park Writers Guild"]


def test_related_heading_holding_a_bidi_character_is_still_found() -> None:
    links = "".join(
        f"<li><a href='https://news.example/r{n}'>Story {n} here</a></li>" for n in range(2)
    )
    html = (
        f"<html><body><article>{paragraphs(ARTICLE)}</article>"
        f"<h3>More from \u202eThe Riverside</h3><ul>{links}</ul></body></html>"
    )
    article = extract(html, "https://news.example/story")
    assert [link.url for link in article.related] == [
        f"https://news.example/r{n}" for n in range(2)
    ]


def test_an_embedded_social_post_is_part_of_the_story_but_a_share_bar_is_not() -> None:
    tweet = "Yes this is real and the county spent a fortune on the new signs along the river."
    html = (
        "<html><body><article><h1>River path</h1>"
        f"{paragraphs(ARTICLE[:2])}"
        "<div class='social-media-embed'><blockquote class='twitter-tweet'>"
        f"<p>{tweet}</p>— A Resident (@resident) November 18, 2026</blockquote></div>"
        f"{paragraphs(ARTICLE[2:])}"
        "<div class='social-share'><a href='/s/x'>Share on X</a> <a href='/s/f'>Facebook</a></div>"
        "</article></body></html>"
    )
    text = extract(html).text
    assert tweet in text and "@resident" in text
    assert all(t in text for t in ARTICLE)
    assert "Share on X" not in text


def test_a_quote_keeps_its_attribution() -> None:
    html = (
        f"<html><body><article>{paragraphs(ARTICLE)}"
        "<blockquote><p>Keep the path open and keep it lit.</p>"
        "<footer>— <cite>The parks officer</cite></footer></blockquote>"
        "</article></body></html>"
    )
    quotes = [b.text for b in extract(html).blocks if b.kind.value == "quote"]
    assert quotes == ["Keep the path open and keep it lit.\n— The parks officer"]


def test_teasers_for_other_stories_stay_out_of_the_body() -> None:
    # A headline in capitals that is only a link, between paragraphs, is a teaser; a link
    # in a sentence, or a short label, is not the point here.
    teaser = "COUNCIL APPROVES NEW FERRY TIMETABLE AFTER A SUMMER OF COMPLAINTS FROM RIDERS"
    html = (
        f"<html><body><article>{paragraphs(ARTICLE[:2])}"
        f"<p><strong><a href='/news/ferry-timetable'>{teaser}</a></strong></p>"
        f"{paragraphs(ARTICLE[2:])}"
        # Next/previous story cards under the article.
        "<div class='grid-container next-prev'><div class='next'>"
        "<a href='/news/harbour-lights'><h5>Harbour lights switched on for the winter</h5></a>"
        "<p>The old lamps along the quay are back after a year of repairs.</p></div></div>"
        "</article></body></html>"
    )
    article = extract(html)
    assert [b.text for b in article.blocks] == ARTICLE
    assert teaser not in article.text and "Harbour lights" not in article.text


def test_a_sentence_that_is_one_link_stays_in_the_body() -> None:
    sentence = "Read the council's full report on the river path trial, published this morning."
    html = (
        f"<html><body><article>{paragraphs(ARTICLE)}"
        f"<p><a href='/reports/river-path.pdf'>{sentence}</a></p></article></body></html>"
    )
    assert sentence in extract(html).text


CN_STORY = [
    "城东社区医院本月起开设夜间门诊，每天下午五点到晚上九点接诊，方便上班族和老人就诊，"
    "内科和儿科都有医生值班。",
    "开诊第一周，夜间门诊共接待患者四百多人次，其中近一半是六十岁以上的老人，"
    "医院表示将根据就诊人数调整值班安排。",
]


def test_a_dateline_strip_above_the_story_is_not_text() -> None:
    # A one-row table of a dateline, the source and a comment link: page furniture.
    html = (
        "<html><head><meta charset=utf-8></head><body><div class=content>"
        "<table><tr><td>2005-02-06 13:26更新 来源：转载文章</td><td><a href='/c'>发表评论</a></td>"
        f"</tr></table>{paragraphs(CN_STORY)}</div></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == CN_STORY


def test_the_date_an_official_notice_is_signed_stays() -> None:
    html = (
        "<html><head><meta charset=utf-8></head><body><div class=content>"
        f"{paragraphs(CN_STORY)}<p>城东区卫生健康局</p><p>2026年11月2日</p></div></body></html>"
    )
    assert [b.text for b in extract(html).blocks][-1] == "2026年11月2日"


def test_offers_in_a_buying_guide_stay_but_an_ad_label_goes() -> None:
    html = (
        f"<html><body><article>{paragraphs(ARTICLE[:2])}<p>ADVERTISING</p>"
        "<ul><li><a href='https://shop.example/lamp'>Get it at the Lamp Shop for $39.99</a></li>"
        f"</ul><p><a href='https://shop.example/bulb'>Get the bulbs for £4</a></p>"
        f"{paragraphs(ARTICLE[2:])}<ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a>"
        "</li></ul></article></body></html>"
    )
    texts = [b.text for b in extract(html).blocks]
    assert "Get it at the Lamp Shop for $39.99" in texts
    assert "Get the bulbs for £4" in texts
    assert "ADVERTISING" not in texts and "Home" not in " ".join(texts)


def test_a_heading_left_last_goes_with_what_it_headed() -> None:
    # The form under "Leave a reply" is not text; its heading has nothing left to head.
    html = (
        "<html><head><title>River path stays open</title></head><body><article>"
        f"{paragraphs(ARTICLE[:2])}<h2>Lights next winter</h2>"
        f"{paragraphs(ARTICLE[2:])}<h3>Leave a reply</h3><form><input name=comment></form>"
        "</article></body></html>"
    )
    blocks = extract(html).blocks
    assert [b.text for b in blocks] == [*ARTICLE[:2], "Lights next winter", *ARTICLE[2:]]


def test_a_heading_of_interface_words_is_not_a_section() -> None:
    html = (
        f"<html><body><article>{paragraphs(ARTICLE[:2])}<h4>More:</h4>"
        "<ul><li><a href='/a'>Ferry timetable</a></li><li><a href='/b'>Harbour lights</a></li>"
        f"</ul>{paragraphs(ARTICLE[2:])}</article></body></html>"
    )
    assert [b.text for b in extract(html).blocks] == ARTICLE
