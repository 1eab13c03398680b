"""Walk the chosen content once and turn it into ``Block``s.

Headings, paragraphs, lists, quotes, code, data tables and images become blocks; layout
tables and generic containers are walked through; ``<br>`` splits paragraphs (Chinese portals
set one paragraph per line). Inside the content, boilerplate is still skipped: containers
named like share bars, related lists or disclaimers, link lists, short link-only lines,
source / editor / disclaimer lines (来源, 责任编辑, 免责声明), bylines, and interface words
left by galleries and players. Links met on the way are collected for ``Article.links``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from broadsheet.extract import names
from broadsheet.extract.content import link_density, text_weight
from broadsheet.extract.dom import BLOCK_TAGS, HEADINGS, absolute, line, weight
from broadsheet.models import Block, BlockKind, Link, Span
from broadsheet.sanitize import clean_text

_BOILER_LINE = re.compile(
    r"^[(（【\[]?\s*(?:来源|來源|稿源|本文来源|责任编辑|責任編輯|编辑|责编|免责声明|版权声明|"
    r"版权所有|上一篇|下一篇|分享到|字号|字体|打印|关闭窗口|浏览次数|阅读次数|点击数|点击次数|"
    r"发布时间|发表时间|更新时间|简要|摘要|Share this|Related|Tags)\s*[：:】\])）]"
)
_META_LINE = re.compile(
    r"^(?:By|BY|Updated|UPDATED|Published|PUBLISHED|Posted|Last updated|Photo|Image|Credit|"
    r"Follow|Share|Advertisement|ADVERTISEMENT|Read more|READ MORE)\b|"
    r"^(?:\w+day,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    # "Greg Beacham, AP Sports Writer", "Jane Doe, Staff Reporter": a wire byline.
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}, [\w .]{0,30}"
    r"(?:Writer|Correspondent|Reporter|Editor|Columnist|Contributor)$"
)
# Chinese portal lines around the story: a dated "posted" line, a pager, a QR-code prompt,
# a reprint credit (转自《…》), an inline related link (延伸阅读：…).
_CN_META_LINE = re.compile(
    r"^[(（【\[]?\s*(?:(?:发表于|发布于|发布时间|发表时间|更新时间|时间|日期)\s*[:：]?\s*(?:19|20)\d\d|"
    r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|扫一扫|扫描二维码|(?:转自|转载自|摘自)\s*《|"
    r"(?:延伸阅读|相关阅读|相关链接|相关新闻|推荐阅读)\s*[:：])"
)
_PRICE = re.compile(r"[$€£¥]\s?\d")
# A dateline and nothing else: "2005-02-06 13:26更新", "2026年11月2日 09:30 发布".
_DATELINE = re.compile(
    r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*"
    r"(?:\d{1,2}:\d\d(?::\d\d)?)?\s*(?:更新|发布|发表|updated)?"
    r"(?:\s*(?:来源|來源)\s*[:：]\s*\S{1,20})?"  # and the source beside it
)
# One or more interface words ("Share Tweet Email", "自动播放开关 自动播放") and nothing else.
_UI_WORDS = re.compile(
    r"(?:(?:close|caption|hide caption|toggle caption|full ?screen|autoplay|view photos?|"
    r"buy photo|back to gallery|gallery|photos?|video|play|pause|replay|loading\.*|search|"
    r"menu|skip to (?:main )?content|back to top|print|e-?mail|share|tweet|advertisement|"
    r"comments?|reply|subscribe|sign up|log ?in|next|previous|prev|more|read more|advert|"
    r"×|✕|x|打印|关闭|分享|返回顶部|更多|(?:发表|我要|参与|查看)?评论|收藏|登录|注册|正在加载|"
    r"加载中|自动播放(?:开关)?|"
    r"[<>‹›«»]+)\W*)+",
    re.IGNORECASE,
)
# A consent banner set as a paragraph: "This website uses cookies. By continuing...".
_COOKIE_NOTICE = re.compile(
    r"\b(?:site|website|we|page)\s+uses?\s+cookies\b|\buse of cookies\b|\baccept(?:ing)?\s+"
    r"(?:all\s+)?cookies\b|使用\s*cookies?",
    re.IGNORECASE,
)
# An ad label on a line of its own, a no-script notice, or a WordPress shortcode the site
# failed to expand ("[button link=...] Send us your review[/button]"): interface, not text.
_AD_LABEL = re.compile(r"(?:advert(?:isement|ising)?|anzeige|广告)\W*$", re.IGNORECASE)
_JS_NOTICE = re.compile(
    r"\b(?:requires|enable|turn on)\s+JavaScript\b|"
    r"\bJavaScript\s+(?:is\s+)?(?:disabled|required)\b",
    re.IGNORECASE,
)
_SHORTCODE = re.compile(r"^\[([a-z_]+)\b[^\]]*\].*\[/\1\]$", re.IGNORECASE)
_ALWAYS_BOILER = re.compile(r"^[(（【\[]?\s*(?:免责声明|版权声明|声明)\s*[：:】\])）]")
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "body", "td", "th", "center", "font", "form", "dd",
     "tbody", "tr", "header", "footer", "aside", "nav", "span", "li"}
)  # fmt: skip
_EMPHASIS = {
    "strong": "strong", "b": "strong", "em": "em", "i": "em", "cite": "em",
    "code": "code", "kbd": "code", "samp": "code", "tt": "code",
}  # fmt: skip


_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


def echoes(heading: str, title: str) -> bool:
    """Whether ``heading`` says what ``title`` says (readability's text similarity > 0.75).

    The share of the heading's text, by characters, made of words the title also has; a CJK
    character counts as a word. The page's ``<h1>`` usually repeats the title in other words
    and is dropped from the body; one that says something else is kept.
    """
    if not title:
        return False
    theirs = set(_TOKEN.findall(title.lower()))
    ours = _TOKEN.findall(heading.lower())
    total = sum(map(len, ours))
    if not total:
        return True
    new = sum(len(t) for t in ours if t not in theirs)
    return 1 - new / total > 0.75


@dataclass(slots=True)
class _Paragraph:
    """The paragraph being collected: whitespace-collapsed text and its emphasis spans.

    Text is collapsed as it arrives (as a browser renders it), so span offsets recorded while
    walking stay valid in the final string.
    """

    parts: list[str] = field(default_factory=list)
    size: int = 0
    spans: list[Span] = field(default_factory=list)
    generation: int = 0  # bumped at every take(), so no span straddles two paragraphs
    _space: bool = True  # the text so far ends with a space (or is empty)

    def add(self, raw: str) -> None:
        words = raw.split()
        if not words:
            if raw and not self._space:
                self._append(" ")
            return
        if raw[0].isspace() and not self._space:
            self._append(" ")
        self._append(" ".join(words))
        if raw[-1].isspace():
            self._append(" ")

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        self._space = text.endswith(" ")

    def mark(self, start: int, style: str, url: str | None = None) -> None:
        """Record ``style`` from ``start`` to the current end, without edge spaces."""
        text = "".join(self.parts)
        end = self.size
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start:
            self.spans.append(Span(start, end, style, url))

    def take(self) -> tuple[str, tuple[Span, ...]]:
        """The paragraph's text and spans; the collector starts afresh."""
        text = "".join(self.parts)
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        spans = tuple(
            Span(sp.start - lead, min(sp.end - lead, len(stripped)), sp.style, sp.url)
            for sp in self.spans
            if sp.start - lead < len(stripped)
        )
        self.parts.clear()
        self.spans.clear()
        self.size = 0
        self._space = True
        self.generation += 1
        if not stripped.isprintable():  # control characters: clean, and offsets are lost
            return line(stripped), ()
        return stripped, spans


@dataclass(slots=True)
class BlockBuilder:
    """Walks content nodes once, producing blocks and the links met on the way."""

    base: str | None
    title: str = ""
    author: str = ""
    headline: str = ""  # the page's first <h1>, which repeats the title in other words
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _paragraph: _Paragraph = field(default_factory=_Paragraph)
    _after_br: bool = False  # the paragraph being collected follows a <br> in the same block
    _seen_images: set[str] = field(default_factory=set)
    _seen_captions: set[str] = field(default_factory=set)

    def build(self, nodes: list[LexborNode]) -> None:
        for node in nodes:
            if node.tag in _CONTAINERS:
                self._walk(node)  # the chosen container itself is never judged boilerplate
            else:
                self._element(node)
            self._flush()

    # -- paragraphs -------------------------------------------------------------------------
    def _flush(self, *, at_br: bool = False) -> None:
        """End the current paragraph (at a block boundary, or at a ``<br>``)."""
        if not self._paragraph.size:
            self._after_br = self._after_br and at_br
            return
        whole = not (at_br or self._after_br)
        self._after_br = at_br
        text, spans = self._paragraph.take()
        if text and self._keep_line(text, whole=whole):
            self.blocks.append(Block(BlockKind.PARAGRAPH, text, spans=spans))

    def _keep_line(self, text: str, *, whole: bool) -> bool:
        """Whether a paragraph is article text rather than a label, byline or UI word.

        ``whole``: the text is a whole element, not one line of a ``<br>``-broken block (where
        a short line is ordinary text).
        """
        if _ALWAYS_BOILER.match(text):
            return False
        if len(text) < 400 and (whole or len(text) < 160):
            # The notices' regexes are slow to search (case-blind alternations): most lines
            # are ruled out by one lower-casing and two substring tests.
            low = text.lower()
            if whole and "cookie" in low and _COOKIE_NOTICE.search(text):
                return False
            if len(text) < 160 and (
                _AD_LABEL.match(text)
                or ("javascript" in low and _JS_NOTICE.search(text))
                or (text[0] == "[" and _SHORTCODE.match(text))
            ):
                return False
        if len(text) >= 150:
            return True
        if _BOILER_LINE.match(text) or (
            (text == self.title or text == self.headline) and (whole or not self.blocks)
        ):
            return False
        if len(text) < 90 and (
            _META_LINE.match(text)
            or _CN_META_LINE.match(text)
            or (len(text) < 60 and _DATELINE.fullmatch(text) and not self._prose_begun())
            or (self.author and self._is_byline(text))
        ):
            return False
        # Interface words left by galleries, players and share bars.
        return not (whole and len(text) < 30 and _UI_WORDS.fullmatch(text))

    def _prose_begun(self) -> bool:
        """Whether a paragraph of prose has been kept yet. A dateline above the story is page
        furniture; one below it is the story's own (the date an official notice is signed)."""
        return any(b.kind is BlockKind.PARAGRAPH and weight(b.text) >= 100 for b in self.blocks)

    def _is_byline(self, text: str) -> bool:
        """A short line naming the author, unless the name only credits a photo ("(Name)")."""
        lower, name = text.lower(), self.author.lower()
        if name not in lower:
            return False
        return not lower.rstrip(" .").endswith(f"({name})")

    # -- walking ----------------------------------------------------------------------------
    def _walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self._paragraph.add(child.text_content or "")
            elif tag == "br":
                if self._paragraph.size:
                    self._flush(at_br=True)
            elif tag is not None and not tag.startswith("-"):
                self._element(child)

    def _inline(self, node: LexborNode, style: str | None, url: str | None = None) -> None:
        """Walk an inline element within the current paragraph, recording its span."""
        paragraph = self._paragraph
        start, generation = paragraph.size, paragraph.generation
        self._walk(node)
        if style is not None and paragraph.generation == generation:
            paragraph.mark(start, style, url)

    def _element(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag == "a":
            url = absolute(node.attributes.get("href"), self.base)
            if url:
                text = line(node.text(deep=True))
                if text:
                    self.links.append(Link(url, text))
            self._inline(node, "link" if url else None, url)
        elif tag == "img":
            self._image(node, "")
        elif tag not in BLOCK_TAGS:
            if (tag == "span" or "-" in tag) and self._is_card(node):
                return  # (a span or a custom element: a div would end the <p>)
            self._inline(node, _EMPHASIS.get(tag))  # inline: same paragraph
        elif self._is_boilerplate(node):
            return
        elif self._is_gallery(node):
            self._flush()
            for img in node.css("img"):
                self._image(img, "")
        elif tag in HEADINGS:
            self._flush()
            text = line(node.text(deep=True)).rstrip("¶#§ ")
            # (A heading of interface words, "More:" or "Comments", headed a list or a box
            # that is gone.)
            if (
                text
                and text != self.title
                and text != self.headline
                and not (len(text) < 30 and _UI_WORDS.fullmatch(text))
            ):
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
        """A short paragraph that is one link: a kicker, a "read more" or a section label, or
        a headline in capitals pointing to another story (news sites set their inline
        teasers so: "SENATOR ANNOUNCES RUN FOR GOVERNOR")."""
        text = node.text(deep=True).strip()
        if not text or len(text) >= 150 or (len(text) >= 40 and not text.isupper()):
            return False
        if _PRICE.search(text):
            return False  # an offer ("Get it on Amazon for $39.99") is the buying guide's text
        return link_density(node) >= 0.99

    @staticmethod
    def _is_card(node: LexborNode) -> bool:
        """A hover card inside running text: a popup named like one ("-card", "-popup",
        "-tooltip", "-block") that holds a picture or several links (a person's other stories).
        Browsers show it only on hover; in the text it would splice a list into a sentence."""
        if not names.shape_flags(node) & names.CARD:
            return False
        return node.css_first("img") is not None or len(node.css("a")) >= 2

    @staticmethod
    def _is_gallery(node: LexborNode) -> bool:
        """A slideshow inside the article: its pictures are kept, but not its captions, which
        galleries print twice or three times (full, truncated with "... more", a "less"
        toggle) and which are not the story's text."""
        if not names.shape_flags(node) & names.GALLERY:
            return False
        return not names.node_flags(node) & names.POSITIVE and node.css_first("img") is not None

    def _is_boilerplate(self, node: LexborNode) -> bool:
        flags = names.node_flags(node)
        if flags & names.BOILERPLATE and (not flags & names.POSITIVE or flags & names.NEGATIVE):
            return True
        if node.tag in ("ul", "ol", "div", "table", "dl", "section"):
            size = text_weight(node)
            if size == 0:
                return node.css_first("img") is None
            density = link_density(node)
            if (size < 75 and density > 0.3) or density > 0.5:
                # Links, unless a short list of offers ("Get it for $39.99").
                return not (size < 150 and _PRICE.search(node.text(deep=True)))
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
        elif node.css_first("li, p, ul, ol") is not None or node.text(deep=True).strip():
            # No items of its own: a list used for indenting (<ul><ul><li>…, <ul><i>text</i>).
            self._walk(node)
            self._flush()

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
        text = "\n".join(_quote_lines(node))
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
        if len(cells) < 2 or len(table.css("tr")) < 2:
            return True  # one row of cells is a strip of the page (a dateline and a source)
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
        if caption in self._seen_captions:
            caption = ""  # a gallery repeating one caption under every picture
        elif caption:
            self._seen_captions.add(caption)
        alt = line(attrs.get("alt") or "")
        self.blocks.append(Block(BlockKind.IMAGE, caption, src=src, alt=alt))

    def _collect_links(self, node: LexborNode) -> None:
        for a in node.css("a[href]"):
            url = absolute(a.attributes.get("href"), self.base)
            text = line(a.text(deep=True))
            if url and text:
                self.links.append(Link(url, text))


# Calls to action that close many articles: subscribe, join, tell us.
# (An author's note, "follow him on Twitter", is the author's and stays.)
_PROMO = re.compile(
    r"\b(?:subscribe|sign up|newsletter|join our|tell us what you think|click here|"
    r"delivered (?:to|through) your)",
    re.IGNORECASE,
)
# A longer paragraph said twice in a row was written twice (a refrain, a test page), not
# repeated by a template, which repeats captions and labels.
_REPEAT_MAX = 200
_PROMO_MAX = 300  # a call to action is a sentence or two, never a paragraph of reporting


def squash_blocks(blocks: list[Block]) -> list[Block]:
    """Drop repeats and the calls to action that trail the article.

    A caption or short line repeating the one just before it was set twice by a template
    (only neighbours, and only short paragraphs: an article may well say a thing twice).
    Promotional lines
    ("Subscribe to...", "Join our forums") are dropped only where they trail the text, so a
    sentence inside the story that says "subscribe" stays; so are headings left last.
    """
    out: list[Block] = []
    for block in blocks:
        if (
            out
            and out[-1].kind == block.kind
            and out[-1].text == block.text
            and (block.kind != BlockKind.PARAGRAPH or len(block.text) < _REPEAT_MAX)
        ):
            continue
        out.append(block)
    # A heading with nothing after it heads what was taken out (a comment form, a list of
    # links), so it goes too, and what it uncovers is looked at again.
    while len(out) > 1 and (
        out[-1].kind == BlockKind.HEADING
        or (
            out[-1].kind == BlockKind.PARAGRAPH
            and len(out[-1].text) < _PROMO_MAX
            and _PROMO.search(out[-1].text)
        )
    ):
        out.pop()
    return out


def _quote_lines(node: LexborNode) -> list[str]:
    """A block quote's lines: each block inside it (a paragraph, a ``<footer>``), and the
    loose text between them, such as the "— Name (@handle) date" an embedded post ends with,
    or an attribution set after the quoted paragraphs without an element of its own."""
    lines: list[str] = []
    loose: list[str] = []

    def end_loose() -> None:
        if text := line("".join(loose)):
            lines.append(text)
        loose.clear()

    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            loose.append(child.text_content or "")
        elif tag == "br":
            end_loose()
        elif tag in BLOCK_TAGS:
            end_loose()
            if text := line(child.text(deep=True, separator=" ")):
                lines.append(text)
        elif tag is not None and not tag.startswith("-"):
            loose.append(child.text(deep=True))
    end_loose()
    return lines
