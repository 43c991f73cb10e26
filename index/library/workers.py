"""Worker processes that die with the process that started them.

A large add runs a pool of readers/analysers and Whoosh's sub-writers. Killed
with kill -9, the parent used to leave them re-parented to init, still holding
the write lock's file descriptor, for minutes. Each worker now asks Linux to
kill it when its parent dies (PR_SET_PDEATHSIG), and also watches its parent
pid from a thread (the portable fallback). Sub-writers also close their
inherited copy of the lock descriptor, so they never keep the lock alone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Call first thing in a worker: end it as soon as `parent` is gone."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the watcher below still ends the worker
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def init_pool_worker(parent: int) -> None:
    """`multiprocessing.Pool` initializer for the readers/analysers."""
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group; the parent alone decides what
    # to keep, then ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _SubWriter(SubWriterTask):
    def __init__(self, *args, parent: int, lock_fd: int | None) -> None:
        super().__init__(*args)
        self.parent = parent
        self.lock_fd = lock_fd
        self.daemon = True  # ended by multiprocessing if the parent exits normally

    def run(self) -> None:
        die_with_parent(self.parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self.lock_fd is not None:
            # Closing a copy of a flock()ed descriptor does not unlock it for
            # the parent; it only means this process never holds the lock.
            try:
                os.close(self.lock_fd)
            except OSError:
                pass
        super().run()


class ChildSafeMpWriter(MpWriter):
    """Whoosh's multi-process writer with sub-writers that die with it, and a
    cancel that ends them (Whoosh's only flags its own copy of each task)."""

    def __init__(self, ix, *, on_task: Callable[[], None] | None = None, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        self.on_task = on_task

    def _new_task(self):
        task = _SubWriter(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            parent=os.getpid(),
            lock_fd=getattr(self.writelock, "fd", None),
        )
        self.tasks.append(task)
        task.start()
        if self.on_task is not None:
            self.on_task()
        return task

    def cancel(self, **kwargs: Any) -> None:
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        for task in self.tasks:
            task.join(timeout=5)
        SegmentWriter.cancel(self)
