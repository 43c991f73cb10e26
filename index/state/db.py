"""The state database: `LIBRARY/state.sqlite3`, opened in WAL mode, one
connection per thread, every write one transaction, and SQLite's failures
turned into one-line library errors."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import LibraryDamaged, LibraryError, LibraryTooNew
from ..library.locking import busy, library_writable, read_only, write_failed
from .schema import MIGRATIONS, SCHEMA_VERSION

STATE_FILE = "state.sqlite3"
# How long a write waits for another process's transaction before saying busy.
BUSY_TIMEOUT_SECONDS = 10.0


def state_path(directory: Path) -> Path:
    return Path(directory) / STATE_FILE


def to_iso(moment: datetime | None) -> str:
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def damaged(directory: Path, reason: str) -> LibraryDamaged:
    return LibraryDamaged(
        f"library {directory} is damaged (its state database {STATE_FILE} {reason}); run `newsreader repair`"
    )


def translate(directory: Path, error: sqlite3.Error) -> LibraryError | None:
    """The one-line library error for an SQLite failure; None for errors that
    are the caller's to handle (constraint violations, misuse)."""
    if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return None
    message = str(error).lower()
    if "locked" in message or "busy" in message:
        return busy(directory)
    if "readonly" in message or "read-only" in message:
        return read_only(directory)
    if "disk i/o" in message or "database or disk is full" in message or "unable to open" in message:
        return write_failed(directory, OSError(0, str(error)))
    if "not a database" in message:
        return damaged(directory, "is not an SQLite database")
    if isinstance(error, sqlite3.DatabaseError):  # "malformed", "corrupt", unknown schema objects
        return damaged(directory, f"is unreadable: {error}")
    return None


@contextmanager
def library_errors(directory: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        translated = translate(directory, error)
        if translated is None:
            raise
        raise translated from error


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT first; a migration must run inside our transaction.
    return [part.strip() for part in script.split(";\n") if part.strip()]


class StateDB:
    """The library's state database. Safe to share between threads: each
    thread (and each forked process) gets its own connection.

    A read-only library opens the file read-only (or, without one, an empty
    in-memory schema) so state can be read; writes raise LibraryReadOnly.
    """

    def __init__(self, directory: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> None:
        self.directory = Path(directory)
        self.path = state_path(self.directory)
        self.busy_timeout = busy_timeout
        self.writable = library_writable(self.directory)
        self._local = threading.local()
        self._guard = threading.Lock()
        self._connections: list[sqlite3.Connection] = []

    def __enter__(self) -> StateDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._guard:
            connections, self._connections = self._connections, []
        for connection in connections:
            try:
                connection.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened (and the schema brought up to date) on first use."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # a forked child must not share its parent's
            local.connection = None
            local.depth = 0
            local.pid = os.getpid()
        if local.connection is None:
            # One thread at a time sets a new connection up: switching a new
            # file to WAL takes a lock SQLite does not wait for, so threads
            # opening a fresh database together would fail at once.
            with self._guard:
                local.connection = self._open()
                self._connections.append(local.connection)
        return local.connection

    def _open(self) -> sqlite3.Connection:
        with library_errors(self.directory):
            if self.writable:
                connection = sqlite3.connect(
                    self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False
                )
            elif self.path.exists():
                connection = self._open_read_only()
            else:
                connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            try:
                connection.execute("PRAGMA foreign_keys = ON")
                # Switching the mode takes a lock that SQLite does not wait
                # for (another thread mid-write makes it fail at once): only
                # the connection that finds the file in another mode sets it.
                if self.writable and connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.execute("PRAGMA synchronous = NORMAL")  # durable in WAL against crashes
                self._migrate(connection)
            except BaseException:
                connection.close()
                raise
        return connection

    def _open_read_only(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        try:
            connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=self.busy_timeout,
                                         isolation_level=None, check_same_thread=False)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.OperationalError:
            # WAL needs its -shm file, which a read-only directory may not let
            # SQLite create; nobody can be writing there, so read it as immutable.
            return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False)

    def _migrate(self, connection: sqlite3.Connection) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LibraryTooNew(
                f"library {self.directory} was written by a newer newsreader (state version {version}); "
                "upgrade newsreader to use it"
            )
        if version == SCHEMA_VERSION:
            return
        if self.writable or self.path.exists():
            if not self.writable:
                raise read_only(self.directory)
            connection.execute("BEGIN IMMEDIATE")
        else:
            connection.execute("BEGIN")  # the in-memory stand-in of a read-only library without state
        try:
            # Another process may have migrated while we waited for the lock.
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[number]):
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # SQLite ends some failed transactions itself
                connection.execute("ROLLBACK")
            raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for queries, with SQLite failures as one-line errors."""
        with library_errors(self.directory):
            yield self.connection()

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any error.

        BEGIN IMMEDIATE takes the write lock up front, so a second writer waits
        `busy_timeout` there (then says busy) instead of failing mid-way. A
        `writing()` block inside another joins the outer transaction, so a
        caller can make several changes (article, URL, seen entry) atomic."""
        if not self.writable:
            raise read_only(self.directory)
        with library_errors(self.directory):
            connection = self.connection()
            if getattr(self._local, "depth", 0):
                self._local.depth += 1
                try:
                    yield connection
                finally:
                    self._local.depth -= 1
                return
            connection.execute("BEGIN IMMEDIATE")
            self._local.depth = 1
            try:
                yield connection
            except BaseException:
                if connection.in_transaction:  # SQLite ends some failed transactions itself
                    connection.execute("ROLLBACK")
                raise
            finally:
                self._local.depth = 0
            connection.execute("COMMIT")
