"""Feed entries already seen, so a known entry is never fetched again.

An entry is known by its GUID or its link: both are stored as keys
("guid:…", "link:…" with the link normalised), and an entry is new only
when none of its keys is known to that feed. An entry whose article could
not be made (its page failed to fetch) is not recorded, so the next refresh
tries it again; one seen on purpose without an article (a URL the library
already held elsewhere, say) is recorded with article_id None or the holder.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..web.urls import normalize_url
from .db import StateDB, to_iso
from .feeds import Feed


def entry_keys(guid: str | None, link: str | None) -> tuple[str, ...]:
    """The keys an entry is known by: its GUID and its normalised link, whichever it has."""
    keys = []
    if guid and guid.strip():
        keys.append("guid:" + guid.strip())
    if link and link.strip():
        keys.append("link:" + normalize_url(link))
    return tuple(keys)


def _feed_id(feed: Feed | str) -> str:
    return feed.id if isinstance(feed, Feed) else feed


def known_keys(db: StateDB, feed: Feed | str) -> set[str]:
    """Every key of every entry seen in a feed."""
    with db.reading() as connection:
        rows = connection.execute("SELECT entry_key FROM entries WHERE feed_id = ?", (_feed_id(feed),))
        return {row[0] for row in rows}


def is_known(known: Collection[str], keys: Iterable[str]) -> bool:
    return any(key in known for key in keys)


def mark_seen(db: StateDB, feed: Feed | str, keys: Iterable[str], article_id: str | None = None) -> None:
    """Record one entry (by all its keys) as seen, with the article it became."""
    mark_all_seen(db, feed, [(tuple(keys), article_id)])


def mark_all_seen(db: StateDB, feed: Feed | str, seen: Iterable[tuple[Iterable[str], str | None]]) -> None:
    """Record many entries in one transaction. The article must be tracked
    (flags.add_article) first: the schema refuses entries naming unknown articles."""
    stamp = to_iso(None)
    feed_id = _feed_id(feed)
    rows = [(feed_id, key, article_id, stamp) for keys, article_id in seen for key in keys]
    with db.writing() as connection:
        connection.executemany(
            "INSERT INTO entries (feed_id, entry_key, article_id, seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (feed_id, entry_key) DO UPDATE SET article_id = coalesce(excluded.article_id, article_id)",
            rows,
        )
