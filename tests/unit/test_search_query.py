"""The query language: what a typed query means, and that no input can make it raise."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from broadsheet.store.query import Query, Term, parse_date, parse_query
from broadsheet.store.search_text import match_expression, term_expression


def test_words_phrases_prefixes_and_chinese_runs() -> None:
    q = parse_query('疫情 vaccine read* "climate change" 新冠疫情防控')
    assert q.terms == (
        Term("疫情"),
        Term("vaccine"),
        Term("read", prefix=True),
        Term("climate change", phrase=True),
        Term("新冠疫情防控"),
    )
    assert not q.excluded and not q.has_filters


def test_negations_and_qualifiers() -> None:
    q = parse_query(
        '-spam -"paid content" title:社区 -title:广告 site:example.com -site:ads.example '
        'author:"Li Wei" -author:bot after:2024-05 before:2025 is:unread is:fav'
    )
    assert q.terms == (Term("社区", field="title"),)
    assert q.excluded == (
        Term("spam"),
        Term("paid content", phrase=True),
        Term("广告", field="title"),
    )
    assert q.sites == ("example.com",) and q.not_sites == ("ads.example",)
    assert q.authors == ("Li Wei",) and q.not_authors == ("bot",)
    assert q.after == "2024-05-01"
    assert q.before == "2025-01-01"  # before 2025 = before its first day
    assert q.read is False and q.favourite is True
    assert q.problems == ()


def test_read_and_favourite_flags_and_their_negations() -> None:
    assert parse_query("is:read").read is True
    assert parse_query("-is:unread").read is True
    assert parse_query("IS:UNREAD").read is False
    assert parse_query("is:starred").favourite is True
    assert parse_query("-is:fav").favourite is False


def test_dates_full_partial_and_invalid() -> None:
    assert parse_date("2024-02-29") == "2024-02-29"
    assert parse_date("2024-2-3") == "2024-02-03"
    assert parse_date("2024-12") == "2024-12-01"
    assert parse_date("2023-02-29") is None
    assert parse_date("2024-13") is None
    assert parse_date("20") is None
    assert parse_date("0000") is None  # year 0 does not exist: no crash


def test_half_typed_input_degrades_instead_of_failing() -> None:
    q = parse_query('"unbalanced phrase')
    assert q.terms == (Term("unbalanced phrase", phrase=True),)
    q = parse_query("after:20 is:bogus author: - title:")
    assert not q
    assert q.problems == ("after:20", "is:bogus", "author:", "title:")
    assert parse_query("   ") == Query()


def test_unknown_qualifier_and_urls_are_plain_text() -> None:
    assert parse_query("foo:bar").terms == (Term("foo:bar"),)
    assert parse_query("https://example.com/a").terms == (Term("https://example.com/a"),)


def test_control_characters_are_removed_before_parsing() -> None:
    assert parse_query("\x1b[31mred\x1b[0m").terms == (Term("red"),)


def test_every_token_is_quoted_so_fts_syntax_is_literal() -> None:
    q = parse_query('NEAR(a b) OR {title}:x col:"y" AND ^z')
    must, must_not = match_expression(q)
    assert must is not None and must_not is None
    # Every word sits inside a quoted FTS string; the only bare syntax is our AND / parens.
    assert must.count('"') % 2 == 0
    outside = must.split('"')[::2]
    assert all(set(part) <= set(" ()AND") for part in outside), must


def test_chinese_runs_become_bigram_phrases() -> None:
    assert term_expression(Term("新冠疫情")) == '"新冠 冠疫 疫情"'
    assert term_expression(Term("社")) == '"社"'
    assert term_expression(Term("covid疫情", prefix=False)) == '"covid" AND "疫情"'
    assert term_expression(Term("标题", field="title")) == '{title cjk_title} : ("标题")'
    assert term_expression(Term("!!!")) is None


@given(st.text())
def test_parse_query_never_raises(text: str) -> None:
    q = parse_query(text)
    assert isinstance(q, Query)
    for term in (*q.terms, *q.excluded):
        assert term.text  # no empty terms
        term_expression(term)


@given(st.text(alphabet='ab 疫情-:"*()\\\x00\x1b社区title:site:after:is:fav', max_size=40))
def test_parse_query_never_raises_on_syntax_soup(text: str) -> None:
    q = parse_query(text)
    match_expression(q)
