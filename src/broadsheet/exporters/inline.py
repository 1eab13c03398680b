"""A block's inline spans cut into runs, for the formats that show emphasis and links.

Spans come from the web and may overlap, nest or point past the text; ``runs`` never trusts
them: it clamps every span to the text, cuts the text at every span boundary, and gives each
piece the set of styles covering it (and the URL of the innermost link). Writers then wrap
each run on its own, which always nests correctly, even for overlapping spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import urlsplit

from broadsheet.models import Block

STYLES = ("strong", "em", "code", "link")


@dataclass(frozen=True)
class Run:
    """A piece of text with the styles that cover all of it."""

    text: str
    styles: frozenset[str] = frozenset()
    url: str | None = None


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host: the only links an export keeps live."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def runs(block: Block) -> list[Run]:
    """The block's text as styled runs; links whose URL is not http(s) become plain text."""
    text = block.text
    spans = [
        (max(0, s.start), min(len(text), s.end), s.style, s.url)
        for s in block.spans
        if s.style in STYLES and s.start < s.end
    ]
    spans = [s for s in spans if s[0] < s[1]]
    if not spans:
        return [Run(text)] if text else []
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[Run] = []
    for start, end in pairwise(cuts):
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        styles = {s[2] for s in covering}
        url = None
        links = [s for s in covering if s[2] == "link"]
        if links:
            url = min(links, key=lambda s: s[1] - s[0])[3]  # the innermost link wins
            if not is_web_url(url):
                styles.discard("link")
                url = None
        out.append(Run(text[start:end], frozenset(styles), url))
    return out
