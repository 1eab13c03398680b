"""Export: the txt and json formats, wrapping in display columns, and safe file names.

The other formats are in test_export_formats.py, golden files in test_export_golden.py,
batch export in test_export_batch.py."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from broadsheet.errors import ExportError
from broadsheet.export import (
    FORMATS,
    export_article,
    format_for_path,
    render,
    render_bytes,
    safe_filename,
    wrap,
)
from broadsheet.models import (
    Article,
    Block,
    BlockKind,
    Comment,
    CommentState,
    CommentThread,
    Link,
    Span,
    StoredArticle,
)
from broadsheet.serialize import article_to_dict
from support.area_c import HOSTILE, full_article

CHINESE = (
    "记者从国家卫生健康委获悉，今年以来各地持续推进社区医院建设，基层医疗卫生服务能力明显提升。"
    "据介绍，截至目前全国已建成社区医院三千余家，群众在家门口就能看得上病、看得好病。"
)


def stored(article: Article | None = None) -> StoredArticle:
    return StoredArticle(
        id=1,
        article=article or full_article(),
        fetched_at="2026-01-05T00:00:00+00:00",
        final_url="https://example.org/a",
    )


# --- wrapping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [20, 33, 80])
def test_chinese_wraps_to_display_columns(width: int) -> None:
    lines = wrap(CHINESE, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines) == CHINESE
    assert max(cell_len(line) for line in lines) >= width - 2, "lines are filled"
    assert not any(line[0] in "，。、" for line in lines), "no line starts with closing punctuation"


def test_closing_punctuation_pulls_the_previous_character_down() -> None:
    lines = wrap("一二三四五，六七", 10)
    assert lines == ["一二三四", "五，六七"]


def test_hanging_prefix_and_long_words() -> None:
    lines = wrap("word " + "x" * 30 + " tail", 12, "- ", "  ")
    assert lines[0] == "- word"
    assert all(line.startswith("  ") for line in lines[1:])
    assert all(cell_len(line) <= 12 for line in lines)
    assert "".join(line[2:] for line in lines[1:]).replace(" ", "") == "x" * 30 + "tail"


@given(st.text(alphabet=st.sampled_from("ab 中文，。 xyz\t長い"), max_size=300))
def test_wrap_never_exceeds_width_nor_loses_text(text: str) -> None:
    lines = wrap(text, 10, "> ", "> ")
    assert all(cell_len(line) <= 10 for line in lines)
    assert all(line == line.rstrip() for line in lines)
    assert "".join(line[2:] for line in lines).replace(" ", "") == "".join(text.split())


# --- txt ---------------------------------------------------------------------------------------


def test_txt_has_header_body_related_comments_and_numbered_links() -> None:
    text = render(stored(), "txt", width=60)
    lines = text.split("\n")
    assert lines[0] == "全部字段 All Fields"
    assert lines[1] == "=" * cell_len("全部字段 All Fields")
    for expected in (
        "Site: Example 健康网",
        "Source: 经济日报",
        "Author: Ada Writer",
        "Date: 2026-01-02T03:04:05+00:00",
        "URL: https://example.org/a",
        "简要：一篇测试文章。",
        "小标题 Heading",
        "1. one",
        "2. two",
        "  > 引用的话。",
        "    print('hi')",
        "        indented",
        "名称 | 数量",
        "-----+-----",
        "苹果 | 3",
        "[Image: A caption] [2]",
        "- 相关文章一 [3]",
        "Comments (3)",
    ):
        assert expected in lines, expected
    assert "A paragraph with a link here [1]." in text
    links = lines[lines.index("Links") + 3 : -1]
    assert links == [
        "[1] https://example.org/l",
        "[2] https://example.org/i.png",
        "[3] https://example.org/r1",
        "[4] https://example.org/r2",
    ]
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in lines)
    assert all(cell_len(line) <= 60 for line in lines)


def test_comments_are_threaded_by_indentation() -> None:
    lines = render(stored(), "txt").split("\n")
    assert "Bo · 2026-01-03 · 5 points" in lines
    assert "First comment 第一条" in lines
    assert "    Cy (author)" in lines
    assert "    A reply" in lines
    assert "        Deeper reply" in lines


def test_comment_blocks_keep_their_shape_inside_the_thread() -> None:
    quoted = Comment(
        "q",
        "I agree. quoted words",
        depth=1,
        author="Di",
        blocks=(
            Block(BlockKind.PARAGRAPH, "I agree."),
            Block(BlockKind.QUOTE, "quoted words"),
            Block(BlockKind.CODE, "x = 1"),
        ),
    )
    article = Article(
        url=None, title="T", comments=CommentThread(CommentState.PRESENT, 1, (quoted,))
    )
    lines = render(stored(article), "txt").split("\n")
    assert lines[lines.index("    Di") + 1 :][:6] == [
        "    I agree.",
        "",
        "    > quoted words",
        "",
        "        x = 1",
        "",
    ]


def test_comments_can_be_left_out_and_none_is_said_plainly() -> None:
    assert "Comments" not in render(stored(), "txt", include_comments=False)
    empty = Article(url="https://e.org/z", title="Z", comments=CommentThread(CommentState.NONE, 0))
    text = render(stored(empty), "txt")
    assert "Comments (0)" in text and "No comments." in text
    scripted = Article(
        url=None, title="S", comments=CommentThread(CommentState.SCRIPT, system="changyan")
    )
    assert "loaded by a script (changyan)" in render(stored(scripted), "txt")
    assert "Comments" not in render(stored(Article(url=None, title="U")), "txt")


def test_wide_tables_become_records() -> None:
    row = ("a" * 30, "b" * 30, "c" * 30)
    table = Block(BlockKind.TABLE, "", rows=(("H1", "H2", "H3"), row), header=True)
    text = render(stored(Article(url=None, title="T", blocks=(table,))), "txt", width=40)
    assert "H1: " + "a" * 30 in text
    assert "H3: " + "c" * 30 in text


def test_hostile_text_never_reaches_the_export() -> None:
    article = Article(
        url=None,
        title=HOSTILE,
        blocks=(Block(BlockKind.PARAGRAPH, "x\x1b]52;c;aGk=\x07y\u202ez"),),
        comments=CommentThread(CommentState.NONE, 0),
    )
    for fmt in FORMATS:
        data = render_bytes([stored(article)], fmt)
        if fmt == "epub":
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                data = b"".join(book.read(name) for name in book.namelist())
        out = data.decode("utf-8")
        assert not any(c in out for c in "\x1b\x07\u202e\x9b\x00"), fmt


words = st.text(alphabet=st.sampled_from("ab xyz中文，。長\t\n-"), max_size=120)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    blocks = [Block(BlockKind.PARAGRAPH, draw(words)) for _ in range(draw(st.integers(0, 3)))]
    items = tuple(draw(st.lists(words, max_size=3)))
    blocks.append(
        Block(BlockKind.LIST, "\n".join(items), items=items, level=draw(st.integers(0, 9)))
    )
    blocks.append(Block(BlockKind.QUOTE, draw(words), level=draw(st.integers(0, 9))))
    rows = tuple(tuple(draw(st.lists(words, min_size=2, max_size=2))) for _ in range(2))
    blocks.append(Block(BlockKind.TABLE, "", rows=rows, header=draw(st.booleans())))
    blocks.append(Block(BlockKind.HEADING, draw(words), level=draw(st.integers(1, 6))))
    comments = tuple(
        Comment(str(i), draw(words), author=draw(words), depth=draw(st.integers(0, 12)))
        for i in range(draw(st.integers(0, 3)))
    )
    return Article(
        url="https://example.org/" + "p" * draw(st.integers(0, 150)),
        title=draw(words),
        summary=draw(words),
        source=draw(words),
        blocks=tuple(blocks),
        comments=CommentThread(CommentState.PRESENT, items=comments),
    )


@settings(max_examples=150, deadline=None)
@given(articles(), st.integers(20, 100))
def test_txt_lines_fit_the_width_and_have_no_trailing_spaces(article: Article, width: int) -> None:
    text = render(stored(article), "txt", width=width)
    for line in text.split("\n"):
        assert cell_len(line) <= width, (width, line)
        assert line == line.rstrip()


# --- json --------------------------------------------------------------------------------------


def test_json_export_is_the_documented_dict() -> None:
    data = json.loads(render(stored(), "json"))
    assert data == json.loads(json.dumps(article_to_dict(stored())))
    no_comments = json.loads(render(stored(), "json", include_comments=False))
    assert no_comments["comments"]["items"] == []
    assert no_comments["comments"]["declared_count"] == 3


def test_unknown_format_is_an_export_error() -> None:
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        render(stored(), "pdf")
    assert format_for_path(Path("a/b.JSON")) == "json"
    assert format_for_path(Path("a/b.txt")) == "txt"
    assert format_for_path(Path("a/b.docx")) is None


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("社区医院服务能力提升", "社区医院服务能力提升.txt"),
        ("../../etc/passwd", "_.._etc_passwd.txt"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j.txt"),
        ("  ...hidden  ", "hidden.txt"),
        ("-rf --no-preserve-root", "rf --no-preserve-root.txt"),
        ("CON", "article.txt"),
        ("nul.tar", "article.txt"),
        ("COM1", "article.txt"),
        ("", "article.txt"),
        ("\x1b[2J\u202e", "article.txt"),
        ("ｆｕｌｌ　ｗｉｄｔｈ", "full width.txt"),
        ("evil\u202etxt.exe", "eviltxt.exe.txt"),
        ("line\nbreak\ttab", "line break tab.txt"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, ".txt") == expected


def test_filename_is_capped_at_200_bytes_on_a_character_boundary() -> None:
    name = safe_filename("中" * 150, ".txt")
    assert len(name.encode()) <= 200
    assert name.endswith(".txt")
    assert name == "中" * 65 + ".txt"


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_any_title_makes_a_safe_name(title: str) -> None:
    name = safe_filename(title, ".txt")
    assert 0 < len(name.encode()) <= 200
    assert not any(c in name for c in '\\/:*?"<>|')
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)
    assert not name.startswith((".", " ", "-"))
    assert name.split(".")[0].lower() not in ("con", "nul", "aux", "prn")


# --- writing files -----------------------------------------------------------------------------


def test_export_to_a_folder_names_from_title_and_numbers_clashes(tmp_path: Path) -> None:
    article = Article(url=None, title="../Hostile/\u202etitle")
    first = export_article(stored(article), tmp_path, folder=tmp_path / "unused")
    second = export_article(stored(article), tmp_path, folder=tmp_path / "unused")
    assert first.parent == tmp_path.resolve() == second.parent
    assert first.name == "_Hostile_title.txt"
    assert second.name == "_Hostile_title (2).txt"
    assert first.read_text(encoding="utf-8").startswith("_Hostile/title\n") is False
    assert first.read_text(encoding="utf-8").startswith("../Hostile/title\n")


def test_export_with_no_target_uses_the_default_folder(tmp_path: Path) -> None:
    path = export_article(stored(), None, folder=tmp_path / "exports", fmt="json")
    assert path.parent == (tmp_path / "exports").resolve()
    assert path.name == "全部字段 All Fields.json"
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "全部字段 All Fields"


def test_named_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        export_article(stored(), target, folder=tmp_path)
    assert target.read_text(encoding="utf-8") == "precious"
    assert export_article(stored(), target, folder=tmp_path, force=True) == target
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == 1, "format from extension"


def test_missing_parent_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_article(stored(), tmp_path / "nope" / "a.txt", folder=tmp_path)


def test_txt_numbers_only_web_links() -> None:
    article = Article(
        url=None,
        title="T",
        blocks=(
            Block(BlockKind.PARAGRAPH, "bad link", spans=(Span(0, 3, "link", "javascript:x()"),)),
            Block(BlockKind.IMAGE, "pic", src="data:image/png;base64," + "A" * 500),
            Block(BlockKind.PARAGRAPH, "good", spans=(Span(0, 4, "link", "https://e.org/g"),)),
        ),
        related=(Link("mailto:a@b", "mail"),),
    )
    text = render(stored(article), "txt")
    assert "bad link\n" in text and "[Image: pic]\n" in text and "- mail\n" in text
    assert text.endswith("Links\n=====\n\n[1] https://e.org/g\n")
    assert "data:" not in text and "javascript" not in text
