"""What every comment adapter shares: the context, the result shape, counts, times, trees.

Adapters are pure functions over a Lexbor tree. Each one returns ``None`` when its markup is
absent, so the dispatcher can try them in turn, or a ``Found``: the thread, the nodes to keep
out of the article body (so comments never leak into it), and the thread starter's name when
the page is a forum topic whose first post is the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from selectolax.lexbor import LexborNode

from broadsheet.extract.dom import line
from broadsheet.extract.metadata import _date_in_text, _iso
from broadsheet.extract.scan import Prefiltered
from broadsheet.models import CommentThread


@dataclass(frozen=True, slots=True)
class Context:
    """What an adapter needs besides the tree.

    ``op`` is the article's author (to mark their comments); ``now`` the time the page was
    fetched, the only honest reference for "3 hours ago" (without it such times stay None).
    """

    base: str | None
    op: str = ""
    now: datetime | None = None


@dataclass(slots=True)
class Found:
    """An adapter's answer: the thread, the nodes to remove from the body, the starter."""

    thread: CommentThread
    nodes: list[LexborNode] = field(default_factory=list)
    starter: str = ""


# -- declared counts ---------------------------------------------------------------------------
# The case-blind patterns have no literal start, so ``re`` tries them at every character (a
# millisecond on one long comment section): each is searched only where a word it needs is.
_CJK_COUNTED = ("评论", "留言", "跟帖", "回复", "参与")
_LATIN_COUNTED = ("comment", "pon", "repl", "thought")  # comment(s), response(s), replies...
_COUNT_PATTERNS = (
    Prefiltered(
        re.compile(
            r"(?:全部评论|全部留言|全部跟帖|评论|留言|跟帖|回复|网友评论)\s*[（(\[【]\s*(\d+)\s*[）)\]】]"
        ),
        _CJK_COUNTED,
        (),
    ),
    Prefiltered(
        re.compile(r"(?:已有|共有?|共)\s*(\d+)\s*(?:条|人|个)\s*(?:评论|留言|跟帖|回复|参与)"),
        _CJK_COUNTED,
        (),
    ),
    Prefiltered(re.compile(r"(\d+)\s*(?:条|个)(?:评论|留言|跟帖|回复)"), _CJK_COUNTED, ()),
    Prefiltered(re.compile(r"(?:评论|留言|跟帖)\s*[:：]\s*(\d+)"), _CJK_COUNTED, ()),
    Prefiltered(
        re.compile(
            r"\b(\d[\d,]*)\s+(?:Comments?|Responses?|Replies|thoughts? on)\b", re.IGNORECASE
        ),
        (),
        _LATIN_COUNTED,
    ),
    Prefiltered(re.compile(r"\ball\s+(\d[\d,]*)\s+comments\b", re.IGNORECASE), (), ("comment",)),
)
_ONE = Prefiltered(
    re.compile(r"\b(?:One|1) (?:Comment|Response|Reply|thought on)\b", re.IGNORECASE),
    (),
    _LATIN_COUNTED,
)
EMPTY = Prefiltered(
    re.compile(
        r"还没有评论|暂无评论|暂无留言|还没有留言|暂无跟帖|抢沙发|沙发还空着|No comments yet|"
        r"Be the first to comment|There are no comments|No Comments",
        re.IGNORECASE,
    ),
    ("评论", "留言", "跟帖", "沙发"),
    ("comment",),
)
CLOSED = Prefiltered(
    re.compile(
        r"Comments are closed|Comments closed|评论已关闭|评论功能已关闭|关闭评论|评论已关|"
        r"This topic was automatically closed|topic is closed|主题已关闭|本帖已关闭",
        re.IGNORECASE,
    ),
    ("关",),
    ("comment", "top"),
)


def declared(text: str) -> int | None:
    """The comment count a page states ("全部评论(3)", "共12条评论", "4 Comments")."""
    low = text.lower()  # once, for every pattern's prefilter
    for pattern in _COUNT_PATTERNS:
        m = pattern.search(text, low)
        if m:
            return int(m.group(1).replace(",", ""))
    if _ONE.search(text, low):
        return 1
    return None


def number(text: str) -> int | None:
    """The first integer in ``text`` ("42 points", "−3", "5 Likes"), or None."""
    m = re.search(r"[-−]?\d[\d,]*", text)
    return int(m.group(0).replace(",", "").replace("−", "-")) if m else None


# -- times -------------------------------------------------------------------------------------
_UNITS = {
    "second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
    "week": 604800, "month": 2592000, "year": 31536000,
    "秒": 1, "分钟": 60, "分": 60, "小时": 3600, "天": 86400, "日": 86400, "周": 604800,
    "星期": 604800, "个月": 2592000, "月": 2592000, "年": 31536000,
}  # fmt: skip
_RELATIVE = re.compile(
    r"(\d+|an?|one)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+ago|(\d+)\s*(秒|分钟|分|小时|天|日|周|星期|个月|年)\s*(?:钟)?前",
    re.IGNORECASE,
)
_LOBSTERS_STAMP = re.compile(r"^(\d{4}-\d\d-\d\d) (\d\d:\d\d(?::\d\d)?) ?([+-]\d\d):?(\d\d)$")


def iso_time(value: str | None) -> str | None:
    """A timestamp attribute as ISO 8601: ISO itself, RFC 2822, "2026-11-05 09:14:00 -0600"
    (Lobsters), or HN's "2026-11-05T09:14:00 1793870040" (UTC without an offset, then the
    Unix time, which is what is read)."""
    if not value:
        return None
    value = line(value)
    m = _LOBSTERS_STAMP.match(value)
    if m:
        value = f"{m.group(1)}T{m.group(2)}{m.group(3)}:{m.group(4)}"
    elif re.fullmatch(r"\S+T\S+ \d{9,11}", value):
        # The Unix time is exact; the ISO part beside it is UTC but says no offset.
        return datetime.fromtimestamp(int(value.split()[1]), UTC).isoformat()
    return _iso(value)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_CLOCK = r"(?:,?\s*(?:at\s+)?(\d{1,2}):(\d\d)\s*([ap]\.?m\.?)?)?"
_ENGLISH_DATES = (  # "November 3, 2026 at 8:15 am" and "3 November 2026 at 12:40"
    (re.compile(_MONTH + r"\s+(\d{1,2}),?\s+(\d{4})" + _CLOCK, re.I), (0, 1, 2)),
    (re.compile(r"(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})" + _CLOCK, re.I), (1, 0, 2)),
)


def _english_date(text: str) -> str | None:
    for pattern, (mi, di, yi) in _ENGLISH_DATES:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        month = _MONTHS.index(g[mi][:3].lower()) + 1
        hour, minute, half = g[3], g[4], (g[5] or "").replace(".", "").lower()
        try:
            if hour is None:
                return datetime(int(g[yi]), month, int(g[di])).date().isoformat()
            h = int(hour) % 12 + (12 if half == "pm" else 0) if half else int(hour)
            return datetime(int(g[yi]), month, int(g[di]), h, int(minute)).isoformat()
        except ValueError:
            return None
    return None


def time_in_text(text: str, now: datetime | None) -> str | None:
    """A date written in text ("2026-11-04 08:02", "November 3, 2026 at 8:15 am"), else a
    relative one resolved against ``now`` ("3 hours ago", "5分钟前"); None when neither can
    be known."""
    found = _date_in_text(text) or _english_date(text)
    if found is not None:
        return found
    return relative_time(text, now)


def relative_time(text: str, now: datetime | None) -> str | None:
    """Times like "3 hours ago", "2天前" or "刚刚" as ISO 8601, only when ``now`` is known."""
    if now is None:
        return None
    if "刚刚" in text or re.search(r"\bjust now\b", text, re.IGNORECASE):
        return now.isoformat()
    m = _RELATIVE.search(text)
    if not m:
        return None
    if m.group(1):
        amount = m.group(1).lower()
        count = 1 if amount in ("a", "an", "one") else int(amount)
        unit = m.group(2).lower().rstrip("s")
    else:
        count, unit = int(m.group(3)), m.group(4)
    return (now - timedelta(seconds=count * _UNITS[unit])).isoformat()


def first(node: LexborNode, *selectors: str) -> LexborNode | None:
    """The first match of the first selector that matches (a selector list would return
    whichever comes first in the document, often the wrapper instead of the name in it)."""
    for selector in selectors:
        found = node.css_first(selector)
        if found is not None:
            return found
    return None


# -- trees -------------------------------------------------------------------------------------
def contains(ancestor: LexborNode, node: LexborNode) -> bool:
    """Whether ``node`` is ``ancestor`` or inside it."""
    parent: LexborNode | None = node
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False


def outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The nodes not nested in another one of the list (Lexbor matches both)."""
    ids = {n.mem_id for n in nodes}
    out = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(node)
    return out
