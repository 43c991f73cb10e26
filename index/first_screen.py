"""The library list's first screen, kept beside the index so the app can show
its articles before Whoosh is even imported.

Opening a library and listing it newest first costs the app 0.3 s at 5
articles and 0.5–1.5 s at 100,000 (importing Whoosh and the analysis code,
ordering every document, reading the story listing for the markers), while a
bare Textual app paints in about 0.2 s. So whenever the app lists the whole
library in its opening order it writes the first rows here (`keep`), and on
the next start `load` hands them back if nothing they depend on changed:

- the index's generation (any add or removal commits a new one);
- every file beside the index but the SQLite side stores (which a WAL
  checkpoint rewrites unchanged), by size and modification time: story
  corrections rewrite `stories.json`.

Read and starred flags change all the time (reading an article marks it), so
they are never kept: `load` reads them fresh from the state database, with
the same query `index.state.flags` uses (that package imports the write lock
and with it Whoosh). Anything unexpected — a missing or foreign file, another
version, a changed stamp, an unreadable state database — is a miss, and the
app lists the library the slow way, as it always did. The file is rewritten
only when its stamp changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .search import Hit

FIRST_SCREEN_FILE = "first-screen.json"
VERSION = 1
ROWS = 100
"""Rows kept: the app's first page, more than any terminal shows at once."""
STATE_FILE = "state.sqlite3"
"""index.state's database (its name there: STATE_FILE)."""
UNSTAMPED_SUFFIXES = (".sqlite3", "-wal", "-shm", "-journal", ".lock")
"""SQLite databases change on disk when nothing changed for the rows: a WAL
checkpoint, run when a reader's connection closes, rewrites the stories and
near-copy files after the rows were kept, so stamping them missed every
time. What the rows show changes with the index's generation (every add and
removal) or `stories.json` (every story correction); the kept rows are only
the first frame's, replaced by the real listing as soon as it is read."""


@dataclass(frozen=True)
class RowFlags:
    """Read and starred, as `index.state.Flags` (which is costly to import before the first paint)."""

    read: bool
    starred: bool


@dataclass
class FirstScreen:
    """The library listed in its opening order: how many articles, and the first rows with their marks."""

    total: int
    sort: str
    hits: list[Hit]
    flags: dict[str, RowFlags] = field(default_factory=dict)
    copies: dict[str, list[str]] = field(default_factory=dict)
    outlets: dict[str, int] = field(default_factory=dict)


def stamp(directory: Path) -> dict[str, Any] | None:
    """What the kept rows depend on, or None when there is no index to stamp."""
    try:
        generations = [
            int(name[len("_MAIN_") : -len(".toc")])
            for name in os.listdir(directory / "index")
            if name.startswith("_MAIN_") and name.endswith(".toc")
        ]
        files = {}
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if name in (FIRST_SCREEN_FILE, STATE_FILE) or name.startswith(".") or name.endswith(UNSTAMPED_SUFFIXES):
                    continue
                if entry.is_file():
                    info = entry.stat()
                    files[name] = [info.st_size, info.st_mtime_ns]
    except (OSError, ValueError):
        return None
    if not generations:
        return None
    return {"generation": max(generations), "files": files}


def load(directory: Path) -> FirstScreen | None:
    """The kept first screen if it still holds, with fresh flags; else None."""
    path = directory / FIRST_SCREEN_FILE
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("version") != VERSION or kept.get("stamp") != stamp(directory):
            return None
        hits = [_hit(row) for row in kept["rows"]]
        screen = FirstScreen(int(kept["total"]), str(kept["sort"]), hits)
        screen.copies = {str(k): [str(name) for name in v] for k, v in kept.get("copies", {}).items()}
        screen.outlets = {str(k): int(v) for k, v in kept.get("outlets", {}).items()}
        flags = read_flags(directory, [hit.id for hit in hits])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, sqlite3.Error):
        return None
    if flags is None:
        return None
    screen.flags = flags
    return screen


def keep(
    directory: Path,
    generation: int | None,
    total: int,
    sort: str,
    hits: list[Hit],
    copies: dict[str, list[str]],
    outlets: dict[str, int] | None,
) -> bool:
    """Write the first rows of the library's opening listing, read from index
    `generation`, with their marks, stamped as the library is now; True if
    written. `outlets` None: the story markers are not read yet (the app keeps
    the rows as soon as it has them, and again with the markers, which may
    take seconds the first time). Nothing is written when the index has moved
    on meanwhile, when the file already holds the same, or rows without
    markers would replace the same rows with them; a library that cannot be
    written is left alone. (The markers may build the story files, so the
    stamp is taken last; a story corrected in the same instant could leave a
    stale marker for the next start's first second, until the real markers
    replace it.)"""
    now = stamp(directory)
    if now is None or now["generation"] != generation:
        return False
    path = directory / FIRST_SCREEN_FILE
    try:
        kept_before = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept_before = None
    rows = hits[:ROWS]
    ids = {hit.id for hit in rows}
    kept = {
        "version": VERSION,
        "stamp": now,
        "total": total,
        "sort": sort,
        "rows": [_row(hit) for hit in rows],
        "copies": {k: v for k, v in copies.items() if k in ids},
        "outlets": {k: v for k, v in (outlets or {}).items() if k in ids},
    }
    if isinstance(kept_before, dict) and (kept_before == kept or (outlets is None and kept_before.get("stamp") == now)):
        return False
    temporary = path.with_name(f".{FIRST_SCREEN_FILE}.{os.getpid()}")
    try:
        temporary.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # atomic: a reader sees the old file or the new one
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
        return False
    return True


def read_flags(directory: Path, ids: list[str]) -> dict[str, RowFlags] | None:
    """Each id's flags, read only: untracked ids (and every id of a library
    with no state database yet) count as read, as in `index.state.flags`.
    None if the database cannot be read this way."""
    path = directory / STATE_FILE
    if not path.exists():
        return {article_id: RowFlags(True, False) for article_id in ids}
    found: dict[str, RowFlags] = {}
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    try:
        marks = ",".join("?" * len(ids))
        rows = connection.execute(f"SELECT id, read, starred FROM articles WHERE id IN ({marks})", ids) if ids else []
        for article_id, read, starred in rows:
            found[article_id] = RowFlags(bool(read), bool(starred))
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return {article_id: found.get(article_id, RowFlags(True, False)) for article_id in ids}


def _row(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "source": hit.source,
        "outlet": hit.outlet,
        "slug": hit.slug,
        "published": hit.published.isoformat() if hit.published else None,
        "lede": hit.lede,
    }


def _hit(row: dict[str, Any]) -> Hit:
    from .search.results import Hit

    published = row.get("published")
    return Hit(
        str(row["id"]),
        str(row["title"]),
        str(row["source"]),
        datetime.fromisoformat(published) if published else None,
        0.0,
        lede=str(row.get("lede", "")),
        outlet=str(row.get("outlet", "")),
        slug=str(row.get("slug", "")),
    )
