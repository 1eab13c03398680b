"""Kinsoku line breaking for the reading pane and the comment view (broadsheet.ui.cjkwrap)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from broadsheet.ui.cjkwrap import NO_END, NO_START, break_offsets

PARAGRAPH = (
    "记者从国家卫生健康委了解到，今年以来，各地持续加强基层医疗卫生机构建设，"
    "县域医共体覆盖范围不断扩大，越来越多的常见病、多发病在基层得到诊治。"
    "专家指出：“基层强，则百姓安。”（完）"
)


def parts(text: str, width: int) -> list[str]:
    offsets = break_offsets(text, width)
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation() -> None:
    for width in range(6, 80):
        lines = parts(PARAGRAPH, width)
        assert "".join(lines) == PARAGRAPH
        for line in lines:
            assert cell_len(line) <= width
        for line in lines[1:]:
            assert line[0] not in NO_START, (width, lines)
        for line in lines[:-1]:
            assert line[-1] not in NO_END, (width, lines)


def test_plain_fold_would_have_started_a_line_with_a_comma() -> None:
    # At 20 cells, folding every 10 characters puts "，" first on the second line.
    assert PARAGRAPH[10] == "了" and PARAGRAPH[13] == "，"
    lines = parts(PARAGRAPH, 26)  # 13 characters per line
    assert lines[0] == "记者从国家卫生健康委了解"  # "到" goes down with "，"
    assert lines[1].startswith("到，")


def test_latin_words_are_not_split() -> None:
    text = "Reading in a terminal strips a page down to what matters"
    lines = parts(text, 16)
    assert [line.rstrip() for line in lines] == [
        "Reading in a",
        "terminal strips",
        "a page down to",
        "what matters",
    ]


def test_a_word_longer_than_the_line_is_folded() -> None:
    url = "https://example.com/" + "a" * 30
    lines = parts(url, 20)
    assert "".join(lines) == url
    assert all(cell_len(line) <= 20 for line in lines)


ALPHABET = "中文报道，。（）“”、ab cd" + "！？：；"


@given(st.text(alphabet=ALPHABET, max_size=200), st.integers(min_value=2, max_value=60))
def test_breaking_is_lossless_and_fits(text: str, width: int) -> None:
    offsets = break_offsets(text, width)
    assert offsets == sorted(set(offsets))
    assert all(0 < offset < len(text) for offset in offsets)
    for line in parts(text, width):
        assert cell_len(line.rstrip(" ")) <= width
