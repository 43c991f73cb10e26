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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import sidestore
from ..sidestore import SideFile

NAMES_FILE = "names.sqlite3"
VERSION = 2
"""2: names counted per label, who names them, and the entities each article
counts under, kept as articles come and go (1 held only the articles' names,
so every change meant counting all of them again: 4 s at 100,000)."""

_SCHEMA = (
    # num keeps the articles in the order they were recorded. `entities` is
    # what the article counts under in the library's facets (see `tally`),
    # as entity ids; NULL until the next read counts it.
    """CREATE TABLE IF NOT EXISTS articles (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        names TEXT NOT NULL,
        entities TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS uncounted ON articles (num) WHERE entities IS NULL",
    # Articles giving each name, per label: what the library-wide name merge is made of.
    """CREATE TABLE IF NOT EXISTS names (
        nid INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        name TEXT NOT NULL,
        articles INTEGER NOT NULL,
        UNIQUE (label, name)
    )""",
    # Which articles give which name: the articles to count again when what a name means changes.
    "CREATE TABLE IF NOT EXISTS mentions (nid INTEGER NOT NULL, num INTEGER NOT NULL, PRIMARY KEY (nid, num)) WITHOUT ROWID",
    # Articles counted under each entity, per label: the facets, less their spelling.
    """CREATE TABLE IF NOT EXISTS entities (
        eid INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        entity TEXT NOT NULL,
        articles INTEGER NOT NULL,
        UNIQUE (label, entity)
    )""",
    # What each short form meant when the articles were last counted (see NameMerge.fingerprints).
    "CREATE TABLE IF NOT EXISTS meanings (kind TEXT NOT NULL, key TEXT NOT NULL, meaning TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS cache (kind TEXT PRIMARY KEY, stamp INTEGER NOT NULL, payload TEXT NOT NULL) WITHOUT ROWID",
)
_OLD_TABLES = ("articles", "names", "mentions", "entities", "meanings", "meta", "cache")
"""Every table: a file of an older version is made again from the index."""


NAMES = SideFile(NAMES_FILE, VERSION, _SCHEMA, drop_on_upgrade=_OLD_TABLES)
NewerFile = sidestore.NewerFile


def names_path(directory: Path) -> Path:
    return NAMES.path(directory)


def set_aside(directory: Path) -> Path | None:
    """Move a damaged file (and its journal) out of the way: it is made again from the index."""
    return NAMES.set_aside(directory)


@contextmanager
def opened(directory: Path, *, write: bool) -> Iterator[sqlite3.Connection | None]:
    """A connection for one job; None when reading and there is no file (or
    no schema) yet. Writing happens in one immediate transaction, rolled
    back on any error: a second process writing waits its turn."""
    path = names_path(directory)
    if not write and not path.exists():
        yield None
        return
    # Reads open the file read-write too: a process killed mid-write leaves a
    # journal that only a connection allowed to write can roll back.
    connection = sidestore.connect(path, mode=None if write else "rw")
    try:
        if write:
            with sidestore.writing(connection, NAMES.ensure_schema):
                yield connection
        else:
            connection.execute("BEGIN")  # one snapshot for the whole read
            version = NAMES.check_version(connection)
            yield connection if version == VERSION else None
            if connection.in_transaction:
                connection.execute("ROLLBACK")
    finally:
        connection.close()
