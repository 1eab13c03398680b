"""The plain-text format: what a terminal reader would print, wrapped to ``--width``.

Lines are measured in display columns (a Chinese character counts two) and never carry
trailing spaces. A header gives title, site, source, author, date and URL; headings are
underlined; lists, quotes, code and tables keep their shape (code lines too wide are cut and
marked ``↪``, tables too wide become one record per row); every link and image becomes a
numbered reference ``[n]`` listed at the end (http(s) only: a ``data:`` image or a
``javascript:`` link is not worth a line); comments are threaded by indentation.
"""

from __future__ import annotations

from rich.cells import cell_len

from broadsheet.exporters.base import ExportOptions
from broadsheet.exporters.inline import is_web_url
from broadsheet.exporters.wrapping import hard_wrap, wrap
from broadsheet.models import Article, Block, BlockKind, CommentState, StoredArticle
from broadsheet.sanitize import clean_line, clean_text


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
            if span.style == "link" and is_web_url(span.url) and 0 <= span.end <= len(text):
                assert span.url is not None
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
            # Kept as written (indentation matters); a line wider than the page is cut and
            # its continuation marked, rather than running past the reader's width.
            for raw in clean_text(block.text).expandtabs(4).split("\n"):
                self.lines.extend(hard_wrap(raw, self.width, indent + "    "))
        elif kind is BlockKind.TABLE:
            self.table(block)
        elif kind is BlockKind.IMAGE:
            label = clean_line(block.text or block.alt) or "image"
            suffix = f" [{self.ref(block.src)}]" if block.src and is_web_url(block.src) else ""
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
                mark = f" [{self.ref(link.url)}]" if is_web_url(link.url) else ""
                self.para(f"{clean_line(link.text) or clean_line(link.url)}{mark}", "- ", "  ")
        if self.options.include_comments:
            self.comments(article)
        for link in article.links:
            if is_web_url(link.url):
                self.ref(link.url)
        if self.refs:
            self.heading("Links", "=")
            for number, ref in enumerate(self.refs, 1):
                self.lines.append(f"[{number}] {ref}")
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def render_txt(stored: StoredArticle, options: ExportOptions) -> str:
    """The article as wrapped plain text."""
    return _TextRenderer(options).render(stored)
