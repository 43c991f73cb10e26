"""Moving a library's story files of before the side file into it, once.

Before `stories.sqlite3`, every grouped article's signature was a line of
`signatures.jsonl` and what the list shows of it a line of
`story-members.jsonl`. On the first open for writing both are read (in
file order, so grouping goes on exactly as before), written to the side
file in one transaction, and deleted (with the listing's old cache file). stories.json, which holds the
user's corrections, is not touched. At 100k articles this takes a few
seconds, once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from .database import get_meta, set_meta
from .files import SIGNATURES_FILE, stream_signatures
from .members import MEMBERS_FILE, put_members, read_members
from .signature_index import StoredSignatures

MIGRATED = "migrated"
LISTING_FILE = "story-listing.json"
"""The listing kept as one file before its rows moved into the side file."""


def migrate(connection: sqlite3.Connection, directory: Path, story_of: Mapping[str, str]) -> bool:
    """Fill a new side file from the old files; True if it did."""
    if get_meta(connection, MIGRATED):
        _remove_old(directory)  # a crash between the commit and the deletes
        return False
    connection.execute("BEGIN IMMEDIATE")
    try:
        if get_meta(connection, MIGRATED):  # another process was first
            connection.execute("ROLLBACK")
            return False
        index = StoredSignatures(connection)
        if index.count() == 0:
            # As loading the file did: only articles a story lists; later lines win.
            index.load(s for s in stream_signatures(directory) if s.article in story_of)
        put_members(connection, (m for m in read_members(directory).values() if m.id in story_of))
        set_meta(connection, MIGRATED, "1")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    _remove_old(directory)
    return True


def _remove_old(directory: Path) -> None:
    for name in (SIGNATURES_FILE, MEMBERS_FILE, LISTING_FILE):
        try:
            (directory / name).unlink(missing_ok=True)
        except OSError:
            pass  # read-only directory: the side file is what counts now
