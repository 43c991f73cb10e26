"""The library's calls into the names file after an add and after a removal.

Like near duplicates, the names file is derived from the articles, so
neither call may cost the user an add or a removal: failures are logged
and left for the next read to reconcile (see `sync`)."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from ..article import Article
from . import connection as files
from . import store
from .store import Names
from .sync import next_token, stored_names, usable

log = logging.getLogger(__name__)


def article_names(article: Article) -> Names:
    """The names the index stores for an article: made by the very function
    that makes its document's fields (0.1 ms an article), so the two agree."""
    from ..library import documents  # the library imports this module: import it when called

    if article.analysis is None:
        return {}
    return stored_names(documents.analysis_fields(article))


def _write(directory: Path, job: Callable[[sqlite3.Connection], object]) -> bool:
    """Run `job` in one write transaction; False (logged) if it could not be."""
    if not os.access(directory, os.W_OK):  # a read-only library: nothing to record
        return False

    def run() -> bool:
        with files.opened(directory, write=True) as connection:
            assert connection is not None
            job(connection)
        return True

    return usable(directory, run) is True


def _then_synced(directory: Path, connection: sqlite3.Connection, _changed: int) -> None:
    """After recording the caller's commit: in step with the index if that
    commit was the only one since the rows last were (see `next_token`)."""
    token = next_token(directory, store.synced(connection))
    if token is not None:
        store.set_synced(connection, token)


def record_added(directory: Path, articles: Iterable[Article]) -> bool:
    """Record newly committed articles' names. False if they could not be
    (the next read reconciles); the articles are unaffected either way."""
    try:
        rows = [(article.id, article_names(article)) for article in articles]
        if not rows:
            return True
        return _write(directory, lambda connection: _then_synced(directory, connection, store.put(connection, rows)))
    except Exception:  # the add is committed: a fault here must not report it as failed
        log.exception("names of added articles not recorded in %s", directory)
        return False


def forget_removed(directory: Path, article_ids: Iterable[str]) -> bool:
    """Forget removed articles' names."""
    ids = list(article_ids)
    if not ids or not files.names_path(directory).exists():
        return True
    try:
        return _write(directory, lambda connection: _then_synced(directory, connection, store.forget(connection, ids)))
    except Exception:  # the removal is committed; the next read drops what the index lacks
        log.exception("names of removed articles not forgotten in %s", directory)
        return False
