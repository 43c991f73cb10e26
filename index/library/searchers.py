"""Searchers confined to one thread each.

A Whoosh searcher reads its segment files by seeking and then reading, so
two threads sharing one tear each other's reads (a stored document fails
to decompress, a postings block is read from the wrong offset). The app
searches, counts, reads flags and makes snippets from several worker
threads at once, so every thread gets its own searcher. Worker threads are
short-lived: a searcher whose thread has ended is handed to the next
thread that asks, so opening one (which reads every segment's metadata)
is rare.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whoosh.searching import Searcher

SPARE_SEARCHERS = 4
"""Searchers of ended threads kept for reuse; more are closed."""


@dataclass
class _Held:
    searcher: Searcher
    thread: threading.Thread


class ThreadSearchers:
    def __init__(self, open_searcher: Callable[[], Searcher]) -> None:
        self._open = open_searcher
        self._lock = threading.Lock()
        self._held: dict[int, _Held] = {}
        """Thread ident -> the searcher that thread uses."""
        self._spare: list[Searcher] = []

    def get(self) -> Searcher:
        """This thread's searcher, up to date with the last commit."""
        thread = threading.current_thread()
        with self._lock:
            held = self._held.get(thread.ident or 0)
            if held is not None and held.thread is thread and held.searcher.up_to_date():
                return held.searcher
            if held is not None:
                # Out of date (another writer committed), or a reused ident:
                # not Searcher.refresh(), which keeps a segment's old deletions.
                self._retire(held.searcher)
            self._collect_ended()
            searcher = self._take_spare()
        if searcher is None:
            searcher = self._open()  # outside the lock: it reads every segment
        with self._lock:
            self._held[thread.ident or 0] = _Held(searcher, thread)
        return searcher

    def replace(self) -> Searcher:
        """A new searcher for this thread (after a read met a replaced segment)."""
        thread = threading.current_thread()
        with self._lock:
            held = self._held.pop(thread.ident or 0, None)
        if held is not None:
            self._close(held.searcher)
        return self.get()

    def any_out_of_date(self) -> bool:
        """True when another writer has committed since some searcher was opened."""
        with self._lock:
            return any(not held.searcher.up_to_date() for held in self._held.values())

    def close(self) -> None:
        with self._lock:
            searchers = [held.searcher for held in self._held.values()] + self._spare
            self._held.clear()
            self._spare = []
        for searcher in searchers:
            self._close(searcher)

    # Called with the lock held.

    def _collect_ended(self) -> None:
        for ident, held in list(self._held.items()):
            if not held.thread.is_alive():
                del self._held[ident]
                self._retire(held.searcher)

    def _take_spare(self) -> Searcher | None:
        while self._spare:
            searcher = self._spare.pop()
            if searcher.up_to_date():
                return searcher
            self._close(searcher)
        return None

    def _retire(self, searcher: Searcher) -> None:
        if len(self._spare) < SPARE_SEARCHERS and searcher.up_to_date():
            self._spare.append(searcher)
        else:
            self._close(searcher)

    @staticmethod
    def _close(searcher: Searcher) -> None:
        try:
            searcher.close()
        except Exception:  # closing a searcher of a damaged index: nothing to save
            pass
