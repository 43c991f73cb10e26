"""The library's write lock and Whoosh writers, with one clear message when
busy, read-only or failing to write, and a stale lock taken over safely."""

from __future__ import annotations

import errno
import multiprocessing
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from ..errors import LibraryBusy, LibraryError, LibraryReadOnly, LibraryWriteError
from . import owner as owners
from .codec import CompactCodec
from .forkserver import ForkServer
from .subwriters import ServedMpWriter

LOCK_WAIT_SECONDS = 20.0
LOCK_DELAY_SECONDS = 0.1
STALE_CHECK_SECONDS = 1.0
TINY_SEGMENT_DOCS = 2000
MAX_TINY_SEGMENTS = 8
READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def busy(directory: Path) -> LibraryBusy:
    return LibraryBusy(
        f"library {directory} is being written by another newsreader process; "
        "try again when it has finished"
    )


def read_only(directory: Path) -> LibraryReadOnly:
    return LibraryReadOnly(
        f"library {directory} is read-only; it can be searched and read, "
        "but adding, removing and changing stories need write permission on it"
    )


def library_writable(directory: Path) -> bool:
    """Whether this process may write the library (false on a read-only mount,
    or without permission; root passes permission checks)."""
    index_dir = directory / "index"  # absent while a new library is staged
    return os.access(directory, os.W_OK) and (not index_dir.exists() or os.access(index_dir, os.W_OK))


def require_writable(directory: Path) -> None:
    if not library_writable(directory):
        raise read_only(directory)


def write_failed(directory: Path, error: OSError) -> LibraryError:
    """One line for an OSError met while writing; what was committed is intact."""
    if error.errno in READ_ONLY_ERRNOS:
        return read_only(directory)
    reason = error.strerror or str(error)
    return LibraryWriteError(
        f"could not write to library {directory} ({reason}); what it held before this change is intact; "
        "fix that (free space, permissions) and try again"
    )


@contextmanager
def writing_errors(directory: Path) -> Iterator[None]:
    """Turn an OSError raised while writing the library into one clear line."""
    try:
        yield
    except OSError as error:
        raise write_failed(directory, error) from error


class OwnedLock:
    """Whoosh's file lock plus a record of who holds it (see `owner`)."""

    def __init__(self, ix: FileIndex, directory: Path) -> None:
        self._lock = ix.lock("WRITELOCK")
        self.record = Path(self._lock.filename + ".owner")
        self.directory = directory
        self.held = False

    @property
    def fd(self) -> int | None:
        return self._lock.fd

    def try_acquire(self) -> bool:
        try:
            self.held = self._lock.acquire()
        except OSError as error:
            raise write_failed(self.directory, error) from error
        if self.held:
            self.record_children()
        return self.held

    def record_children(self, others: list[int] | None = None) -> None:
        """Note this process's live worker processes beside the lock, and
        `others` (the sub-writers, the fork server's children)."""
        children = [child.pid for child in multiprocessing.active_children() if child.pid is not None]
        owners.write_record(self.record, owners.this_process(children + list(others or ())))

    def release(self) -> None:
        """Idempotent: Whoosh's writer and our error paths may both call it."""
        if self.held:
            self.held = False
            owners.clear_record(self.record)
            self._lock.release()


def acquire(ix: FileIndex, directory: Path) -> OwnedLock:
    """Take the write lock, waiting up to LOCK_WAIT_SECONDS; a lock whose
    recorded owner is dead has its orphans ended and is taken at once."""
    require_writable(directory)
    lock = OwnedLock(ix, directory)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    next_check = time.monotonic()
    while not lock.try_acquire():
        now = time.monotonic()
        if now >= next_check:
            next_check = now + STALE_CHECK_SECONDS
            if owners.reap_stale(lock.record) and lock.try_acquire():
                break
        if now >= deadline:
            raise busy(directory)
        time.sleep(LOCK_DELAY_SECONDS)
    return lock


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


def open_writer(
    ix: FileIndex, directory: Path, procs: int = 1, limitmb: int = 256, server: ForkServer | None = None
) -> SegmentWriter:
    """A Whoosh writer holding the write lock (waiting for it a while);
    `limitmb` is how much its posting pool may hold before spilling a run to
    disk. With `procs` > 1, `server` forks that many sub-writers."""
    lock = acquire(ix, directory)
    try:
        with writing_errors(directory):
            writer: SegmentWriter
            if procs > 1:
                assert server is not None, "sub-writers come from a fork server"
                # Whoosh's compound segment file makes every searcher copy
                # postings into memory; separate files are mapped lazily.
                writer = ServedMpWriter(
                    ix,
                    server=server,
                    on_task=lambda pids: lock.record_children([server.pid, *pids]),
                    procs=procs,
                    limitmb=limitmb,
                    compound=False,
                    codec=CompactCodec(),
                    subargs={"compound": False, "limitmb": limitmb, "codec": CompactCodec()},
                    _lk=False,
                )
            else:
                writer = SegmentWriter(ix, _lk=False, compound=False, limitmb=limitmb, codec=CompactCodec())
    except BaseException:
        lock.release()
        raise
    writer.writelock = lock  # released by the writer's commit or cancel
    return writer


def abandon(writer: SegmentWriter) -> None:
    """Cancel a writer after a failure, releasing the lock whatever happens
    (Whoosh's own cleanup runs only for Exception, not for Ctrl-C)."""
    try:
        if not writer.is_closed:
            writer.cancel()
    except Exception:
        pass
    finally:
        if writer.writelock:
            writer.writelock.release()


@contextmanager
def write_lock(ix: FileIndex, directory: Path) -> Iterator[None]:
    """Hold the library's write lock (as adding does) for other changes."""
    lock = acquire(ix, directory)
    try:
        with writing_errors(directory):
            yield
    finally:
        lock.release()
