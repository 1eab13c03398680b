"""The compiled parts of extraction, when this install has them.

``_walk`` (Cython, ``_walk.pyx``) computes text weights, link densities and the content
scores straight from Lexbor's nodes, four times faster than asking selectolax for every
element's text, and surveys the document, the body and the page's lines in one walk each. It
reads selectolax's node objects from C, so it is loaded only beside the selectolax release
it was built against. ``_guard`` counts what ``guard.prepare`` needs in one pass over the
markup; ``_trie`` finds the words of the class and id name patterns. Without them, or with
``BROADSHEET_PURE_PYTHON=1`` in the environment, their Python twins run instead, which give
the same results.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any, Protocol

import selectolax
from selectolax.lexbor import LexborNode

# The selectolax releases whose node layout ``_walk`` was written and tested against; the
# build requirement in pyproject.toml pins the same one.
SELECTOLAX_RELEASES = frozenset({"1.0.2"})


class Walk(Protocol):
    """What ``_walk`` offers (its stub, ``_walk.pyi``, says the same)."""

    # The module's class, ``extract._verdict`` in C; its stub, ``_walk.pyi``, gives the
    # arguments (one ``Judge`` is built, in ``extract``).
    Judge: Callable[..., object]

    def text_weight(self, node: LexborNode, strip: bool = True) -> int: ...
    def link_density(self, node: LexborNode) -> float: ...
    def paragraph_mass(self, node: LexborNode) -> int: ...
    def score(
        self,
        body: LexborNode,
        names_flags: Callable[[str | None, str | None], int],
        negative: int,
        positive: int,
    ) -> list[tuple[LexborNode, float]]: ...
    def survey_document(self, root: LexborNode) -> tuple[list[LexborNode], list[LexborNode]]: ...
    def survey_body(
        self,
        root: LexborNode,
        judge: object,
        verdict: Callable[[str | None, str | None, str | None], int],
    ) -> tuple[list[tuple[LexborNode, int]], list[LexborNode], list[LexborNode]]: ...
    def lines(self, root: LexborNode) -> tuple[str, bool]: ...


class Guard(Protocol):
    """What ``_guard`` offers (its stub, ``_guard.pyi``, says the same)."""

    def count(self, text: str, limit: int) -> tuple[int, int, int, int]: ...
    def count_bytes(self, data: bytes, limit: int) -> tuple[int, int, int, int]: ...
    def utf8_valid(self, data: bytes) -> bool: ...


class Tree(Protocol):
    """A ``_trie.Trie``: the OR of the values of every word found in each token."""

    def tokens(self, text: str) -> list[int]: ...
    def judge(
        self, text: str, wanted: int, against: int, cleared: int, rail: int, embed: int
    ) -> int: ...


class TrieModule(Protocol):
    """What ``_trie`` offers (its stub, ``_trie.pyi``, says the same)."""

    def Trie(self, words: dict[str, int]) -> Tree: ...  # the module's class


def _compiled(name: str) -> Any:
    """``broadsheet.extract.<name>``, or None where it was not built (no C compiler at install
    time) or ``BROADSHEET_PURE_PYTHON`` is set. Typed by the protocols above, which say what
    the modules' stubs say; ``test_extract_native.py`` calls every function through them."""
    if os.environ.get("BROADSHEET_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(f"broadsheet.extract.{name}")
    except ImportError:
        return None


# ``_walk`` is imported only beside the selectolax it was built for: with another node layout
# importing it could misread memory.
WALK: Walk | None = (
    _compiled("_walk") if getattr(selectolax, "__version__", None) in SELECTOLAX_RELEASES else None
)
GUARD: Guard | None = _compiled("_guard")
TRIE: TrieModule | None = _compiled("_trie")
