"""newsreader's domain layer: ingest, the Whoosh library, search.

Nothing here imports Textual or any UI code; the app and the command line
are thin front ends that use it only through `index.api`, the facade. Names are loaded on first use
(PEP 562) so that importing `index` does not import Whoosh: the app paints
its first screen before the library is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lazy import lazy_exports

_EXPORTS = {
    "Article": "article",
    "AddReport": "library",
    "ArticleSummary": "library",
    "Library": "library",
    "LibraryBusy": "errors",
    "LibraryError": "errors",
    "QueryError": "errors",
    "Hit": "search",
    "SearchResults": "search",
}
# The search function is `index.search.search`: a package attribute of that
# name would be replaced by the submodule as soon as anything imports it.

__all__ = ["AddReport", "Article", "ArticleSummary", "Hit", "Library", "LibraryBusy", "LibraryError", "QueryError", "SearchResults"]

if TYPE_CHECKING:
    from .article import Article
    from .errors import LibraryBusy, LibraryError, QueryError
    from .library import AddReport, ArticleSummary, Library
    from .search import Hit, SearchResults


__getattr__ = lazy_exports(__name__, {name: f".{module}" for name, module in _EXPORTS.items()})
