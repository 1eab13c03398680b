"""Small helpers over selectolax (Lexbor) nodes shared by the extraction modules.

They keep text handling in one place: whitespace is collapsed the way a browser renders it,
class/id "hints" are read once per node, and URLs are made absolute (http/https only) so the
rest of the package never handles relative or ``javascript:`` links.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from broadsheet.extract.native import WALK
from broadsheet.sanitize import clean_line, clean_text

# Tags whose content is never readable text.
# (Each tag costs Lexbor a walk of the tree, so only tags that carry text or hide it.)
JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select",
    "textarea", "object",
)  # fmt: skip

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Elements that start a new block when met inside running text.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
        "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
    }
    | HEADINGS
)  # fmt: skip

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def hint(node: LexborNode) -> str:
    """The node's class and id, lower-cased, for matching naming conventions."""
    attrs = node.attributes
    cls = attrs.get("class") or ""
    ident = attrs.get("id") or ""
    if not cls and not ident:
        return ""
    return f"{cls} {ident}".lower()


def squash(text: str) -> str:
    """Collapse whitespace runs (including U+3000 and no-break spaces) to one space."""
    return " ".join(text.split())


def line(text: str) -> str:
    """``sanitize.clean_line`` with a fast path: most web text has no control characters."""
    squashed = " ".join(text.split())
    return squashed if squashed.isprintable() else clean_line(squashed)


def node_text(node: LexborNode) -> str:
    """The node's visible text on one line, control characters removed."""
    return line(node.text(deep=True, separator=" "))


def page_text(node: LexborNode) -> str:
    """The node's text, one text node per line, for pattern scans (来源, 发布时间...).

    Lexbor puts the separator between every text node, so a label and its value may sit on
    consecutive lines ("来源：" then "经济日报"); the patterns that read this allow for it.
    """
    if WALK is None:
        return clean_text(py_lines(node))
    text, dirty = WALK.lines(node)  # (the compiled walk says whether cleaning would change it)
    return clean_text(text) if dirty else text


def py_lines(node: LexborNode) -> str:
    """The stripped, non-empty lines of the node's text nodes: what the compiled walk must
    agree with."""
    pieces = node.text(deep=True, separator="\n").split("\n")
    return "\n".join(filter(None, map(str.strip, pieces)))


def weight(text: str) -> int:
    """Text weight where a CJK character counts about as much as a short word (UTF-8 bytes)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "replace"))


# An absolute http(s) URL with a host, no spaces, brackets, backslashes or dot segments:
# the common case, which needs neither urljoin nor the checks below.
_PLAIN_URL = re.compile(r"(?!.*/\.)https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s\\\[\]]*)?$")


def absolute(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``, or None unless the result is an http(s) URL."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "data:")):
        return None
    if _PLAIN_URL.match(href) and href.isprintable():
        return href  # already absolute and clean: what urljoin and urlsplit would give back
    try:
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return clean_line(url).replace(" ", "%20")
