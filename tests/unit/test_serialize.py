"""Article <-> JSON dict: the schema of the store, ``show --json`` and the json export."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from broadsheet.models import Article, BlockKind, Comment, CommentState, StoredArticle
from broadsheet.serialize import SCHEMA, article_from_dict, article_to_dict, article_to_storage
from support.area_c import HOSTILE, full_article

TOP_KEYS = {
    "schema", "id", "url", "final_url", "fetched_at", "read", "favourite", "title",
    "site_name", "author", "published", "source", "summary", "language", "image", "text",
    "blocks", "links", "related", "comments",
}  # fmt: skip


def test_round_trip_keeps_every_field() -> None:
    article = full_article()
    data = json.loads(json.dumps(article_to_dict(article), ensure_ascii=False))
    assert article_from_dict(data) == article


def test_keys_are_stable_for_bare_and_stored_articles() -> None:
    bare = article_to_dict(Article(url=None, title=""))
    stored = article_to_dict(
        StoredArticle(7, full_article(), "2026-01-01T00:00:00+00:00", "https://e.org/b", read=True)
    )
    assert set(bare) == set(stored) == TOP_KEYS
    assert bare["schema"] == stored["schema"] == SCHEMA
    assert (stored["id"], stored["final_url"], stored["read"]) == (7, "https://e.org/b", True)
    assert (bare["id"], bare["final_url"], bare["read"]) == (None, None, False)
    block_keys = {frozenset(b) for b in stored["blocks"]}
    assert len(block_keys) == 1, "every block kind has the same keys"
    assert set(stored["comments"]) == {
        "state", "declared_count", "count", "system", "next_page", "items",
    }  # fmt: skip


def test_text_and_comment_fields() -> None:
    data = article_to_dict(full_article())
    assert data["text"] == full_article().text
    assert data["comments"]["state"] == "present"
    assert data["comments"]["declared_count"] == 3
    assert data["comments"]["count"] == 3
    assert [c["depth"] for c in data["comments"]["items"]] == [0, 1, 2]
    assert data["comments"]["items"][1]["parent"] == "c1"
    assert data["related"][0] == {"url": "https://example.org/r1", "text": "相关文章一"}


def test_hostile_strings_are_cleaned_both_ways() -> None:
    article = Article(url="https://e.org/\x1b[2J", title=HOSTILE, summary="a\x00b\u202ec")
    data = article_to_dict(article)
    assert "\x1b" not in data["title"] and "\u202e" not in data["title"]
    assert data["summary"] == "abc"
    assert "[/]" in data["title"], "markup-like text is text: kept, never interpreted"
    raw = {"title": "x\x1b]52;c;aGk=\x07y", "blocks": [{"kind": "paragraph", "text": "\x9b2Jz"}]}
    back = article_from_dict(raw)
    assert back.title == "xy"
    assert back.blocks[0].text == "z"


def test_reading_is_lenient() -> None:
    article = article_from_dict(
        {
            "title": "T",
            "blocks": [{"kind": "marquee", "text": "x"}, "junk", {"text": 5}],
            "comments": {"state": "weird", "items": [{"id": "1", "text": "hi", "depth": "2"}]},
            "unknown": 1,
        }
    )
    assert article.title == "T"
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert article.blocks[1].text == ""
    assert article.comments.state is CommentState.UNKNOWN
    assert article.comments.items[0].depth == 0
    assert article_from_dict({}) == Article(url=None, title="")


@given(st.text(), st.text())
def test_any_text_comes_out_free_of_controls(title: str, body: str) -> None:
    data = article_to_dict(Article(url=None, title=title, summary=body))
    for value in (data["title"], data["summary"]):
        assert not any(
            (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2066"
            for c in value
        )
    assert "\n" not in data["title"]


def test_storage_form_is_compact_and_restores_everything() -> None:
    article = replace(
        full_article(),
        comments=replace(
            full_article().comments,
            declared_count=0,
            items=(Comment("z", "zero", score=0, depth=0),),
        ),
    )
    stored = article_to_storage(article)
    assert article_from_dict(stored) == article
    assert "text" not in stored and "count" not in stored["comments"]
    assert stored["comments"]["declared_count"] == 0, "a declared 0 is information, kept"
    assert stored["comments"]["items"][0]["score"] == 0
    assert "items" not in stored["blocks"][0], "empty keys are left out"
    assert len(json.dumps(stored)) < len(json.dumps(article_to_dict(article)))
