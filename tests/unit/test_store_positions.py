"""Reading positions: kept in a real SQLite file (schema 4, and the migration to it from a
version-3 cache), and the arithmetic that turns a scroll offset into an anchor and back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from broadsheet.models import Article, Block, BlockKind
from broadsheet.store import SCHEMA_VERSION, ReadingPosition, Store
from broadsheet.store.db import AFTER_MIGRATION, MIGRATIONS
from broadsheet.ui.positions import TOP, anchor, scroll_target
from support.store_area import page


def save(store: Store, url: str, text: str = "Body text.") -> int:
    article = Article(url=url, title=url, blocks=(Block(BlockKind.PARAGRAPH, text),))
    return store.save_fetch(page(url), article).id


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "broadsheet.sqlite3"


# -- the store ---------------------------------------------------------------------------------


def test_a_position_survives_closing_and_reopening_the_file(path: Path) -> None:
    store = Store(path)
    first, second = save(store, "https://o/1"), save(store, "https://o/2")
    assert store.reading_position(first) is None  # never saved
    assert store.save_reading_position(first, ReadingPosition(7, 0.25, 0.4))
    assert store.save_reading_position(first, ReadingPosition(9, 0.5, 0.6))  # replaces
    assert store.save_reading_position(second, ReadingPosition(0, 0.0, 1.0))
    store.close()
    reopened = Store(path)
    assert reopened.reading_position(first) == ReadingPosition(9, 0.5, 0.6)
    assert reopened.reading_position(second) == ReadingPosition(0, 0.0, 1.0)
    assert reopened.reading_position(second).at_end  # type: ignore[union-attr]
    (read_at,) = reopened.db.read(
        "SELECT read_at FROM reading_positions WHERE article_id=?", (first,)
    )[0]
    assert read_at.startswith("20") and read_at.endswith("+00:00")
    reopened.close()


def test_refreshing_an_article_keeps_its_position_and_pruning_removes_it(path: Path) -> None:
    store = Store(path)
    kept = save(store, "https://o/kept")
    store.save_reading_position(kept, ReadingPosition(3, 0.5, 0.5))
    assert save(store, "https://o/kept", "A newer copy of the text.") == kept  # a refresh
    assert store.reading_position(kept) == ReadingPosition(3, 0.5, 0.5)
    result = store.prune("2100-01-01T00:00:00+00:00")  # everything is older than that
    assert result.articles == 1
    assert store.db.read("SELECT count(*) FROM reading_positions")[0][0] == 0
    store.close()


def test_an_article_that_is_gone_gets_no_position(path: Path) -> None:
    store = Store(path)
    assert not store.save_reading_position(12345, ReadingPosition(1, 0.5, 0.5))
    assert store.db.read("SELECT count(*) FROM reading_positions")[0][0] == 0
    store.close()


def test_values_out_of_range_are_clamped_both_ways(path: Path) -> None:
    store = Store(path)
    article_id = save(store, "https://o/1")
    store.save_reading_position(article_id, ReadingPosition(-4, 7.0, float("nan")))
    assert store.reading_position(article_id) == ReadingPosition(0, 1.0, 0.0)
    with store.db.write() as conn:  # a damaged row, written behind the store's back
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE reading_positions SET block=-2, fraction=3.5, progress=-1")
    assert store.reading_position(article_id) == ReadingPosition(0, 1.0, 0.0)
    with store.db.write() as conn:
        conn.execute("UPDATE reading_positions SET fraction='half'")
    assert store.reading_position(article_id) is None  # a cell that is no number: no position
    store.close()


def _version_3_cache(path: Path) -> None:
    """A cache as Broadsheet left it before positions existed: one article, cached under
    schema 2 and indexed by the migration to 3, as an upgraded cache would have it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        conn.executescript(script())
    conn.execute(
        "INSERT INTO articles (url, final_url, title, text, data, fetched_at, added_at, read, "
        "favourite) VALUES ('https://o/old', 'https://o/old', 'Old article', 'walrus', ?, 't', "
        "'t', 1, 1)",
        (json.dumps({"title": "Old article"}),),
    )
    conn.executescript(MIGRATIONS[2]())
    AFTER_MIGRATION[2](conn)
    conn.execute("PRAGMA user_version = 3")
    conn.close()


def test_a_version_3_cache_is_migrated_with_its_articles_and_marks(path: Path) -> None:
    _version_3_cache(path)
    store = Store(path)
    try:
        assert store.db.connection().execute("PRAGMA user_version").fetchone()[0] == 4
        assert SCHEMA_VERSION == 4
        (summary,) = store.list_articles()
        assert (summary.title, summary.read, summary.favourite) == ("Old article", True, True)
        assert [hit.article.id for hit in store.search("walrus")] == [summary.id]
        assert store.reading_position(summary.id) is None
        assert store.save_reading_position(summary.id, ReadingPosition(2, 0.5, 0.3))
        assert store.reading_position(summary.id) == ReadingPosition(2, 0.5, 0.3)
    finally:
        store.close()


# -- anchors -----------------------------------------------------------------------------------

# The first row of each part (title, metadata, three paragraphs) and the end of the content, as
# the pane lays them out: wide, and narrow where the paragraphs wrap to more rows.
WIDE = ([1, 2, 5, 9, 12], 20)
NARROW = ([1, 2, 5, 15, 22], 40)


def test_every_row_comes_back_to_itself_at_the_same_width() -> None:
    starts, end = WIDE
    top = end - 8  # a pane eight rows high
    for row in range(top + 1):
        position = anchor(starts, end, row, top)
        assert scroll_target(position, starts, end, top) == row


def test_a_row_in_the_gap_under_a_part_belongs_to_that_part() -> None:
    starts, end = WIDE
    assert anchor(starts, end, 0, 12) == TOP  # the title's top margin is the title's
    assert anchor(starts, end, 4, 12).block == 1  # the metadata's bottom margin
    assert anchor(starts, end, 5, 12) == ReadingPosition(2, 0.0, 5 / 12)


def test_another_width_lands_on_the_same_part_at_the_same_fraction() -> None:
    position = anchor(*WIDE, 7, 12)  # half way down the first paragraph (rows 5-8)
    assert (position.block, position.fraction) == (2, 0.5)
    assert scroll_target(position, *NARROW, 32) == 10  # its rows are 5-14 there


def test_the_end_stays_the_end_and_a_vanished_part_means_the_last() -> None:
    at_end = anchor(*WIDE, 12, 12)
    assert at_end.at_end
    assert scroll_target(at_end, *NARROW, 32) == 32
    gone = ReadingPosition(40, 0.5, 0.5)  # the article became shorter since
    assert scroll_target(gone, *WIDE, 12) == 12  # the last part, clamped to what scrolls
    assert scroll_target(gone, [], 0, 0) == 0
    assert anchor([], 0, 0, 0) == TOP
