"""Rows of the names file: each article's stored names, the change stamp,
which index state the rows were last checked against, and the cached
library-wide facets (see `connection` for the file itself)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator

Names = dict[str, list[str]]
"""label -> an article's names of that kind, as the index stores them."""

CHUNK = 500
"""Ids per `IN (...)` lookup: well under SQLite's limit on bound values."""


class DamagedRow(sqlite3.DatabaseError):
    """A row that does not decode: the file is damaged (and made again)."""

    def __init__(self, article_id: str) -> None:
        super().__init__(f"names of {article_id!r} are malformed")


def encode(names: Names) -> str:
    return json.dumps({label: values for label, values in names.items() if values}, separators=(",", ":"),
                      ensure_ascii=False)


def decode(article_id: str, text: str) -> Names:
    try:
        names = json.loads(text)
    except ValueError:
        raise DamagedRow(article_id) from None
    if not isinstance(names, dict):
        raise DamagedRow(article_id)
    return names


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def stamp(connection: sqlite3.Connection) -> int:
    """Changes whenever the articles' rows do: what cached facets are keyed by."""
    value = _meta(connection, "stamp")
    return int(value) if value and value.isdigit() else 0


def _bump(connection: sqlite3.Connection) -> None:
    _set_meta(connection, "stamp", str(stamp(connection) + 1))


def synced(connection: sqlite3.Connection) -> str | None:
    """The index state the rows were last checked against (see `sync.index_token`)."""
    return _meta(connection, "synced")


def set_synced(connection: sqlite3.Connection, token: str) -> None:
    _set_meta(connection, "synced", token)


def put(connection: sqlite3.Connection, rows: Iterable[tuple[str, Names]]) -> int:
    """Record articles' names (recording an id again replaces it, at the end)."""
    encoded = [(article_id, encode(names)) for article_id, names in rows]
    if encoded:
        connection.executemany("INSERT OR REPLACE INTO articles (id, names) VALUES (?, ?)", encoded)
        _bump(connection)
    return len(encoded)


def forget(connection: sqlite3.Connection, article_ids: Iterable[str]) -> int:
    removed = 0
    for article_id in article_ids:
        removed += connection.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
    if removed:
        _bump(connection)
    return removed


def ids(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT id FROM articles")}


def all_names(connection: sqlite3.Connection) -> Iterator[Names]:
    """Every article's names, in the order they were recorded."""
    for article_id, text in connection.execute("SELECT id, names FROM articles ORDER BY num"):
        yield decode(article_id, text)


def names_of(connection: sqlite3.Connection, article_ids: list[str]) -> dict[str, Names]:
    """The names of those of `article_ids` that are recorded."""
    found: dict[str, Names] = {}
    for start in range(0, len(article_ids), CHUNK):
        chunk = article_ids[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for article_id, text in connection.execute(f"SELECT id, names FROM articles WHERE id IN ({marks})", chunk):
            found[article_id] = decode(article_id, text)
    return found


def cached(connection: sqlite3.Connection, kind: str) -> str | None:
    """A cached result made from the rows as they are now (None if made from older ones)."""
    row = connection.execute("SELECT stamp, payload FROM cache WHERE kind = ?", (kind,)).fetchone()
    return row[1] if row and row[0] == stamp(connection) else None


def cache(connection: sqlite3.Connection, kind: str, made_at: int, payload: str) -> bool:
    """Keep a result made from the rows at stamp `made_at`, unless they have changed since."""
    if stamp(connection) != made_at:
        return False
    connection.execute("INSERT OR REPLACE INTO cache (kind, stamp, payload) VALUES (?, ?, ?)", (kind, made_at, payload))
    return True
