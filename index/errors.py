"""Errors the library reports to people: each message is one clear sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class LibraryError(Exception):
    """A problem with the library the user can act on; str() is the message."""


class LibraryBusy(LibraryError):
    """Another process holds the library's write lock for too long."""


class QueryError(LibraryError):
    """A search query that cannot be understood."""


class ArticleNotFound(LibraryError):
    """No article has the id (or id prefix) given."""


class AmbiguousId(LibraryError):
    """An id prefix (or slug) that matches several articles; `candidates`
    holds them (`ArticleSummary`s, at most `shown`), `total` counts them all."""

    def __init__(self, message: str, candidates: Sequence[Any] = (), total: int = 0) -> None:
        super().__init__(message)
        self.candidates = list(candidates)
        self.total = total or len(self.candidates)


class LibraryDamaged(LibraryError):
    """Part of the library's files is unreadable; `newsreader repair` rebuilds it."""


class LibraryReadOnly(LibraryError):
    """The library's directory cannot be written: it can only be searched and read."""


class LibraryWriteError(LibraryError):
    """Writing to the library failed (disk full, permissions); what it held is intact."""


class FeedNotFound(LibraryError):
    """No feed has the id, URL or title given."""


class FeedExists(LibraryError):
    """A feed with the same (normalised) URL is already subscribed."""


class AmbiguousFeed(LibraryError):
    """A title prefix that matches several feeds."""


class LibraryTooNew(LibraryError):
    """Part of the library was written by a newer newsreader than this one."""
