"""Whoosh's multi-process writer, its sub-writers forked by the fork server.

As Whoosh's MpWriter, the add pickles batches of documents into job files
and each sub-writer indexes the files it is given into a segment of its own
(`multisegment`). What differs:

- the sub-writers come from `forkserver.ForkServer`, not from the add's own
  (large) process;
- each has its own job and result pipes instead of Whoosh's shared queues
  (a queue's lock cannot be handed to a process already running). A job
  goes to the sub-writer with the fewest unfinished ones; at most
  MAX_PENDING each, so the add never runs far ahead of the indexing (the
  job files are on disk, but each one stands for documents to index);
- a sub-writer that fails or dies is an error in the add, at once. Whoosh's
  writer waited forever on a full queue, or committed without the segment.
"""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from typing import Any

from whoosh.multiproc import MpWriter
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from ..errors import LibraryWriteError
from .forkserver import ForkServer, ForkServerGone

MAX_PENDING = 4
"""Job files (of `batchsize` documents) given to one sub-writer and not yet
indexed; Whoosh's shared queue held 4 per process."""


class SubWriterFailed(LibraryWriteError):
    """A sub-writer process failed or died: the chunk it was indexing is lost
    (earlier commits are intact)."""


@dataclass
class _Remote:
    """One sub-writer, as the add sees it."""

    pid: int
    jobs: Connection
    results: Connection
    pending: int = 0
    segment: Any = None
    finished: bool = False


class ServedMpWriter(MpWriter):
    """A multi-segment MpWriter whose sub-writers the fork server starts."""

    def __init__(
        self,
        ix: Any,
        *,
        server: ForkServer,
        procs: int,
        subargs: dict,
        on_task: Callable[[list[int]], None] | None = None,
        batchsize: int = 100,
        **kwargs: Any,
    ) -> None:
        # Whoosh's MpWriter.__init__ makes the shared queues; only its
        # buffering (add_document) and segment handling are used.
        SegmentWriter.__init__(self, ix, **kwargs)
        self.server = server
        self.procs = procs
        self.batchsize = batchsize
        self.subargs = subargs
        self.multisegment = True
        self.on_task = on_task
        """Told every sub-writer's pid as each starts (the lock's owner record)."""
        self.tasks: list[_Remote] = []  # type: ignore[assignment]
        self.docbuffer: list = []
        self._grouping = 0
        self._added_sub = False

    def _new_task(self) -> _Remote:
        job_reader, job_writer = Pipe(duplex=False)
        result_reader, result_writer = Pipe(duplex=False)
        try:
            pid = self.server.start(
                run_subwriter, (self.storage, self.indexname, self.subargs), [job_reader.fileno(), result_writer.fileno()]
            )
        except ForkServerGone as error:
            job_writer.close()
            result_reader.close()
            raise SubWriterFailed(f"could not start an indexing process ({error})") from error
        finally:
            job_reader.close()  # the child's ends: closed here, so its death reads as end-of-file
            result_writer.close()
        task = _Remote(pid, job_writer, result_reader)
        self.tasks.append(task)
        if self.on_task is not None:
            self.on_task([t.pid for t in self.tasks])
        return task

    def _enqueue(self) -> None:
        docbuffer = self.docbuffer
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as file:
            for item in docbuffer:
                pickle.dump(item, file, 2)
        task = self._new_task() if len(self.tasks) < self.procs else self._least_busy()
        self._send(task, (filename, len(docbuffer)))
        task.pending += 1
        self.docbuffer = []

    def _least_busy(self) -> _Remote:
        """The sub-writer with the fewest jobs in hand, waiting while every one has MAX_PENDING."""
        for task in self.tasks:
            while task.results.poll():
                self._take_result(task)
        while min(task.pending for task in self.tasks) >= MAX_PENDING:
            for connection in wait([task.results for task in self.tasks]):
                self._take_result(next(t for t in self.tasks if t.results is connection))
        return min(self.tasks, key=lambda task: task.pending)

    def _send(self, task: _Remote, job: tuple | None) -> None:
        try:
            task.jobs.send(job)
        except OSError as error:  # a broken pipe: it died
            self._take_result(task)  # its own words if it left any
            raise SubWriterFailed(f"an indexing process ended early ({error})") from error

    def _take_result(self, task: _Remote) -> None:
        """Read one message of a sub-writer; raise if it failed or died."""
        try:
            kind, value = task.results.recv()
        except (EOFError, OSError):
            task.finished = True
            raise SubWriterFailed("an indexing process ended early; what earlier chunks committed is intact") from None
        if kind == "done":
            task.pending -= 1
        elif kind == "segment":
            task.segment, task.finished = value, True
        else:
            task.finished = True
            raise SubWriterFailed(f"an indexing process failed: {value}")

    def _commit(self, mergetype, optimize, merge) -> None:
        if self.docbuffer:
            self._enqueue()
        for task in self.tasks:
            self._send(task, None)  # finish the segment
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        for task in self.tasks:
            while not task.finished:
                self._take_result(task)
            finalsegments.append(task.segment)
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()
        self._close_tasks()

    def cancel(self, **kwargs: Any) -> None:
        self._close_tasks(kill=True)
        SegmentWriter.cancel(self)

    def _close_tasks(self, *, kill: bool = False) -> None:
        for task in self.tasks:
            if kill and not task.finished:
                self.server.kill(task.pid)
            task.jobs.close()  # end-of-file for a sub-writer still waiting for a job
            task.results.close()
        self.tasks = []


def run_subwriter(storage: Any, indexname: str, kwargs: dict, job_fd: int, result_fd: int) -> int:
    """A sub-writer's life, in the process the fork server made: index each
    job file given into one segment, and hand the segment back at the end."""
    jobs = Connection(job_fd, writable=False)
    results = Connection(result_fd, readable=False)
    try:
        writer = SegmentWriter(storage.open_index(indexname), _lk=False, **kwargs)
        while True:
            job = jobs.recv()
            if job is None:
                break
            _index_job_file(writer, *job)
            results.send(("done", job[0]))
        results.send(("segment", writer._finalize_segment()))
        return 0
    except EOFError:
        return 1  # the add closed our pipe: it was cancelled, or is gone
    except BaseException:
        try:
            results.send(("failed", traceback.format_exc(limit=-3).strip().splitlines()[-1]))
        except OSError:
            pass
        return 1


def _index_job_file(writer: SegmentWriter, filename: str, count: int) -> None:
    """As Whoosh's SubWriterTask._process_file: a file of pickled (0, fields)."""
    tempstorage = writer.temp_storage()
    with tempstorage.open_file(filename).raw_file() as file:
        for _ in range(count):
            code, fields = pickle.load(file)
            assert code == 0
            writer.add_document(**fields)
    tempstorage.delete_file(filename)
