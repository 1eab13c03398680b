"""Related-article lists.

Related lists are found two ways: a container named like one (``related``, ``xiangguan``...)
or a short heading that says so (相关文章, 相关阅读, 延伸阅读, "Related posts"...) followed by
links. Their links, with titles, become ``Article.related``, and the containers are handed
back so the content step keeps them out of the body.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from broadsheet.extract.content import link_density
from broadsheet.extract.dom import absolute, line, node_text
from broadsheet.models import Link

RELATED_HEADING = re.compile(
    r"^\s*(?:相关文章|相关阅读|延伸阅读|相关新闻|相关链接|相关报道|相关资讯|相关内容|相关推荐|"
    r"Related(?: posts| articles| stories| content| reading| links)?|"
    r"You (?:may|might) also like|See also|Further reading|More from [^\n]{2,30}|"
    r"More (?:stories|articles|news)|Recommended(?: for you)?)\s*[.…:：!]*$",
    re.IGNORECASE | re.MULTILINE,
)
# The same lines, each found with the newline before it in "\n" + page: ``re`` tries a pattern
# that starts with "^" at every character, but one that starts with a newline only where there
# is one (twice as fast on a page's text).
_HEADING_LINE = re.compile("\n" + RELATED_HEADING.pattern.removeprefix("^"), RELATED_HEADING.flags)
_HEADING_SELECTOR = "h2, h3, h4, h5, h6, div, span, strong, b, p, dt, th, td, em, header, legend"
_HEADING_TAGS = frozenset(_HEADING_SELECTOR.split(", "))


def _links(container: LexborNode, base: str | None, page: str | None) -> list[Link]:
    out: list[Link] = []
    seen: set[str] = set()
    for a in container.css("a[href]"):
        url = absolute(a.attributes.get("href"), base)
        if not url or url in seen or (page and url.split("#")[0] == page.split("#")[0]):
            continue
        text = node_text(a) or line(a.attributes.get("title") or "")
        if len(text) < 4:
            continue
        seen.add(url)
        out.append(Link(url, text))
    return out


def _is_link_list(node: LexborNode) -> bool:
    """Mostly links: a list of articles, not a block of prose that happens to hold a link."""
    return node.css_first("a[href]") is not None and link_density(node) >= 0.5


def _next_element(node: LexborNode) -> LexborNode | None:
    following = node.next
    while following is not None and not following.is_element_node:
        following = following.next
    return following


def _link_lines_after(first: LexborNode) -> list[LexborNode]:
    """``first`` and the link-only paragraphs right after it: a related list set as one
    ``<p>`` per link, as some CMSs write it."""
    lines = [first]
    following = _next_element(first)
    while following is not None:
        if following.tag == "p" and _is_link_list(following):
            lines.append(following)
        elif following.text(deep=True).strip():
            break  # (empty slots between the lines, such as ad placeholders, are passed over)
        following = _next_element(following)
    return lines


def _container_after(heading: LexborNode) -> LexborNode | None:
    """The link list a related-heading introduces: its next sibling, or the smallest
    ancestor that is mostly links."""
    node: LexborNode | None = heading
    for _ in range(3):
        if node is None:
            return None
        following = node.next
        while following is not None and not following.is_element_node:
            following = following.next
        if (
            following is not None
            and following.tag in ("ul", "ol", "dl", "div", "table", "p")
            and _is_link_list(following)
        ):
            return following
        parent = node.parent
        if parent is None or parent.tag in ("body", "html"):
            return None
        if _is_link_list(parent):
            return parent
        node = parent
    return None


def heading_lines(page: str) -> list[str]:
    """The lines of ``page`` that ``RELATED_HEADING`` finds, stripped, in order."""
    return [m.group().strip() for m in _HEADING_LINE.finditer("\n" + page)]


def _heading_nodes(body: LexborNode, lines: list[str]) -> list[LexborNode]:
    """Elements that may hold a related-list heading, found by the heading's text.

    ``lines`` are the page's heading lines (``heading_lines``): the page has one text node
    per line, so a heading line is the text of one node, which Lexbor's ``:lexbor-contains``
    finds in C; reading the text of every ``div`` and ``span`` in Python instead costs more
    than the rest of this module. Lines Lexbor cannot be asked about (quotes, backslashes),
    or too many of them for one selector, fall back to that scan.
    """
    phrases = set(lines)
    phrases.discard("")
    if len(phrases) > 20 or any('"' in p or "\\" in p or len(p) > 40 for p in phrases):
        return body.css(_HEADING_SELECTOR)
    selector = ", ".join(f'*:lexbor-contains("{p}")' for p in sorted(phrases))
    try:
        found = body.css(selector) if selector else []
    except Exception:  # a selector Lexbor refuses: read every candidate instead
        return body.css(_HEADING_SELECTOR)
    if not found:  # the page text was cleaned (control or bidi characters): read them all
        return body.css(_HEADING_SELECTOR)
    # Also the wrappers that say nothing more (<span><strong>相关链接</strong></span>): the
    # list may follow any of them.
    out: list[LexborNode] = []
    for node in found:
        text = node.text(deep=True).strip()
        parent = node.parent
        if node.tag in _HEADING_TAGS:
            out.append(node)
        while parent is not None and parent.tag not in ("body", "html", None):
            if parent.text(deep=True).strip() != text:
                break
            if parent.tag in _HEADING_TAGS:
                out.append(parent)
            parent = parent.parent
    return out


def find_related(
    body: LexborNode, base: str | None, page: str, named: list[LexborNode]
) -> tuple[list[Link], list[LexborNode]]:
    """Related-article links and the containers that held them.

    ``named`` are the elements whose class/id says related (``names.RELATED``; the caller scans the
    tree's class names once for every purpose); ``page`` is the page text for the headings.
    """
    containers = [
        node
        for node in named
        if node.attributes.get("role") != "navigation" and _is_link_list(node)
    ]
    lines = heading_lines(page)
    if lines:
        for node in _heading_nodes(body, lines):
            text = node.text(deep=True).strip()
            if len(text) > 40 or not RELATED_HEADING.fullmatch(" ".join(text.split())):
                continue
            container = _container_after(node)
            if container is not None:
                containers.append(node)  # the heading goes with its list
                if container.tag == "p":
                    containers.extend(_link_lines_after(container))
                else:
                    containers.append(container)
    related: list[Link] = []
    seen: set[str] = set()
    kept: list[LexborNode] = []
    for container in containers:
        if any(container.mem_id == k.mem_id for k in kept):
            continue
        kept.append(container)
        for link in _links(container, base, base):
            if link.url not in seen:
                seen.add(link.url)
                related.append(link)
    return related, kept
