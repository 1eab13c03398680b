"""Find the article's main content and turn it into blocks.

The approach is readability's, adapted to Lexbor and to Chinese pages: text-bearing elements
(``<p>``, ``<pre>``, and any ``div``/``td``-like element with text of its own, since Chinese
portals often set the body as ``<br>``-separated text in a ``<div>`` or table cell) give a score
for their text length and punctuation (``,`` and ``，。、``) to their container and, less, to its
ancestors. Containers named like content gain, those named like navigation or comments lose,
and link-heavy ones are discounted. The best container, plus siblings that score nearly as
well, is then walked once into ``Block``s, skipping boilerplate inside it (share bars, source
and disclaimer lines, link lists). Text lengths are UTF-8 byte counts, so a CJK character
weighs about what a short English word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from broadsheet.extract import names
from broadsheet.extract.dom import BLOCK_TAGS, HEADINGS, absolute, line, squash, weight
from broadsheet.models import Block, BlockKind, Link
from broadsheet.sanitize import clean_text

_BOILER_LINE = re.compile(
    r"^[(（【\[]?\s*(?:来源|來源|稿源|本文来源|责任编辑|責任編輯|编辑|责编|免责声明|版权声明|"
    r"版权所有|上一篇|下一篇|分享到|字号|字体|打印|关闭窗口|浏览次数|阅读次数|点击数|点击次数|"
    r"发布时间|发表时间|更新时间|简要|摘要|Share this|Related|Tags)\s*[：:】\])）]"
)
_ALWAYS_BOILER = re.compile(r"^[(（【\[]?\s*(?:免责声明|版权声明|声明)\s*[：:】\])）]")
_PUNCT = re.compile(r"[,，。、；;！!？?]")
_TEXT_TAGS = "p, pre, td, div, section, article, font, center, dd, blockquote, main"
_DIV_LIKE = frozenset({"div", "td", "section", "article", "font", "center", "dd", "main"})
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "body", "td", "th", "center", "font", "form", "dd",
     "tbody", "tr", "header", "footer", "aside", "nav", "span", "li"}
)  # fmt: skip
_BR = "\x00"  # line-break marker inside a paragraph buffer (NULs are removed before parsing)


def _own_text(node: LexborNode) -> str:
    """Text directly in ``node`` or in its inline children (not in nested blocks)."""
    parts: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag not in BLOCK_TAGS and tag not in ("-comment", "img", "br"):
            parts.append(child.text(deep=True))
    return "".join(parts).strip()


def _class_weight(node: LexborNode) -> float:
    flags = names.node_flags(node)
    if not flags:
        return 0.0
    score = 0.0
    if flags & names.NEGATIVE:
        score -= 25
    if flags & names.POSITIVE:
        score += 25
    return score


_TAG_BASE = {
    "div": 5.0, "td": 3.0, "pre": 3.0, "blockquote": 3.0, "article": 8.0, "main": 5.0,
    "section": 3.0, "ol": -3.0, "ul": -3.0, "li": -3.0, "dl": -3.0, "dd": -3.0, "form": -3.0,
    "address": -3.0, "th": -5.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0,
}  # fmt: skip


def link_density(node: LexborNode) -> float:
    """Share of the node's text that sits inside links."""
    total = weight(node.text(deep=True).strip())
    if total == 0:
        return 0.0
    linked = sum(weight(a.text(deep=True).strip()) for a in node.css("a"))
    return min(1.0, linked / total)


NEVER_UNLIKELY = frozenset({"body", "html", "article", "main", "a", "td", "tr", "table"})


def remove_unlikely(body: LexborNode, unlikely: list[LexborNode]) -> None:
    """Detach the ``unlikely`` elements and the nav/aside/footer elements.

    ``remove()`` only unlinks (Lexbor frees nothing until the document goes), so detaching a
    node whose ancestor is already detached is safe.
    """
    total = weight(body.text(deep=True))
    for node in unlikely:
        # Never drop what holds most of the page: a wrapper with an odd name.
        if total and weight(node.text(deep=True)) > total * 0.5:
            continue
        node.remove()
    for tag in ("nav", "aside", "footer"):
        for node in body.css(tag):
            node.remove()


@dataclass(slots=True)
class _Candidate:
    node: LexborNode
    score: float


def _score(body: LexborNode) -> dict[int, _Candidate]:
    candidates: dict[int, _Candidate] = {}

    def bump(node: LexborNode | None, amount: float) -> None:
        if node is None or node.tag in (None, "html", "-document") or not node.is_element_node:
            return
        key = node.mem_id
        cand = candidates.get(key)
        if cand is None:
            cand = _Candidate(node, _TAG_BASE.get(node.tag or "", 0.0) + _class_weight(node))
            candidates[key] = cand
        cand.score += amount

    for node in body.css(_TEXT_TAGS):
        tag = node.tag
        text = node.text(deep=True).strip() if tag in ("p", "pre") else _own_text(node)
        size = weight(text)
        if size < 25:
            continue
        score = 1 + len(_PUNCT.findall(text)) + min(size / 100, 3)
        container = node if tag in _DIV_LIKE else node.parent
        level = 0
        while container is not None and level < 5:
            if container.tag == "html":
                break
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            bump(container, score / divider)
            container = container.parent
            level += 1
    return candidates


def _ancestors(node: LexborNode) -> list[int]:
    out: list[int] = []
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "-document", None):
        out.append(parent.mem_id)
        parent = parent.parent
    return out


def main_nodes(body: LexborNode) -> list[LexborNode]:
    """The node(s) holding the article: the best-scoring container and its worthy siblings."""
    candidates = _score(body)
    if not candidates:
        return [body]
    ranked = sorted(candidates.values(), key=lambda c: c.score, reverse=True)[:12]
    for cand in ranked:
        cand.score *= 1 - link_density(cand.node)
    ranked.sort(key=lambda c: c.score, reverse=True)
    top = ranked[0]
    node = top.node

    # Several strong candidates under one ancestor: the article is split; take the ancestor.
    strong = [c for c in ranked[1:6] if c.score >= top.score * 0.75]
    if len(strong) >= 2:
        lists = [set(_ancestors(c.node)) for c in strong]
        for ancestor_id in _ancestors(node):
            if sum(ancestor_id in anc for anc in lists) >= 2:
                found = candidates.get(ancestor_id)
                if found is not None:
                    node = found.node
                break

    # Climb while the parent scores better (the text is spread over several children).
    last = candidates[node.mem_id].score if node.mem_id in candidates else top.score
    threshold = last / 3
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html", "-document", None):
        above = candidates.get(parent.mem_id)
        if above is None:
            parent = parent.parent
            continue
        if above.score < threshold:
            break
        if above.score > last:
            node = parent
            break
        last = above.score
        parent = parent.parent

    top_score = candidates[node.mem_id].score if node.mem_id in candidates else top.score
    parent = node.parent
    if parent is None or node.tag == "body":
        return [node]
    chosen: list[LexborNode] = []
    limit = max(10.0, top_score * 0.2)
    node_class = node.attributes.get("class") or ""
    for sibling in parent.iter(include_text=False):
        if sibling.mem_id == node.mem_id:
            chosen.append(sibling)
            continue
        peer = candidates.get(sibling.mem_id)
        bonus = (
            top_score * 0.2 if node_class and sibling.attributes.get("class") == node_class else 0
        )
        if peer is not None and peer.score + bonus >= limit:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = sibling.text(deep=True).strip()
            size = weight(text)
            density = link_density(sibling)
            if (size > 80 and density < 0.25) or (
                0 < size <= 80 and density == 0 and re.search(r"[.。!?！？]$", text)
            ):
                chosen.append(sibling)
    chosen = chosen or [node]
    lead = _lead_image(chosen[0])
    return [lead, *chosen] if lead is not None else chosen


def _previous_elements(node: LexborNode, limit: int) -> list[LexborNode]:
    out: list[LexborNode] = []
    sibling = node.prev
    while sibling is not None and len(out) < limit:
        if sibling.is_element_node:
            out.append(sibling)
        sibling = sibling.prev
    return out


def _lead_image(first: LexborNode) -> LexborNode | None:
    """A featured image set just before the content (beside it, or beside its parent)."""
    for anchor in (first, first.parent):
        if anchor is None or anchor.tag in ("body", "html"):
            return None
        for sibling in _previous_elements(anchor, 2):
            if sibling.tag == "img" or (
                sibling.tag in ("figure", "div", "picture", "p")
                and sibling.css_first("img") is not None
                and weight(sibling.text(deep=True).strip()) < 300
                and not names.node_flags(sibling) & (names.UNLIKELY | names.BOILERPLATE)
            ):
                return sibling
    return None


@dataclass(slots=True)
class BlockBuilder:
    """Walks content nodes once, producing blocks and the links met on the way."""

    base: str | None
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _buffer: list[str] = field(default_factory=list)
    _seen_images: set[str] = field(default_factory=set)

    def build(self, nodes: list[LexborNode]) -> None:
        for node in nodes:
            if node.tag in _CONTAINERS:
                self._walk(node)  # the chosen container itself is never judged boilerplate
            else:
                self._element(node)
            self._flush()

    # -- paragraphs -------------------------------------------------------------------------
    def _flush(self) -> None:
        if not self._buffer:
            return
        raw = "".join(self._buffer)
        self._buffer.clear()
        for piece in raw.split(_BR):
            text = line(piece)
            if text and self._keep_line(text):
                self.blocks.append(Block(BlockKind.PARAGRAPH, text))

    def _keep_line(self, text: str) -> bool:
        if _ALWAYS_BOILER.match(text):
            return False
        if len(text) < 150 and _BOILER_LINE.match(text):
            return False
        return not (self.title and text == self.title)

    # -- walking ----------------------------------------------------------------------------
    def _walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self._buffer.append(child.text_content or "")
            elif tag == "br":
                self._buffer.append(_BR)
            elif tag is not None and not tag.startswith("-"):
                self._element(child)

    def _element(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag == "a":
            url = absolute(node.attributes.get("href"), self.base)
            if url:
                text = line(node.text(deep=True))
                if text:
                    self.links.append(Link(url, text))
            self._walk(node)
        elif tag == "img":
            self._image(node, "")
        elif tag not in BLOCK_TAGS:
            self._walk(node)  # inline: same paragraph
        elif self._is_boilerplate(node):
            return
        elif tag in HEADINGS:
            self._flush()
            text = line(node.text(deep=True)).rstrip("¶#§ ")
            if text and text != self.title:
                self.blocks.append(Block(BlockKind.HEADING, text, level=int(tag[1])))
        elif tag in ("ul", "ol"):
            self._flush()
            self._list(node, ordered=tag == "ol")
        elif tag == "pre":
            self._flush()
            self._code(node)
        elif tag == "blockquote":
            self._flush()
            self._quote(node)
        elif tag == "table":
            self._flush()
            self._table(node)
        elif tag == "figure":
            self._flush()
            self._figure(node)
        elif tag == "hr":
            self._flush()
        elif tag == "p" and self._is_link_line(node):
            return
        else:
            self._flush()
            self._walk(node)
            self._flush()

    @staticmethod
    def _is_link_line(node: LexborNode) -> bool:
        """A short paragraph that is one link: a kicker, a "read more" or a section label."""
        text = node.text(deep=True).strip()
        return 0 < len(text) < 40 and link_density(node) >= 0.99

    def _is_boilerplate(self, node: LexborNode) -> bool:
        flags = names.node_flags(node)
        if flags & names.BOILERPLATE and (not flags & names.POSITIVE or flags & names.NEGATIVE):
            return True
        if node.tag in ("ul", "ol", "div", "table", "dl", "section"):
            text = node.text(deep=True).strip()
            size = weight(text)
            if size == 0:
                return node.css_first("img") is None
            density = link_density(node)
            if (size < 75 and density > 0.3) or density > 0.5:
                return True
        return False

    # -- structured blocks ------------------------------------------------------------------
    def _list(self, node: LexborNode, *, ordered: bool) -> None:
        items: list[str] = []
        for child in node.iter(include_text=False):
            if child.tag == "li":
                self._collect_links(child)
                text = line(child.text(deep=True, separator=" "))
                if text:
                    items.append(text)
        if items:
            self.blocks.append(
                Block(BlockKind.LIST, "\n".join(items), items=tuple(items), ordered=ordered)
            )

    def _code(self, node: LexborNode) -> None:
        text = clean_text(node.text(deep=True)).strip("\n")
        if not text.strip():
            return
        language = None
        for el in (node, node.css_first("code")):
            if el is None:
                continue
            for cls in (el.attributes.get("class") or "").split():
                if cls.startswith(("language-", "lang-")):
                    language = line(cls.split("-", 1)[1]) or None
        self.blocks.append(Block(BlockKind.CODE, text, language=language))

    def _quote(self, node: LexborNode) -> None:
        paragraphs = [line(p.text(deep=True, separator=" ")) for p in node.css("p")]
        lines = [p for p in paragraphs if p] or [line(node.text(deep=True, separator=" "))]
        text = "\n".join(x for x in lines if x)
        self._collect_links(node)
        if text:
            self.blocks.append(Block(BlockKind.QUOTE, text, level=1))

    def _table(self, node: LexborNode) -> None:
        if self._is_layout(node):
            self._walk(node)  # a layout table: read its cells as containers
            self._flush()
            return
        rows: list[tuple[str, ...]] = []
        header = False
        for i, tr in enumerate(node.css("tr")):
            cells = [
                line(cell.text(deep=True, separator=" "))
                for cell in tr.iter(include_text=False)
                if cell.tag in ("td", "th")
            ]
            if any(cells):
                if i == 0 and tr.css_first("th") is not None:
                    header = True
                rows.append(tuple(cells))
        if not rows:
            return
        if len(rows) == 1 and len(rows[0]) == 1:
            self.blocks.append(Block(BlockKind.PARAGRAPH, rows[0][0]))
            return
        self._collect_links(node)
        text = "\n".join("\t".join(row) for row in rows)
        self.blocks.append(Block(BlockKind.TABLE, text, rows=tuple(rows), header=header))

    @staticmethod
    def _is_layout(table: LexborNode) -> bool:
        """A table used for page layout rather than data: nested tables, block content, or
        cells holding long text (portals set whole articles in a cell)."""
        nested = table.css("table, div, ul, ol, h1, h2, h3, pre, blockquote, form")
        if any(inner.mem_id != table.mem_id for inner in nested):
            return True
        cells = table.css("td, th")
        if len(cells) < 2:
            return True
        return any(weight(cell.text(deep=True).strip()) > 400 for cell in cells)

    def _figure(self, node: LexborNode) -> None:
        caption_node = node.css_first("figcaption")
        caption = line(caption_node.text(deep=True, separator=" ")) if caption_node else ""
        images = node.css("img")
        if images:
            for img in images:
                self._image(img, caption)
        else:
            for child in node.iter(include_text=False):
                if child.tag != "figcaption":
                    self._element(child)
            self._flush()

    def _image(self, node: LexborNode, caption: str) -> None:
        attrs = node.attributes
        src = None
        for key in ("data-src", "data-original", "data-lazy-src", "src"):
            src = absolute(attrs.get(key), self.base)
            if src:
                break
        if not src or src in self._seen_images:
            return
        if attrs.get("width") in ("1", "0") or attrs.get("height") in ("1", "0"):
            return
        self._seen_images.add(src)
        self._flush()
        alt = line(attrs.get("alt") or "")
        self.blocks.append(Block(BlockKind.IMAGE, caption, src=src, alt=alt))

    def _collect_links(self, node: LexborNode) -> None:
        for a in node.css("a[href]"):
            url = absolute(a.attributes.get("href"), self.base)
            text = line(a.text(deep=True))
            if url and text:
                self.links.append(Link(url, text))


def squash_blocks(blocks: list[Block]) -> list[Block]:
    """Drop a block that repeats the one just before it (a caption set twice by a template).

    Only neighbours: the same sentence may well appear twice in an article.
    """
    out: list[Block] = []
    for block in blocks:
        if out and out[-1].kind == block.kind and out[-1].text == block.text:
            continue
        out.append(block)
    return out
