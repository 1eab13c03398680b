from collections.abc import Callable

from selectolax.lexbor import LexborNode

class Judge:
    def __init__(
        self,
        words: dict[str, int],
        first: tuple[int, int, int, int, int],
        related: int,
        unlikely: int,
        maybe: int,
        class_kinds: dict[str, int],
        id_kinds: dict[str, int],
        comment_bits: tuple[int, int, int, int, int],
        judged: frozenset[str],
        kept: frozenset[str],
        skipped: frozenset[str],
        related_bit: int,
        unlikely_bit: int,
    ) -> None: ...

def text_weight(node: LexborNode, strip: bool = True) -> int: ...
def link_density(node: LexborNode) -> float: ...
def paragraph_mass(node: LexborNode) -> int: ...
def score(
    body: LexborNode,
    names_flags: Callable[[str | None, str | None], int],
    negative: int,
    positive: int,
) -> list[tuple[LexborNode, float]]: ...
def survey_document(root: LexborNode) -> tuple[list[LexborNode], list[LexborNode]]: ...
def survey_body(
    root: LexborNode,
    judge: Judge,
    verdict: Callable[[str | None, str | None, str | None], int],
) -> tuple[list[tuple[LexborNode, int]], list[LexborNode], list[LexborNode]]: ...
def lines(root: LexborNode) -> tuple[str, bool]: ...
