"""Fast tests on long text: substring checks in front of slow searches.

Two costs of CPython shape these. ``re`` tries a pattern without a literal start (a
case-blind one, or one anchored with ``^`` under MULTILINE) at every character: 5 to 40 ns
a character, a tenth of a millisecond on a page's text. And ``in`` finds one character with
``memchr`` but looks for a two-character CJK word one character at a time (its skip table
is keyed by the low bits, which CJK shares with ASCII): ten microseconds a page, for each
word. So a word's last character is looked for first, and a slow pattern is searched only in
text holding a word that every match must contain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


def has_any(text: str, words: Iterable[str]) -> bool:
    """``any(word in text for word in words)``, each word's last character looked for first."""
    return any(word[-1] in text and word in text for word in words)


@dataclass(frozen=True, slots=True)
class Prefiltered:
    """A pattern searched only in text holding one of the words every match must contain.

    ``cjk`` words are looked for as they are, ``latin`` ones in the lower-cased text: they
    avoid "i" and "s", which case-blind matching also finds in "ı", "İ" and "ſ", whose lower
    case is not "i" or "s".
    """

    pattern: re.Pattern[str]
    cjk: tuple[str, ...]
    latin: tuple[str, ...]

    def may_match(self, text: str, low: str | None = None) -> bool:
        """Whether ``text`` holds a word of the pattern (``low``: ``text.lower()``, when the
        caller tries several patterns on one text and lower-cases it once)."""
        if has_any(text, self.cjk):
            return True
        if not self.latin:
            return False
        if low is None:
            low = text.lower()
        return any(word in low for word in self.latin)

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text, low) else None
