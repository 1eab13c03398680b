"""Chinese bylines in their common layouts, and the credits that are not bylines.

Each case is a small page in the markup such sites use; the byline must come out of
``extract`` exactly, and prose or menus that merely contain 记者 must not.
"""

from __future__ import annotations

import pytest

from broadsheet.extract import extract
from broadsheet.extract.byline import chinese_author, credits_site_builder, is_person

BODY = (
    "<p>本市今年新建的十二座社区公园已经全部开放，市民可以在公园里散步、锻炼和休息，"
    "周边居民普遍反映环境比过去好了很多。</p>"
    "<p>园林部门表示，明年还将继续在老城区见缝插绿，让更多居民出门五分钟就能走进公园。</p>"
)


def page(head: str, body: str) -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


CASES = [
    pytest.param(
        "<title>公园开放</title>",
        "<div class=nav><a href=/a>小记者训练营</a> <a href=/b>记者博客</a></div>"
        f"<h1>公园开放</h1><div class=content><p>河南商报记者马俊峰/文 受访者供图</p>{BODY}</div>",
        "马俊峰",
        id="reporter-credit-after-menu-words",
    ),
    pytest.param(
        "<title>公园开放</title>",
        f"<h1>公园开放</h1><div><p>犬儒病</p>{BODY}<p>本报记者 张晓明 李华</p></div>",
        "张晓明 李华",
        id="two-reporters",
    ),
    pytest.param(
        "<title>比赛革命的革命</title>",
        f"<h1>比赛革命的革命</h1><p>胡平</p>{BODY}",
        "胡平",
        id="name-under-headline",
    ),
    pytest.param(
        "<title>显示</title>",
        f"<p align=center><strong>犬儒病</strong></p><hr><p> 胡平<br><br>——副标题</p>{BODY}",
        "胡平",
        id="name-under-first-line-of-a-bare-page",
    ),
    pytest.param(
        "<title>外科医生</title>",
        f"<h1>外科医生</h1>{BODY}<div align=right>（袁源）</div>",
        "袁源",
        id="name-in-brackets-closing-the-story",
    ),
    pytest.param(
        "<title>亲子演讲</title>",
        f"<h1>亲子演讲</h1>{BODY}<p>本贴由<b>大卫</b>于2005年8月12日16:12:21在〖心灵体操〗发表</p>",
        "大卫",
        id="forum-post-credit",
    ),
    pytest.param(
        "<title>警世钟</title>",
        f"<div>[湖湘文化]</div><div>警世钟</div><div>ggjjzhzz</div>"
        f"<div>发表于 2005-9-15 11:46:00</div>{BODY}",
        "ggjjzhzz",
        id="blog-posted-by-line",
    ),
    pytest.param(
        "<title>清洁</title>",
        f"<h1>清洁</h1>{BODY}<p>文：眉间尺</p>",
        "眉间尺",
        id="wen-colon",
    ),
    pytest.param(
        "<title>呼吁</title>",
        f"<h1>呼吁</h1>{BODY}<p>执笔人：闵乐夫 赵兰波 刘韬</p><p>编辑：吕峥</p>",
        "闵乐夫 赵兰波 刘韬",
        id="writers-before-editor",
    ),
    pytest.param(
        "<title>给计算机系学生的建议</title>",
        f"<h1>给计算机系学生的建议</h1><p>作者： 周思博 (Joel Spolsky)</p>{BODY}",
        "周思博 (Joel Spolsky)",
        id="translated-name-with-original",
    ),
    pytest.param(
        "<title>通告</title>",
        "<table><tr><td>发文机关：</td><td>吉林省人民政府</td></tr>"
        f"<tr><td>成文日期：</td><td>2022年01月27日</td></tr></table>{BODY}",
        "吉林省人民政府",
        id="government-issuing-office",
    ),
    pytest.param(
        "<title>外科医生</title><meta name=author content='大汉网络'>",
        f"<h1>外科医生</h1>{BODY}<div align=right>（袁源）</div>"
        "<div class=foot>北京大学医学部新闻中心 Produced By 大汉网络</div>",
        "袁源",
        id="meta-author-is-the-web-agency",
    ),
]


@pytest.mark.parametrize(("head", "body", "expected"), CASES)
def test_chinese_byline_layouts(head: str, body: str, expected: str) -> None:
    assert extract(page(head, body), "http://news.example/a.html").author == expected


def test_prose_mentioning_reporters_is_no_byline() -> None:
    body = (
        "<h1>回忆</h1><p>三年前，一位昔日的红卫兵头头接受记者采访，讲起那段岁月，"
        "他说记者了解到的情况并不全面。</p>" + BODY
    )
    assert extract(page("<title>回忆</title>", body)).author == ""


def test_is_person_wants_a_surname() -> None:
    assert is_person("张晓明") and is_person("欧阳修") and is_person("胡平")
    assert is_person("买买提·艾力") and not is_person("·") and not is_person("张·")
    for word in ("博客", "训练营", "采访", "新闻中心", "张", "张三李四王五", "Zhang"):
        assert not is_person(word), word


def test_the_editor_is_the_last_resort() -> None:
    assert chinese_author("正文\n编辑：燕于\n") == "燕于"
    assert chinese_author("作者：青椒炒蛋\n编辑：燕于\n") == "青椒炒蛋"


def test_site_builder_credit_is_recognised() -> None:
    assert credits_site_builder("大汉网络", "版权所有\nProduced By 大汉网络")
    assert credits_site_builder("某某科技", "技术支持：某某科技")
    assert not credits_site_builder("张三", "作者：张三\nPowered by WordPress")
