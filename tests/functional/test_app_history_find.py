"""The pure parts of browsing: the history's browser rules and find-in-page matching."""

from __future__ import annotations

from textual.content import Content

from broadsheet.ui.find import CURRENT_STYLE, HIT_STYLE, Hit, find_hits, mark_hits
from broadsheet.ui.history import History


def test_history_back_forward_and_a_new_visit_drops_the_forward_entries() -> None:
    history = History()
    assert history.back() is None and history.current is None
    for article_id in (1, 2, 3):
        history.visit(article_id)
    history.visit(3)  # reopening the shown article is not a new entry
    assert history.entries == [1, 2, 3]
    assert history.back() == 2
    assert history.back() == 1
    assert history.back() is None
    assert history.forward() == 2
    history.visit(7)
    assert history.entries == [1, 2, 7]
    assert history.forward() is None
    assert history.back() == 2


def test_find_is_case_insensitive_across_texts_and_never_overlaps() -> None:
    texts = ["The garden, the GARDEN.", "没有", "aaaa", "夜间门诊和门诊"]
    assert find_hits(texts, "garden") == [Hit(0, 4, 10), Hit(0, 16, 22)]
    assert find_hits(texts, "aa") == [Hit(2, 0, 2), Hit(2, 2, 4)]
    assert find_hits(texts, "门诊") == [Hit(3, 2, 4), Hit(3, 5, 7)]
    assert find_hits(texts, "  ") == []
    assert find_hits(texts, "absent") == []


def test_find_maps_offsets_back_when_casefold_changes_length() -> None:
    # "ß" folds to "ss": the hit on "straße" must cover the original six characters.
    assert find_hits(["Die Straße hier"], "STRASSE") == [Hit(0, 4, 10)]


def test_mark_hits_styles_the_current_hit_apart() -> None:
    hits = [Hit(0, 0, 3), Hit(0, 4, 7)]
    marked = mark_hits(Content("abc abc"), hits, hits[1])
    assert [(s.start, s.end, s.style) for s in marked.spans] == [
        (0, 3, HIT_STYLE),
        (4, 7, CURRENT_STYLE),
    ]
