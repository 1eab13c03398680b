"""A comment's body as blocks: paragraphs with links and emphasis, quotes, code and lists.

The article's ``BlockBuilder`` is tuned to drop boilerplate (short link-only lines, "Reply",
"By ..." lines), which in a comment would eat real replies such as a lone link or "More
please". Comments are short and already isolated, so this walker keeps everything readable
and only skips the meta and action bits each adapter names (``skip``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborNode

from broadsheet.extract.dom import BLOCK_TAGS, absolute, hint, line
from broadsheet.models import Block, BlockKind, Span
from broadsheet.sanitize import clean_text

_EMPHASIS = {
    "strong": "strong", "b": "strong", "em": "em", "i": "em",
    "code": "code", "kbd": "code", "tt": "code",
}  # fmt: skip
# Meta, action and form parts that comment markups put inside the body container.
_SKIP = re.compile(
    r"\breply\b|comment-meta|commentmetadata|comment-author|vcard|reply-link|\bnavs\b|"
    r"comhead|byline|tagline|buttons|post-menu|quote-controls|pstatus|signature|sig\b"
)


class _Walker:
    def __init__(self, base: str | None, skip: Callable[[LexborNode], bool]) -> None:
        self.base = base
        self.skip = skip
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[Span] = []
        self.space = True  # the paragraph so far ends with a space (or is empty)
        self.generation = 0  # bumped at every flush, so no span straddles two paragraphs

    # A paragraph is built as a browser renders it: whitespace runs collapse to one space,
    # so span offsets taken while walking stay valid in the final text.
    def add(self, raw: str) -> None:
        words = raw.split()
        if not words:
            if raw and not self.space:
                self.append(" ")
            return
        if raw[0].isspace() and not self.space:
            self.append(" ")
        self.append(" ".join(words))
        if raw[-1].isspace():
            self.append(" ")

    def append(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        self.space = text.endswith(" ")

    def flush(self) -> None:
        raw = "".join(self.parts)
        spans = self.spans
        self.parts, self.size, self.spans, self.space = [], 0, [], True
        self.generation += 1
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if not text:
            return
        kept: tuple[Span, ...] = ()
        if not text.isprintable():
            text = line(text)
        else:
            kept = tuple(
                Span(max(0, s.start - lead), min(len(text), s.end - lead), s.style, s.url)
                for s in spans
                if min(len(text), s.end - lead) > max(0, s.start - lead)
            )
        if text.startswith(">"):  # the plain-text quoting convention (HN, mail)
            quoted = text.lstrip("> ").strip()
            if quoted:
                self.blocks.append(Block(BlockKind.QUOTE, quoted, level=1))
            return
        self.blocks.append(Block(BlockKind.PARAGRAPH, text, spans=kept))

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                self.add(child.text_content or "")
            elif tag == "br":
                self.flush()
            elif tag and not tag.startswith("-"):
                self.element(child)

    def element(self, node: LexborNode) -> None:
        tag = node.tag or ""
        h = hint(node)
        if (h and _SKIP.search(h)) or self.skip(node) or tag in ("form", "input"):
            return
        if tag == "img":
            self.image(node, h)
        elif tag == "a":
            url = absolute(node.attributes.get("href"), self.base)
            self.inline(node, "link" if url else None, url)
        elif tag not in BLOCK_TAGS:
            self.inline(node, _EMPHASIS.get(tag))
        elif tag == "pre":
            self.flush()
            text = clean_text(node.text(deep=True)).strip("\n")
            if text.strip():
                self.blocks.append(Block(BlockKind.CODE, text, language=_language(node)))
        elif tag == "blockquote" or (h and re.search(r"\bquote\b|blockcode", h)):
            self.flush()
            inner = _Walker(self.base, self.skip)
            inner.walk(node)
            inner.flush()
            text = "\n".join(b.text for b in inner.blocks if b.text)
            if text:
                self.blocks.append(Block(BlockKind.QUOTE, text, level=1))
        elif tag in ("ul", "ol"):
            self.flush()
            items = tuple(
                t for li in node.iter(include_text=False) if (t := _text(li)) and li.tag == "li"
            )
            if items:
                block = Block(BlockKind.LIST, "\n".join(items), items=items, ordered=tag == "ol")
                self.blocks.append(block)
        else:
            self.flush()
            self.walk(node)
            self.flush()

    def image(self, node: LexborNode, h: str) -> None:
        """A picture in a comment, as a labelled link; avatars, emoji and pixels are not."""
        attrs = node.attributes
        if re.search(r"avatar|emoji|smil|icon", h) or attrs.get("width") in ("0", "1"):
            return
        width = attrs.get("width") or ""
        if width.isdigit() and int(width) <= 32:
            return
        src = absolute(attrs.get("data-src") or attrs.get("src"), self.base)
        if src:
            self.flush()
            self.blocks.append(
                Block(BlockKind.IMAGE, "", src=src, alt=line(attrs.get("alt") or ""))
            )

    def inline(self, node: LexborNode, style: str | None, url: str | None = None) -> None:
        start, generation = self.size, self.generation
        self.walk(node)
        if style is not None and self.size > start and self.generation == generation:
            self.spans.append(Span(start, self.size, style, url))


def _text(node: LexborNode) -> str:
    return line(node.text(deep=True, separator=" "))


def _language(node: LexborNode) -> str | None:
    for el in (node, node.css_first("code")):
        if el is None:
            continue
        for cls in (el.attributes.get("class") or "").split():
            if cls.startswith(("language-", "lang-")):
                return line(cls.split("-", 1)[1]) or None
    return None


def _never(_: LexborNode) -> bool:
    return False


def comment_blocks(
    node: LexborNode, base: str | None, skip: Callable[[LexborNode], bool] = _never
) -> tuple[str, tuple[Block, ...]]:
    """The comment's plain text (blocks joined by blank lines) and its blocks."""
    walker = _Walker(base, skip)
    walker.walk(node)
    walker.flush()
    blocks = tuple(walker.blocks)
    return "\n\n".join(b.text for b in blocks if b.text), blocks
