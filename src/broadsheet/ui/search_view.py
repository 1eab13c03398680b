"""How a search result looks, and which words of a query to mark in the opened article.

Pure functions, no widgets. Every string that came from the web (titles, site names,
snippets) goes into ``Content`` as plain text and is styled by ranges, never parsed as
markup: a title like ``[@click=app.quit]x[/]`` must show as those characters.
"""

from __future__ import annotations

import unicodedata

from textual.content import Content

from broadsheet.models import SearchHit
from broadsheet.sanitize import clean_line
from broadsheet.store.query import parse_query

SNIPPET_HIT_STYLE = "bold $text-warning"
_FIELD_NAMES = {"comments": "in the comments", "meta": "in the byline", "summary": "in the summary"}


def _day(iso: str | None) -> str:
    """The date part of an ISO timestamp (``2026-01-01``), or empty."""
    return (iso or "")[:10]


def snippet_content(snippet: str, highlights: tuple[tuple[int, int], ...]) -> Content:
    """The snippet on one line with each ``(start, end)`` range styled as a hit.

    Ranges are offsets into ``snippet``; ones out of range are clipped, empty ones skipped.
    Control and format characters (newlines, ESC, bidi overrides) become spaces, one for
    one, so the offsets stay valid and nothing reaches the terminal.
    """
    flat = "".join(" " if unicodedata.category(char) in ("Cc", "Cf") else char for char in snippet)
    content = Content(flat)
    for start, end in highlights:
        start, end = max(0, start), min(len(flat), end)
        if start < end:
            content = content.stylize(SNIPPET_HIT_STYLE, start, end)
    return content


def snippet_window(
    snippet: str, highlights: tuple[tuple[int, int], ...], chars: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most ``chars`` characters of ``snippet`` around its first hit, ranges shifted.

    For one-line places (the command palette) where a long snippet would wrap.
    """
    if len(snippet) <= chars:
        return snippet, highlights
    first = min((start for start, _ in highlights), default=0)
    start = max(0, min(first - chars // 4, len(snippet) - chars))
    end = start + chars
    shifted = tuple(
        (max(a, start) - start, min(b, end) - start) for a, b in highlights if a < end and b > start
    )
    return snippet[start:end], shifted


def result_content(hit: SearchHit) -> Content:
    """Three lines: the title; site · date (· where the hit is); the snippet with its hits."""
    summary = hit.article
    title = clean_line(summary.title) or summary.url
    meta = [
        part
        for part in (
            clean_line(summary.site_name),
            _day(summary.published or summary.fetched_at),
            _FIELD_NAMES.get(hit.field, ""),
        )
        if part
    ]
    return Content.assemble(
        Content(title).stylize("bold"),
        "\n",
        Content(" · ".join(meta)).stylize("$text-muted"),
        "\n",
        snippet_content(hit.snippet, hit.highlights),
    )


def query_terms(query: str) -> list[str]:
    """The words of ``query`` to mark in an article opened from its results.

    Qualifiers (``site:``, ``is:unread``...) and excluded words (``-word``) are not text the
    article shows, so they are left out; quotes and a trailing ``*`` are already removed.
    """
    return [term.text for term in parse_query(query).terms if term.text.strip()]


def query_problems(query: str) -> tuple[str, ...]:
    """What the search could not understand in ``query``, as sentences to show."""
    return parse_query(query).problems
