"""Worker processes that die with the process that started them.

A large add runs a pool of readers/analysers and Whoosh's sub-writers. Killed
with kill -9, the parent used to leave them re-parented to init, still holding
the write lock's file descriptor, for minutes. Each worker now asks Linux to
kill it when its parent dies (PR_SET_PDEATHSIG), and also watches its parent
pid from a thread (the portable fallback). Sub-writers are forked by a fork
server started before the lock is taken (`forkserver`, `subwriters`), so
they never hold the lock's descriptor at all.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

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
