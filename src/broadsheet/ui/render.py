"""Turn articles and their blocks into Textual ``Content`` and Rich renderables.

Everything here builds styled text from plain strings with explicit spans, never by parsing
markup: titles, paragraphs and comments come from the web and may contain ``[/]`` or
``[@click=...]`` that Textual would otherwise interpret. These are pure functions (no widgets,
no IO) so the reading pane, the comment view and tests share one rendering.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.content import Content

from broadsheet.models import Article, ArticleSummary, Block, BlockKind, CommentState, Link
from broadsheet.models import CommentThread as Thread
from broadsheet.sanitize import clean_line, clean_text
from broadsheet.ui.cjkwrap import KinsokuContent, wrap_for_reading

_SPAN_STYLES = {"strong": "bold", "em": "italic", "code": "reverse", "link": "underline"}


def short_date(iso: str | None) -> str:
    """An ISO 8601 date or date-time as ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` (no seconds)."""
    if not iso:
        return ""
    iso = iso.strip()
    if len(iso) >= 16 and iso[10] in "T ":
        return f"{iso[:10]} {iso[11:16]}"
    return iso[:10]


def meta_line(article: Article) -> str:
    """Site · source · author · date, skipping what the page does not give."""
    source = ""
    if article.source:
        label = "来源" if article.language.lower().startswith("zh") else "Source"
        source = f"{label}: {article.source}"
    parts = [article.site_name, source, article.author, short_date(article.published)]
    return clean_line(" · ".join(p for p in parts if p))


def summary_prompt(summary: ArticleSummary, *, is_open: bool = False) -> Content | KinsokuContent:
    """Two lines for the article list: marks and title, then site and date."""
    mark = ("● ", "$accent") if not summary.read else ("  ", "")
    star = (" ★", "$warning") if summary.favourite else ("", "")
    title = clean_line(summary.title) or clean_line(summary.url)
    day = short_date(summary.published or summary.fetched_at)[:10]  # the list has little room
    details = [clean_line(summary.site_name), day]
    if summary.comment_count:
        details.append(f"{summary.comment_count} comments")
    second = " · ".join(d for d in details if d)
    prompt = Content.assemble(
        mark,
        (title, "bold" if is_open or not summary.read else ""),
        star,
        "\n  ",
        (second, "dim"),
    )
    return wrap_for_reading(prompt)


def styled_text(block: Block) -> Content:
    """A block's text with its inline spans (bold, italic, code, links) applied."""
    text = clean_text(block.text)
    content = Content(text)
    for span in block.spans:
        style = _SPAN_STYLES.get(span.style)
        if style and 0 <= span.start < span.end <= len(text):
            content = content.stylize(style, span.start, span.end)
    return content


def block_content(block: Block, number: int | None = None) -> Content | None:
    """A text block as unwrapped ``Content`` (None for tables), so find-in-page can mark hits
    in the same text the pane shows before it is wrapped. ``number``: an image's number among
    the pane's links, which Tab or the typed number selects to open the picture itself."""
    kind = block.kind
    if kind == BlockKind.LIST:
        items = block.items or tuple(block.text.splitlines())
        lines = [f"{index}. " if block.ordered else "• " for index in range(1, len(items) + 1)]
        return Content("\n").join(
            Content.assemble((marker, "$accent"), clean_text(item))
            for marker, item in zip(lines, items, strict=True)
        )
    if kind == BlockKind.TABLE:
        return None
    if kind == BlockKind.IMAGE:
        label = clean_line(block.text or block.alt) or "image"
        marker = f"▣ Image [{number}]:" if number is not None else "▣ Image:"
        parts: list[str | tuple[str, str]] = [(marker, "bold $accent"), " ", label]
        if block.src:
            parts += ["\n  ", (clean_line(block.src), "dim")]
        return Content.assemble(*parts)
    if kind == BlockKind.CODE:
        return Content(clean_text(block.text).expandtabs(4).rstrip("\n"))
    return styled_text(block)


def image_link(block: Block) -> Link | None:
    """The picture of an image block as a link (its caption or alt text, else its address)."""
    if block.kind != BlockKind.IMAGE or not block.src:
        return None
    return Link(block.src, clean_line(block.text or block.alt) or "image")


def image_links(blocks: tuple[Block, ...]) -> tuple[Link, ...]:
    """The pictures of ``blocks`` as links, in reading order."""
    return tuple(link for block in blocks if (link := image_link(block)) is not None)


def wraps(block: Block) -> bool:
    """Whether a block's text is broken with kinsoku rules (code and images keep their lines)."""
    return block.kind not in (BlockKind.CODE, BlockKind.IMAGE, BlockKind.TABLE)


def block_renderable(block: Block) -> Content | KinsokuContent | Table:
    """What to show for one body block; the caller picks CSS classes by ``block.kind``."""
    content = block_content(block)
    if content is None:
        return table_renderable(block)
    return wrap_for_reading(content) if wraps(block) else content


#: A column narrower than this (cell plus its padding) shows too little to be worth drawing.
MIN_COLUMN_CELLS = 8
#: Rows beyond this are not drawn: Rich lays out every row on the event loop at each refresh.
MAX_TABLE_ROWS = 200


def table_renderable(
    block: Block, width: int | None = None, max_rows: int = MAX_TABLE_ROWS
) -> Table:
    """A Rich table whose cells are ``Text`` objects (plain, never parsed as markup).

    Rich measures and renders every cell on each refresh, on the event loop, so a 50 x 2000
    table froze the app for seconds. The table is therefore cut to the columns that fit
    ``width`` cells at ``MIN_COLUMN_CELLS`` each (all columns when ``width`` is None) and to
    ``max_rows`` rows, with a caption saying what was left out."""
    rows = block.rows or tuple(tuple(line.split("\t")) for line in block.text.splitlines())
    header = rows[0] if block.header and rows else ()
    body = rows[1:] if header else rows
    total_columns = max((len(r) for r in rows), default=0)
    shown_columns = total_columns
    if width is not None:
        shown_columns = min(total_columns, max(1, width // MIN_COLUMN_CELLS))
    shown_rows = body[: max(max_rows, 0)]
    table = Table(
        show_header=block.header and bool(rows),
        expand=False,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        caption=_cut_note(total_columns - shown_columns, len(body) - len(shown_rows)),
        caption_style="dim italic",
        caption_justify="left",
    )
    for index in range(shown_columns):
        title = Text(clean_line(header[index])) if index < len(header) else Text("")
        table.add_column(title)
    for row in shown_rows:
        cells = [Text(clean_text(cell)) for cell in row[:shown_columns]]
        cells += [Text("")] * (shown_columns - len(cells))
        table.add_row(*cells)
    return table


def _cut_note(columns: int, rows: int) -> Text | None:
    """'… 1,950 more columns and 1,800 more rows not shown; …', or None if nothing was cut."""
    parts = [
        f"{count:,} more {noun}{'' if count == 1 else 's'}"
        for count, noun in ((columns, "column"), (rows, "row"))
        if count > 0
    ]
    if not parts:
        return None
    return Text(f"… {' and '.join(parts)} not shown; export the article to see the whole table")


def comments_heading(thread: Thread) -> str:
    """The comment view's header: the count, or a plain statement of why there are none."""
    found = len(thread.items)
    system = clean_line(thread.system or "")
    declared = thread.declared_count
    if thread.state == CommentState.PRESENT or found:
        noun = "comment" if found == 1 else "comments"
        if declared is not None and declared != found:
            return f"{found} {noun} shown (the page counts {declared})"
        return f"{found} {noun}"
    if thread.state == CommentState.NONE:
        shown = f" (the page shows a count of {declared})" if declared is not None else ""
        return f"No comments yet{shown}."
    if thread.state == CommentState.SCRIPT:
        name = f" ({system.title()})" if system else ""
        count = f"; the page counts {declared}" if declared else ""
        return f"Comments are loaded by script on the site{name}{count}: open it in a browser (o)."
    if thread.state == CommentState.CLOSED:
        return "Comments are closed on this page."
    return "This page has no comment section that Broadsheet could find."
