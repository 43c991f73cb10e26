"""The near-duplicate store's batched look-ups answer as one look-up per key did."""

from __future__ import annotations

import random

import pytest

from index.dupes import connection as dupes_file
from index.dupes import store
from index.dupes.lsh import band_keys
from index.dupes.minhash import NUM_HASHES, similarity


def _per_key(connection, keys: list[int]) -> dict[int, list[int]]:
    """The look-up as it was: one statement per band key."""
    holders = {}
    for key in keys:
        rows = connection.execute("SELECT num FROM bands WHERE key = ? LIMIT ?", (key, store.MAX_CANDIDATES)).fetchall()
        if rows:
            holders[key] = [row[0] for row in rows]
    return holders


def test_band_holders_in_one_statement_match_one_per_key(tmp_path):
    rng = random.Random(5)
    crowded = -(1 << 63)  # a band boilerplate gives hundreds of articles: only the first MAX_CANDIDATES count
    keys = [crowded, (1 << 63) - 1, *(rng.randrange(-(1 << 63), 1 << 63) for _ in range(40))]
    with dupes_file.opened(tmp_path, write=True) as connection:
        rows = {(crowded, num) for num in range(1, store.MAX_CANDIDATES + 60)}
        rows |= {(rng.choice(keys), rng.randrange(1, 5000)) for _ in range(400)}
        connection.executemany("INSERT INTO bands (key, num) VALUES (?, ?)", sorted(rows, reverse=True))
        wanted = sorted([*keys, 12345])  # 12345: a key nobody holds
        found = store._holders(connection, wanted)
        assert found == _per_key(connection, wanted)
        assert len(found[crowded]) == store.MAX_CANDIDATES
        assert found[crowded] == list(range(1, store.MAX_CANDIDATES + 1))


def test_recorded_ids_are_found_in_one_query(tmp_path):
    sig = tuple(range(NUM_HASHES))
    with dupes_file.opened(tmp_path, write=True) as connection:
        store.record_batch(connection, [store.Entry(f"a{n}", 30, sig) for n in range(3)])
        ids = [f"a{n}" for n in range(700)]  # more than one IN list
        assert store._recorded(connection, ids) == ["a0", "a1", "a2"]
        # Recording an id again replaces its record: still one signature, bands as before.
        store.record_batch(connection, [store.Entry("a1", 31, sig)])
        assert connection.execute("SELECT COUNT(*) FROM signatures WHERE id = 'a1'").fetchone()[0] == 1
        keys = band_keys(sig)
        assert connection.execute("SELECT COUNT(*) FROM bands").fetchone()[0] == 3 * len(set(keys))


def test_similarity_counts_agreeing_bins():
    rng = random.Random(2)
    first = tuple(rng.randrange(1 << 32) for _ in range(NUM_HASHES))
    second = tuple(value if rng.random() < 0.6 else rng.randrange(1 << 32) for value in first)
    assert similarity(first, second) == sum(a == b for a, b in zip(first, second, strict=True)) / NUM_HASHES
    with pytest.raises(ValueError):
        similarity(first, second[:-1])


def test_the_derived_file_is_written_without_fsync(tmp_path):
    """Its checkpoint's fsync cost an add of 100 at 100k articles 0.12 s; damage is set aside and made again."""
    with dupes_file.opened(tmp_path, write=True) as connection:
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 0  # OFF
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
