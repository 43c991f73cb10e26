"""newsreader's domain layer: ingest, the Whoosh library, search.

Nothing here imports Textual or any UI code; the app and the command line
are thin front ends over these modules.
"""

from .article import Article
from .errors import LibraryBusy, LibraryError, QueryError
from .library import AddReport, ArticleSummary, Library
from .search import Hit, SearchResults, search

__all__ = [
    "AddReport",
    "Article",
    "ArticleSummary",
    "Hit",
    "Library",
    "LibraryBusy",
    "LibraryError",
    "QueryError",
    "SearchResults",
    "search",
]
