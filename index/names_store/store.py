"""Rows of the names file: each article's stored names, the articles giving
each name and the entities each article counts under (kept as articles
come and go), the change stamp, which index state the rows were last
checked against, and the cached library-wide facets (see `connection`
for the file itself)."""

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


def meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def stamp(connection: sqlite3.Connection) -> int:
    """Changes whenever the articles' rows do: what cached facets are keyed by."""
    value = meta(connection, "stamp")
    return int(value) if value and value.isdigit() else 0


def _bump(connection: sqlite3.Connection) -> None:
    set_meta(connection, "stamp", str(stamp(connection) + 1))


def synced(connection: sqlite3.Connection) -> str | None:
    """The index state the rows were last checked against (see `sync.index_token`)."""
    return meta(connection, "synced")


def set_synced(connection: sqlite3.Connection, token: str) -> None:
    set_meta(connection, "synced", token)


LABELS = ("PERSON", "ORG", "PLACE", "SPEAKER")
BOTH = "BOTH"
"""Counted beside the labels: names an article gives as a person and as a speaker."""
PUT_CHUNK = 2000
"""Articles written at a time: a first recording of 100,000 streams through."""


def clean(names: object) -> dict[str, list[str]]:
    """An article's names per facet label, each once, in the order given;
    nothing of names of the wrong shape (older or damaged)."""
    found: dict[str, list[str]] = {}
    for label in LABELS:
        values = names.get(label) if isinstance(names, dict) else None
        found[label] = list(dict.fromkeys(v for v in values if isinstance(v, str) and v)) if isinstance(values, list | tuple) else []
    return found


def _tallied(names: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    """(label, name) pairs an article adds one to: each of its names once per label, and BOTH."""
    for label in LABELS:
        for name in names[label]:
            yield label, name
    speakers = set(names["SPEAKER"])
    for name in names["PERSON"]:
        if name in speakers:
            yield BOTH, name


class _Names:
    """Name ids and count changes of one write, applied at its end."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.ids: dict[tuple[str, str], int] = {}
        self.delta: dict[int, int] = {}

    def nid(self, label: str, name: str) -> int:
        key = (label, name)
        found = self.ids.get(key)
        if found is None:
            row = self.connection.execute("SELECT nid FROM names WHERE label = ? AND name = ?", key).fetchone()
            if row is None:
                row = self.connection.execute("INSERT INTO names (label, name, articles) VALUES (?, ?, 0) RETURNING nid", key).fetchone()
            found = self.ids[key] = row[0]
        return found

    def flush(self) -> None:
        self.connection.executemany("UPDATE names SET articles = articles + ? WHERE nid = ?",
                                    [(change, nid) for nid, change in self.delta.items() if change])
        self.connection.executemany("DELETE FROM names WHERE nid = ? AND articles <= 0", [(nid,) for nid in self.delta])
        self.delta.clear()


def put(connection: sqlite3.Connection, rows: Iterable[tuple[str, Names]]) -> int:
    """Record articles' names (recording an id again replaces it, at the
    end), counting each name in and noting who names it: the same
    transaction keeps the counts and the rows in step. Streams `rows`."""
    tally, written, chunk = _Names(connection), 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= PUT_CHUNK:
            written += _put_chunk(connection, tally, chunk)
            chunk = []
    written += _put_chunk(connection, tally, chunk)
    if written:
        _bump(connection)
    return written


def _put_chunk(connection: sqlite3.Connection, tally: _Names, rows: list[tuple[str, Names]]) -> int:
    if not rows:
        return 0
    latest: dict[str, Names] = {}
    for article_id, names in rows:  # an id given twice is recorded once, as last given
        latest.pop(article_id, None)
        latest[article_id] = names
    rows = list(latest.items())
    _forget(connection, tally, list(latest))
    mentions: list[tuple[int, int]] = []
    articles: list[tuple[int, str, str]] = []
    # Numbered here, so the chunk is one executemany (100,000 single inserts cost 1 s more).
    last = connection.execute("SELECT max(num) FROM articles").fetchone()[0] or 0
    for num, (article_id, names) in enumerate(rows, start=last + 1):
        kept = clean(names)
        articles.append((num, article_id, encode(kept)))
        for label, name in _tallied(kept):
            nid = tally.nid(label, name)
            tally.delta[nid] = tally.delta.get(nid, 0) + 1
            if label != BOTH:
                mentions.append((nid, num))
    connection.executemany("INSERT INTO articles (num, id, names, entities) VALUES (?, ?, ?, NULL)", articles)
    mentions.sort()
    connection.executemany("INSERT OR IGNORE INTO mentions (nid, num) VALUES (?, ?)", mentions)
    tally.flush()
    return len(rows)


def forget(connection: sqlite3.Connection, article_ids: Iterable[str]) -> int:
    tally, removed, ids = _Names(connection), 0, list(article_ids)
    for start in range(0, len(ids), CHUNK):
        removed += _forget(connection, tally, ids[start:start + CHUNK])
    if removed:
        _bump(connection)
    return removed


def _forget(connection: sqlite3.Connection, tally: _Names, article_ids: list[str]) -> int:
    """Drop articles' rows, their names' counts and mentions, and what they counted under."""
    removed: list[int] = []
    gone: dict[int, int] = {}
    mentions: list[tuple[int, int]] = []
    for start in range(0, len(article_ids), CHUNK):
        chunk = article_ids[start:start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for num, article_id, text, entities in connection.execute(
                f"SELECT num, id, names, entities FROM articles WHERE id IN ({marks})", chunk).fetchall():
            removed.append(num)
            try:
                names = clean(json.loads(text))
            except ValueError:
                raise DamagedRow(article_id) from None
            for label, name in _tallied(names):
                nid = tally.nid(label, name)
                tally.delta[nid] = tally.delta.get(nid, 0) - 1
                if label != BOTH:
                    mentions.append((nid, num))
            for eid in counted_under(article_id, entities):
                gone[eid] = gone.get(eid, 0) + 1
    if not removed:
        return 0
    connection.executemany("DELETE FROM mentions WHERE nid = ? AND num = ?", mentions)
    connection.executemany("DELETE FROM articles WHERE num = ?", [(num,) for num in removed])
    tally.flush()
    change_entities(connection, {eid: -count for eid, count in gone.items()})
    return len(removed)


def counted_under(article_id: str, entities: str | None) -> list[int]:
    """The ids of the entities an article is counted under; none if not counted yet."""
    if not entities:
        return []
    try:
        return [int(eid) for eid in entities.split()]
    except ValueError:
        raise DamagedRow(article_id) from None


def entities_text(eids: Iterable[int]) -> str:
    return " ".join(map(str, sorted(eids)))


def change_entities(connection: sqlite3.Connection, delta: dict[int, int], *, drop: bool = True) -> None:
    """Add to (or take from) the articles counted under entities; `drop`
    those left with none (or leave them for the caller to)."""
    rows = [(change, eid) for eid, change in delta.items() if change]
    connection.executemany("UPDATE entities SET articles = articles + ? WHERE eid = ?", rows)
    if drop:
        connection.executemany("DELETE FROM entities WHERE eid = ? AND articles <= 0", [(eid,) for _change, eid in rows])
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
