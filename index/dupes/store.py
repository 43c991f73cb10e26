"""Near-duplicate records: each article's signature and LSH bands, and the
pairs found, kept in the near-duplicate file (see `connection`).

Every lookup goes through SQLite's B-trees: nothing whole-library is held
in memory, and the cost of adding an article barely grows with the library.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from .lsh import band_keys, near_duplicate
from .minhash import Signature, pack, unpack

_IN_SIZE = 500
"""Ids per `IN (...)` list."""
MAX_CANDIDATES = 200
"""Articles read per band, and candidates judged per article (those sharing
the most bands first): a band shared by very many articles (boilerplate)
cannot make an add slow."""


@dataclass(frozen=True)
class Entry:
    """What is recorded of one article: its id, shingle count and signature."""

    id: str
    shingles: int
    signature: Signature | None
    """None for an article too short to compare: recorded, so it is not
    signed again, but never a candidate."""


def _num(connection: sqlite3.Connection, article_id: str) -> int | None:
    row = connection.execute("SELECT num FROM signatures WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def forget(connection: sqlite3.Connection, article_id: str) -> None:
    """Drop an article's signature, bands and pairs."""
    row = connection.execute("SELECT num, signature FROM signatures WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return
    num, blob = row
    sig = unpack(blob)
    if sig is not None:
        connection.executemany("DELETE FROM bands WHERE key = ? AND num = ?", [(key, num) for key in band_keys(sig)])
    elif blob:  # a damaged blob: find its bands the slow way
        connection.execute("DELETE FROM bands WHERE num = ?", (num,))
    connection.execute("DELETE FROM pairs WHERE a = ?", (num,))
    connection.execute("DELETE FROM pairs WHERE b = ?", (num,))
    connection.execute("DELETE FROM signatures WHERE num = ?", (num,))


def record_batch(connection: sqlite3.Connection, entries: list[Entry]) -> int:
    """Store articles' signatures and bands, and pair each with the articles
    stored before it (earlier in the batch too) that it nearly duplicates;
    returns how many pairs were made. Recording an id again replaces it.

    Bands are looked up and inserted in key order, a batch at a time, so
    each B-tree page is visited once per batch rather than once per article."""
    latest = list({entry.id: entry for entry in entries}.values())  # the last record of an id wins
    for article_id in _recorded(connection, [entry.id for entry in latest]):
        forget(connection, article_id)
    signed: list[tuple[int, Entry, Signature, list[int]]] = []
    for entry in latest:
        blob = pack(entry.signature) if entry.signature is not None else b""
        num = connection.execute(
            "INSERT INTO signatures (id, shingles, signature) VALUES (?, ?, ?)", (entry.id, entry.shingles, blob)
        ).lastrowid
        if entry.signature is not None and num is not None:
            signed.append((num, entry, entry.signature, band_keys(entry.signature)))
    holders = _holders(connection, sorted({key for *_, keys in signed for key in keys}))
    known: dict[int, tuple[Signature, int]] = {}
    pairs: list[tuple[int, int, float]] = []
    for num, entry, sig, keys in signed:
        # Counted in C, in the same order (ties in `most_common` go to the first met).
        shared: Counter[int] = Counter(chain.from_iterable(holders.get(key, ()) for key in keys))
        candidates = [other for other, _ in shared.most_common(MAX_CANDIDATES)]
        _load_signatures(connection, [other for other in candidates if other not in known], known)
        for other in candidates:
            if other in known:
                other_sig, other_size = known[other]
                score = near_duplicate(sig, entry.shingles, other_sig, other_size)
                if score is not None:
                    pairs.append((min(num, other), max(num, other), score))
        known[num] = (sig, entry.shingles)
        for key in keys:
            holders.setdefault(key, []).append(num)
    connection.executemany("INSERT OR IGNORE INTO bands (key, num) VALUES (?, ?)",
                           sorted((key, num) for num, *_, keys in signed for key in keys))
    connection.executemany("INSERT OR REPLACE INTO pairs (a, b, similarity) VALUES (?, ?, ?)", pairs)
    return len(pairs)


def _recorded(connection: sqlite3.Connection, article_ids: list[str]) -> list[str]:
    """Those of the ids that have a record (one query, not one per article)."""
    found: set[str] = set()
    for start in range(0, len(article_ids), _IN_SIZE):
        part = article_ids[start : start + _IN_SIZE]
        marks = ",".join("?" * len(part))
        found.update(row[0] for row in connection.execute(f"SELECT id FROM signatures WHERE id IN ({marks})", part))
    return [article_id for article_id in article_ids if article_id in found]


def _holders(connection: sqlite3.Connection, keys: list[int]) -> dict[int, list[int]]:
    """The first MAX_CANDIDATES articles (by number) holding each band key,
    for keys any article holds. One statement for all the keys: one per key
    (4,200 for an add of 100) cost twice the time in calls alone."""
    holders: dict[int, list[int]] = {}
    # Each key's numbers as one JSON array: json.loads makes the ints in C
    # (100k articles: 180,000 numbers an add; 52 ms against 85-120 before).
    for key, nums in connection.execute(
        "SELECT k.value, (SELECT json_group_array(num) FROM"
        " (SELECT num FROM bands WHERE key = k.value ORDER BY num LIMIT ?)) FROM json_each(?) k",
        (MAX_CANDIDATES, json.dumps(keys)),
    ):
        if nums != "[]":
            holders[key] = json.loads(nums)
    return holders


def _load_signatures(connection: sqlite3.Connection, nums: list[int], into: dict[int, tuple[Signature, int]]) -> None:
    if not nums:
        return
    marks = ",".join("?" * len(nums))
    for num, size, blob in connection.execute(
        f"SELECT num, shingles, signature FROM signatures WHERE num IN ({marks})", nums
    ):
        sig = unpack(blob)
        if sig is not None:  # a damaged or short article's row: never a match
            into[num] = (sig, size)


def pairs_of(connection: sqlite3.Connection, article_id: str) -> list[tuple[str, float]]:
    """The ids the article nearly duplicates, with their estimated resemblance."""
    num = _num(connection, article_id)
    if num is None:
        return []
    rows = connection.execute(
        "SELECT s.id, p.similarity FROM pairs p JOIN signatures s ON s.num = p.b WHERE p.a = ? "
        "UNION ALL SELECT s.id, p.similarity FROM pairs p JOIN signatures s ON s.num = p.a WHERE p.b = ?",
        (num, num),
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def is_recorded(connection: sqlite3.Connection, article_id: str) -> bool:
    return _num(connection, article_id) is not None
