-- Broadsheet cache, schema version 1. Applied by store.py inside one BEGIN IMMEDIATE
-- transaction; later versions are new files listed in store.MIGRATIONS, never edits of this one.

-- Feeds and index pages the user follows (issue: sources). Articles may point at one.
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'page',      -- 'feed' | 'page'
    added_at      TEXT NOT NULL,
    last_checked  TEXT,
    error         TEXT
);

-- Raw responses, kept so a better extractor can re-read every article offline (reindex).
CREATE TABLE pages (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,              -- the URL asked for
    final_url     TEXT NOT NULL,                     -- after redirects
    status        INTEGER NOT NULL,
    headers       TEXT NOT NULL DEFAULT '{}',        -- JSON object
    content_type  TEXT NOT NULL DEFAULT '',
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL,                     -- ISO 8601 UTC, last successful check
    body          BLOB NOT NULL,                     -- zlib-compressed bytes as received
    body_size     INTEGER NOT NULL                   -- uncompressed length
);

-- Extracted articles. Scalar fields are columns (for listing, sorting and, later, search);
-- `data` is the whole Article as serialize.article_to_dict JSON, comments included.
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    url            TEXT NOT NULL UNIQUE,             -- the URL asked for
    final_url      TEXT NOT NULL,
    page_id        INTEGER REFERENCES pages(id) ON DELETE SET NULL,
    source_id      INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    title          TEXT NOT NULL DEFAULT '',
    site_name      TEXT NOT NULL DEFAULT '',
    author         TEXT NOT NULL DEFAULT '',
    published      TEXT,
    source         TEXT NOT NULL DEFAULT '',         -- the 来源 line
    summary        TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT '',
    comment_state  TEXT NOT NULL DEFAULT 'unknown',
    comment_count  INTEGER,                          -- declared, else found; NULL if unknown
    data           TEXT NOT NULL,                    -- JSON, schema broadsheet.article/1
    text           TEXT NOT NULL DEFAULT '',         -- plain body text
    fetched_at     TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    read           INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    favourite      INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1))
);

CREATE INDEX articles_by_fetched ON articles (fetched_at DESC, id DESC);
CREATE INDEX articles_by_final_url ON articles (final_url);
CREATE INDEX articles_by_source ON articles (source_id);
CREATE INDEX pages_by_final_url ON pages (final_url);
