"""Subscribed feeds and their fetch state (validators, last result, consecutive failures)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from ..errors import AmbiguousFeed, FeedExists, FeedNotFound
from ..web.urls import normalize_url
from .db import StateDB, from_iso, to_iso

FULL_TEXT_MODES = ("auto", "always", "never")
FETCH_STATUSES = ("ok", "not-modified", "error")
FAILING_AFTER = 5  # consecutive failed refreshes before a feed is shown as failing


@dataclass(frozen=True)
class FetchState:
    etag: str | None
    last_modified: str | None
    last_refresh: datetime | None
    last_status: str | None  # None until the first refresh
    last_error: str | None
    failures: int  # consecutive; reset by any answer (ok or not-modified)


@dataclass(frozen=True)
class Feed:
    id: str
    url: str
    title: str
    source: str  # the outlet the user named, or ""
    full_text: str
    added_at: datetime
    fetch: FetchState

    @property
    def failing(self) -> bool:
        return self.fetch.failures >= FAILING_AFTER

    @property
    def outlet(self) -> str:
        """The outlet its articles are credited to: the user's name for it, else its title."""
        return self.source or self.title

    @property
    def name(self) -> str:
        return self.title or self.url


_COLUMNS = "id, url, title, source, full_text, added_at, etag, last_modified, last_refresh, last_status, last_error, failures"


def _feed(row: sqlite3.Row | tuple) -> Feed:
    (id_, url, title, source, full_text, added_at, etag, last_modified, last_refresh, status, error, failures) = row
    added = from_iso(added_at)
    assert added is not None
    fetch = FetchState(etag, last_modified, from_iso(last_refresh), status, error, failures)
    return Feed(id_, url, title, source, full_text, added, fetch)


def _id(feed: Feed | str) -> str:
    return feed.id if isinstance(feed, Feed) else feed


def _check_mode(full_text: str) -> None:
    if full_text not in FULL_TEXT_MODES:
        raise ValueError(f"full_text must be one of {', '.join(FULL_TEXT_MODES)}, not {full_text!r}")


def _by_id(connection: sqlite3.Connection, feed_id: str) -> Feed | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    return _feed(row) if row else None


def add_feed(
    db: StateDB, url: str, title: str = "", source: str = "", full_text: str = "auto", at: datetime | None = None
) -> Feed:
    """Subscribe to `url`; a URL already subscribed (after normalising) is an error naming that feed."""
    _check_mode(full_text)
    url = url.strip()
    key = normalize_url(url)
    with db.writing() as connection:
        existing = connection.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url_key = ?", (key,)).fetchone()
        if existing:
            feed = _feed(existing)
            raise FeedExists(f"{url} is already subscribed as feed {feed.id} ({feed.name})")
        cursor = connection.execute(
            "INSERT INTO feeds (id, url, url_key, title, source, full_text, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (f"new:{key}", url, key, title, source, full_text, to_iso(at)),
        )
        # Ids are short and stable: "f" and the never-reused row number.
        feed_id = f"f{cursor.lastrowid}"
        connection.execute("UPDATE feeds SET id = ? WHERE num = ?", (feed_id, cursor.lastrowid))
        added = _by_id(connection, feed_id)
    assert added is not None
    return added


def list_feeds(db: StateDB) -> list[Feed]:
    """Every feed, in the order they were added."""
    with db.reading() as connection:
        return [_feed(row) for row in connection.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY num")]


def get_feed(db: StateDB, feed_id: str) -> Feed:
    with db.reading() as connection:
        feed = _by_id(connection, feed_id)
    if feed is None:
        raise FeedNotFound(f"no feed has the id {feed_id}")
    return feed


def find_feed(db: StateDB, query: str) -> Feed:
    """The feed `query` names: its id, its URL (normalised), its title, or a
    unique prefix of its title (case-insensitive), tried in that order."""
    query = query.strip()
    feeds = list_feeds(db)
    key = normalize_url(query)
    folded = query.casefold()
    for matches in (
        [feed for feed in feeds if feed.id == query],
        [feed for feed in feeds if normalize_url(feed.url) == key],
        [feed for feed in feeds if feed.title.casefold() == folded],
        [feed for feed in feeds if folded and feed.title.casefold().startswith(folded)],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = ", ".join(f"{feed.id} ({feed.name})" for feed in matches)
            raise AmbiguousFeed(f"{query!r} matches several feeds: {names}; give its id")
    raise FeedNotFound(f"no feed has the id, URL or title {query!r}")


def _update(db: StateDB, feed: Feed | str, assignments: str, values: tuple) -> Feed:
    feed_id = _id(feed)
    with db.writing() as connection:
        changed = connection.execute(f"UPDATE feeds SET {assignments} WHERE id = ?", (*values, feed_id)).rowcount
        if not changed:
            raise FeedNotFound(f"no feed has the id {feed_id}")
        updated = _by_id(connection, feed_id)
    assert updated is not None
    return updated


def rename_feed(db: StateDB, feed: Feed | str, title: str) -> Feed:
    """Give the feed a new title; one another feed has (compared case-insensitively,
    as `find_feed` does) is refused with FeedExists, so a name names one feed."""
    title = title.strip()
    feed_id = _id(feed)
    with db.writing() as connection:
        for row in connection.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id != ?", (feed_id,)):
            other = _feed(row)
            if title and other.title.casefold() == title.casefold():
                raise FeedExists(
                    f"another feed, {other.id}, is already named {other.title!r}; "
                    "choose another name, so `feed:NAME` names one feed"
                )
        return _update(db, feed, "title = ?", (title,))


def set_source(db: StateDB, feed: Feed | str, source: str) -> Feed:
    """Name the outlet the feed's articles are credited to ("" for the feed's title)."""
    return _update(db, feed, "source = ?", (source.strip(),))


def set_full_text(db: StateDB, feed: Feed | str, full_text: str) -> Feed:
    _check_mode(full_text)
    return _update(db, feed, "full_text = ?", (full_text,))


def remove_feed(db: StateDB, feed: Feed | str) -> None:
    """Unsubscribe. The feed's articles, their flags and URLs stay; they are
    detached from it (feed_id NULL) and its seen entries are forgotten."""
    feed_id = _id(feed)
    with db.writing() as connection:
        # The schema's foreign keys do the detaching (SET NULL) and forgetting (CASCADE).
        if not connection.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount:
            raise FeedNotFound(f"no feed has the id {feed_id}")


def record_fetch(
    db: StateDB,
    feed: Feed | str,
    status: str,
    etag: str | None = None,
    last_modified: str | None = None,
    error: str | None = None,
    title: str | None = None,
    at: datetime | None = None,
) -> Feed:
    """Record one refresh of the feed.

    "ok" stores the new validators; "not-modified" keeps the old ones unless
    new ones are given; both reset the failure count. "error" keeps the
    validators and counts one more consecutive failure. `title`, the feed's
    own, is taken only while the feed has none (a rename is the user's)."""
    if status not in FETCH_STATUSES:
        raise ValueError(f"status must be one of {', '.join(FETCH_STATUSES)}, not {status!r}")
    when = to_iso(at)
    if status == "ok":
        assignments = "etag = ?, last_modified = ?, last_error = NULL, failures = 0"
        values: tuple = (etag, last_modified)
    elif status == "not-modified":
        assignments = "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
        assignments += "last_error = NULL, failures = 0"
        values = (etag, last_modified)
    else:
        assignments = "last_error = ?, failures = failures + 1"
        values = (error or "unknown error",)
    assignments += ", last_status = ?, last_refresh = ?, title = CASE WHEN title = '' THEN ? ELSE title END"
    return _update(db, feed, assignments, (*values, status, when, (title or "").strip()))
