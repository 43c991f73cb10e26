"""Search a library with Whoosh's query language.

Supported: words (stemmed), "phrases", AND/OR/NOT, prefixes `govern*`, fuzzy
`goverment~`, fields (`title:`, `source:`, `author:`, `published:2025`,
`published:[2025-01 to 2025-06]`). Ranking is BM25F with the title boosted.
Every search is bounded (see `limits`): fuzzy distance, words per expansion,
lexicon entries examined, and time; `SearchResults.notes` says what was cut.

- `parsing`: the query text to a Whoosh query, or a one-line `QueryError`;
- `limits`: expansions and the time budget;
- `boolean`: NOT and ANDNOT, with two of Whoosh's matcher bugs fixed;
- `results`: `Hit` and `SearchResults`;
- `core`: `search`, snippets, highlighting and 'did you mean'.
- `paging`: `search_pages`, a whole result set in an order, read a page at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .core import add_snippets, highlight_terms, search, suggest
    from .paging import SORTS, ResultPages, search_pages
    from .parsing import FIELD_NAMES, parse_query
    from .results import Hit, SearchResults

# Loaded on first use (PEP 562): `results` (Hit) is light, the rest imports
# Whoosh, and the app's first screen needs only Hit (index.first_screen).
_EXPORTS = {
    "add_snippets": ".core", "highlight_terms": ".core", "search": ".core", "suggest": ".core",
    "SORTS": ".paging", "ResultPages": ".paging", "search_pages": ".paging",
    "FIELD_NAMES": ".parsing", "parse_query": ".parsing",
    "Hit": ".results", "SearchResults": ".results",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "FIELD_NAMES", "SORTS", "Hit", "ResultPages", "SearchResults", "add_snippets", "highlight_terms", "parse_query",
    "search", "search_pages", "suggest",
]
