"""The Markdown format: YAML front matter for the metadata, the body as CommonMark (+ tables).

Web text is escaped so it stays text: a title like ``[x](javascript:...)``, a stray ``<script>``
or a line starting with ``#`` or ``1.`` must not turn into a link, raw HTML or a heading in
whatever renders the file. Front matter values are written as JSON strings, which YAML reads
as double-quoted scalars, so no title can break out of its line. Only http(s) URLs become
links or images; comments are nested blockquotes, one ``>`` per level of the thread.
"""

from __future__ import annotations

import json
import re

from broadsheet.exporters.base import ExportOptions
from broadsheet.exporters.inline import Run, is_web_url, runs
from broadsheet.models import Block, BlockKind, Comment, CommentState, StoredArticle
from broadsheet.sanitize import clean_line, clean_text

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
_NOT_YAML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Markdown-escape one line of web text so every character shows as itself."""
    text = _INLINE_SPECIAL.sub(r"\\\1", clean_line(text))
    text = _ENTITY.sub(r"\\&", text)
    match = _LINE_START.match(text)
    if match:
        lead, mark = match.groups()
        if mark.isdigit():  # "1." starts an ordered list: escape the dot instead
            end = match.end()
            return text[:end] + "\\" + text[end:]
        return f"{lead}\\{text[len(lead) :]}"
    return text


def url(value: str) -> str:
    """A URL made safe inside ``(...)``: no spaces, parentheses or angle brackets."""
    table = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\n": ""}
    return "".join(table.get(ch, ch) for ch in clean_line(value))


def _code_span(text: str) -> str:
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _run(run: Run) -> str:
    text = clean_line(run.text)
    if not text:
        return " " if run.text else ""
    lead = " " if run.text[:1].isspace() else ""
    trail = " " if run.text[-1:].isspace() else ""
    out = _code_span(text) if "code" in run.styles else escape(text)
    if "em" in run.styles:
        out = f"*{out}*"
    if "strong" in run.styles:
        out = f"**{out}**"
    if "link" in run.styles and run.url:
        out = f"[{out}]({url(run.url)})"
    return f"{lead}{out}{trail}"


def inline(block: Block) -> str:
    """A block's text with its emphasis and http(s) links; a line break inside the block
    stays a (hard) line break."""
    text = clean_text(block.text)
    if block.spans and "\n" not in text.strip():
        return "".join(_run(r) for r in runs(block)).strip()
    return "\\\n".join(escape(p) for p in text.split("\n") if p.strip())


def _fence(text: str) -> str:
    return "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)


def _table(block: Block) -> list[str]:
    rows = [[clean_line(c) for c in row] for row in block.rows]
    if not rows:
        rows = [line.split("\t") for line in clean_text(block.text).split("\n") if line.strip()]
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    rows = [[escape(c) for c in r] + [""] * (columns - len(r)) for r in rows]
    header, body = (rows[0], rows[1:]) if block.header else ([""] * columns, rows)
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * columns) + "|"]
    out.extend("| " + " | ".join(r) + " |" for r in body)
    return out


def block_lines(block: Block) -> list[str]:
    """One body block as Markdown lines (no blank line around it)."""
    kind = block.kind
    if kind is BlockKind.HEADING:
        return ["#" * min(6, max(2, block.level)) + " " + escape(block.text)]
    if kind is BlockKind.LIST:
        items = block.items or tuple(block.text.split("\n"))
        indent = "  " * max(0, min(block.level, 6))
        out = []
        for number, item in enumerate(items, 1):
            bullet = f"{number}. " if block.ordered else "- "
            text = escape(item) or "\u00a0"
            out.append(f"{indent}{bullet}{text}")
        return out
    if kind is BlockKind.QUOTE:
        marks = "> " * max(1, min(block.level, 6))
        return [f"{marks}{line}".rstrip() for line in inline(block).split("\n")]
    if kind is BlockKind.CODE:
        code = clean_text(block.text).expandtabs(4)
        fence = _fence(code)
        language = re.sub(r"[^A-Za-z0-9_+.#-]", "", block.language or "")
        return [fence + language, *code.split("\n"), fence]
    if kind is BlockKind.TABLE:
        return _table(block)
    if kind is BlockKind.IMAGE:
        label = clean_line(block.alt or block.text) or "image"
        if not block.src or not is_web_url(block.src):
            return [f"\\[Image: {escape(label)}\\]"]
        out = [f"![{escape(label)}]({url(block.src)})"]
        caption = clean_line(block.text)
        if caption and caption != clean_line(block.alt):
            out += ["", f"*{escape(caption)}*"]
        return out
    return inline(block).split("\n")


def _comment(comment: Comment) -> list[str]:
    marks = "> " * (max(0, min(comment.depth, 12)) + 1)
    meta = [f"**{escape(comment.author) or 'anonymous'}**" + (" (author)" if comment.is_op else "")]
    if comment.published:
        meta.append(escape(comment.published))
    if comment.score is not None:
        meta.append(f"{comment.score} points")
    if comment.permalink and is_web_url(comment.permalink):
        meta.append(f"[link]({url(comment.permalink)})")
    lines = [" · ".join(meta)]
    for block in comment.blocks or (Block(BlockKind.PARAGRAPH, comment.text),):
        lines += ["", *block_lines(block)]
    return [(marks + line).rstrip() for line in lines]


def _front_matter(stored: StoredArticle) -> list[str]:
    article = stored.article
    fields: dict[str, str | None] = {
        "title": clean_line(article.title) or "Untitled",
        "url": clean_line(article.url or stored.final_url) or None,
        "site": clean_line(article.site_name),
        "source": clean_line(article.source),
        "author": clean_line(article.author),
        "published": clean_line(article.published or "") or None,
        "language": clean_line(article.language),
        "summary": " ".join(clean_text(article.summary).split()),
    }
    out = ["---"]
    out += [f"{key}: {yaml_string(value)}" for key, value in fields.items()]
    return [*out, "---"]


def yaml_string(value: str | None) -> str:
    """A YAML double-quoted scalar (or null): JSON string syntax, which YAML reads as is.

    Characters YAML 1.1 parsers refuse (U+FFFE, U+FFFF, lone surrogates) are dropped, and the
    line and paragraph separators, which YAML 1.1 treats as line breaks, are escaped.
    """
    if value is None:
        return "null"
    text = json.dumps(_NOT_YAML.sub("", value), ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_md(stored: StoredArticle, options: ExportOptions) -> str:
    """The article as Markdown with YAML front matter."""
    article = stored.article
    chunks: list[list[str]] = [_front_matter(stored)]
    chunks.append(["# " + (escape(article.title) or "Untitled")])
    meta = [escape(x) for x in (article.site_name, article.author) if x.strip()]
    if article.source.strip():
        meta.append(f"Source: {escape(article.source)}")
    if article.published:
        meta.append(escape(article.published))
    link = article.url or stored.final_url
    if is_web_url(link):
        meta.append(f"[Original]({url(link)})")
    if meta:
        chunks.append([" · ".join(meta)])
    summary = " ".join(clean_text(article.summary).split())
    if summary:
        chunks.append([f"**{escape(summary)}**"])
    chunks += [lines for block in article.blocks if (lines := block_lines(block))]
    related = [r for r in article.related if is_web_url(r.url)]
    if related:
        chunks.append(["## Related articles"])
        chunks.append([f"- [{escape(r.text) or url(r.url)}]({url(r.url)})" for r in related])
    thread = article.comments
    if options.include_comments and not (thread.state is CommentState.UNKNOWN and not thread.items):
        count = thread.declared_count if thread.declared_count is not None else len(thread.items)
        chunks.append([f"## Comments ({count})"])
        if not thread.items:
            chunks.append([_no_comments(thread.state, thread.system)])
        chunks += [_comment(c) for c in thread.items]
    return "\n\n".join("\n".join(chunk) for chunk in chunks) + "\n"


def _no_comments(state: CommentState, system: str | None) -> str:
    if state is CommentState.SCRIPT:
        name = f" ({escape(system)})" if system else ""
        return f"Comments are loaded by a script{name} and are not in the page."
    if state is CommentState.CLOSED:
        return "Comments are closed."
    return "No comments."
