"""Where each article was left in the reader, kept in the ``reading_positions`` table (schema 4).

The position is an anchor in the article's own structure, not a scroll offset in rows: the
index of the reader's first visible part and how far into it the pane's top was, plus the
progress the status line showed. Rows wrap differently at another width (a resized pane,
another terminal), the parts of an article do not; ``schema_4.sql`` says more. The reader
turns an anchor into rows and back (``broadsheet.ui.positions``); this module only keeps it.

Values are clamped on the way in and on the way out, so a hand-edited or damaged row costs a
position, never an exception in the reader.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from broadsheet.store.db import Database, utc_now


def _unit(value: float) -> float:
    """``value`` within 0..1; NaN (no position) as 0."""
    return 0.0 if math.isnan(value) else min(max(value, 0.0), 1.0)


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where an article was left: part ``block`` of the reader, ``fraction`` (0..1) of the way
    down that part, and ``progress`` (0..1) through the article; 1 means its end."""

    block: int = 0
    fraction: float = 0.0
    progress: float = 0.0

    @classmethod
    def of(cls, block: int, fraction: float, progress: float) -> ReadingPosition:
        """A position with every value brought into range."""
        return cls(max(int(block), 0), _unit(float(fraction)), _unit(float(progress)))

    @property
    def at_end(self) -> bool:
        """Left at the very end: reopened at the end, however long the article has become."""
        return self.progress >= 1.0


#: The top of an article: where one never opened before starts.
TOP = ReadingPosition()


class PositionRows:
    """The ``Store`` methods for reading positions (mixed into ``Store``)."""

    db: Database

    def reading_position(self, article_id: int) -> ReadingPosition | None:
        """Where ``article_id`` was left, or None if it was never saved (or the article is gone)."""
        rows = self.db.read(
            "SELECT block, fraction, progress FROM reading_positions WHERE article_id=?",
            (article_id,),
        )
        if not rows:
            return None
        block, fraction, progress = rows[0]
        try:
            return ReadingPosition.of(block, fraction, progress)
        except (TypeError, ValueError):  # a cell that is not a number: no position
            return None

    def save_reading_position(self, article_id: int, position: ReadingPosition) -> bool:
        """Keep where ``article_id`` was left, replacing the last one; False (nothing written)
        when no article has that id any more, as after a prune in another process."""
        clean = ReadingPosition.of(position.block, position.fraction, position.progress)
        with self.db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO reading_positions (article_id, block, fraction, progress, read_at) "
                "SELECT id, ?, ?, ?, ? FROM articles WHERE id=? "
                "ON CONFLICT(article_id) DO UPDATE SET block=excluded.block, "
                "fraction=excluded.fraction, progress=excluded.progress, "
                "read_at=excluded.read_at",
                (clean.block, clean.fraction, clean.progress, utc_now(), article_id),
            )
            return cursor.rowcount > 0
