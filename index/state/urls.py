"""Which article holds each (normalised) URL, so a URL the library already holds is skipped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..web.urls import is_url, normalize_url
from .db import StateDB, to_iso


def article_for_url(db: StateDB, url: str) -> str | None:
    """The id of the article already holding `url` (compared normalised), or None."""
    with db.reading() as connection:
        row = connection.execute("SELECT article_id FROM urls WHERE url_key = ?", (normalize_url(url),)).fetchone()
    return row[0] if row else None


def remember_url(db: StateDB, url: str, article_id: str) -> str:
    """Record that `article_id` holds `url`; returns the article holding it,
    which is the earlier one if another already did (the first one wins).

    An article not yet tracked (one from before the state database) is
    tracked as read, like every such article."""
    with db.writing() as connection:
        connection.execute(
            "INSERT INTO articles (id, read, starred, added_at) VALUES (?, 1, 0, ?) ON CONFLICT (id) DO NOTHING",
            (article_id, to_iso(None)),
        )
        key = normalize_url(url)
        connection.execute("INSERT INTO urls (url_key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", (key, article_id))
        holder = connection.execute("SELECT article_id FROM urls WHERE url_key = ?", (key,)).fetchone()[0]
    return str(holder)


def article_urls(db: StateDB, article_id: str) -> list[str]:
    """The normalised URLs recorded for an article."""
    with db.reading() as connection:
        rows = connection.execute("SELECT url_key FROM urls WHERE article_id = ? ORDER BY url_key", (article_id,))
        return [row[0] for row in rows]


def track_added(db: StateDB, urls: Mapping[str, Iterable[str]], *, read: bool = False) -> None:
    """Track newly added articles as unread (unless `read`) and remember their URLs, in one
    transaction (an add of thousands of articles must not wait on thousands
    of commits). `urls` maps each added id to its addresses (what is not an
    http(s) URL is ignored); an id tracked already keeps its flags, a URL
    already remembered keeps its article (the first one wins)."""
    stamp = to_iso(None)
    rows = [(normalize_url(url), article_id) for article_id, given in urls.items() for url in given if is_url(url)]
    with db.writing() as connection:
        connection.executemany(
            "INSERT INTO articles (id, read, starred, added_at) VALUES (?, ?, 0, ?) ON CONFLICT (id) DO NOTHING",
            [(article_id, int(read), stamp) for article_id in urls],
        )
        connection.executemany("INSERT INTO urls (url_key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows)
