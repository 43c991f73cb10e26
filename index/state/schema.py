"""The state database's schema, as numbered migrations applied by `PRAGMA user_version`.

Each migration moves the schema from version N-1 to N; a database is brought
up to `SCHEMA_VERSION` when it is opened for writing. Never edit a released
migration: add the next one.
"""

from __future__ import annotations

# Articles that existed before the state database have no `articles` row and
# count as read and unstarred (see flags.py); rows are made for new articles.
_V1 = """
CREATE TABLE feeds (
    num INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a removed feed's id is never reused
    id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL UNIQUE,
    url_key TEXT NOT NULL UNIQUE,  -- index.web.urls.normalize_url(url)
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    full_text TEXT NOT NULL DEFAULT 'auto' CHECK (full_text IN ('auto', 'always', 'never')),
    added_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_refresh TEXT,
    last_status TEXT CHECK (last_status IN ('ok', 'not-modified', 'error')),
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    feed_id TEXT REFERENCES feeds(id) ON DELETE SET NULL,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    added_at TEXT NOT NULL
);
CREATE INDEX articles_by_feed ON articles(feed_id);
CREATE INDEX articles_unread ON articles(read) WHERE read = 0;
CREATE TABLE entries (
    feed_id TEXT NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,  -- the entry's GUID, else its link
    article_id TEXT REFERENCES articles(id) ON DELETE SET NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, entry_key)
) WITHOUT ROWID;
CREATE INDEX entries_by_article ON entries(article_id);
CREATE TABLE urls (
    url_key TEXT PRIMARY KEY,  -- index.web.urls.normalize_url(url)
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX urls_by_article ON urls(article_id);
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("feeds", "articles", "entries", "urls")
