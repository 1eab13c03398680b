"""Random tag soup for property tests: opening tags with attributes, closing tags and text,
in any order, each test drawing from the alphabet of what it must get right."""

from __future__ import annotations

from hypothesis import strategies as st


def tag_soup(
    tags: list[str],
    attrs: list[str],
    text: st.SearchStrategy[str],
    *,
    parts: int,
    attributes: int,
) -> st.SearchStrategy[str]:
    """Markup of up to ``parts`` pieces: ``<tag attrs>`` (up to ``attributes`` of ``attrs``),
    ``</tag>``, or a draw of ``text`` (half of the pieces)."""

    @st.composite
    def soup(draw: st.DrawFn) -> str:
        pieces: list[str] = []
        for _ in range(draw(st.integers(0, parts))):
            kind = draw(st.integers(0, 3))
            tag = draw(st.sampled_from(tags))
            if kind == 0:
                chosen = " ".join(draw(st.lists(st.sampled_from(attrs), max_size=attributes)))
                pieces.append(f"<{tag} {chosen}>")
            elif kind == 1:
                pieces.append(f"</{tag}>")
            else:
                pieces.append(draw(text))
        return "".join(pieces)

    return soup()
