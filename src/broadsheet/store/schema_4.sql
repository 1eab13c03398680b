-- Broadsheet cache, schema version 4: where each article was left in the reader, so it reopens
-- there after a restart (issue: reading positions). Applied after schema_3.sql in the same kind
-- of BEGIN IMMEDIATE transaction. Never edit; add schema_5.sql.

-- A table of its own, not columns on `articles`: the reader saves a position each time it
-- leaves an article, and SQLite rewrites a whole record on UPDATE, so a column beside the
-- article's JSON (`data`, often tens of KB) would rewrite that JSON on every save. This row is
-- a few dozen bytes. Removing an article (prune) removes its position with it.
--
-- The place is a block, not a row count: `block` is the index of the reader's first visible
-- part (title, metadata line, summary, then one per body block, then the link sections) and
-- `fraction` how far down that part the top of the pane was (0 to 1 of its height). A row
-- count (scroll_y) points at different text once the pane is narrower or wider and the
-- paragraphs wrap differently; the block and a fraction of it land on the same passage.
-- `progress` (0 to 1 of the scroll range) is what the status line showed; 1 means the article
-- was left at its end, which is restored as the end whatever the width.
CREATE TABLE reading_positions (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    block       INTEGER NOT NULL DEFAULT 0 CHECK (block >= 0),
    fraction    REAL NOT NULL DEFAULT 0 CHECK (fraction >= 0 AND fraction <= 1),
    progress    REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    read_at     TEXT NOT NULL               -- ISO 8601 UTC, when the position was last saved
);
