-- Broadsheet cache, schema version 2: sources that can be refreshed, and the entries linking
-- them to articles (issue 5). Applied after schema.sql in the same kind of BEGIN IMMEDIATE
-- transaction; never edit this file once released, add schema_3.sql instead.

-- What a refresh needs: the feed to fetch (for kind 'feed'; a page source fetches `url`),
-- the validators of the last answer for a conditional GET, and the per-source choice between
-- the feed's own content and fetching the full article page for every entry.
ALTER TABLE sources ADD COLUMN feed_url TEXT;
ALTER TABLE sources ADD COLUMN site_url TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN etag TEXT;
ALTER TABLE sources ADD COLUMN last_modified TEXT;
ALTER TABLE sources ADD COLUMN full_article INTEGER NOT NULL DEFAULT 0;
-- sha256 of the last feed body read: a server without validators sending the same bytes
-- again is not parsed again.
ALTER TABLE sources ADD COLUMN content_hash TEXT;

-- An article may be listed by several sources (a story in two feeds, a portal page linked from
-- two index pages); removing a source removes its entries, never the articles or their marks.
CREATE TABLE entries (
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entry_key   TEXT NOT NULL DEFAULT '',   -- the feed's id for the entry (guid), else the URL
    position    INTEGER NOT NULL DEFAULT 0, -- place in the feed or on the page at the last check
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    PRIMARY KEY (source_id, article_id)
) WITHOUT ROWID;

CREATE INDEX entries_by_article ON entries (article_id);
CREATE INDEX sources_by_feed_url ON sources (feed_url);
