"""Messages that carry results from worker threads back to the UI.

Workers never touch widgets: they post one of these (thread-safe) and the
screen's handler decides what to show. Errors a person can act on (a
`LibraryError`) travel as messages too; anything else ends in the screen's
`Worker.StateChanged` handler (`tui/screens/base.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from index.api import Article, CoverageChoice, Library, MatchTerms, RefreshReport, SearchResults


@dataclass
class LibraryOpened(Message):
    library: Library
    count: int


@dataclass
class LibraryFailed(Message):
    error: str
    """One line, e.g. "… run `newsreader repair`"."""


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
class ChangeCheckFailed(Message):
    """Looking for changes by another process failed (the library was damaged or removed)."""

    error: str


@dataclass
class SearchFailed(Message):
    query: str
    error: str
    hint: str = "Press ? for the search syntax."
    """What to do about it, shown where the results would be."""


@dataclass
class PreviewLoaded(Message):
    article: Article | None
    terms: MatchTerms | None
    also: list[str] = field(default_factory=list)
    """Other outlets that published a near copy of it ("also published by")."""


@dataclass
class CopiesLoaded(Message):
    """Outlets that also published each article on show (near copies), by id."""

    copies: dict[str, list[str]]


@dataclass
class Notice(Message):
    """Something a worker wants the user told before it finishes (e.g. a long grouping)."""

    text: str
    severity: SeverityLevel = "information"


@dataclass
class CoverageChosen(Message):
    """The articles of a story to compare, as the facade picked them."""

    choice: CoverageChoice



class FlagsChangedElsewhere(Message):
    """The state database changed since the last look (read marks, stars, feeds)."""


@dataclass
class CountsReady(Message):
    """The library's article and unread counts, for the title bar."""

    count: int
    unread: int
    added: list[str]
    """Articles just added (screens reload their lists when there are any)."""
    new: int = 0
    """Articles that arrived while the app runs and are still unread."""


@dataclass
class RefreshProgress(Message):
    """A refresh has indexed this many new articles so far."""

    indexed: int


@dataclass
class RefreshDone(Message):
    """A refresh of `feeds` feeds finished (`report`), or could not run (`error`, one line)."""

    report: RefreshReport | None
    feeds: int = 0
    error: str = ""


@dataclass
class FeedsChanged(Message):
    """Articles or feeds changed (a refresh, an add, a flag): screens that show them reload."""

    added: list[str]
