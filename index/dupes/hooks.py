"""The library's calls into near-duplicate detection: after an add, after a
removal, and to look an article's copies up.

Near duplicates are a convenience derived from the articles, so none of
these may cost the user an add or a removal: SQLite failures are swallowed
(a damaged file is set aside and started afresh) and reads of a missing or
damaged file find nothing. Ctrl-C still stops them, leaving the file as
its last commit left it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..article import Article
from . import connection as files
from . import store
from .lsh import MIN_SHINGLES
from .minhash import pack, signature, unpack
from .shingles import shingles

log = logging.getLogger(__name__)

BATCH = 1000
"""Articles per transaction. Each transaction rewrites most of the bands'
pages once the file is large (band keys are random), so larger batches cost
less per article: at 100,000 articles 0.88 ms CPU at 500, 0.72 at 1000, 0.66
at 2000, which held 28 MB more (tests/bench/duplicates.py --scale). A crash or Ctrl-C loses
at most one batch's records, which `record_missing` makes again."""


SIGNED = "near_copy_signature"
"""`Article.extra` key of the (shingle count, signature) made by `sign` where
the article was read: a bulk add's reader processes sign in parallel, so the
writing process (the bottleneck) only stores (0.28 ms an article less there)."""


def entry_of(article_id: str, body: str) -> store.Entry:
    """What is recorded of an article: no signature when it is too short to compare."""
    hashes = shingles(body)
    return store.Entry(article_id, len(hashes), signature(hashes) if len(hashes) >= MIN_SHINGLES else None)


def sign(article: Article) -> Article:
    """Sign an article ahead of `record_added` (in a worker process)."""
    entry = entry_of(article.id, article.body)
    # Packed: 512 bytes against about 5 KB as a tuple of ints, held per article until the chunk commits.
    article.extra[SIGNED] = (entry.shingles, pack(entry.signature) if entry.signature is not None else None)
    return article


def _entry_of_article(article: Article) -> store.Entry:
    signed = article.extra.pop(SIGNED, None)
    if signed is None:
        return entry_of(article.id, article.body)
    count, packed = signed
    # The id may have changed since it was signed (a clash settled).
    return store.Entry(article.id, count, unpack(packed) if packed is not None else None)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _guarded(directory: Path, job: Callable[[sqlite3.Connection], None]) -> bool:
    """Run `job` in one write transaction; False (logged) if it could not be.
    A damaged file is set aside and the job tried once on a fresh one."""
    if not os.access(directory, os.W_OK):  # a read-only library: nothing to record
        return False
    for attempt in (1, 2):
        try:
            with files.opened(directory, write=True) as connection:
                assert connection is not None
                job(connection)
            return True
        except sqlite3.Error as error:
            if attempt == 1 and files.is_damage(error) and files.set_aside(directory) is not None:
                log.warning("near-duplicate file of %s was damaged (%s); started afresh", directory, error)
                continue
            log.warning("near duplicates not recorded in %s: %s", directory, error)
            return False
        except OSError as error:
            log.warning("near duplicates not recorded in %s: %s", directory, error)
            return False
    return False


def record_added(directory: Path, articles: Iterable[Article]) -> bool:
    """Sign newly committed articles and pair them with their near copies
    (among themselves too). Returns False if they could not be recorded; the
    articles themselves are unaffected either way."""
    return _record_entries(directory, (_entry_of_article(article) for article in articles))


def record_bodies(directory: Path, bodies: Iterable[tuple[str, str]]) -> bool:
    """`record_added` for (id, body) pairs, signed and stored BATCH at a time."""
    return _record_entries(directory, (entry_of(*item) for item in bodies))


def _record_entries(directory: Path, entries_made: Iterable[store.Entry]) -> bool:
    done = True
    try:
        for entries in _batches(entries_made, BATCH):

            def job(connection: sqlite3.Connection, entries: list[store.Entry] = entries) -> None:
                store.record_batch(connection, entries)

            if entries:
                done = _guarded(directory, job) and done
    except Exception:  # the add is committed: a fault here must not report it as failed
        log.exception("near duplicates not recorded in %s", directory)
        return False
    return done


def forget_removed(directory: Path, article_ids: Iterable[str]) -> bool:
    """Forget removed articles' signatures and pairs."""
    ids = list(article_ids)
    if not ids or not files.dupes_path(directory).exists():
        return True

    def job(connection: sqlite3.Connection) -> None:
        for article_id in ids:
            store.forget(connection, article_id)

    try:
        return _guarded(directory, job)
    except Exception:  # the removal is committed; a stale pair is dropped when read
        log.exception("near duplicates of removed articles not forgotten in %s", directory)
        return False


def near_duplicate_ids(directory: Path, article_id: str) -> list[tuple[str, float]]:
    """The ids `article_id` nearly duplicates, with the estimated resemblance,
    most similar first; nothing if the file is missing or unreadable."""
    try:
        with files.opened(directory, write=False) as connection:
            found = store.pairs_of(connection, article_id) if connection is not None else []
    except sqlite3.Error as error:
        log.warning("near duplicates of %s could not be read: %s", article_id, error)
        return []
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def near_duplicates_of(directory: Path, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """`near_duplicate_ids` for many articles over one connection: id -> the
    ids it nearly duplicates (only ids that have any)."""
    found: dict[str, list[str]] = {}
    try:
        with files.opened(directory, write=False) as connection:
            if connection is None:
                return {}
            for article_id in dict.fromkeys(article_ids):
                pairs = sorted(store.pairs_of(connection, article_id), key=lambda pair: (-pair[1], pair[0]))
                if pairs:
                    found[article_id] = [other for other, _similarity in pairs]
    except sqlite3.Error as error:
        log.warning("near duplicates could not be read: %s", error)
        return {}
    return found


def unrecorded(directory: Path, article_ids: Iterable[str]) -> Iterator[str]:
    """Those of `article_ids` with no record (added before near duplicates were
    detected, or while the file was damaged)."""
    try:
        with files.opened(directory, write=False) as connection:
            for article_id in article_ids:
                if connection is None or not store.is_recorded(connection, article_id):
                    yield article_id
    except sqlite3.Error:
        return


def record_missing(directory: Path, bodies: Iterable[tuple[str, str]], progress: Callable[[int], None] | None = None
                   ) -> int:
    """Record the articles among (id, body) pairs that have no record yet (a
    library older than near duplicates, or one whose file was set aside);
    returns how many were. Streams: one batch in memory at a time."""
    recorded = 0
    for batch in _batches(bodies, BATCH):
        ids = set(unrecorded(directory, [article_id for article_id, _ in batch]))
        missing = [item for item in batch if item[0] in ids]
        if missing and not record_bodies(directory, missing):
            break
        recorded += len(missing)
        if progress:
            progress(len(batch))
    return recorded
