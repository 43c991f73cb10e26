"""The library's calls into the names file after an add and after a removal.

Like near duplicates, the names file is derived from the articles, so
neither call may cost the user an add or a removal: failures are logged
and left for the next read to reconcile (see `sync`)."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..article import Article
from . import connection as files
from . import store
from .store import Names

log = logging.getLogger(__name__)


def article_names(article: Article) -> Names:
    """The names the index stores for an article: made by the very function
    that makes its document's fields (0.1 ms an article), so the two agree."""
    from ..library import documents
    from .sync import stored_names

    if article.analysis is None:
        return {}
    return stored_names(documents.analysis_fields(article))


def _write(directory: Path, what: str, job) -> bool:
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
                log.warning("the names file of %s was damaged (%s); started afresh", directory, error)
                continue
            log.warning("names of %s not recorded in %s: %s", what, directory, error)
            return False
        except OSError as error:
            log.warning("names of %s not recorded in %s: %s", what, directory, error)
            return False
    return False


def record_added(directory: Path, articles: Iterable[Article]) -> bool:
    """Record newly committed articles' names. False if they could not be
    (the next read reconciles); the articles are unaffected either way."""
    try:
        rows = [(article.id, article_names(article)) for article in articles]
        if not rows:
            return True
        return _write(directory, "added articles", lambda connection: store.put(connection, rows))
    except Exception:  # the add is committed: a fault here must not report it as failed
        log.exception("names of added articles not recorded in %s", directory)
        return False


def forget_removed(directory: Path, article_ids: Iterable[str]) -> bool:
    """Forget removed articles' names."""
    ids = list(article_ids)
    if not ids or not files.names_path(directory).exists():
        return True
    try:
        return _write(directory, "removed articles", lambda connection: store.forget(connection, ids))
    except Exception:  # the removal is committed; the next read drops what the index lacks
        log.exception("names of removed articles not forgotten in %s", directory)
        return False
