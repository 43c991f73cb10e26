"""The names file, `LIBRARY/names.sqlite3`: where it is, its schema,
connections to it, and what to do when it is damaged.

A file of its own, like the near-duplicate file: everything in it is
derived from the index (each article's stored names), so a damaged one is
set aside and made again, and a missing one is made again on first use.
It uses SQLite's rollback journal: a write cut short by a crash is rolled
back on the next open, so a torn write never shows.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NAMES_FILE = "names.sqlite3"
VERSION = 1
BUSY_TIMEOUT_SECONDS = 10.0

_SCHEMA = (
    # num keeps the articles in the order they were recorded: the name merge
    # reads them in that order, as it read the index's documents.
    """CREATE TABLE IF NOT EXISTS articles (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        names TEXT NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS cache (kind TEXT PRIMARY KEY, stamp INTEGER NOT NULL, payload TEXT NOT NULL) WITHOUT ROWID",
)


def names_path(directory: Path) -> Path:
    return Path(directory) / NAMES_FILE


def set_aside(directory: Path) -> Path | None:
    """Move a damaged file (and its journal) out of the way: it is made again from the index."""
    path = names_path(directory)
    aside = path.with_name(f"{NAMES_FILE}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
    except OSError:
        return None
    Path(f"{path}-journal").unlink(missing_ok=True)
    return aside


class NewerFile(sqlite3.OperationalError):
    """Written by a newer newsreader: left alone, never set aside."""


@contextmanager
def opened(directory: Path, *, write: bool) -> Iterator[sqlite3.Connection | None]:
    """A connection for one job; None when reading and there is no file (or
    no schema) yet. Writing happens in one immediate transaction, rolled
    back on any error: a second process writing waits its turn."""
    path = names_path(directory).absolute()
    if not write and not path.exists():
        yield None
        return
    # Reads open the file read-write too: a process killed mid-write leaves a
    # journal that only a connection allowed to write can roll back.
    uri = path.as_uri() if write else f"{path.as_uri()}?mode=rw"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        if write:
            connection.execute("BEGIN IMMEDIATE")
            try:
                _ensure_schema(connection)
                yield connection
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        else:
            connection.execute("BEGIN")  # one snapshot for the whole read
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > VERSION:
                raise NewerFile(f"{NAMES_FILE} has version {version}, newer than this newsreader's {VERSION}")
            yield connection if version == VERSION else None
            if connection.in_transaction:
                connection.execute("ROLLBACK")
    finally:
        connection.close()


def _ensure_schema(connection: sqlite3.Connection) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == VERSION:
        return
    if version > VERSION:
        raise NewerFile(f"{NAMES_FILE} has version {version}, newer than this newsreader's {VERSION}")
    for statement in _SCHEMA:
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {VERSION}")
