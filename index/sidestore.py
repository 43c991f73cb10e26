"""What the library's SQLite side files have in common (the names file,
`names_store`, and the near-duplicate file, `dupes`): where one is, its
schema version, a connection to it, a write in one transaction, and
setting a damaged one aside.

Everything in a side file is derived from the index, so damage costs
nothing but the time to make it again: a damaged file is moved aside (kept
for a look, never read again) and a new one started, while a file written
by a newer newsreader is left alone.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 10.0
"""How long a connection waits for another process's write before giving up."""


class NewerFile(sqlite3.OperationalError):
    """Written by a newer newsreader: left alone, never set aside."""


def is_damage(error: sqlite3.Error) -> bool:
    """A file SQLite cannot use (as opposed to busy, read-only or full)."""
    message = str(error).lower()
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(error, NewerFile) and (
        "malformed" in message or "not a database" in message or "corrupt" in message
        or "no such table" in message or "no such column" in message
    )


@dataclass(frozen=True)
class SideFile:
    """One kind of side file: its name in the library, version and schema."""

    name: str
    version: int
    schema: tuple[str, ...]
    companions: tuple[str, ...] = ("-journal", "-wal", "-shm")
    """Files SQLite keeps beside it, removed with it when it is set aside."""
    drop_on_upgrade: tuple[str, ...] = ()
    """Tables an older version's file has that are made again rather than kept."""

    def path(self, directory: Path) -> Path:
        return Path(directory) / self.name

    def set_aside(self, directory: Path) -> Path | None:
        """Move a damaged file out of the way (its journal dropped: everything
        in it is made again); None if it could not be moved."""
        path = self.path(directory)
        aside = path.with_name(f"{self.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(aside)
        except OSError:
            return None
        for suffix in self.companions:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return aside

    def check_version(self, connection: sqlite3.Connection) -> int:
        """The file's version; NewerFile if a newer newsreader wrote it."""
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > self.version:
            raise NewerFile(f"{self.name} has version {version}, newer than this newsreader's {self.version}")
        return version

    def ensure_schema(self, connection: sqlite3.Connection) -> None:
        """Make the tables (in the caller's write transaction) unless they are there."""
        version = self.check_version(connection)
        if version == self.version:
            return
        if version:  # an older file: what changed is made again from the index
            for table in self.drop_on_upgrade:
                connection.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in self.schema:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {self.version}")


def connect(path: Path, *, mode: str | None = None) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are begun by hand);
    `mode` 'ro' or 'rw' opens only an existing file."""
    target = f"{path.absolute().as_uri()}?mode={mode}" if mode else path.absolute().as_uri()
    return sqlite3.connect(target, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                           check_same_thread=True)


@contextmanager
def writing(connection: sqlite3.Connection, prepare: Callable[[sqlite3.Connection], None]) -> Iterator[sqlite3.Connection]:
    """One immediate transaction (a second writer waits its turn): `prepare`
    first (the schema), committed at the end, rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        prepare(connection)
        yield connection
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
