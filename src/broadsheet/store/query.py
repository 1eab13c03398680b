"""The search query language, parsed into plain data (no SQL here; search.py builds that).

What a user may type, and why it is shaped like this (issue 6):

- words and Chinese runs: ``疫情 vaccine`` (every term must match: people narrow a search by
  adding words, as in every web search box);
- prefixes: ``read*``; quoted phrases: ``"climate change"``;
- exclusions: ``-word``, ``-"a phrase"``, ``-site:example.com``, ``-author:smith``;
- qualifiers: ``site:``, ``title:``, ``author:``, ``after:YYYY[-MM[-DD]]``, ``before:``,
  ``is:unread`` / ``is:read``, ``is:fav`` (also ``is:favourite``, ``is:favorite``,
  ``is:starred``). A qualifier value may be quoted: ``author:"Li Wei"``.

``parse_query`` never raises: the box is typed into one key at a time, so half-typed input
(an unbalanced quote, ``after:20``, a lone ``-``) must degrade to something sensible rather than
an error. Whatever could not be understood is kept in ``Query.problems`` for the UI to show,
and an unknown ``word:value`` is searched as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from broadsheet.sanitize import clean_line

# A token: an optional "-", an optional "name:", then a quoted string (closing quote optional,
# so an unbalanced quote swallows the rest of the line) or a run of non-space characters.
_TOKEN = re.compile(
    r"""(?P<neg>-)?
        (?:(?P<qual>[A-Za-z]+):)?
        (?:"(?P<quoted>[^"]*)(?:"|$)(?P<star>\*)? | (?P<bare>[^\s"]+))?""",
    re.VERBOSE,
)
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_UNREAD = {"unread", "new"}
_READ = {"read"}
_FAV = {"fav", "favourite", "favorite", "starred", "star"}


@dataclass(frozen=True, slots=True)
class Term:
    """Text that must (or, in ``Query.excluded``, must not) occur in an article.

    ``text`` is what the user typed (quotes and a trailing ``*`` removed). ``phrase`` means it
    was quoted, ``prefix`` that it ended in ``*``, and ``field`` restricts it to one field
    (only ``"title"`` today, from ``title:``).
    """

    text: str
    phrase: bool = False
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. An empty ``Query`` (``not query``) means there is nothing to search."""

    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    sites: tuple[str, ...] = ()
    not_sites: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    not_authors: tuple[str, ...] = ()
    after: str | None = None  # ISO day: published on or after it
    before: str | None = None  # ISO day: published before it
    read: bool | None = None  # True: only read articles; False: only unread ones
    favourite: bool | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def has_filters(self) -> bool:
        """True when a qualifier narrows the result beyond the text terms."""
        return bool(
            self.sites
            or self.not_sites
            or self.authors
            or self.not_authors
            or self.after
            or self.before
            or self.read is not None
            or self.favourite is not None
        )

    def __bool__(self) -> bool:
        return bool(self.terms or self.excluded or self.has_filters)


def parse_date(value: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the ISO day it starts on, or None.

    ``after:D`` keeps articles from the start of D on and ``before:D`` those before it, so
    ``after:2024-05 before:2024-06`` is May 2024, and ``before:2025`` ends with 2024.
    """
    match = _DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_query(text: str) -> Query:
    """Parse what the user typed. Never raises; see the module docstring for the language."""
    text = clean_line(text)
    terms: list[Term] = []
    excluded: list[Term] = []
    lists: dict[str, list[str]] = {
        "sites": [],
        "not_sites": [],
        "authors": [],
        "not_authors": [],
    }
    after: str | None = None
    before: str | None = None
    read: bool | None = None
    favourite: bool | None = None
    problems: list[str] = []

    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:  # cannot happen, but never loop forever
            pos += 1
            continue
        pos = match.end()
        neg = bool(match["neg"])
        qual = (match["qual"] or "").lower()
        quoted = match["quoted"]
        value = quoted if quoted is not None else (match["bare"] or "")
        raw = match.group(0)
        prefix = bool(match["star"]) or (quoted is None and value.endswith("*"))
        if quoted is None:
            value = value.rstrip("*")
        value = value.strip()

        if qual in {"site", "author"}:
            if value:
                key = ("not_" if neg else "") + qual + "s"
                lists[key].append(value)
            else:
                problems.append(raw)
        elif qual in {"after", "before"}:
            day = parse_date(value)
            if day is None:
                problems.append(raw)
            elif qual == "after":
                after = day
            else:
                before = day
        elif qual == "is":
            flag = value.lower()
            if flag in _UNREAD or flag in _READ:
                read = (flag in _READ) != neg
            elif flag in _FAV:
                favourite = not neg
            else:
                problems.append(raw)
        elif qual == "title":
            if value:
                term = Term(value, phrase=quoted is not None, prefix=prefix, field="title")
                (excluded if neg else terms).append(term)
            else:
                problems.append(raw)
        else:
            if qual:  # an unknown "word:value" is plain text
                value = f"{match['qual']}:{value}" if value else match["qual"]
                prefix = prefix and quoted is None
            if not value:
                if raw.strip() not in {"", "-"}:
                    problems.append(raw)
                continue
            term = Term(value, phrase=quoted is not None, prefix=prefix)
            (excluded if neg else terms).append(term)

    return Query(
        terms=tuple(terms),
        excluded=tuple(excluded),
        sites=tuple(lists["sites"]),
        not_sites=tuple(lists["not_sites"]),
        authors=tuple(lists["authors"]),
        not_authors=tuple(lists["not_authors"]),
        after=after,
        before=before,
        read=read,
        favourite=favourite,
        problems=tuple(problems),
    )
