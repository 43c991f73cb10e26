"""Keeping the names file in step with the index.

Adding and removing record and forget names as they commit (see `hooks`),
but a crash between the index's commit and the file's, an older
newsreader, a repair or another process can leave the file behind. So every
read first compares the index state the rows were last checked against
with the index's now (`index_token`); when they differ the rows are
reconciled: the ids the index holds and the file lacks are read from the
index, those it no longer holds are dropped. That costs a lexicon scan
after each commit, and reads stored documents only for what is missing.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..sidestore import is_damage  # one reading of "SQLite cannot use this file"
from . import connection as files
from . import store
from .store import Names

log = logging.getLogger(__name__)

NOTICE_AT = 500
"""Reading more articles than this from the index is said, once, on stderr."""


def index_token(searcher: Any) -> str:
    """The index state as a searcher sees it: its generation, live count and
    segments (random ids, so a rebuilt index never looks like the old one)."""
    reader = searcher.reader()
    segments = []
    for leaf, _base in reader.leaf_readers():
        segment = leaf.segment()
        segments.append(segment.segment_id() if segment is not None else "-")
    return f"{reader.generation()}:{reader.doc_count()}:{','.join(sorted(segments))}"


def next_token(directory: Path, synced: str | None) -> str | None:
    """The index's state now, if exactly one commit (the caller's own, just
    made) separates it from `synced`: then the rows plus that commit's
    articles are in step with it, and the next read need not reconcile
    (which scans every id: 0.45 s at 100,000). None otherwise."""
    if not synced:
        return None
    from whoosh import index as whoosh_index
    from whoosh.filedb.filestore import FileStorage

    from ..library.core import INDEX_DIRNAME

    try:
        storage = FileStorage(str(Path(directory) / INDEX_DIRNAME))
        toc = whoosh_index.TOC.read(storage, whoosh_index._DEF_INDEX_NAME)
    except Exception:  # whatever the index's state, the next read reconciles
        return None
    if str(toc.generation - 1) != synced.split(":", 1)[0]:
        return None
    segments = sorted(segment.segment_id() for segment in toc.segments)
    return f"{toc.generation}:{sum(segment.doc_count() for segment in toc.segments)}:{','.join(segments)}"


def stored_names(fields: dict | None) -> Names:
    """An article's names as its stored document gives them; nothing of a
    document stored without names or with names of the wrong shape."""
    names = (fields or {}).get("names")
    if not isinstance(names, dict):
        return {}
    clean: Names = {}
    for label, values in names.items():
        if isinstance(label, str) and isinstance(values, list | tuple):
            kept = [value for value in values if isinstance(value, str) and value]
            if kept:
                clean[label] = kept
    return clean


def live_ids(reader: Any) -> set[str]:
    """The ids of the articles the index holds: its lexicon, less ids only
    deleted documents have (the lexicon keeps them until a merge)."""
    found = {term.decode() for term in reader.lexicon("id")}
    if reader.has_deletions():
        removed = {reader.stored_fields(base + number).get("id")
                   for leaf, base in reader.leaf_readers() for number in _deleted(leaf)}
        for article_id in removed & found:
            if all(reader.is_deleted(number) for number in reader.postings("id", article_id).all_ids()):
                found.discard(article_id)
    return found


def _deleted(leaf: Any) -> Iterable[int]:
    if not leaf.has_deletions():
        return ()
    known = getattr(leaf, "deleted_docs_set", None)
    return known if known is not None else [n for n in range(leaf.doc_count_all()) if leaf.is_deleted(n)]


def _read_from_index(searcher: Any, wanted: set[str]) -> Iterator[tuple[str, Names]]:
    """The names of the `wanted` articles, read from their stored documents
    in index order: one pass over every document when many are wanted."""
    if len(wanted) * 4 > searcher.doc_count():
        for fields in searcher.reader().all_stored_fields():
            article_id = fields.get("id")
            if article_id in wanted:
                yield article_id, stored_names(fields)
        return
    for article_id in sorted(wanted):
        fields = searcher.document(id=article_id)
        if fields is not None:
            yield article_id, stored_names(fields)


def reconcile(directory: Path, searcher: Any, token: str) -> None:
    """Bring the rows in step with the index as `searcher` sees it (raises sqlite3.Error)."""
    with files.opened(directory, write=True) as connection:
        assert connection is not None
        if store.synced(connection) == token:  # another process just did
            return
        recorded = store.ids(connection)
        live = live_ids(searcher.reader())
        missing = live - recorded
        if len(missing) > NOTICE_AT:
            log.warning("Recording who %d articles name, for facets and entities (once)", len(missing))
        store.forget(connection, recorded - live)
        store.put(connection, _read_from_index(searcher, missing))
        store.set_synced(connection, token)


def usable(directory: Path, job) -> Any:
    """Run `job()`, setting a damaged file aside and trying once more; None
    (logged) if the file cannot be used at all (read-only, newer, broken)."""
    for attempt in (1, 2):
        try:
            return job()
        except files.NewerFile as error:
            log.warning("%s", error)
            return None
        except sqlite3.Error as error:
            if attempt == 1 and is_damage(error) and files.set_aside(directory) is not None:
                log.warning("the names file of %s was damaged (%s); it is made again from the index", directory, error)
                continue
            log.warning("the names file of %s could not be used: %s", directory, error)
            return None
        except OSError as error:
            log.warning("the names file of %s could not be used: %s", directory, error)
            return None
    return None
