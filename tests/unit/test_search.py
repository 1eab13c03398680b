"""The search index on a real SQLite file: what a user searching their cache would check."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.store import search
from support.area_s import add, ids, open_db

PORTAL_BODY = (
    "本报讯 近日，某市各社区全面开展新冠疫情防控工作，居民积极配合。"
    "专家表示，疫苗接种是防控的关键。"
)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_db(tmp_path / "cache.sqlite3")
    yield connection
    connection.close()


@pytest.fixture
def portal(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A Chinese portal article, an English one and a mixed one."""
    add(
        conn,
        1,
        title="社区疫情防控取得新进展",
        summary="简要：各地社区加强防控",
        body=PORTAL_BODY,
        author="张三",
        site="健康网",
        comments="",
        published="2026-03-02",
    )
    add(
        conn,
        2,
        title="Climate change and reading habits",
        summary="How people read about the climate",
        body="Readers of climate news read books about climate change. 来源: 经济日报",
        author="Jane Smith",
        site="Example News",
        comments="Great article, thanks!",
        published="2026-05-10",
        read=True,
    )
    add(
        conn,
        3,
        title="Vaccine rollout",
        summary="",
        body="The vaccine campaign reached every 社区 in the city.",
        author="Li Wei",
        site="Daily Planet",
        comments="社区医院的服务很好",
        published=None,
        fetched_at="2026-07-01T09:00:00+00:00",
        favourite=True,
    )
    return conn


def test_chinese_one_two_and_long_words_are_found(portal: sqlite3.Connection) -> None:
    assert sorted(ids(portal, "社区")) == [1, 3]
    assert ids(portal, "疫情") == [1]
    assert sorted(ids(portal, "社")) == [1, 3]
    assert sorted(ids(portal, "区")) == [1, 3]
    assert ids(portal, "新冠疫情防控工作") == [1]
    assert ids(portal, "经济日报") == [2]
    assert ids(portal, "医院的服务") == [3]


def test_chinese_phrases_do_not_match_across_punctuation_or_order(
    conn: sqlite3.Connection,
) -> None:
    add(conn, 1, body="新冠，疫情。社区")
    assert ids(conn, "新冠") == [1]
    assert ids(conn, "冠疫") == []  # 冠 and 疫 are separated by a comma
    assert ids(conn, "新冠疫情") == []
    assert ids(conn, "情社") == []
    assert ids(conn, "区社") == []


def test_english_words_stems_prefixes_and_phrases(portal: sqlite3.Connection) -> None:
    assert ids(portal, "climate") == [2]
    assert ids(portal, "reading") == [2]  # porter: reading ~ read ~ readers
    assert ids(portal, "vacc*") == [3]
    assert ids(portal, "VACCINE") == [3]
    assert ids(portal, '"climate change"') == [2]
    assert ids(portal, '"change climate"') == []
    assert ids(portal, "vacc") == []  # a prefix only matches when asked for


def test_mixed_queries_need_every_term(portal: sqlite3.Connection) -> None:
    assert ids(portal, "vaccine 社区") == [3]
    assert ids(portal, "climate 社区") == []
    assert ids(portal, "campaign社区") == [3]  # no space between the scripts


def test_every_field_is_searched(portal: sqlite3.Connection) -> None:
    assert ids(portal, "健康网") == [1]  # site name
    assert ids(portal, "Smith") == [2]  # author
    assert ids(portal, "thanks") == [2]  # comment text
    assert ids(portal, "简要") == [1]  # summary


def test_title_matches_rank_first(conn: sqlite3.Connection) -> None:
    add(conn, 1, title="Gardening notes", body="A long body about soil. " * 20 + "compost")
    add(conn, 2, title="Compost at home", body="A long body about soil. " * 20)
    add(conn, 3, body="A long body about soil. " * 20 + "compost and more compost")
    for other in range(4, 10):
        add(conn, other, title="Other news", body="Nothing about gardens here. " * 10)
    assert ids(conn, "compost")[0] == 2
    results = search.search(conn, "compost")
    assert [r.rank for r in results] == sorted((r.rank for r in results), reverse=True)


def test_qualifiers(portal: sqlite3.Connection) -> None:
    assert ids(portal, "site:example") == [2]
    assert sorted(ids(portal, "-site:example")) == [1, 3]
    assert ids(portal, "author:张") == [1]
    assert ids(portal, "社区 author:li") == [3]
    assert sorted(ids(portal, "社区 -author:li")) == [1]
    assert ids(portal, "title:社区") == [1]  # 3 has 社区 only in the body and comments
    assert ids(portal, "社区 -title:社区") == [3]
    assert ids(portal, "is:fav") == [3]
    assert sorted(ids(portal, "is:unread")) == [1, 3]
    assert ids(portal, "is:read") == [2]
    # published, or fetched_at when there is no date; after is inclusive, before exclusive
    assert ids(portal, "after:2026-05-10") == [3, 2]  # newest first without text terms
    assert ids(portal, "before:2026-05-10") == [1]
    assert ids(portal, "after:2026-03 before:2026-04") == [1]


def test_negations(portal: sqlite3.Connection) -> None:
    assert ids(portal, "社区 -vaccine") == [1]
    assert sorted(ids(portal, "-社区")) == [2]
    assert ids(portal, '-"climate change" -疫情') == [3]


def test_caller_filters_and_paging(portal: sqlite3.Connection) -> None:
    assert ids(portal, "社区", filters=[("a.id > ?", (1,))]) == [3]
    everything = ids(portal, "after:2000")
    assert ids(portal, "after:2000", limit=1, offset=1) == everything[1:2]


def test_empty_and_hostile_queries_find_nothing_and_never_raise(
    portal: sqlite3.Connection,
) -> None:
    assert ids(portal, "") == []
    assert ids(portal, "   -  ") == []
    for query in ['"', "NEAR(a b)", "{title}: x", "*", "AND OR NOT", "a:b:c", "\x1b[2J", "\ue000"]:
        search.search(portal, query)


def test_snippets_highlight_the_hits(portal: sqlite3.Connection) -> None:
    [hit] = search.search(portal, "疫苗接种")
    assert hit.field == "body"
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["疫苗接种"]

    [hit] = search.search(portal, "reading")
    texts = [hit.snippet[s:e].lower() for s, e in hit.highlights]
    assert texts and all(t.startswith("read") for t in texts)

    [hit] = search.search(portal, "thanks")
    assert hit.field == "comments"
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["thanks"]


def test_highlights_follow_stems_and_prefixes_not_chinese(conn: sqlite3.Connection) -> None:
    add(conn, 1, body="One study, two studies; reading社区 and readers.")
    [hit] = search.search(conn, "studies")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["study", "studies"]
    [hit] = search.search(conn, "read*")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["reading", "readers"]


def test_long_fields_are_cut_around_the_first_hit(conn: sqlite3.Connection) -> None:
    add(conn, 1, body="前言" * 300 + "关键发现在这里" + "后记" * 300)
    [hit] = search.search(conn, "关键发现")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= search_text_width() + 2
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["关键发现"]


def search_text_width() -> int:
    from broadsheet.store.search_text import SNIPPET_WIDTH

    return SNIPPET_WIDTH


def test_fullwidth_letters_match_ascii_queries(conn: sqlite3.Connection) -> None:
    add(conn, 1, body="新冠ＣＯＶＩＤ－１９疫苗")
    [hit] = search.search(conn, "covid")
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["ＣＯＶＩＤ"]
    assert ids(conn, "19") == [1]


def test_hostile_text_is_cleaned_before_it_is_stored(conn: sqlite3.Connection) -> None:
    add(conn, 1, body="Evil [/] [@click=app.quit]x[/] \x1b]52;c;aGk=\x07 \u202egnp.exe payload")
    [hit] = search.search(conn, "payload")
    assert "\x1b" not in hit.snippet and "\u202e" not in hit.snippet
    assert "[/]" in hit.snippet  # markup is the UI's business: it must show it as text


def test_reindex_replaces_and_remove_forgets(conn: sqlite3.Connection) -> None:
    add(conn, 1, title="旧标题 alpha", body="first version")
    add(conn, 1, title="新标题 beta", body="second version")
    assert ids(conn, "旧标题") == [] and ids(conn, "alpha") == []
    assert ids(conn, "新标题") == [1] and ids(conn, "beta") == [1]
    search.remove_article(conn, 1)
    search.remove_article(conn, 1)  # not indexed any more: nothing happens
    assert ids(conn, "新标题") == [] and ids(conn, "second") == []
    # The contentless index really lost every token (the delete replayed exactly what was
    # indexed), so nothing lingers to make the file grow or corrupt the next article.
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_fts, 'row')")
    assert conn.execute("SELECT count(*) FROM temp.vocab").fetchone()[0] == 0
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")


def test_index_runs_inside_the_callers_transaction(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO articles (id, title) VALUES (1, 'x')")
    search.index_article(
        conn, 1, title="回滚", summary="", body="", author="", site="", comments=""
    )
    assert conn.in_transaction
    conn.execute("ROLLBACK")
    assert ids(conn, "回滚") == []
    assert conn.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 0


def test_schema_is_idempotent_and_usable_from_executescript(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3")
    conn.executescript(search.SCHEMA_SQL)
    conn.executescript(search.SCHEMA_SQL)
    search.create_schema(conn)
    conn.close()


def test_rebuild_index_keeps_results(portal: sqlite3.Connection) -> None:
    before = {q: sorted(ids(portal, q)) for q in ("社区", "climate", "疫情", "thanks")}
    assert not search.needs_rebuild(portal)
    # As if the index had been built by an older transform:
    portal.execute("UPDATE search_meta SET value = '0' WHERE key = 'transform'")
    assert search.needs_rebuild(portal)
    calls: list[tuple[int, int]] = []
    portal.execute("BEGIN IMMEDIATE")
    assert search.rebuild_index(portal, lambda done, total: calls.append((done, total))) == 3
    search.optimize_index(portal)
    portal.execute("COMMIT")
    assert calls == [(3, 3)]
    assert not search.needs_rebuild(portal)
    assert {q: sorted(ids(portal, q)) for q in before} == before
    # Rows added by the rebuild can be removed again by replaying the transform.
    for article_id in (1, 2, 3):
        search.remove_article(portal, article_id)
    portal.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_fts, 'row')")
    assert portal.execute("SELECT count(*) FROM temp.vocab").fetchone()[0] == 0


def test_articles_deleted_without_remove_are_not_returned(portal: sqlite3.Connection) -> None:
    portal.execute("DELETE FROM articles WHERE id = 3")
    assert ids(portal, "社区") == [1]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_search_never_raises(portal: sqlite3.Connection, query: str) -> None:
    results = search.search(portal, query)
    assert {r.article_id for r in results} <= {1, 2, 3}
    for r in results:
        assert all(0 <= s < e <= len(r.snippet) for s, e in r.highlights)


def test_ranking_window_pages_through_every_match_once(conn: sqlite3.Connection) -> None:
    # Ten matches, the word in the title of some (rank high) and the body of others.
    for i in range(1, 11):
        if i % 3 == 0:
            add(conn, i, title="Compost guide", body="Soil and leaves.")
        else:
            add(conn, i, title=f"Notes {i}", body="Soil and leaves. " * i + "compost")
    add(conn, 11, title="Unrelated", body="Nothing here.")

    def pages(window: int | None) -> list[list[int]]:
        return [
            ids(conn, "compost", limit=3, offset=o, rank_window=window) for o in range(0, 12, 3)
        ]

    exact = [i for page in pages(None) for i in page]
    assert sorted(exact) == list(range(1, 11))
    assert exact[:3] == [9, 6, 3]  # title matches first; equal ranks: newest first
    windowed = [i for page in pages(4) for i in page]
    assert sorted(windowed) == list(range(1, 11))  # every match once, across the window edge
    # The newest four matches (7-10) come first, ranked among themselves: 9 (title) leads.
    assert windowed[0] == 9 and set(windowed[:4]) == {7, 8, 9, 10}
    assert set(windowed[4:]) == set(range(1, 7))
    assert windowed[4] in {3, 6}
    # With fewer matches than the window the order is the exact one.
    assert [i for page in pages(100) for i in page] == exact
