"""The stories side file, `LIBRARY/stories.sqlite3`: where it is, its schema,
connections to it, and what to do when it is damaged.

It holds what grouping and listing need at 100,000 articles without
loading the library: each grouped article's signature, an inverted index
from term to articles with each term's document frequency, what the
stories list shows of each article (members), and the built list rows.
Everything in it is derived (signatures and members from the articles,
rows from stories.json), so a damaged file is set aside and started
afresh; `newsreader repair` signs the articles again. The user's
corrections stay in stories.json, which only names ids (2 MB at 100k).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

STORIES_DB = "stories.sqlite3"
VERSION = 1
BUSY_TIMEOUT_SECONDS = 10.0
CACHE_KB = 16 * 1024
"""Page cache per connection: a chunk of 2,000 articles touches ~60k posting rows."""

_SCHEMA = (
    # seq keeps the order articles were grouped in: ties between candidates
    # go to the one grouped first, as with the in-memory lists before.
    """CREATE TABLE IF NOT EXISTS signatures (
        seq INTEGER PRIMARY KEY,
        article TEXT NOT NULL UNIQUE,
        day INTEGER,
        terms TEXT NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS postings (term INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (term, seq)) WITHOUT ROWID",
    """CREATE TABLE IF NOT EXISTS members (
        article TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        outlet TEXT NOT NULL,
        day INTEGER
    ) WITHOUT ROWID""",
    # One row per story as listed: `raw` is the story's title and articles as
    # stories.json had them, to tell which stories changed since.
    # `absent`: how many of its articles the index lacked when last built.
    """CREATE TABLE IF NOT EXISTS listing (
        story TEXT PRIMARY KEY,
        raw TEXT NOT NULL,
        absent INTEGER NOT NULL,
        record TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
)


class NewerFile(sqlite3.OperationalError):
    """Written by a newer newsreader: left alone, never set aside."""


def database_path(directory: Path) -> Path:
    return Path(directory) / STORIES_DB


def is_damage(error: sqlite3.Error) -> bool:
    """A file SQLite cannot use (as opposed to busy, read-only or full)."""
    from ..dupes.connection import is_damage as damage

    return damage(error)


def set_aside(directory: Path) -> Path | None:
    """Move a damaged file (and its journals) out of the way: it is derived."""
    path = database_path(directory)
    aside = path.with_name(f"{STORIES_DB}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
    except OSError:
        return None
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return aside


def connect(directory: Path, *, write: bool) -> sqlite3.Connection | None:
    """A connection with the schema in place; None when reading and there is
    no file yet (or it cannot be opened). A damaged file met while writing
    is set aside and a fresh one made."""
    path = database_path(directory)
    if not write:
        if not path.exists():
            return None
        try:
            connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                                         timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                         check_same_thread=False)
            if connection.execute("PRAGMA user_version").fetchone()[0] != VERSION:
                connection.close()
                return None
            return connection
        except sqlite3.Error:
            return None
    for attempt in (1, 2):
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                     check_same_thread=False)  # callers serialise their use
        try:
            _prepare(connection)
            return connection
        except sqlite3.Error as error:
            connection.close()
            if isinstance(error, NewerFile) or not is_damage(error) or attempt == 2:
                raise
            set_aside(directory)
    raise AssertionError("unreachable")


def _prepare(connection: sqlite3.Connection) -> None:
    if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")  # durable in WAL against crashes
    connection.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == VERSION:
        connection.execute("SELECT 1 FROM signatures, terms, postings, members, listing, meta LIMIT 1").fetchall()
        return
    if version > VERSION:
        raise NewerFile(f"{STORIES_DB} has version {version}, newer than this newsreader's {VERSION}")
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def get_meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def chunks(items: list, size: int = 500):
    """Slices small enough for one `IN (...)` each."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
