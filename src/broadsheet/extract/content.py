"""Find the article's main content and turn it into blocks.

The approach is readability's, adapted to Lexbor and to Chinese pages: text-bearing elements
(``<p>``, ``<pre>``, and any ``div``/``td``-like element with text of its own, since Chinese
portals often set the body as ``<br>``-separated text in a ``<div>`` or table cell) give a score
for their text length and punctuation (``,`` and ``，。、``) to their container and, less, to its
ancestors. Containers named like content gain, those named like navigation or comments lose,
and link-heavy ones are discounted. The best container, widened to the ancestor that holds
the article's other blocks, plus siblings that score nearly as well and a lead image, is what
``blocks.BlockBuilder`` then walks. Text lengths are UTF-8 byte counts, so a CJK character
weighs about what a short English word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from broadsheet.extract import names
from broadsheet.extract.dom import BLOCK_TAGS, weight

_PUNCT = re.compile(r"[,，。、；;！!？?]")
_TEXT_TAGS = "p, pre, td, div, section, article, font, center, dd, blockquote, main"
_DIV_LIKE = frozenset({"div", "td", "section", "article", "font", "center", "dd", "main"})


def _own_text(node: LexborNode) -> str:
    """Text directly in ``node`` or in its inline children (not in nested blocks)."""
    if not node.text(deep=False).strip():
        # No text nodes of its own (the common wrapper): only inline children can add text,
        # and walking elements alone skips the many whitespace text nodes.
        inline = [
            child.text(deep=True)
            for child in node.iter(include_text=False)
            if child.tag not in BLOCK_TAGS and child.tag not in ("img", "br")
        ]
        return "".join(inline).strip()
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
    if top.score < 1.0:
        return []  # nothing but links left: no prose to read here
    node = top.node

    # Several strong candidates under one ancestor: the article is split; take the ancestor.
    strong = [c for c in ranked[1:6] if c.score >= top.score * 0.75]
    if len(strong) >= 2:
        lists = [set(_ancestors(c.node)) for c in strong]
        for ancestor_id in _ancestors(node):
            if sum(ancestor_id in anc for anc in lists) >= 2:
                found = candidates.get(ancestor_id)
                # Never the whole page: that is a page printing the article twice.
                if found is not None and found.node.tag != "body":
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

    node = _widen(node)
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


def _paragraph_mass(node: LexborNode) -> int:
    """How much prose a node holds: the text of its paragraphs."""
    return sum(weight(p.text(deep=True).strip()) for p in node.css("p"))


def _widen(node: LexborNode) -> LexborNode:
    """Move up to an ancestor that holds much more prose at a low link density.

    Articles are often cut into blocks ("story-body-1", "story-body-2", a wrapper per few
    paragraphs) that no single container holds; the scores alone pick one block.
    """
    mass = _paragraph_mass(node)
    if mass == 0:
        return node
    best = node
    parent = node.parent
    for _ in range(4):
        if parent is None or parent.tag in ("body", "html", "-document", None):
            break
        above = _paragraph_mass(parent)
        if above >= mass * 1.3 and link_density(parent) < 0.2:
            best, mass = parent, above
        parent = parent.parent
    return best


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
