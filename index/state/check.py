"""Problems in a library's state database, for `newsreader check`.

Each problem is the "what" of a health.check.Problem whose part is STATE_FILE."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from pathlib import Path

from .db import state_path
from .schema import SCHEMA_VERSION, TABLES


def check_state(directory: Path, article_ids: Collection[str] | None = None) -> list[str]:
    """What is wrong with the state database: unreadable, a wrong schema
    version, failed integrity check, rows pointing at nothing; and, given the
    library's article ids, articles it tracks that the library no longer holds.
    Opens the file read-only and changes nothing; no file is no problem."""
    path = state_path(directory)
    if not path.exists():
        return []
    # With no -wal file no one has the database open and all of it is in the main
    # file: read that as immutable, which (unlike mode=ro) leaves no -wal and -shm behind.
    mode = "mode=ro" if path.with_name(path.name + "-wal").exists() else "immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except sqlite3.Error as error:
        return [f"cannot be opened ({error})"]
    try:
        return _problems(connection, article_ids)
    except sqlite3.DatabaseError as error:
        reason = "is not an SQLite database" if "not a database" in str(error) else f"is unreadable ({error})"
        return [reason]
    finally:
        connection.close()


def _problems(connection: sqlite3.Connection, article_ids: Collection[str] | None) -> list[str]:
    problems: list[str] = []
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        problems.append(f"has schema version {version}, not {SCHEMA_VERSION}")
    integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.extend(f"integrity check: {line}" for line in integrity[:10])
        return problems  # rows of a damaged file mean little
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [table for table in TABLES if table not in tables]
    if missing:
        problems.append(f"lacks the table(s) {', '.join(missing)}")
        return problems
    orphans: dict[str, int] = {}
    for table, *_ in connection.execute("PRAGMA foreign_key_check"):
        orphans[table] = orphans.get(table, 0) + 1
    problems.extend(f"{count} row(s) of {table} refer to missing rows" for table, count in sorted(orphans.items()))
    if article_ids is not None:
        held = set(article_ids)
        gone = [row[0] for row in connection.execute("SELECT id FROM articles") if row[0] not in held]
        if gone:
            problems.append(f"tracks {len(gone)} article(s) the library does not hold (e.g. {gone[0]})")
    return problems


