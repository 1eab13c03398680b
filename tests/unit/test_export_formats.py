"""The md, html, json (schema) and epub formats: structure, escaping and reading back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from selectolax.lexbor import LexborHTMLParser

from broadsheet.errors import ExportError
from broadsheet.export import FORMATS, format_for_path, render, render_bytes
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
from broadsheet.sanitize import clean_line
from support.area_c import HOSTILE
from support.export_area import INPUTS, MODIFIED, golden_article

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs" / "article.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
HOSTILE_TITLE = '</title><script>alert(1)</script> "quoted" & [x](javascript:alert(1)) ' + HOSTILE


def stored(article: Article, article_id: int = 1) -> StoredArticle:
    return StoredArticle(article_id, article, "2026-01-05T00:00:00+00:00", article.url or "")


def hostile_article() -> Article:
    return Article(
        url="https://example.org/h",
        title=HOSTILE_TITLE,
        language='en"><script>',
        summary="<img src=x onerror=alert(1)>",
        blocks=(
            Block(BlockKind.HEADING, "# not a heading <b>", level=2),
            Block(
                BlockKind.PARAGRAPH,
                "click me and me",
                spans=(
                    Span(0, 8, "link", "javascript:alert(1)"),
                    Span(13, 15, "link", "https://example.org/ok"),
                ),
            ),
            Block(BlockKind.PARAGRAPH, "1. not a list\n- nor this\n<script>x</script>"),
            Block(BlockKind.IMAGE, "", src="data:image/png;base64,AAAA", alt="data image"),
            Block(BlockKind.IMAGE, "", src="https://example.org/i.png", alt='a" onload="x'),
            Block(BlockKind.CODE, "```\n</code></pre><script>", language='js"><x'),
            Block(BlockKind.TABLE, "", rows=(("a|b", "<td>"),), header=False),
        ),
        related=(Link("javascript:alert(1)", "bad"), Link("https://example.org/r", "good")),
        comments=CommentThread(
            CommentState.PRESENT,
            1,
            (Comment("c", "<script>c</script>", author="<b>me</b>", permalink="ftp://x/"),),
        ),
    )


# --- markdown ------------------------------------------------------------------------------


def front_matter(text: str) -> dict[str, object]:
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    return {k: json.loads(v) for k, v in (line.split(": ", 1) for line in lines[1:end])}


def test_markdown_front_matter_holds_the_metadata() -> None:
    meta = front_matter(render(golden_article("portal"), "md"))
    assert meta == {
        "title": "社区医院推出夜间门诊 老人看病不再排长队",
        "url": "http://news.example.test/portal.gbk.html",
        "site": "康源医药网",
        "source": "经济日报",
        "author": "本网编辑",
        "published": "2026-11-02T09:30:00",
        "language": "zh",
        "summary": "城东社区医院本月起开设夜间门诊，每天开放至晚上九点，方便上班族和老人就诊。",
    }


def test_markdown_body_blocks() -> None:
    text = render(golden_article("full"), "md")
    for expected in (
        "## 小标题 Heading",
        "A **paragraph** with a [link here](https://example.org/l).",
        "1. one\n2. two",
        "> 引用的话。",
        "```python\nprint('hi')\n    indented\n```",
        "| 名称 | 数量 |\n|---|---|\n| 苹果 | 3 |",
        "![alt text](https://example.org/i.png)",
        "- [相关文章一](https://example.org/r1)",
        "> > > **anonymous**",
    ):
        assert expected in text, expected
    assert "## Comments" not in render(golden_article("full"), "md", include_comments=False)


def test_markdown_keeps_web_text_as_text() -> None:
    text = render(stored(hostile_article()), "md")
    meta = front_matter(text)
    assert meta["title"] == clean_line(HOSTILE_TITLE), "the title, as one clean YAML string"
    assert "\x1b" not in text and "\u202e" not in text
    body = text.split("\n---\n", 1)[1]
    assert not re.search(r"(?<!\\)\]\((?!https?://)", body), "every live link is http(s)"
    assert "\\[x\\](javascript:alert(1))" in body, "a Markdown link in a title stays text"
    outside_code = re.sub(r"````jsx\n.*?\n````", "", body, flags=re.S)
    assert "````jsx\n```\n</code></pre><script>\n````" in body, "code is kept verbatim, fenced"
    assert not re.search(r"(?<!\\)<", outside_code), "every < outside code is escaped"
    assert "\\# not a heading \\<b\\>" in body
    assert "1\\. not a list" in body and "\\- nor this" in body
    assert "[me](https://example.org/ok)" in body and "click me" in body
    assert "data:image" not in body.replace("\\[Image: data image\\]", "")
    assert "````jsx" in body, "a fence longer than the code's backtick runs"
    assert "a\\|b" in body
    assert "[link](ftp" not in body


def test_front_matter_values_stay_on_their_line() -> None:
    article = Article(url=None, title="a\u2028b\ufffe: c\n---\nd: e", summary="x\u2029y")
    text = render(stored(article), "md")
    head = text.split("\n---\n", 1)[0].split("\n")
    assert head[0] == "---" and len(head) == 9
    assert all(re.fullmatch(r'[a-z]+: (null|".*")', line) for line in head[1:])
    assert front_matter(text)["title"] == "a b: c --- d: e"


# --- html ----------------------------------------------------------------------------------


def test_html_is_one_readable_page_with_the_body() -> None:
    page = render(golden_article("wordpress"), "html")
    tree = LexborHTMLParser(page)
    assert tree.css_first("html").attributes["lang"] == "en-GB"
    assert tree.css_first("title").text() == "Keeping a Kitchen Garden Through the Winter"
    assert tree.css_first("style") is not None
    assert tree.css("script") == [] and "<script" not in page
    assert not tree.css('link[rel="stylesheet"]'), "self-contained: no external stylesheet"
    text = tree.body.text() if tree.body else ""
    assert "bare soil is where the weeds" in text
    assert [h.text() for h in tree.css("h2")][:2] == ["What still grows", "Fleece or plastic?"]
    assert len(tree.css("table tr")) == 4 and len(tree.css("li")) >= 3
    assert tree.css_first("pre code.language-python") is not None
    assert len(tree.css("div.comment")) == 4 and tree.css("div.comment.depth-2")
    assert tree.css_first("figure img").attributes["src"].startswith("http://news.example.test/")


def test_html_escapes_hostile_text_and_keeps_only_web_links() -> None:
    page = render(stored(hostile_article()), "html")
    tree = LexborHTMLParser(page)
    assert tree.css("script") == [] and "<script" not in page
    assert tree.css_first("title").text().startswith('</title><script>alert(1)</script> "quoted"')
    assert tree.css_first("html").attributes["lang"] == "und"
    hrefs = [a.attributes.get("href") or "" for a in tree.css("a")]
    srcs = [i.attributes.get("src") or "" for i in tree.css("img")]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs + srcs)
    assert tree.css_first("img").attributes["alt"] == 'a" onload="x'
    assert all("onload" not in n.attributes for n in tree.css("img"))
    assert not any(c in page for c in "\x1b\x07\u202e\x9b")


# --- json ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", INPUTS)
def test_json_exports_validate_against_the_schema(name: str) -> None:
    for comments in (True, False):
        data = json.loads(render(golden_article(name), "json", include_comments=comments))
        VALIDATOR.validate(data)


def test_the_schema_rejects_what_the_docs_forbid() -> None:
    good = json.loads(render(golden_article("full"), "json"))
    VALIDATOR.validate(good)
    for broken in (
        {**good, "title": "two\nlines"},
        {**good, "schema": "broadsheet.article/2"},
        {**good, "summary": "bell \x07"},
        {k: v for k, v in good.items() if k != "source"},
        {**good, "comments": {**good["comments"], "state": "maybe"}},
        {**good, "blocks": [{**good["blocks"][0], "kind": "video"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            VALIDATOR.validate(broken)


words = st.text(st.characters(codec="utf-8"), max_size=40)


@st.composite
def any_article(draw: st.DrawFn) -> Article:
    blocks = tuple(
        Block(draw(st.sampled_from(list(BlockKind))), draw(words), level=draw(st.integers(0, 9)))
        for _ in range(draw(st.integers(0, 4)))
    )
    comments = tuple(
        Comment(draw(words), draw(words), author=draw(words), depth=draw(st.integers(0, 9)))
        for _ in range(draw(st.integers(0, 3)))
    )
    return Article(
        url=draw(st.one_of(st.none(), words)),
        title=draw(words),
        summary=draw(words),
        source=draw(words),
        language=draw(words),
        blocks=blocks,
        related=(Link(draw(words), draw(words)),),
        comments=CommentThread(
            draw(st.sampled_from(list(CommentState))), draw(st.integers(0, 5)), comments
        ),
    )


@settings(max_examples=100, deadline=None)
@given(any_article())
def test_any_article_exports_valid_json_and_well_formed_epub(article: Article) -> None:
    VALIDATOR.validate(json.loads(render(stored(article), "json")))
    with zipfile.ZipFile(BytesIO(render_bytes([stored(article)], "epub"))) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".opf", ".xml")):
                ET.fromstring(book.read(name))


# --- txt: code stays inside the width ------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.text(st.sampled_from("ab (),中文\t "), max_size=200),
    st.integers(20, 60),
    st.integers(0, 9),
)
@example("a aaaaaaa中中中中", 20, 0)  # the tail after the last space, too wide for "↪ " too
def test_code_lines_fit_the_width_and_lose_nothing(code: str, width: int, level: int) -> None:
    block = Block(BlockKind.CODE, code, level=level)
    text = render(stored(Article(url=None, title="T", blocks=(block,))), "txt", width=width)
    lines = text.split("\n")[3:]
    assert all(cell_len(line) <= width for line in lines), lines
    kept = "".join(line.lstrip(" ").removeprefix("↪ ") for line in lines).replace(" ", "")
    assert kept == code.expandtabs(4).replace(" ", "").replace("\n", "")


# --- epub ----------------------------------------------------------------------------------


def open_book(data: bytes) -> tuple[zipfile.ZipFile, ET.Element, str]:
    """Check the container layout; return the zip, the package document and its folder."""
    book = zipfile.ZipFile(BytesIO(data))
    first = book.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip"
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"
    assert book.testzip() is None
    container = ET.fromstring(book.read("META-INF/container.xml"))
    rootfile = container.find("c:rootfiles/c:rootfile", NS)
    assert rootfile is not None
    assert rootfile.get("media-type") == "application/oebps-package+xml"
    path = rootfile.get("full-path") or ""
    return book, ET.fromstring(book.read(path)), path.rpartition("/")[0]


def test_epub_structure_and_read_back() -> None:
    items = [golden_article(name, number) for number, name in enumerate(INPUTS, 1)]
    book, package, folder = open_book(render_bytes(items, "epub", modified=MODIFIED))
    assert package.get("version") == "3.0"
    meta = package.find("opf:metadata", NS)
    assert meta is not None
    identifier = meta.find("dc:identifier", NS)
    assert identifier is not None and identifier.get("id") == package.get("unique-identifier")
    assert (identifier.text or "").startswith("urn:uuid:")
    assert meta.findtext("dc:title", namespaces=NS) == "Broadsheet – 4 articles"
    assert meta.findtext("dc:language", namespaces=NS) == "zh"
    modified = meta.find("opf:meta[@property='dcterms:modified']", NS)
    assert modified is not None and modified.text == MODIFIED
    manifest = {item.get("id"): item for item in package.iterfind("opf:manifest/opf:item", NS)}
    names = set(book.namelist())
    for item in manifest.values():
        assert f"{folder}/{item.get('href')}" in names, item.get("href")
    (nav,) = [i for i in manifest.values() if "nav" in (i.get("properties") or "").split()]
    spine = [ref.get("idref") for ref in package.iterfind("opf:spine/opf:itemref", NS)]
    assert all(ref in manifest for ref in spine)
    nav_doc = ET.fromstring(book.read(f"{folder}/{nav.get('href')}"))
    toc = nav_doc.find(".//x:nav", NS)
    assert toc is not None and toc.get("{http://www.idpf.org/2007/ops}type") == "toc"
    entries = [(a.get("href"), a.text) for a in toc.iterfind(".//x:a", NS)]
    assert [title for _, title in entries] == [s.article.title for s in items]
    chapters = [manifest[i] for i in spine if i != nav.get("id")]
    assert [c.get("href") for c in chapters] == [href for href, _ in entries]
    for chapter, original in zip(chapters, items, strict=True):
        doc = ET.fromstring(book.read(f"{folder}/{chapter.get('href')}"))
        text = "".join(doc.itertext())
        assert doc.findtext(".//x:h1", namespaces=NS) == original.article.title
        for block in original.article.blocks:
            if block.kind is BlockKind.PARAGRAPH:
                assert block.text in text
        assert doc.find(".//x:img", NS) is None, "no remote images in an EPUB"


def test_epub_of_one_hostile_article_is_well_formed() -> None:
    data = render_bytes([stored(hostile_article())], "epub")
    book, package, folder = open_book(data)
    for name in book.namelist():
        if name.endswith((".xhtml", ".opf")):
            ET.fromstring(book.read(name))
    chapter = book.read(f"{folder}/a001.xhtml").decode()
    assert "<script" not in chapter
    title = package.findtext("opf:metadata/dc:title", namespaces=NS)
    assert title is not None and title.startswith("</title><script>")
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
        package.findtext("opf:metadata/opf:meta", namespaces=NS) or "",
    )


def test_epub_is_not_text_and_needs_a_valid_date() -> None:
    with pytest.raises(ExportError, match="binary"):
        render(golden_article("full"), "epub")
    with pytest.raises(ExportError, match="EPUB date"):
        render_bytes([golden_article("full")], "epub", modified="yesterday")
    with pytest.raises(ExportError, match="one article"):
        render_bytes([golden_article("full"), golden_article("portal", 2)], "md")
    assert format_for_path(Path("book.EPUB")) == "epub"
    assert format_for_path(Path("notes.markdown")) == "md"
    assert format_for_path(Path("page.htm")) == "html"
    assert set(FORMATS) == {"txt", "md", "json", "html", "epub"}


def test_source_date_epoch_fixes_the_epub_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render_bytes([golden_article("portal")], "epub")
    assert b"2023-11-14T22:13:20Z" in zipfile.ZipFile(BytesIO(first)).read("OEBPS/package.opf")
    assert render_bytes([golden_article("portal")], "epub") == first


def test_the_example_in_the_docs_follows_the_schema() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "json.md").read_text(encoding="utf-8")
    example = docs.split("## Example", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    VALIDATOR.validate(json.loads(example))


EPUBCHECK = shutil.which("epubcheck")


@pytest.mark.skipif(
    not (EPUBCHECK and shutil.which("java")), reason="epubcheck (Debian package) not installed"
)
def test_books_pass_epubcheck(tmp_path: Path) -> None:
    """The W3C validator, when installed (``apt-get install epubcheck``): no error, no warning."""
    items = [golden_article(name, number) for number, name in enumerate(INPUTS, 1)]
    (tmp_path / "book.epub").write_bytes(render_bytes(items, "epub", modified=MODIFIED))
    (tmp_path / "hostile.epub").write_bytes(render_bytes([stored(hostile_article())], "epub"))
    for book in ("book.epub", "hostile.epub"):
        result = subprocess.run(
            ["java", "-jar", str(EPUBCHECK), str(tmp_path / book)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 fatals / 0 errors / 0 warnings" in result.stdout, result.stdout
