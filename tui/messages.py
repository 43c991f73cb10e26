"""Messages that carry results from worker threads back to the UI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index import Article, ArticleSummary, Library, SearchResults


@dataclass
class LibraryOpened(Message):
    library: Library
    summaries: list[ArticleSummary]


@dataclass
class LibraryFailed(Message):
    error: str


@dataclass
class SearchFinished(Message):
    results: SearchResults


@dataclass
class SearchFailed(Message):
    query: str
    error: str


@dataclass
class PreviewLoaded(Message):
    article: Article | None
    terms: frozenset[str]
