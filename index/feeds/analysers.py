"""New articles analysed in worker processes while later feeds are still fetched.

Analysis (entities and quotes) is pure Python and, after indexing, the
largest cost of a refresh; fetching and parsing keep this process busy, so
two workers (one a core) analyse each feed's articles as soon as it is read,
and the library's writer finds them analysed. The workers are forked before
any fetching thread starts, and die with this process (index.library.workers).
Called from another thread than the main one (an app's worker), nothing is
forked (other threads may hold locks a child would inherit) and the writer
analyses, as for any add.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import partial
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Protocol

from ..article import Article

WORKERS = 2
"""At most this many, one a core; with one core the writer analyses, as for any add."""


class _Holder(Protocol):
    article: Article | None


class Analysers:
    """`with Analysers(engine) as analysers:` submit entries holding articles,
    then `collect()` swaps in the analysed copies."""

    def __init__(self, engine: str | None) -> None:
        self.engine = engine
        self.pool: Pool | None = None
        self.pending: list[tuple[list[_Holder], AsyncResult]] = []

    def __enter__(self) -> Analysers:
        cores = min(WORKERS, os.cpu_count() or 1)
        if cores > 1 and threading.current_thread() is threading.main_thread():
            import multiprocessing

            from ..library.workers import init_pool_worker

            self.pool = multiprocessing.Pool(cores, initializer=init_pool_worker, initargs=(os.getpid(),))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def submit(self, holders: list[Any]) -> None:
        """Start analysing the articles of `holders` (objects with an `article`)."""
        holders = [holder for holder in holders if holder.article is not None]
        if self.pool is None or not holders:
            return
        analyse: Callable[[Article], Article] = partial(_analyse, engine=self.engine)
        self.pending.append((holders, self.pool.map_async(analyse, [h.article for h in holders], chunksize=4)))

    def collect(self) -> None:
        """Wait for every submitted article and give each holder its analysed copy."""
        for holders, job in self.pending:
            for holder, article in zip(holders, job.get(), strict=True):
                holder.article = article
        self.pending = []


def _analyse(article: Article, engine: str | None) -> Article:
    from ..library.adding import analyse_article

    return analyse_article(article, engine)
