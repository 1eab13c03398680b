"""Export an article to a file: a registry of formats, safe file names, never an overwrite.

``FORMATS`` maps a format name to a ``Format`` (file extension and a render function that
turns a StoredArticle into text); adding md/html/epub later is adding entries. Rendering is
pure; ``export_article`` is the only function here that writes, and it:

- names the file from the title when the target is a folder (``safe_filename``: DESIGN.md
  section 4 — NFKC, no control/format/bidi characters, no ``\\ / : * ? " < > |``, no leading or
  trailing dots/spaces/dashes, at most 200 UTF-8 bytes, ``article`` for empty or reserved names);
- checks the resolved path stays inside the chosen folder;
- creates the file with mode ``"x"`` (numbering clashes for generated names) and overwrites a
  file the user named only with ``force``.

Every string is cleaned with ``sanitize.clean_text`` again on the way out. The text format
wraps in display columns (a CJK character counts two, via ``rich.cells``; the core may import
rich, never textual).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

from broadsheet.errors import ExportError
from broadsheet.models import Article, Block, BlockKind, CommentState, StoredArticle
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.serialize import article_to_dict


@dataclass(frozen=True)
class ExportOptions:
    width: int = 80
    include_comments: bool = True


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    render: Callable[[StoredArticle, ExportOptions], str]


# --- wrapping in display columns ----------------------------------------------------------

# Tokens: whitespace runs, single wide characters (breakable anywhere, as CJK text is), and
# runs of anything else (words, which break only at spaces unless longer than a line).
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd"
)
_TOKEN = re.compile(f"\\s+|[{_WIDE}]|[^\\s{_WIDE}]+")
# Closing punctuation that must not start a line (kinsoku): it pulls the previous character along.
_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’…,.;:!?)]}%")


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Wrap one paragraph to ``width`` display columns with a first-line and hanging prefix."""
    rest = first if rest is None else rest
    lines: list[str] = []
    line: list[str] = []
    prefix = first
    used = cell_len(prefix)

    def flush() -> None:
        nonlocal line, prefix, used
        lines.append((prefix + "".join(line)).rstrip())
        line, prefix = [], rest
        used = cell_len(prefix)

    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        size = cell_len(token)
        if used + size <= width:
            line.append(token)
            used += size
            continue
        carry: list[str] = []
        if token[0] in _NO_LINE_START and len(line) > 1 and not line[-1].isspace():
            carry = [line.pop()]
        while line and line[-1] == " ":
            line.pop()
        if line:
            flush()
        line = carry
        used = cell_len(prefix) + sum(cell_len(t) for t in line)
        if used + size <= width:
            line.append(token)
            used += size
            continue
        # Wider than what is left even on a fresh line: cut it, character by character. A
        # first-line prefix wider than the hanging one (a long "Header: ") may stand alone.
        for ch in token:
            size = cell_len(ch)
            if used + size > width and (line or prefix != rest):
                flush()
            line.append(ch)
            used += size
    if line or not lines:
        flush()
    return lines


# --- the text format -----------------------------------------------------------------------


class _TextRenderer:
    """Builds the txt export line by line; numbered references collect along the way."""

    def __init__(self, options: ExportOptions) -> None:
        self.width = max(20, options.width)
        self.options = options
        self.lines: list[str] = []
        self.refs: list[str] = []

    def ref(self, url: str) -> int:
        url = clean_line(url)
        if url not in self.refs:
            self.refs.append(url)
        return self.refs.index(url) + 1

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def para(self, text: str, first: str = "", rest: str | None = None) -> None:
        for paragraph in clean_text(text).split("\n"):
            if paragraph.strip():
                self.lines.extend(wrap(paragraph, self.width, first, rest))

    def heading(self, text: str, underline: str) -> None:
        self.blank()
        wrapped = wrap(clean_line(text), self.width)
        self.lines.extend(wrapped)
        self.lines.append(underline * min(self.width, max(cell_len(x) for x in wrapped)))
        self.blank()

    def linked(self, block: Block) -> str:
        """The block's text with ``[n]`` after each link, numbering its URL for the end."""
        text = block.text
        for span in sorted(block.spans, key=lambda s: s.end, reverse=True):
            if span.style == "link" and span.url and 0 <= span.end <= len(text):
                text = f"{text[: span.end]} [{self.ref(span.url)}]{text[span.end :]}"
        return text

    def block(self, block: Block, base: str = "") -> None:
        """One body block; ``base`` indents a whole block (a comment's blocks in a thread)."""
        kind = block.kind
        if base and kind in (BlockKind.HEADING, BlockKind.TABLE):
            self.blank()
            self.para(block.text, base)
            return
        if kind is BlockKind.HEADING:
            self.heading(block.text, "-" if block.level <= 2 else "·")
            return
        self.blank()
        room = (self.width - 20 - cell_len(base)) // 2
        indent = base + "  " * max(0, min(block.level, 6, room))
        if kind is BlockKind.LIST:
            items = block.items or tuple(block.text.split("\n"))
            for number, item in enumerate(items, 1):
                bullet = f"{number}. " if block.ordered else "- "
                self.para(item, indent + bullet, indent + " " * len(bullet))
        elif kind is BlockKind.QUOTE:
            self.para(self.linked(block), indent + "> ")
        elif kind is BlockKind.CODE:
            for raw in clean_text(block.text).expandtabs(4).split("\n"):
                self.lines.append((indent + "    " + raw).rstrip())
        elif kind is BlockKind.TABLE:
            self.table(block)
        elif kind is BlockKind.IMAGE:
            label = clean_line(block.text or block.alt) or "image"
            suffix = f" [{self.ref(block.src)}]" if block.src else ""
            self.para(f"[Image: {label}]{suffix}", indent)
        else:
            self.para(self.linked(block), indent)

    def table(self, block: Block) -> None:
        rows = [[clean_line(c) for c in row] for row in block.rows]
        if not rows:
            rows = [line.split("\t") for line in clean_text(block.text).split("\n") if line]
        if not rows:
            return
        columns = max(len(r) for r in rows)
        rows = [r + [""] * (columns - len(r)) for r in rows]
        widths = [max(cell_len(r[i]) for r in rows) for i in range(columns)]
        if sum(widths) + 3 * (columns - 1) <= self.width:
            for number, row in enumerate(rows):
                cells = [c + " " * (w - cell_len(c)) for c, w in zip(row, widths, strict=True)]
                self.lines.append(" | ".join(cells).rstrip())
                if number == 0 and block.header:
                    self.lines.append("-+-".join("-" * w for w in widths))
            return
        # Too wide to align: one record per row, "header: value" when there is a header.
        header = rows[0] if block.header else None
        for row in rows[1:] if header else rows:
            for i, cell in enumerate(row):
                name = header[i] if header and header[i] else f"{i + 1}"
                if cell_len(name) + 2 > self.width // 2:
                    self.para(f"{name}:")
                    self.para(cell, "  ")
                else:
                    self.para(cell, f"{name}: ", "  ")
            self.blank()

    def comments(self, article: Article) -> None:
        thread = article.comments
        if thread.state is CommentState.UNKNOWN and not thread.items:
            return
        count = thread.declared_count if thread.declared_count is not None else len(thread.items)
        self.heading(f"Comments ({count})", "=")
        if thread.state is CommentState.SCRIPT and not thread.items:
            system = f" ({clean_line(thread.system)})" if thread.system else ""
            self.para(f"Comments are loaded by a script{system} and are not in the page.")
        elif thread.state is CommentState.CLOSED and not thread.items:
            self.para("Comments are closed.")
        elif not thread.items:
            self.para("No comments.")
        for comment in thread.items:
            indent = "    " * max(0, min(comment.depth, 8, (self.width - 20) // 4))
            meta = [
                (clean_line(comment.author) or "anonymous") + (" (author)" if comment.is_op else "")
            ]
            if comment.published:
                meta.append(clean_line(comment.published))
            if comment.score is not None:
                meta.append(f"{comment.score} points")
            self.blank()
            self.para(" · ".join(meta), indent)
            if comment.blocks:
                after_meta = len(self.lines)
                for block in comment.blocks:
                    self.block(block, indent)
                if len(self.lines) > after_meta and not self.lines[after_meta]:
                    del self.lines[after_meta]  # the body follows its author line directly
            else:
                self.para(comment.text, indent)

    def render(self, stored: StoredArticle) -> str:
        article = stored.article
        self.heading(article.title or "Untitled", "=")
        self.lines.pop()  # the header lines follow the underline directly
        url = article.url or stored.final_url
        for label, value in (
            ("Site", article.site_name),
            ("Source", article.source),
            ("Author", article.author),
            ("Date", article.published or ""),
            ("URL", url),
        ):
            if value and clean_line(value):
                self.para(clean_line(value), f"{label}: ", " " * (len(label) + 2))
        if article.summary.strip():
            self.blank()
            self.para(article.summary)
        for block in article.blocks:
            self.block(block)
        if article.related:
            self.heading("Related articles", "=")
            for link in article.related:
                self.para(f"{clean_line(link.text) or link.url} [{self.ref(link.url)}]", "- ", "  ")
        if self.options.include_comments:
            self.comments(article)
        for link in article.links:
            self.ref(link.url)
        if self.refs:
            self.heading("Links", "=")
            for number, ref in enumerate(self.refs, 1):
                self.lines.append(f"[{number}] {ref}")
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def render_txt(stored: StoredArticle, options: ExportOptions) -> str:
    return _TextRenderer(options).render(stored)


def render_json(stored: StoredArticle, options: ExportOptions) -> str:
    data = article_to_dict(stored)
    if not options.include_comments:
        data["comments"]["items"] = []
        data["comments"]["count"] = 0
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Format] = {
    "txt": Format("txt", ".txt", render_txt),
    "json": Format("json", ".json", render_json),
}


def format_for_path(path: Path) -> str | None:
    """The format a file name's extension asks for (``notes.json`` -> ``json``), if any."""
    suffix = path.suffix.lower()
    return next((f.name for f in FORMATS.values() if f.extension == suffix), None)


def render(
    stored: StoredArticle, fmt: str = "txt", *, width: int = 80, include_comments: bool = True
) -> str:
    """The article in format ``fmt`` as a string."""
    try:
        spec = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ExportError(f"unknown export format {fmt!r} (known: {known})") from None
    return spec.render(stored, ExportOptions(width=width, include_comments=include_comments))


# --- file names ----------------------------------------------------------------------------

_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")
}
MAX_NAME_BYTES = 200


def _cap_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")[:limit]
    return encoded.decode("utf-8", "ignore")  # drops a character cut in half


def safe_filename(title: str, extension: str = "") -> str:
    """A file name made from a title: safe on every common system, readable in Chinese."""
    name = unicodedata.normalize("NFKC", clean_text(title)).replace("\n", " ").replace("\t", " ")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split())
    limit = MAX_NAME_BYTES - len(extension.encode("utf-8"))
    name = _cap_bytes(name, limit).strip(". -")
    stem = name.split(".")[0].strip().lower()
    if not name or stem in _RESERVED or set(name) <= {"_"}:
        name = "article"
    return name + extension


def _open_new(path: Path, text: str, *, force: bool) -> bool:
    """Write ``text`` to a new file (or over one with ``force``); False if it already exists."""
    try:
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return True


def export_article(
    stored: StoredArticle,
    target: Path | None,
    *,
    folder: Path,
    fmt: str | None = None,
    include_comments: bool = True,
    force: bool = False,
    width: int = 80,
) -> Path:
    """Write the article and return the path written.

    ``target`` None or an existing folder: a new file named from the title in that folder
    (``folder`` when None), clashes numbered ``name (2).txt``.
    Otherwise ``target`` is the file; it is not overwritten unless ``force``. ``fmt`` None
    takes the format from the target's extension, else txt.
    """
    if fmt is None:
        fmt = (format_for_path(target) if target is not None else None) or "txt"
    text = render(stored, fmt, width=width, include_comments=include_comments)
    extension = FORMATS[fmt].extension
    if target is not None and not target.is_dir():
        target = target.expanduser()
        if target.parent and not target.parent.is_dir():
            raise ExportError(f"cannot write {target}: the folder {target.parent} does not exist")
        if not _open_new(target, text, force=force):
            raise ExportError(f"{target} already exists; use --force to overwrite it")
        return target
    directory = (target or folder).expanduser()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {directory}: {exc.strerror}") from exc
    base = safe_filename(stored.article.title, "")
    root = directory.resolve()
    for number in range(1, 10_000):
        suffix = "" if number == 1 else f" ({number})"
        stem = _cap_bytes(base, MAX_NAME_BYTES - len((suffix + extension).encode())).rstrip(". -")
        path = root / f"{stem or 'article'}{suffix}{extension}"
        if path.resolve().parent != root:
            raise ExportError(f"refusing to write outside {root}: {path.name!r}")
        if _open_new(path, text, force=False):
            return path
    raise ExportError(f"too many files named {base!r} in {root}")
