"""Messages that carry results from worker threads back to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index import Article, Library, SearchResults
    from index.highlight import MatchTerms


@dataclass
class LibraryOpened(Message):
    library: Library
    count: int


@dataclass
class LibraryFailed(Message):
    error: str


@dataclass
class SearchFinished(Message):
    results: SearchResults
    keep_selection: bool = False


@dataclass
class SnippetsReady(Message):
    """Snippets were made for hits that had none (`first` is the first hit's index)."""

    results: SearchResults
    first: int
    count: int


@dataclass
class LibraryChanged(Message):
    """Another process added or removed articles."""

    count: int


@dataclass
class SearchFailed(Message):
    query: str
    error: str


@dataclass
class PreviewLoaded(Message):
    article: Article | None
    terms: MatchTerms | None


@dataclass
class ComparisonReady(Message):
    comparison: object
    """An index.compare.Comparison (typed loosely: index.compare is imported in the worker)."""


@dataclass
class ComparisonFailed(Message):
    error: str
