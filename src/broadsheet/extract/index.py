"""Article links on an index page: the list a person would read down, and nothing else.

Many sites, Chinese portals above all, publish no feed; their section pages are the only list
of new articles. ``article_links(html, url)`` finds that list:

1. **Candidates.** Every link on the page that stays on the same site (``www.`` and sibling
   subdomains such as ``news.`` count as the same site), has an article-like address (a date in
   the path, a numeric id, an ``.html``/``.shtml``/``.htm`` file, or a multi-word slug) and an
   article-like title (long enough, not "more", "更多", "下一页", "Read more"...). Section
   roots (``/news/``), tags, categories, authors, pagination, login and footer pages fail one
   test or the other.
2. **Lists.** Each candidate belongs to a list *item*: the first ancestor that repeats among
   its siblings, together with other link-bearing siblings of the same tag (``li`` in a
   ``ul``, ``tr`` in a table, ``article`` in ``main``, or the ``a`` itself in a ``td`` full of
   ``<a>…<br>``). Items are grouped by the *shape* of their container (its tag/class path from
   ``body``), so a portal list split into blocks of five by ``<hr>`` still counts as one list.
3. **Choice.** The list with the most distinct candidates wins; lists in navigation, sidebars,
   footers and "hot / recommended / related" boxes (by tag or by class and id) count a third
   as much, so a long 热点 box cannot beat a shorter main list. Other main-area lists at least
   a third as big as the winner (and of three links or more) are kept too: a front page has
   several story lists. The result is in document order without duplicates. A lone link is
   not a list, so a page whose best "list" has one article gives nothing.

Pure and deterministic like the rest of ``extract``: no IO, bounded work (``guard.prepare``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from broadsheet.encoding import decode_html
from broadsheet.extract.dom import CJK, absolute, line, node_text
from broadsheet.extract.guard import prepare
from broadsheet.models import Link

__all__ = ["article_links", "is_article_title", "is_article_url", "page_title", "same_site"]

_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg"]

# A date in the path: /2026/11/02/, /2026-11-02, /20261102, /2026/1102, /202611/.
_DATE_PATH = re.compile(
    r"(?:^|[/_-])(?:19|20)\d{2}(?:[/_-]?(?:0[1-9]|1[0-2])(?:[/_-]?(?:0[1-9]|[12]\d|3[01]))?)"
    r"(?=$|[/_.-]|\d{2,})"
)
_NUMERIC_ID = re.compile(r"(?:^|[/_-])[a-z]{0,3}\d{3,}(?=$|[/_.-])")
_PAGE_EXT = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$")
_SLUG = re.compile(r"^[\w%]+(?:[-_][\w%]+){2,}$")
# Path words that mark a page about the site, not an article on it.
_NOT_ARTICLE_WORDS = frozenset(
    {
        "about", "about-us", "contact", "contact-us", "login", "signin", "sign-in", "logout",
        "register", "reg", "signup", "sign-up", "sitemap", "privacy", "terms", "tos", "search",
        "help", "feed", "rss", "atom", "tag", "tags", "category", "categories", "author",
        "authors", "page", "comments", "user", "users", "profile", "account", "cart",
        "subscribe", "newsletter", "ads", "advertise", "index", "default", "list",
    }
)  # fmt: skip
_PAGER = re.compile(r"(?:^|/)(?:page|p)/?\d+/?$|[?&](?:page|p|pg|paged)=\d+")
# Link texts that lead to more of the list, not to an article.
_NOT_TITLE = re.compile(
    r"^[\s\[【(（<«‹]*(?:more|more news|more stories|read more|continue reading|next|previous|"
    r"prev|older posts|newer posts|older|newer|next page|previous page|first|last|home|"
    r"更多|更多>+|查看更多|阅读全文|阅读更多|详细|详情|下一页|上一页|首页|尾页|末页|返回|"
    r"返回首页|点击进入|进入|全文)[\s\]】)）>»›.…。:：]*$",
    re.IGNORECASE,
)
# A date or time on its own (the "posted on" link of a blog entry): not a headline.
_DATE_TEXT = re.compile(
    r"^[\d\s/.:,年月日时分-]+$|^(?:[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|"
    r"\d{1,2}(?:st|nd|rd|th)? [a-z]{3,9}\.?,? \d{4})(?: (?:at )?[\d:]+ ?(?:am|pm)?)?$",
    re.IGNORECASE,
)
# Containers that are boilerplate by tag, class or id (pinyin names included: portals use them).
_BOILER_TAGS = frozenset({"nav", "aside", "footer", "header", "menu"})
_BOILER_NAMES = re.compile(
    r"nav|menu|sidebar|side|aside|footer|foot|header|breadcrumb|crumb|widget|hot|popular|"
    r"rank|top10|most|trending|recommend|tuijian|remen|redian|paihang|xiangguan|related|"
    r"tags?\b|tagcloud|links|friend|youqing|copyright|banner|ad\b|ads\b|share|pager|"
    r"pagination|comment",
    re.IGNORECASE,
)
_ITEM_CLIMB = 6  # how far above a link its list item may be
_SIDE_WEIGHT = 1 / 3  # what a link in a boilerplate box counts, next to one in the main area
_KEEP_SHARE = 0.3  # other main-area lists this big (next to the winner) are kept as well
_KEEP_MIN = 3  # ...when they hold at least this many articles


def _host_key(host: str) -> str:
    """The part of a host name naming the site: ``news.example.com.cn`` → ``example.com.cn``."""
    host = host.lower().rstrip(".")
    if host.replace(".", "").isdigit() or ":" in host:
        return host  # an IP address is its own site
    labels = host.split(".")
    keep = 2
    if len(labels) >= 3 and labels[-2] in {"com", "net", "org", "gov", "edu", "co", "ac"}:
        keep = 3
    return ".".join(labels[-keep:])


def same_site(url: str, page_url: str) -> bool:
    """True when ``url`` is on the site of ``page_url`` (subdomains of one domain included)."""
    try:
        a, b = urlsplit(url), urlsplit(page_url)
    except ValueError:
        return False
    if not a.hostname or not b.hostname:
        return False
    if _host_key(a.hostname) != _host_key(b.hostname):
        return False
    # On an IP address (a local server), a different port is a different site.
    return a.hostname != _host_key(a.hostname) or a.port == b.port


def is_article_url(url: str) -> bool:
    """An address that looks like one article: a date, a numeric id, a page file or a slug."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = parts.path.lower()
    if _PAGER.search(path + ("?" + parts.query if parts.query else "")):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    words = {w for s in segments for w in re.split(r"[._]", s)} | set(segments)
    if words & _NOT_ARTICLE_WORDS and not _DATE_PATH.search(path):
        return False
    last = segments[-1]
    stem = _PAGE_EXT.sub("", last)
    if stem in _NOT_ARTICLE_WORDS:
        return False
    if _DATE_PATH.search(path) or _NUMERIC_ID.search(path):
        return True
    if _PAGE_EXT.search(last) and (parts.query or len(stem) >= 3):
        return not path.endswith("/")
    return bool(_SLUG.match(stem))


def is_article_title(text: str) -> bool:
    """Link text that reads like a headline: long enough and not "more" or a pager."""
    text = text.strip()
    if not text or _NOT_TITLE.match(text) or _DATE_TEXT.match(text):
        return False
    han = len(CJK.findall(text))
    if han:
        return han >= 5
    return len(text) >= 12 and len(text.split()) >= 3


def page_title(html: str | bytes, content_type: str | None = None) -> str:
    """The page's ``<title>``, cleaned: the name a page source gets when it is added."""
    text = decode_html(html, content_type).text if isinstance(html, bytes) else html
    tree = LexborHTMLParser(prepare(text[:200_000]))
    node = tree.css_first("title")
    return line(node.text()) if node is not None else ""


@dataclass
class _Group:
    """Candidate links sharing one list shape."""

    order: int  # document position of the first link, for a stable result
    boiler: bool
    urls: dict[str, tuple[int, Link]] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return len(self.urls) * (_SIDE_WEIGHT if self.boiler else 1.0)


def _name(node: LexborNode) -> str:
    """Tag and first class: ``story story--lead`` is still a ``story`` (ids are unique, so
    they would split a list whose blocks are numbered ``list1``, ``list2``...)."""
    classes = (node.attributes.get("class") or "").split()
    return f"{node.tag}.{classes[0]}" if classes else str(node.tag)


def _elements(node: LexborNode) -> Iterable[LexborNode]:
    child = node.child
    while child is not None:
        if child.is_element_node:
            yield child
        child = child.next


def _item(
    anchor: LexborNode, holders: set[int], repeats: dict[tuple[int, str], bool]
) -> tuple[LexborNode, LexborNode]:
    """The list item holding ``anchor`` and that item's container (see the module docstring).

    ``holders`` are the ``mem_id`` of every element holding a candidate link (the links
    themselves included): an item repeats among siblings that also lead to articles, so a
    card's section link ("World") does not make the card's headline an item of its own.
    ``repeats`` remembers the answer per (parent, tag), so a list of thousands of links
    costs one scan of its children, not one per link.
    """
    node = anchor
    for _ in range(_ITEM_CLIMB):
        parent = node.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        key = (parent.mem_id, str(node.tag))
        if key not in repeats:
            alike = 0
            for child in _elements(parent):
                if child.tag == node.tag and child.mem_id in holders:
                    alike += 1
                    if alike == 2:
                        break
            repeats[key] = alike >= 2
        if repeats[key]:
            return node, parent
        node = parent
    return anchor, anchor.parent or anchor


def _shape(container: LexborNode) -> tuple[str, bool]:
    """The container's tag/class path from ``body`` and whether it sits in boilerplate."""
    path: list[str] = []
    boiler = False
    node: LexborNode | None = container
    while node is not None and node.tag not in ("body", "html"):
        path.append(_name(node))
        attrs = node.attributes
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if (
            node.tag in _BOILER_TAGS
            or attrs.get("role") == "navigation"
            or (names.strip() and _BOILER_NAMES.search(names))
        ):
            boiler = True
        node = node.parent
    return ">".join(reversed(path)), boiler


def _base(tree: LexborHTMLParser, url: str) -> str:
    node = tree.css_first("base[href]")
    if node is not None:
        return absolute(node.attributes.get("href"), url) or url
    return url


def article_links(html: str | bytes, url: str, *, content_type: str | None = None) -> list[Link]:
    """The article links of an index page's main list(s), in document order (see module doc).

    ``url`` is the page's address: links resolve against it (or its ``<base href>``) and must
    stay on its site. Returns ``[]`` when the page has no list of articles.
    """
    text = decode_html(html, content_type).text if isinstance(html, bytes) else html
    tree = LexborHTMLParser(prepare(text))
    tree.strip_tags(_DROP_TAGS)
    body = tree.body
    if body is None:
        return []
    base = _base(tree, url)
    here = url.split("#")[0]
    candidates: list[tuple[int, LexborNode, str, str]] = []
    holders: set[int] = set()
    for position, anchor in enumerate(body.css("a[href]")):
        target = absolute(anchor.attributes.get("href"), base)
        if not target:
            continue
        target = target.split("#")[0]
        if target == here or not same_site(target, url) or not is_article_url(target):
            continue
        title = node_text(anchor) or line(anchor.attributes.get("title") or "")
        if not is_article_title(title):
            continue
        candidates.append((position, anchor, target, title))
        node: LexborNode | None = anchor
        for _ in range(_ITEM_CLIMB + 1):
            if node is None or node.mem_id in holders:
                break
            holders.add(node.mem_id)
            node = node.parent
    groups: dict[str, _Group] = {}
    repeats: dict[tuple[int, str], bool] = {}
    for position, anchor, target, title in candidates:
        item, container = _item(anchor, holders, repeats)
        shape, boiler = _shape(container)
        key = f"{shape}|{item.tag}"
        group = groups.setdefault(key, _Group(order=position, boiler=boiler))
        group.urls.setdefault(target, (position, Link(url=target, text=title)))
    ranked = sorted(groups.values(), key=lambda g: (-g.score, g.order))
    if not ranked or len(ranked[0].urls) < 2:
        return []  # one stray link (a "breaking" ticker) is not a list of articles
    best = ranked[0]
    chosen = [best] + [
        g
        for g in ranked[1:]
        if not g.boiler and len(g.urls) >= _KEEP_MIN and g.score >= _KEEP_SHARE * best.score
    ]
    # The first place each URL appears in a chosen list, so a story linked from its headline
    # and again from a "continue reading" link keeps the headline's text.
    found: dict[str, tuple[int, Link]] = {}
    for group in chosen:
        for target, (position, link) in group.urls.items():
            if target not in found or position < found[target][0]:
                found[target] = (position, link)
    return [link for _, link in sorted(found.values(), key=lambda pair: pair[0])]
