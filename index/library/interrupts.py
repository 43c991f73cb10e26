"""Ctrl-C during an add: the first asks it to stop, the second ends it.

Raising KeyboardInterrupt wherever the signal lands could cut a commit or
the state bookkeeping after it in half. Instead the first Ctrl-C only sets
a flag: the add stops drawing articles after the one in hand and commits
everything read so far, as usual. A second Ctrl-C raises at once (the commit
in flight is abandoned; what earlier chunks committed stays).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any


class StopOnInterrupt:
    """A context in which SIGINT asks for a stop (main thread only: elsewhere
    signals cannot be handled, and a worker thread's add is stopped otherwise)."""

    def __init__(self, on_stop: Callable[[], None] | None = None) -> None:
        self.on_stop = on_stop
        """Called once, at the first Ctrl-C (the commit that follows may take a while)."""
        self.requested = False
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> StopOnInterrupt:
        if threading.current_thread() is threading.main_thread():
            try:
                self._previous = signal.signal(signal.SIGINT, self._handle)
                self._installed = True
            except (ValueError, OSError):
                pass
        return self

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        if self.on_stop is not None:
            self.on_stop()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False
