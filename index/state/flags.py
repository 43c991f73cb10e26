"""Articles in the state database: which feed each came from, and its read and starred flags.

Articles added before the library had a state database have no row: they
count as read and unstarred, so upgrading a library does not light up
thousands of unread marks. Articles added from now on get a row, unread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from .db import StateDB, to_iso
from .feeds import Feed

_CHUNK = 500  # ids per statement, well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class Flags:
    read: bool
    starred: bool


@dataclass(frozen=True)
class FeedCounts:
    articles: int
    unread: int


UNTRACKED = Flags(read=True, starred=False)  # an article from before the state database


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


def _feed_id(feed: Feed | str | None) -> str | None:
    return feed.id if isinstance(feed, Feed) else feed


def add_article(
    db: StateDB, article_id: str, feed: Feed | str | None = None, read: bool = False, at: datetime | None = None
) -> None:
    """Track a newly added article (unread unless `read`). Tracking it again
    keeps its flags, and attaches it to `feed` if one is given."""
    with db.writing() as connection:
        connection.execute(
            "INSERT INTO articles (id, feed_id, read, starred, added_at) VALUES (?, ?, ?, 0, ?) "
            "ON CONFLICT (id) DO UPDATE SET feed_id = coalesce(excluded.feed_id, feed_id)",
            (article_id, _feed_id(feed), int(read), to_iso(at)),
        )


def adopt_articles(db: StateDB, article_ids: Iterable[str], feed: Feed | str) -> list[str]:
    """Attach to `feed` those of `article_ids` that belong to no feed (theirs was
    removed): a feed subscribed again gets its old articles back, flags kept. An
    article of another feed is never taken. Returns the ids attached."""
    feed_id = _feed_id(feed)
    adopted = []
    with db.writing() as connection:
        for article_id in dict.fromkeys(article_ids):
            changed = connection.execute(
                "UPDATE articles SET feed_id = ? WHERE id = ? AND feed_id IS NULL", (feed_id, article_id)
            ).rowcount
            if changed:
                adopted.append(article_id)
    return adopted


def _set(db: StateDB, ids: Iterable[str], column: str, new_row: Flags) -> None:
    """Set one flag; an id without a row gets one with `new_row`'s flags."""
    stamp = to_iso(None)
    with db.writing() as connection:
        for chunk in _chunks(ids):
            connection.executemany(
                "INSERT INTO articles (id, read, starred, added_at) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (id) DO UPDATE SET {column} = excluded.{column}",
                [(article_id, int(new_row.read), int(new_row.starred), stamp) for article_id in chunk],
            )


def set_read(db: StateDB, ids: Iterable[str], read: bool = True) -> None:
    _set(db, ids, "read", Flags(read=read, starred=False))


def set_starred(db: StateDB, ids: Iterable[str], starred: bool = True) -> None:
    # An article first seen here predates the state database: it counts as read.
    _set(db, ids, "starred", Flags(read=True, starred=starred))


def flags(db: StateDB, ids: Iterable[str]) -> dict[str, Flags]:
    """Each id's flags; untracked ids (older than the state database) are read and unstarred."""
    found: dict[str, Flags] = {}
    wanted = list(dict.fromkeys(ids))
    with db.reading() as connection:
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            for article_id, read, starred in connection.execute(
                f"SELECT id, read, starred FROM articles WHERE id IN ({marks})", chunk
            ):
                found[article_id] = Flags(bool(read), bool(starred))
    return {article_id: found.get(article_id, UNTRACKED) for article_id in wanted}


def unread_ids(db: StateDB, feed: Feed | str | None = None) -> set[str]:
    """Unread articles, of one feed if given."""
    query, params = "SELECT id FROM articles WHERE read = 0", ()
    if feed is not None:
        query, params = query + " AND feed_id = ?", (_feed_id(feed),)  # type: ignore[assignment]
    with db.reading() as connection:
        return {row[0] for row in connection.execute(query, params)}


def starred_ids(db: StateDB) -> set[str]:
    with db.reading() as connection:
        return {row[0] for row in connection.execute("SELECT id FROM articles WHERE starred = 1")}


def feed_articles(db: StateDB, feed: Feed | str) -> list[str]:
    """The ids of the articles that came from a feed, oldest first."""
    with db.reading() as connection:
        rows = connection.execute(
            "SELECT id FROM articles WHERE feed_id = ? ORDER BY added_at, id", (_feed_id(feed),)
        )
        return [row[0] for row in rows]


def article_feeds(db: StateDB) -> dict[str, str]:
    """Article id -> the id of the feed it came from, for articles from a feed still subscribed."""
    with db.reading() as connection:
        return dict(connection.execute("SELECT id, feed_id FROM articles WHERE feed_id IS NOT NULL").fetchall())


def article_feed(db: StateDB, article_id: str) -> str | None:
    """The id of the feed an article came from, if it came from one still subscribed."""
    with db.reading() as connection:
        row = connection.execute("SELECT feed_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None


def feed_counts(db: StateDB) -> dict[str, FeedCounts]:
    """Articles and unread articles per feed id (every feed, zero counts included)."""
    with db.reading() as connection:
        rows = connection.execute(
            "SELECT feeds.id, count(articles.id), coalesce(sum(articles.read = 0), 0) "
            "FROM feeds LEFT JOIN articles ON articles.feed_id = feeds.id GROUP BY feeds.id"
        )
        return {feed_id: FeedCounts(articles, unread) for feed_id, articles, unread in rows}


def forget_articles(db: StateDB, ids: Iterable[str]) -> None:
    """Drop removed articles: their flags and URLs go; the feed entries that
    brought them stay seen (with no article), so a refresh does not fetch them again."""
    with db.writing() as connection:
        for chunk in _chunks(ids):
            connection.executemany("DELETE FROM articles WHERE id = ?", [(article_id,) for article_id in chunk])
