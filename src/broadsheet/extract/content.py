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
from broadsheet.extract.native import WALK

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


def text_weight(node: LexborNode, *, strip: bool = True) -> int:
    """``weight`` of the node's text (stripped by default), without building the string
    where the compiled walk is there."""
    if WALK is not None:
        return WALK.text_weight(node, strip)
    text = node.text(deep=True)
    return weight(text.strip() if strip else text)


def link_density(node: LexborNode, memo: dict[int, int] | None = None) -> float:
    """Share of the node's text that sits inside links.

    ``memo`` keeps each link's weight by ``mem_id`` for a caller that asks about nested
    containers, which share their links (the compiled walk needs none).
    """
    if WALK is not None:
        return WALK.link_density(node)
    return py_link_density(node, memo)


def py_link_density(node: LexborNode, memo: dict[int, int] | None = None) -> float:
    """``link_density`` in Python: what the compiled walk must agree with."""
    total = weight(node.text(deep=True).strip())
    if total == 0:
        return 0.0
    if memo is None:
        linked = sum(weight(a.text(deep=True).strip()) for a in node.css("a"))
    else:
        linked = weigh_once(node.css("a"), memo)
    return min(1.0, linked / total)


def weigh_once(nodes: list[LexborNode], memo: dict[int, int]) -> int:
    """The summed text weight of ``nodes``, each weighed once: ``memo`` keeps weights by
    ``mem_id`` for callers that ask about nested containers, which share their elements."""
    total = 0
    for node in nodes:
        key = node.mem_id
        size = memo.get(key)
        if size is None:
            size = memo[key] = weight(node.text(deep=True).strip())
        total += size
    return total


_CITING = frozenset({"blockquote", "figure"})
NEVER_UNLIKELY = frozenset({"body", "html", "article", "main", "a", "td", "tr", "table"})


def remove_unlikely(
    body: LexborNode, unlikely: list[LexborNode], landmarks: list[LexborNode] | None = None
) -> None:
    """Detach the ``unlikely`` elements and the nav/aside/footer elements (``landmarks``, when
    the caller has found them already; they may include some in parts removed since).

    ``remove()`` only unlinks (Lexbor frees nothing until the document goes), so detaching a
    node whose ancestor is already detached is safe.
    """
    total = text_weight(body, strip=False)
    for node in unlikely:
        # Never drop what holds most of the page: a wrapper with an odd name.
        if total and text_weight(node, strip=False) > total * 0.5:
            continue
        node.remove()
    for node in body.css("nav, aside, footer") if landmarks is None else landmarks:
        parent = node.parent
        if node.tag == "footer" and parent is not None and parent.tag in _CITING:
            continue  # a quote's or a figure's attribution, not the page's footer
        node.remove()


_HIDDEN_SELECTOR = '[hidden], [style*="none" i], [style*="hidden" i]'
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def remove_hidden(body: LexborNode, found: list[LexborNode] | None = None) -> None:
    """Detach what a browser would not show (``hidden``, ``display: none``, ``visibility:
    hidden``): teaser copies, templates for other pages, spam kept for robots.

    ``found``: the elements ``_HIDDEN_SELECTOR`` selects, when the caller has them already.
    A hidden element holding most of the page is kept: some sites hide the whole article
    until a script reveals it, and an empty result helps nobody.
    """
    if found is None:
        found = body.css(_HIDDEN_SELECTOR)
    if not found:
        return
    total = text_weight(body, strip=False)
    for node in found:
        if node.tag in ("body", "html"):
            continue
        if "hidden" not in node.attributes and not _HIDDEN_STYLE.search(
            node.attributes.get("style") or ""
        ):
            continue
        if total and text_weight(node, strip=False) > total * 0.8:
            continue
        node.remove()


def _adds_posts(above: LexborNode, node: LexborNode) -> bool:
    """Whether ``above`` holds two or more ``<article>`` elements besides ``node``'s own, with
    at least as much text as ``node``: moving up would take in a list of other posts."""
    theirs = [a for a in above.css("article") if a.mem_id != above.mem_id]
    ours = node.css("article")  # Lexbor counts the node itself when it matches
    if len(theirs) - len(ours) < 2:
        return False
    other = sum(text_weight(a, strip=False) for a in theirs) - sum(
        text_weight(a, strip=False) for a in ours
    )
    return other >= text_weight(node, strip=False)


def _nesting_factor(node: LexborNode) -> float:
    """Discount for a list of posts, or a post inside another ``<article>``.

    HTML nests ``<article>`` for comments and related-post cards; a container of several posts
    scores the sum of their text, which is not one article's.
    """
    if is_post_list(node):
        return 0.6
    if node.tag == "article":
        parent = node.parent
        while parent is not None and parent.tag not in ("body", "html"):
            if parent.tag == "article":
                return 0.5
            parent = parent.parent
    return 1.0


def is_post_list(node: LexborNode) -> bool:
    """A container of several ``<article>`` elements: a list of other posts, not this one."""
    posts = [a for a in node.css("article") if a.mem_id != node.mem_id]
    if len(posts) < 2:
        return False
    # ...and they are most of it (a paragraph beside a video carousel is still the article).
    inner = sum(text_weight(a, strip=False) for a in posts)
    return inner * 2 >= text_weight(node, strip=False)


@dataclass(slots=True)
class _Candidate:
    node: LexborNode
    score: float


_STOP = frozenset({"html", "-document", None})


def _score(body: LexborNode) -> dict[int, _Candidate]:
    """Score every container by the prose in it and (less) in its descendants."""
    if WALK is not None:
        scored = WALK.score(body, names.names_flags, names.NEGATIVE, names.POSITIVE)
        return {node.mem_id: _Candidate(node, score) for node, score in scored}
    return py_score(body)


def py_score(body: LexborNode) -> dict[int, _Candidate]:
    """``_score`` in Python: what the compiled walk must agree with.

    Siblings share their ancestors, so each node's chain of up to five scored ancestors is
    remembered by ``mem_id``: every ``.parent`` makes a new Python wrapper, and walking five
    levels up from each of a page's few hundred text blocks was the costliest loop here.
    """
    candidates: dict[int, _Candidate] = {}
    chains: dict[int, list[LexborNode]] = {}

    def chain(start: LexborNode) -> list[LexborNode]:
        key = start.mem_id
        path = chains.get(key)
        if path is not None:
            return path
        path = [start]
        node = start
        while len(path) < 5:
            parent = node.parent
            if parent is None or parent.tag in _STOP:
                break
            known = chains.get(parent.mem_id)
            if known is not None:
                path.extend(known[: 5 - len(path)])
                break
            path.append(parent)
            node = parent
        chains[key] = path
        return path

    for node in body.css(_TEXT_TAGS):
        tag = node.tag
        text = node.text(deep=True).strip() if tag in ("p", "pre") else _own_text(node)
        size = weight(text)
        if size < 25:
            continue
        score = 1 + len(_PUNCT.findall(text)) + min(size / 100, 3)
        start = node if tag in _DIV_LIKE else node.parent
        if start is None or start.tag in _STOP:
            continue
        for level, container in enumerate(chain(start)):
            if not container.is_element_node:
                continue
            key = container.mem_id
            cand = candidates.get(key)
            if cand is None:
                base = _TAG_BASE.get(container.tag or "", 0.0)
                cand = candidates[key] = _Candidate(container, base + _class_weight(container))
            cand.score += score / (1 if level == 0 else 2 if level == 1 else level * 3)
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
    # Lists of posts need two <article>s on the page; most pages have fewer: skip the checks.
    posts = len(body.css("article")) >= 2
    links: dict[int, int] = {}  # the candidates nest: each link is weighed once
    for cand in ranked:
        cand.score *= 1 - link_density(cand.node, links)
        if posts:
            cand.score *= _nesting_factor(cand.node)
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
                if (
                    found is not None
                    and found.node.tag != "body"
                    and not (posts and _adds_posts(found.node, node))
                ):
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
        if above.score < threshold or (posts and _adds_posts(parent, node)):
            break
        if above.score > last:
            node = parent
            break
        last = above.score
        parent = parent.parent

    node = _widen(node, posts)
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
        if (
            peer is not None
            and peer.score + bonus >= limit
            and not (posts and is_post_list(sibling))
        ):
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
    if len(chosen) == 1:
        chosen = _split_parts(node, candidates, limit)
    lead = _lead_image(chosen[0])
    return [lead, *chosen] if lead is not None else chosen


_CSS_NAME = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")


def _split_parts(
    node: LexborNode, candidates: dict[int, _Candidate], limit: float
) -> list[LexborNode]:
    """``node`` and the other parts of a story cut into numbered blocks in separate wrappers.

    CMSs interleave a story with ads and related boxes by closing and reopening its container
    ("story-body story-body-1", an aside, "story-body story-body-2"), each part in wrappers
    of its own, so the parts are cousins, not siblings. Parts share the container's tag and
    class names but for numbered ones, sit under a near common ancestor (up to four levels
    up), and score as prose; they are returned in document order.
    """
    names_ = (node.attributes.get("class") or "").split()
    if not names_:
        return [node]
    # Let Lexbor pick the elements with that first class when it is a plain CSS name.
    tag = node.tag or "div"
    selector = f"{tag}.{names_[0]}" if _CSS_NAME.fullmatch(names_[0]) else tag
    above = node.parent
    for _ in range(4):
        if above is None or above.tag in ("body", "html", "-document", None):
            return [node]
        parts = [
            other
            for other in above.css(selector)
            if other.mem_id == node.mem_id or _is_part(other, names_, candidates, limit)
        ]
        # Nested matches (a part inside another) would be read twice: keep the outermost.
        outer = [p for p in parts if not any(q.mem_id in _ancestors(p) for q in parts)]
        if len(outer) > 1:
            return outer
        above = above.parent
    return [node]


def _is_part(
    other: LexborNode, names_: list[str], candidates: dict[int, _Candidate], limit: float
) -> bool:
    classes = (other.attributes.get("class") or "").split()
    if not classes or classes[0] != names_[0]:
        return False
    differ = set(classes) ^ set(names_)
    if not differ or not all(any(c.isdigit() for c in name) for name in differ):
        return False  # only numbered names may differ: "story-body-1", "story-body-2"
    peer = candidates.get(other.mem_id)
    return peer is not None and peer.score >= limit and link_density(other) < 0.25


def _paragraph_mass(node: LexborNode, sizes: dict[int, int]) -> int:
    """How much prose a node holds: the text of its paragraphs.

    ``sizes`` remembers each paragraph's weight: ``_widen`` asks about a node and then its
    ancestors, which hold the same paragraphs again (the compiled walk needs none).
    """
    if WALK is not None:
        return WALK.paragraph_mass(node)
    return weigh_once(node.css("p"), sizes)


def _widen(node: LexborNode, posts: bool = True) -> LexborNode:
    """Move up to an ancestor that holds much more prose at a low link density.

    ``posts``: the page has two or more ``<article>`` elements, so an ancestor may be a list
    of posts rather than more of this one.

    Articles are often cut into blocks ("story-body-1", "story-body-2", a wrapper per few
    paragraphs) that no single container holds; the scores alone pick one block.
    """
    sizes: dict[int, int] = {}
    mass = _paragraph_mass(node, sizes)
    if mass == 0:
        return node
    best = node
    parent = node.parent
    for _ in range(4):
        if parent is None or parent.tag in ("body", "html", "-document", None):
            break
        above = _paragraph_mass(parent, sizes)
        if (
            above >= mass * 1.3
            and link_density(parent) < 0.2
            and not (posts and _adds_posts(parent, node))
        ):
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
                and text_weight(sibling) < 300
                and not names.node_flags(sibling) & (names.UNLIKELY | names.BOILERPLATE)
            ):
                return sibling
    return None
