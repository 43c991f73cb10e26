"""The near-duplicate file, `LIBRARY/dupes.sqlite3`: where it is, its schema,
connections to it, and what to do when it is damaged.

A file of its own, not a table of the state database: it is derived from
the articles and can always be made again (`Library.record_near_duplicates`),
so a damaged one is simply set aside and started afresh, while damage in
the state database costs the user's subscriptions and read marks (repair
sets that file aside whole). It also keeps 100,000 articles' bands (about
4 million small rows, 139 MB) out of the file `check` verifies row by row.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import sidestore
from ..sidestore import SideFile, is_damage

DUPES_FILE = "dupes.sqlite3"
VERSION = 1
CACHED_WRITERS = 4
"""Write connections kept open per thread (one per library written lately)."""
SYNCHRONOUS = "OFF"
"""The write connection's fsync policy (see `_writer`)."""
CACHE_KB = 32 * 1024
"""Page cache of a write connection: the bands of 100,000 articles fill about 100 MB."""

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS signatures (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        shingles INTEGER NOT NULL,
        signature BLOB NOT NULL
    )""",
    # Bands are found by key; an article's own rows are found again from its
    # signature, so no second index by article is needed.
    "CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, num INTEGER NOT NULL, PRIMARY KEY (key, num)) WITHOUT ROWID",
    """CREATE TABLE IF NOT EXISTS pairs (
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        similarity REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS pairs_by_b ON pairs (b, a)",
)


DUPES = SideFile(DUPES_FILE, VERSION, _SCHEMA)
__all__ = ["DUPES", "DUPES_FILE", "VERSION", "drop_writer", "dupes_path", "is_damage", "opened", "set_aside"]


def dupes_path(directory: Path) -> Path:
    return DUPES.path(directory)


def set_aside(directory: Path) -> Path | None:
    """Move a damaged file (and its journal) out of the way: everything in it can be made again."""
    drop_writer(dupes_path(directory).absolute())
    return DUPES.set_aside(directory)


class _Writers(threading.local):
    """This thread's open write connections, by file. Kept open because the
    last connection to a WAL file checkpoints and deletes it on closing,
    which cost 40 ms an add (tests/bench/duplicates.py, adds of 25)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.open: OrderedDict[Path, tuple[sqlite3.Connection, tuple[int, int]]] = OrderedDict()


_writers = _Writers()
_inherited: list[object] = []  # a forked child must neither use nor close its parent's connections


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _writer(path: Path) -> sqlite3.Connection:
    """A write connection to `path`, reused while the file is the same one."""
    global _writers
    if _writers.pid != os.getpid():
        _inherited.append(_writers)
        _writers = _Writers()
    cache = _writers.open
    cached = cache.get(path)
    if cached is not None:
        if cached[1] == _identity(path):
            cache.move_to_end(path)
            return cached[0]
        drop_writer(path)  # set aside or replaced: start again on the new file
    connection = sidestore.connect(path)
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        # No fsync: an add of 100 to 100,000 articles dirties ~5,000 random
        # pages (bands and pairs), and the checkpoint's fsync of them took
        # 0.12 s of the add's wall time. A crash of the program still loses
        # nothing committed (WAL); a crash of the machine may damage the
        # file, which is then set aside and made again (everything in it is
        # derived from the articles, see the module's note).
        connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        # Band keys are random, so inserts land all over the B-tree: a cache
        # larger than the default 2 MB keeps them from rereading pages.
        connection.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        identity = _identity(path)
        assert identity is not None
    except BaseException:
        connection.close()
        raise
    cache[path] = (connection, identity)
    while len(cache) > CACHED_WRITERS:
        _, (oldest, _) = cache.popitem(last=False)
        oldest.close()
    return connection


def drop_writer(path: Path) -> None:
    """Close this thread's connection to `path`, if it has one."""
    cached = _writers.open.pop(path, None) if _writers.pid == os.getpid() else None
    if cached is not None:
        try:
            cached[0].close()
        except sqlite3.Error:
            pass


@contextmanager
def opened(directory: Path, *, write: bool) -> Iterator[sqlite3.Connection | None]:
    """A connection for one job; None when reading and there is no file yet.
    Writing happens in one immediate transaction, rolled back on any error."""
    path = dupes_path(directory).absolute()
    if write:
        connection = _writer(path)
        try:
            with sidestore.writing(connection, DUPES.ensure_schema):
                yield connection
        except sqlite3.Error:
            drop_writer(path)  # whatever went wrong, the next job starts on a fresh connection
            raise
        return
    if not path.exists():
        yield None
        return
    connection = sidestore.connect(path, mode="ro")
    try:
        yield connection
    finally:
        connection.close()
