"""The parts every comment system shares: states, counts, times, script systems, and text.

``find_comments`` is called on a parsed body here (one layer, no network): the fetch time it
may be given is the only reference for relative times, and without it they stay unknown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from broadsheet.encoding import decode_html
from broadsheet.extract import extract
from broadsheet.extract.comments import find_comments
from broadsheet.extract.comments.common import declared, iso_time, time_in_text
from broadsheet.extract.dom import JUNK_TAGS
from broadsheet.models import BlockKind, CommentState, CommentThread

COMMENTS = Path(__file__).parent.parent / "fixtures" / "comments"
NOW = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
BODY = "<article><h1>A title</h1><p>" + "Body text of the article, long enough. " * 20 + "</p>"


def thread_of(html: str, *, now: datetime | None = None, scripts: str = "") -> CommentThread:
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(JUNK_TAGS))
    assert tree.body is not None
    thread, _, _ = find_comments(tree.body, scripts, "https://example.org/a", "", now=now)
    return thread


def page(section: str) -> str:
    return f"<html><body>{BODY}</article>{section}</body></html>"


def test_relative_times_resolve_only_with_a_reference() -> None:
    html = decode_html((COMMENTS / "portal-gentie.gbk.html").read_bytes()).text
    assert [c.published for c in thread_of(html).items] == [None, None, None]
    assert [c.published for c in thread_of(html, now=NOW).items] == [
        "2026-11-12T10:00:00+00:00",  # 2小时前
        "2026-11-12T11:25:00+00:00",  # 35分钟前
        "2026-11-12T12:00:00+00:00",  # 刚刚
    ]


def test_extract_passes_the_fetch_time_on() -> None:
    raw = (COMMENTS / "portal-gentie.gbk.html").read_bytes()
    assert extract(raw, "http://health.example/a").comments.items[0].published is None
    thread = extract(raw, "http://health.example/a", now=NOW).comments
    assert thread.items[1].published == "2026-11-12T11:25:00+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 hours ago", "2026-11-12T09:00:00+00:00"),
        ("an hour ago", "2026-11-12T11:00:00+00:00"),
        ("2 days ago", "2026-11-10T12:00:00+00:00"),
        ("5分钟前", "2026-11-12T11:55:00+00:00"),
        ("3天前", "2026-11-09T12:00:00+00:00"),
        ("发表于 2026-10-31 08:02", "2026-10-31T08:02:00"),
        ("October 29, 2026 at 12:05 pm", "2026-10-29T12:05:00"),
        ("7 November 2026 at 21:12", "2026-11-07T21:12:00"),
        ("yesterday-ish", None),
    ],
)
def test_times_in_text(text: str, expected: str | None) -> None:
    assert time_in_text(text, NOW) == expected


def test_timestamp_attributes() -> None:
    assert iso_time("2026-11-20T09:40:12 1795167612") == "2026-11-20T09:40:12+00:00"  # HN
    assert iso_time("2026-11-18 07:12:00 -0600") == "2026-11-18T07:12:00-06:00"  # Lobsters
    assert iso_time("2026-11-10T09:15:00Z") == "2026-11-10T09:15:00+00:00"
    assert iso_time("not a date") is None and iso_time(None) is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("全部评论(12)", 12), ("评论（3）", 3), ("共8条评论", 8), ("已有5人参与", 5),
        ("跟帖 [7]", 7), ("24条留言", 24), ("1,204 Comments", 1204), ("all 9 comments", 9),
        ("One Response to “Beans”", 1), ("评论：6", 6), ("Leave a reply", None),
    ],
)  # fmt: skip
def test_declared_counts(text: str, count: int | None) -> None:
    assert declared(text) == count


@pytest.mark.parametrize(
    ("markup", "system"),
    [
        ('<div id="uyan_frame"></div><script src="http://v2.uyan.cc/code/uyan.js"></script>',
         "youyan"),
        ('<div id="vcomments"></div>', "valine"),
        ('<div id="waline"></div><script src="https://unpkg.com/@waline/client"></script>',
         "waline"),
        ('<div id="tcomment"></div>', "twikoo"),
        ('<script src="https://giscus.app/client.js" data-repo="a/b"></script>', "giscus"),
        ('<script src="https://utteranc.es/client.js" repo="a/b"></script>', "utterances"),
        ('<div id="disqus_thread"></div>', "disqus"),
    ],
)  # fmt: skip
def test_script_systems(markup: str, system: str) -> None:
    thread = extract(page(markup), "https://example.org/a").comments
    assert (thread.state, thread.system, thread.items) == (CommentState.SCRIPT, system, ())


def test_script_system_with_the_count_the_page_prints() -> None:
    markup = '<div class="cmt"><span>评论(12)</span><div id="SOHUCS" sid="88"></div></div>'
    article = extract(page(markup), "https://example.org/a")
    thread = article.comments
    assert (thread.state, thread.system, thread.declared_count) == (
        CommentState.SCRIPT,
        "changyan",
        12,
    )
    assert "评论(12)" not in article.text


@pytest.mark.parametrize(
    "section",
    [
        '<div id="comments"><h3>评论</h3><p>评论已关闭</p></div>',
        '<div class="comments-area"><p class="no-comments">Comments are closed.</p></div>',
    ],
)
def test_closed_comments(section: str) -> None:
    article = extract(page(section), "https://example.org/a")
    assert article.comments.state == CommentState.CLOSED
    assert "关闭" not in article.text and "closed" not in article.text


@pytest.mark.parametrize(
    "section",
    [
        '<div class="pinglun"><div class="tit">网友评论</div><p>全部评论(0)</p></div>',
        '<div id="comments"><p>还没有评论，快来抢沙发吧！</p></div>',
        '<div class="mod"><h3>网友评论</h3><p>暂无评论</p></div>',
    ],
)
def test_an_empty_comment_section_says_none(section: str) -> None:
    thread = extract(page(section), "https://example.org/a").comments
    assert (thread.state, thread.declared_count, thread.items) == (CommentState.NONE, 0, ())


def test_no_section_at_all_is_unknown() -> None:
    thread = extract(page("<footer>© 2026</footer>"), "https://example.org/a").comments
    assert (thread.state, thread.declared_count, thread.system) == (
        CommentState.UNKNOWN,
        None,
        None,
    )


def test_hostile_comment_text_is_cleaned_but_kept_literal() -> None:
    body = "Nice &#27;]52;c;aGk=&#7; [@click=app.quit]x[/] \u202eevil <b>bold</b>"
    section = (
        '<ol class="commentlist"><li class="comment" id="comment-1"><div class="comment-body">'
        '<cite class="fn">Mallory\x1b[2J</cite><div class="comment-content">'
        f"<p>{body}</p><p><a href='javascript:alert(1)'>click</a></p></div></div></li></ol>"
    )
    thread = extract(page(section), "https://example.org/a").comments
    (comment,) = thread.items
    everything = comment.author + comment.text + "".join(b.text for b in comment.blocks)
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in everything
    assert comment.author == "Mallory"  # the escape sequence goes, not just the ESC
    assert "[@click=app.quit]x[/]" in comment.text  # text, never markup: the UI shows it
    assert all(s.url is None or s.url.startswith("https://") for b in comment.blocks
               for s in b.spans)  # fmt: skip
    assert comment.blocks[1].text == "click" and comment.blocks[1].spans == ()


def test_a_lone_link_or_short_reply_is_a_comment_too() -> None:
    """The article's boilerplate filters (link-only lines, "More", "Reply") do not apply."""
    items = "".join(
        f'<li class="comment" id="comment-{i}"><div class="comment-body"><cite class="fn">U{i}'
        f'</cite><div class="comment-content">{text}</div></div></li>'
        for i, text in enumerate(
            ['<p><a href="/docs">https://example.org/docs</a></p>', "<p>More</p>", "<p>+1</p>"]
        )
    )
    thread = extract(page(f'<ol class="commentlist">{items}</ol>'), "https://example.org/a")
    texts = [c.text for c in thread.comments.items]
    assert texts == ["https://example.org/docs", "More", "+1"]
    link = thread.comments.items[0].blocks[0].spans[0]
    assert (link.style, link.url) == ("link", "https://example.org/docs")
    assert thread.comments.items[0].blocks[0].kind == BlockKind.PARAGRAPH


def test_another_sites_commentarea_goes_to_the_generic_detector() -> None:
    entry = (
        '<div class="c-item" id="c{}"><span class="c-user">{}</span><p class="c-text">{}</p></div>'
    )
    section = (
        '<div class="commentarea"><h3>网友评论</h3>'
        + entry.format(1, "老王", "说得好")
        + entry.format(2, "小李", "学习了")
        + "</div>"
    )
    thread = extract(page(section), "https://example.org/a").comments
    assert thread.system == "generic"
    assert [(c.id, c.author, c.text) for c in thread.items] == [
        ("c1", "老王", "说得好"),
        ("c2", "小李", "学习了"),
    ]


def test_a_blog_post_named_post_is_not_a_forum() -> None:
    html = (
        '<html><body><div class="post"><div class="postbody"><div class="content">'
        + "<p>A paragraph of the blog post, long enough to be the article. </p>" * 8
        + "</div></div></div></body></html>"
    )
    article = extract(html, "https://example.org/a")
    assert article.comments.system is None
    assert article.comments.state == CommentState.UNKNOWN
    assert article.text.startswith("A paragraph of the blog post")


@pytest.mark.parametrize(
    ("nav", "expected"),
    [
        # Twenty Seventeen and later: numbered pages, "Next" preferred over "Previous".
        ('<nav class="navigation comments-pagination"><div class="nav-links">'
         '<a class="prev page-numbers" href="/p/comment-page-1/#comments">Previous</a>'
         '<span aria-current="page" class="page-numbers current">2</span>'
         '<a class="next page-numbers" href="/p/comment-page-3/#comments">Next</a></div></nav>',
         "https://example.org/p/comment-page-3/#comments"),
        # Twenty Fifteen style: only older comments remain.
        ('<nav class="navigation comment-navigation"><div class="nav-links">'
         '<div class="nav-previous"><a href="/p/comment-page-1/#comments">Older Comments</a>'
         "</div></div></nav>",
         "https://example.org/p/comment-page-1/#comments"),
        # A theme without navigation markup: a ?cpage= link in the comment area.
        ('<p><a href="/p/?cpage=2#comments">More comments</a></p>',
         "https://example.org/p/?cpage=2#comments"),
        ("", None),
    ],
)  # fmt: skip
def test_wordpress_comment_pages(nav: str, expected: str | None) -> None:
    section = (
        '<div id="comments" class="comments-area"><h2 class="comments-title">2 Comments</h2>'
        '<ol class="comment-list"><li id="comment-7" class="comment depth-1">'
        '<article id="div-comment-7" class="comment-body"><footer class="comment-meta">'
        '<div class="comment-author vcard"><b class="fn">Ada</b></div></footer>'
        '<div class="comment-content"><p>First!</p></div></article></li></ol>'
        f"{nav}</div>"
    )
    thread = extract(page(section), "https://example.org/p/").comments
    assert (thread.system, len(thread.items), thread.declared_count) == ("wordpress", 1, 2)
    assert thread.next_page == expected


def _floor(pid: int, label: str, author: str, text: str) -> str:
    return (
        f'<div id="post_{pid}"><table id="pid{pid}"><tr><td class="pls"><div class="pi">'
        f'<div class="authi"><a href="/space-uid-{pid}.html">{author}</a></div></div></td>'
        f'<td class="plc"><div class="pi"><strong><a id="postnum{pid}"><em>{label}</em></a>'
        f'</strong><div class="authi"><em id="authorposton{pid}">发表于 2026-11-0{pid % 9} 08:00'
        f'</em></div></div><table><tr><td class="t_f" id="postmessage_{pid}">{text}</td></tr>'
        "</table></td></tr></table></div>"
    )


def test_a_later_discuz_page_has_no_starter_floor() -> None:
    """On page 2 the first floor is an ordinary reply (11#), not the thread itself."""
    html = (
        "<html><body><div id='postlist'>"
        + _floor(41, "11#", "老园丁", "番茄要不要打顶？")
        + _floor(42, "12#", "青椒炒蛋", "长到五穗就可以打顶了。")
        + '</div><div class="pg"><a href="/thread-8812-1-1.html" class="prev">上一页</a>'
        '<a href="/thread-8812-3-1.html">下一页</a></div></body></html>'
    )
    thread = thread_of(html)
    assert [(c.id, c.author, c.text) for c in thread.items] == [
        ("41", "老园丁", "番茄要不要打顶？"),
        ("42", "青椒炒蛋", "长到五穗就可以打顶了。"),
    ]
    assert thread.items[0].published == "2026-11-05T08:00:00"
    assert thread.next_page == "https://example.org/thread-8812-3-1.html"  # 下一页 by its text


@pytest.mark.parametrize(
    ("markup", "system"),
    [
        ('<table class="comment-tree"><tr class="athing comtr"><td class="ind" indent="x">'
         "</td></tr><tr class='athing comtr' id='5'><td class='ind'><img width='abc'></td>"
         "</tr></table>", "hackernews"),
        ('<ol class="comments"><li class="comments_subtree"><div class="comment" id="c_">'
         '<div class="comment_text"></div></div></li></ol>', "lobsters"),
        ('<div class="commentarea"><div class="sitetable"><div class="thing comment" '
         'data-fullname="t1_"></div><div class="thing comment" data-fullname="t3_x"></div>'
         "</div></div>", "reddit"),
        ('<div class="crawler-post"><span itemprop="position">#</span><div itemprop="text">'
         '</div></div><div class="crawler-post"><div itemprop="text"><aside class="quote" '
         'data-post="x"></aside>hi</div></div>', "discourse"),
        ('<div id="postmessage_abc"></div><div id="postmessage_"></div>', "discuz"),
        ('<div class="post"><dl class="postprofile"></dl><div class="postbody">'
         '<div class="content"></div></div></div>', "phpbb"),
    ],
)  # fmt: skip
def test_broken_markup_of_each_system_does_not_raise(markup: str, system: str) -> None:
    """``extract`` hides exceptions (one bad page must not stop a refresh), so call the
    comment step itself: a half-written page must give a thread, never an exception."""
    thread = thread_of(page(markup))
    assert thread.system == system
    assert thread.state in (CommentState.PRESENT, CommentState.NONE)
    assert all(c.depth == 0 or c.parent is not None for c in thread.items)


def test_a_heading_inside_the_article_does_not_make_it_a_comment_section() -> None:
    story = "".join(
        f'<div class="entry-item"><p>第{i}段：这是一篇关于网络评论文化的文章，讨论网友如何在新闻下'
        "留言、跟帖和互相回复，内容足够长，是正文而不是评论。</p></div>"
        for i in range(6)
    )
    html = f'<html><body><div class="story"><h3>评论</h3>{story}</div></body></html>'
    article = extract(html, "https://example.org/a")
    assert article.comments.state == CommentState.UNKNOWN
    assert article.comments.items == ()
    assert article.text.count("这是一篇关于网络评论文化的文章") == 6
