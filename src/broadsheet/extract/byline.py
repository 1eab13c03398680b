"""Chinese bylines: who wrote a page, read from its visible text lines.

Chinese pages rarely say who wrote them in metadata; the name sits in the
text, in a handful of layouts: a label (作者：, 执笔人：, 文／, 发文机关：), a
reporter credit (本报记者 张三, 河南商报记者李四/文), a name alone under the
headline (essays, columns), a name in brackets closing the story (（袁源）,
（姚峰 上海报道）), a forum's "本帖由 X 于 2005年…" or a blog's
"X 发表于 2005-9-15", and last the editor (责任编辑：). Unlabelled names are
only believed when they start with a common Chinese surname, since a bare
two- to four-character line is as often a menu item ("记者博客", "训练营") as
a person.

``page`` everywhere is ``dom.page_text``: one text node per line.
"""

from __future__ import annotations

import re

# The commonest surnames (simplified and traditional forms), covering the great majority of
# people in mainland China, Taiwan and Hong Kong, plus the usual two-character ones.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪"
    "張劉陳楊黃趙吳孫馬羅鄭謝韓馮鄧蕭許葉蘇呂盧鍾譚陸範賈韋鄒龍賀顧龔錢嚴湯溫莊聶魯歐蘭"
    "駱藍鮑劉閔戴蔣蔡葉餘傅"
)
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒", "歐陽")

_HAN = r"[\u4e00-\u9fff]"
_NAME = r"[\u4e00-\u9fff·]{2,4}"  # (· joins the parts of a transliterated name)
_NAME_END = r"(?=[\s）)】\]，,。；;、/／|]|$)"
_NOT_A_NAME = r"(?!来源|日期|时间|编辑|责任|发布|点击|浏览|阅读|记者|摄影)"

# Labelled credits, in order of trust. Group 1 is the name (or names).
_LABELLED = (
    # 作者：value — any short run up to a separator (pen names and user names included), and
    # an original name in brackets after a translated one ("周思博 (Joel Spolsky)").
    re.compile(
        rf"(?:作者|作\s+者|执笔人|执笔|撰稿人|发文机关)\s*[：:]\s*{_NOT_A_NAME}"
        rf"([^\s，,。；;|（()）【】\[\]<>]{{2,20}}(?: {_NOT_A_NAME}{_NAME}{_NAME_END})*"
        r"(?:\s*[(（][A-Za-z][A-Za-z .'-]{1,40}[)）])?)"
    ),
    # 文／张三, 文：眉间尺 — only where 文 starts a credit, not in 原文： or 全文：.
    re.compile(rf"(?:^|[\s（(【\[|])文\s*[/／：:]\s*({_NAME}){_NAME_END}", re.MULTILINE),
    # 本帖由 大卫 于2005年… (forum posts)
    re.compile(r"(?:本帖|本贴|本文)由\s*([^\s，,。]{2,20}?)\s*于\s*(?:19|20)\d\d"),
    # ggjjzhzz ⏎ 发表于 2005-9-15 (blogs): the first such line is the post's.
    re.compile(r"(?:^|\n)([^\s：:，,。]{2,20})\s*\n?\s*发表于\s*[:：]?\s*(?:19|20)\d\d"),
)
# 记者 张三 / 本报记者张三 李四 / 河南商报记者马俊峰/文. Prose ("接受记者采访") and menus
# ("小记者训练营") match too; the caller keeps only names that start with a surname.
_REPORTER = re.compile(
    r"(?:记者|記者|通讯员|通訊員|撰稿|撰文)"
    rf"[ \t\u3000:：]*({_NOT_A_NAME}{_NAME}(?:[ \u3000、]{_NAME})*){_NAME_END}"
)
# （袁源）, （姚峰 上海报道）, "08:19 [ 黄宇 ]" beside a time stamp.
_BRACKETED = (
    re.compile(rf"[（(]({_NAME})[ \u3000]*{_HAN}{{0,6}}(?:报道|報導|电|電)[）)]"),
    re.compile(rf"^[（(]\s*({_NAME})\s*[）)]$", re.MULTILINE),
    re.compile(rf"\d:\d\d(?::\d\d)?\s*[\[【]\s*({_NAME})\s*[\]】]"),
)
_EDITOR = re.compile(r"(?:责任编辑|責任編輯|编辑|责编)\s*[：:]\s*([\u4e00-\u9fff·]{2,4})")
_BARE_NAME = re.compile(rf"{_HAN}{{1,4}}")


def is_person(name: str) -> bool:
    """Whether a run of Han characters reads as a Chinese personal name (surname first)."""
    name = name.strip()
    if "·" in name:  # 买买提·艾力: a transliterated name, no surname to check
        return all(_BARE_NAME.fullmatch(part) for part in name.split("·"))
    if not 2 <= len(name) <= 4 or not _BARE_NAME.fullmatch(name):
        return False
    return name[0] in _SURNAMES or name.startswith(_COMPOUND)


def _all_people(names: str) -> bool:
    return all(is_person(n) for n in re.split(r"[ \u3000、]+", names.strip()) if n)


def _under_title(page: str, title: str) -> str:
    """A name alone on the line below the headline (essays, columns, reposted articles)."""
    if not title:
        return ""
    start = 0
    while True:
        at = page.find(f"\n{title}\n", start)
        if at < 0:
            return ""
        after = at + len(title) + 2
        end = page.find("\n", after)
        candidate = page[after : end if end >= 0 else len(page)].strip()
        if is_person(candidate):
            return candidate
        start = after


def chinese_author(page: str, title: str = "") -> str:
    """The byline found in the text of a Chinese page, or ""."""
    for pattern in _LABELLED:
        m = pattern.search(page)
        if m:
            return m.group(1).strip()
    for m in _REPORTER.finditer(page):
        if _all_people(m.group(1)):
            return m.group(1).strip()
    framed = f"\n{page}\n"
    # Under the headline; or, on a bare page whose <title> says nothing, under its first line.
    found = _under_title(framed, title) or _under_title(framed, page.split("\n", 1)[0])
    if found:
        return found
    for pattern in _BRACKETED:
        for m in pattern.finditer(page):
            if is_person(m.group(1)):
                return m.group(1)
    m = _EDITOR.search(page)
    return m.group(1).strip() if m else ""


_CREDITS_TO_BUILDER = re.compile(
    r"(?:produced|powered|designed|developed|built|hosted)\s+by|技术支持|网站设计|网站制作|设计制作",
    re.IGNORECASE,
)


def credits_site_builder(name: str, page: str) -> bool:
    """Whether ``name`` is the web agency a page footer credits ("Produced By 大汉网络").

    Chinese CMSs often fill ``<meta name="author">`` with the company that built the site.
    """
    at = page.find(name)
    while at >= 0:
        if _CREDITS_TO_BUILDER.search(page, max(0, at - 24), at):
            return True
        at = page.find(name, at + 1)
    return False
