-- Broadsheet cache, schema version 3: full-text search (issue 6). Applied after schema_2.sql in
-- the same kind of BEGIN IMMEDIATE transaction, then db.AFTER_MIGRATION fills the index from
-- the articles already cached (the CJK transform is Python). Never edit; add schema_4.sql.
-- The tables are those of store/search.py (SCHEMA_SQL), written out so a later change there
-- cannot change what this migration did; a unit test checks that the two agree.

-- Contentless: the transformed columns (CJK bigrams) are never stored, only indexed.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, summary, body, meta, comments, cjk_title, cjk_summary, cjk_body, cjk_meta, cjk_comments,
    content='', tokenize='porter unicode61 remove_diacritics 2'
);
-- The source text of every indexed article (zlib JSON), to delete FTS rows, make snippets and
-- rebuild. No foreign key on purpose: the store calls search.remove_article before deleting.
CREATE TABLE search_docs (
    id     INTEGER PRIMARY KEY,  -- articles.id, also search_fts.rowid
    fields BLOB NOT NULL         -- zlib(JSON [title, summary, body, author, site, comments])
);
CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO search_meta (key, value) VALUES ('transform', '1');

-- Qualifier-only searches (is:unread, is:fav, after:) list matches newest first by
-- COALESCE(published, fetched_at): these indexes let SQLite walk the matches in that order
-- and stop at a page instead of sorting the whole table. site:/author: are substring tests
-- (LIKE '%x%'), which no b-tree index can serve, so they get none.
CREATE INDEX articles_by_date ON articles (coalesce(published, fetched_at) DESC, id DESC);
CREATE INDEX articles_by_read ON articles (read, coalesce(published, fetched_at) DESC, id DESC);
CREATE INDEX articles_by_favourite
    ON articles (favourite, coalesce(published, fetched_at) DESC, id DESC);
-- Pruning deletes pages no article points at any more.
CREATE INDEX articles_by_page ON articles (page_id);
