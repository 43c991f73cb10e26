"""The library's write lock and Whoosh writers, with one clear message when busy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import Index, LockError
from whoosh.util.filelock import try_for

from ..errors import LibraryBusy

LOCK_WAIT_SECONDS = 20.0
TINY_SEGMENT_DOCS = 2000
MAX_TINY_SEGMENTS = 8


def busy(directory: Path) -> LibraryBusy:
    return LibraryBusy(
        f"library {directory} is being written by another newsreader process; "
        "try again when it has finished"
    )


def merge_tiny_segments(writer, segments):
    """Whoosh merge policy: fold small segments together, never rewrite big ones.

    Whoosh's default (MERGE_SMALL) periodically merges everything below a
    Fibonacci bound; on a growing library that rewrote ~18,000 articles in one
    commit (72 s). Small adds still produce small segments; merging only those
    keeps their number bounded at a cost proportional to the add.
    """
    from whoosh.reading import SegmentReader

    tiny = [segment for segment in segments if segment.doc_count_all() < TINY_SEGMENT_DOCS]
    if len(tiny) < MAX_TINY_SEGMENTS:
        return segments
    for segment in tiny:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in tiny]


def open_writer(ix: Index, directory: Path, procs: int = 1):
    """A Whoosh writer holding the write lock (waiting for it a while)."""
    try:
        if procs > 1:
            # Whoosh's compound segment file makes every searcher copy
            # postings into memory; separate files are mapped lazily.
            return ix.writer(
                procs=procs,
                multisegment=True,
                limitmb=256,
                compound=False,
                subargs={"compound": False, "limitmb": 256},
                timeout=LOCK_WAIT_SECONDS,
                delay=0.1,
            )
        return ix.writer(timeout=LOCK_WAIT_SECONDS, delay=0.1, compound=False, limitmb=256)
    except LockError as error:
        raise busy(directory) from error


@contextmanager
def write_lock(ix: Index, directory: Path) -> Iterator[None]:
    """Hold the library's write lock (as adding does) for other changes."""
    lock = ix.lock("WRITELOCK")
    if not try_for(lock.acquire, timeout=LOCK_WAIT_SECONDS, delay=0.1):
        raise busy(directory)
    try:
        yield
    finally:
        lock.release()
