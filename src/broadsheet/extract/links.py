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
    r"You (?:may|might) also like|See also|Further reading)\s*[:：]?$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADING_SELECTOR = "h2, h3, h4, h5, h6, div, span, strong, b, p, dt, th, td, em, header, legend"


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
    if RELATED_HEADING.search(page):
        for node in body.css(_HEADING_SELECTOR):
            text = node.text(deep=True).strip()
            if len(text) > 40 or not RELATED_HEADING.fullmatch(" ".join(text.split())):
                continue
            container = _container_after(node)
            if container is not None:
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
