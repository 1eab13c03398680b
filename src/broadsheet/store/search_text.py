"""Pure text work for search: the CJK transform, query expressions and snippets (no SQL).

Kept apart from search.py so the transform that both the index and the query depend on is
one small unit, testable without a database. See search.py for why the transform is shaped
this way (overlapping bigrams of CJK runs in twin columns, Latin text to ``porter unicode61``).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence

from broadsheet.store.query import Query, Term

# CJK characters that unicode61 treats as token characters (measured: CJK radicals, combining
# kana marks and the katakana middle dot are separators to it, so they are left out).
_CJK = (
    "\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa"
    "\u30fc-\u30ff\u3105-\u312f\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK}]+")
SENTINEL = "\ue000"  # private use: a token no query can contain (queries drop private use)
_WORD_CHAR = re.compile(r"[^\W_]")
_LATIN_WORD = re.compile(r"[^\W_]+")
_BETWEEN = f"(?:[\\W_{_CJK}])+"  # what may separate the words of a phrase in the Latin column
_LATIN_CHAR = f"[^\\W_{_CJK}]"  # a letter or digit that is not CJK: a Latin word goes on
# Fullwidth letters and digits (ＣＯＶＩＤ－１９ in Chinese text) fold to ASCII, one character for
# one, so offsets found in folded text are offsets in the original. Fullwidth punctuation is
# left alone: it separates tokens either way, and a regex that stops only at letters and
# digits rarely stops at all (Chinese text is full of fullwidth commas).
_FOLD = {
    c: c - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(r[0], r[1] + 1)
}
_TO_FOLD = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\ue000-\uf8ff\U000f0000-\U0010ffff]")
# Highlighting cannot run SQLite's porter stemmer: it cuts one common ending off each query
# word and accepts any of them on the words it finds (studies ~ study, reading ~ reader).
_ENDINGS = r"(?:s|es|e|ed|d|ing|er|ers|ly|y|ies|ied|ion|ions|ation|ations|ment|ments)?"
_CUT = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
    "e",
    "y",
)


def _crude_stem(word: str) -> str:
    lowered = word.lower()
    for ending in _CUT:
        if lowered.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


FIELD_NAMES = ("title", "summary", "body", "meta", "comments")
_SNIPPET_ORDER = ("summary", "body", "title", "comments", "meta")  # ties go to the first
SNIPPET_WIDTH = 160
_LEAD = 40  # characters of context shown before the first hit


def _fold_char(match: re.Match[str]) -> str:
    return chr(_FOLD.get(ord(match[0]), 0x20))


def fold(text: str) -> str:
    """Fullwidth letters and digits to ASCII, private-use characters to spaces; keeps offsets.

    A regex substitution touches only the characters that change (``str.translate`` is slow
    on CJK text: it looks up every character).
    """
    return _TO_FOLD.sub(_fold_char, text)


def bigrams(run: str) -> str:
    """``新冠疫情`` -> ``新冠 冠疫 疫情`` (a one-character run stays as it is)."""
    return " ".join(map(operator.add, run, run[1:])) or run


def split_text(text: str) -> tuple[str, str]:
    """The (Latin, CJK) column values for one field.

    Latin: the text with CJK characters blanked out. CJK: each run of two or more characters
    as its bigrams, runs separated by ``SENTINEL`` (so the last bigram of one run and the
    first of the next are not adjacent and cannot complete a phrase), then every distinct
    CJK character once, for one-character queries.
    """
    text = fold(text)
    runs = CJK_RUN.findall(text)
    if not runs:
        return text, ""
    latin = CJK_RUN.sub(" ", text)
    segments = [bigrams(r) for r in runs if len(r) > 1]
    chars = " ".join(dict.fromkeys("".join(runs)))
    return latin, f" {SENTINEL} ".join([*segments, chars])


def column_values(fields: Sequence[str]) -> list[str]:
    """FTS column values (Latin columns, then CJK twins) from the six source fields."""
    title, summary, body, author, site, comments = fields
    pairs = [split_text(t) for t in (title, summary, body, f"{author}\n{site}", comments)]
    return [p[0] for p in pairs] + [p[1] for p in pairs]


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def term_expression(term: Term) -> str | None:
    """The FTS5 expression for one term, or None when it holds nothing searchable.

    The Latin words of a term form one quoted phrase (with ``*`` for a prefix), each CJK run
    the phrase of its bigrams; the pieces are ANDed since they live in different columns.
    """
    text = fold(term.text)
    parts: list[str] = []
    latin = CJK_RUN.sub(" ", text)
    if _WORD_CHAR.search(latin):
        parts.append(_fts_string(" ".join(latin.split())) + ("*" if term.prefix else ""))
    parts.extend(_fts_string(bigrams(run)) for run in CJK_RUN.findall(text))
    if not parts:
        return None
    expression = " AND ".join(parts)
    if term.field == "title":
        expression = "{title cjk_title} : (" + expression + ")"
    return expression


def match_expression(query: Query) -> tuple[str | None, str | None]:
    """(what must match, what must not) as FTS5 expressions; None where there is nothing."""
    positive = [e for e in map(term_expression, query.terms) if e]
    negative = [e for e in map(term_expression, query.excluded) if e]
    must = " AND ".join(f"({e})" for e in positive) or None
    must_not = " OR ".join(f"({e})" for e in negative) or None
    return must, must_not


# ---------------------------------------------------------------------------- snippets


def _term_pattern(term: Term) -> re.Pattern[str] | None:
    """A regex that finds the term in (folded) text, approximating what FTS matched."""
    pieces: list[str] = []
    text = fold(term.text)
    words = _LATIN_WORD.findall(CJK_RUN.sub(" ", text))
    if words:
        # The start-of-word check sits after the first letter: a pattern that begins with a
        # literal is found by a fast scan, one that begins with a lookbehind is not (5x).
        stems = words if term.prefix else [_crude_stem(w) for w in words]
        first = re.escape(stems[0][0]) + f"(?<!{_LATIN_CHAR}.)" + re.escape(stems[0][1:])
        parts = [first, *(re.escape(w) for w in stems[1:])]
        if term.prefix:
            parts[-1] += f"{_LATIN_CHAR}*"
        else:
            parts = [part + _ENDINGS for part in parts]
        pieces.append(_BETWEEN.join(parts) + f"(?!{_LATIN_CHAR})")
    pieces.extend(re.escape(run) for run in CJK_RUN.findall(text))
    if not pieces:
        return None
    return re.compile("|".join(pieces), re.IGNORECASE)


class Highlighter:
    """Builds snippets for one query: its term patterns are compiled once, used per article."""

    def __init__(self, query: Query) -> None:
        self.every = [p for t in query.terms if t.field is None and (p := _term_pattern(t))]
        self.titled = [p for t in query.terms if t.field == "title" and (p := _term_pattern(t))]

    def snippet(self, fields: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...], str]:
        """(snippet, highlight ranges in it, field name) for one article's six source fields.

        The field with the most distinct terms found wins (ties: summary, body, title,
        comments, site/author); the window starts a little before its first hit. Without any
        hit (a qualifier-only query) it is the start of the summary or body, unhighlighted.
        Only the window is scanned for every hit, so long bodies cost little.
        """
        title, summary, body, author, site, comments = fields
        texts = {
            "title": title,
            "summary": summary,
            "body": body,
            "meta": " · ".join(t for t in (author, site) if t),
            "comments": comments,
        }
        best: tuple[int, str, int, list[re.Pattern[str]], str] = (0, "", 0, [], "")
        for name in _SNIPPET_ORDER:
            if not texts[name]:
                continue
            folded = fold(texts[name])
            patterns = self.every + self.titled if name == "title" else self.every
            firsts = [m.start() for p in patterns if (m := p.search(folded))]
            if len(firsts) > best[0]:
                best = (len(firsts), name, min(firsts), patterns, folded)
                if len(firsts) == len(self.every):  # no later field can do better
                    break
        found, name, first, patterns, folded = best
        if not found:
            name = "summary" if summary else "body" if body else "title"
            folded = texts[name]
        return (*_window(texts[name], folded, first, patterns), name)


def _window(
    text: str, folded: str, first: int, patterns: Sequence[re.Pattern[str]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut ``SNIPPET_WIDTH`` characters from a little before ``first``, with its hits.

    ``folded`` is ``fold(text)``: the same length, so its offsets are offsets in ``text``.
    """
    start = max(0, min(first - _LEAD, len(text) - SNIPPET_WIDTH))
    end = min(len(text), start + SNIPPET_WIDTH)
    ranges = sorted(
        (max(m.start(), start), min(m.end(), end))
        for p in patterns
        for m in p.finditer(folded, start, min(len(text), end + _LEAD))
        if m.start() < end and m.end() > m.start()
    )
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    piece = text[start:end].replace("\n", " ").replace("\t", " ")
    return prefix + piece + suffix, tuple((s + shift, e + shift) for s, e in merged)
