"""The shortcuts in front of slow searches find what the searches find.

The substring tests of ``extract.scan`` skip only what cannot match, and the related-list
heading led by a newline finds the lines the line-anchored pattern finds.

Each prefiltered pattern is held to its bare regex on text made of the words it looks for,
pieces of them, and the characters that case-blind matching reads as "i" or "s" ("ı", "İ",
"ſ") although they do not lower-case to them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.extract.comments.common import _COUNT_PATTERNS, _ONE, CLOSED, EMPTY
from broadsheet.extract.links import RELATED_HEADING, heading_lines
from broadsheet.extract.scan import has_any

_PIECES = [
    *"0123456789 ,:：(（【]）.…!\n", "ı", "İ", "ſ", "K", "\u3000", "\u8981", "\u8a00",
    "评论", "留言", "跟帖", "回复", "参与", "全部", "共", "条", "已有", "沙发", "抢沙发", "关闭",
    "还没有", "暂无", "已关", "主题已关闭", "相关", "文章", "阅读", "延伸", "推荐",
    "COMMENTS", "Comment", "commentſ", "Reſponſe", "RESPONSE", "Replies", "REPLİES", "thought",
    "Thoughtſ", " on", "all", "One", "No", "yet", "Be the first to", "There are no", "are",
    "closed", "This", "topic", "TOPİC", "topıc", "was automatically", "is", "İs",
]  # fmt: skip
_PATTERNS = (*_COUNT_PATTERNS, _ONE, EMPTY, CLOSED)
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_prefiltered_patterns_find_what_their_regex_finds(text: str) -> None:
    for prefiltered in _PATTERNS:
        expected = prefiltered.pattern.search(text)
        found = prefiltered.search(text)
        assert (found and found.span()) == (expected and expected.span()), prefiltered.pattern


@pytest.mark.parametrize(
    "text",
    ["3 Reſponſes", "12 RESPONSES", "7 REPLİES", "One Reſponſe", "5 thoughtſ on", "ALL 4 COMMENTſ",
     "This topİc was automatically closed", "Topic İs closed", "COMMENTſ ARE CLOSED",
     "No commentſ yet", "共3条回复", "已有5人参与"],
)  # fmt: skip
def test_prefiltered_patterns_keep_case_blind_matches(text: str) -> None:
    """Texts that a case-blind pattern matches through "ſ", "İ" or "ı" still match."""
    matched = [p for p in _PATTERNS if p.pattern.search(text)]
    assert matched
    assert all(p.search(text) for p in matched)


@given(_TEXTS, st.lists(st.sampled_from(_PIECES).filter(bool), max_size=4))
def test_has_any_is_any_word_in_text(text: str, words: list[str]) -> None:
    assert has_any(text, words) == any(word in text for word in words)


_LINE_PIECES = [
    "\n", "\n\n", " ", "\t", "\u3000", "\r", "\u2028", "\x85", ":", "：", "…", "!", ".", "x",
    "相关文章", "延伸阅读", "Related", "RELATED posts", "related stories", "You may also like",
    "See also", "ſee alſo", "Further reading", "More from ", "the Desk", "More news",
    "Recommended", " for you", "Recommended for you", "word", "a line of prose",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=16).map("".join))
def test_related_heading_lines_are_what_the_line_anchored_pattern_finds(page: str) -> None:
    """Led by a newline, the pattern finds the same lines as anchored at each line start."""
    expected = [m.group().strip() for m in RELATED_HEADING.finditer(page)]
    assert heading_lines(page) == expected
