"""A whole result set in order, read a page at a time (the app's virtual list).

`search_pages` runs a query once and keeps the matching documents' numbers
in the order asked for; `ResultPages.page(start, count)` reads the stored
fields of those rows only. Orders:

- `newest`: publication date, newest first, undated last in the order added;
- `outlet`: by outlet name, then newest first;
- `relevance`: BM25F score (a query of words only; a list falls back to
  newest). Only the top of a ranking is scored at first; a page further
  down scores deeper, as Whoosh's `search_page` does.

Newest and outlet orders read Whoosh's sortable columns, never stored
fields, so the last page is as quick to reach as the first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from whoosh import query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from ..highlight import MatchTerms, make_snippet, match_offsets
from ..library import Library, summary_from_fields
from . import limits
from .core import FEW_RESULTS, _collect, _state_db, _total, highlight_terms, prepare_query, suggest
from .filters import only_filters, resolve_filters
from .limits import Budget
from .parsing import parse_query
from .results import Hit, SearchResults

if TYPE_CHECKING:
    from ..state import StateDB

SORTS = ("relevance", "newest", "outlet")
"""The orders a result set can be read in."""
UNDATED = 2**64 - 1
"""The `published` column's value for an article without a date."""


@dataclass
class ResultPages:
    """Every row of a search, in order; `results` holds the first page."""

    results: SearchResults
    sort: str
    """The order actually used ('newest' when relevance was asked of a list)."""
    _searcher: Searcher
    _order: list[int]
    """Document numbers in order: all of them, or the top of a ranking."""
    _deepen: Callable[[int | None], list[int]] | None = None
    """Ranks again to a deeper limit (None: everything); None when `_order` is whole."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def total(self) -> int:
        return self.results.total

    @property
    def query(self) -> str:
        return self.results.query

    @property
    def terms(self) -> MatchTerms:
        return self.results.terms

    @property
    def generation(self) -> int | None:
        """The index generation the rows are read from."""
        return self._searcher.reader().generation()

    def page(self, start: int, count: int) -> list[Hit]:
        """Rows `start` to `start + count` (fewer at the end), without snippets."""
        end = start + count
        with self._lock:
            if self._deepen is not None and end > len(self._order):
                # As search_page does: score to the deeper limit; at least double, so G costs one run.
                limit = max(end, 2 * len(self._order))
                self._order = self._deepen(None if limit >= self.total else limit)
                if len(self._order) < limit:
                    self._deepen = None  # nothing deeper to find
            docnums = self._order[start:end]
        return [_hit(self._searcher.reader().stored_fields(docnum)) for docnum in docnums]


def search_pages(
    library: Library,
    text: str,
    *,
    sort: str = "relevance",
    first: int = 100,
    snippets: int = 20,
    snippet_width: int = 180,
    time_budget: float | None = None,
    state: Callable[[], StateDB] | None = None,
) -> ResultPages:
    """Run a query, keeping every row's place in `sort` order; the first
    `first` rows are read at once, `snippets` of them with snippets."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")
    started = time.perf_counter()
    text = text.strip()
    searcher = library.searcher()
    within: query.Query | None = None
    if text:
        parsed = resolve_filters(parse_query(text), state or (lambda: _state_db(library)))
        if only_filters(parsed):
            within = parsed
        else:
            budget = Budget(limits.TIME_BUDGET if time_budget is None else time_budget, started)
            q = prepare_query(parsed, searcher, budget)
            return _query_pages(searcher, text, q, sort, budget, first, snippets, snippet_width)
    used = "newest" if sort == "relevance" else sort
    order = _whole_library(searcher, used) if within is None else _ordered(searcher, _matching(searcher, within), used)
    results = SearchResults(text, len(order), [], seconds=0.0)
    pages = ResultPages(results, used, searcher, order)
    results.hits = pages.page(0, first)
    results.seconds = time.perf_counter() - started
    return pages


def _query_pages(
    searcher: Searcher, text: str, q: query.Query, sort: str, budget: Budget,
    first: int, snippets: int, snippet_width: int,
) -> ResultPages:
    terms = highlight_terms(q, searcher)
    deepen: Callable[[int | None], list[int]] | None = None
    if sort == "relevance":
        found, finished, pruned = _collect(searcher, q, first, budget)
        order = [docnum for docnum, _score in found.items()]
        total, exact = _total(found, finished, len(order), searcher.doc_count(), budget, pruned)
        scores = dict(found.items())
        if len(order) < total:

            def deepen(limit: int | None) -> list[int]:
                again = Budget(limits.TIME_BUDGET)
                ranked, _, _ = _collect(searcher, q, limit, again)
                scores.update(ranked.items())
                return [docnum for docnum, _score in ranked.items()]
    else:
        order = _ordered(searcher, _matching(searcher, q), sort)
        total, exact, scores = len(order), True, {}
    results = SearchResults(text, total, [], total_exact=exact, terms=terms, notes=[])
    pages = ResultPages(results, sort, searcher, order, deepen)
    hits = pages.page(0, first)
    for rank, hit in enumerate(hits):
        hit.score = scores.get(order[rank]) or 0.0
        # Past the budget, rows keep their lede; add_snippets fills them in view.
        if rank < snippets and not budget.expired():
            body = searcher.reader().stored_fields(order[rank]).get("body", "")
            hit.matches = match_offsets(body, terms)
            hit.snippet = make_snippet(body, hit.matches, snippet_width)
    results.hits = hits
    results.suggestion = suggest(text, searcher, budget) if total < FEW_RESULTS else None
    results.notes = budget.final_notes()
    results.seconds = time.perf_counter() - budget.started
    return pages


_library_orders: dict[tuple[int, str], tuple[Searcher, list[int]]] = {}
"""The whole library in each order, for the searcher it was read from: the
app lists it on opening and whenever the search box is cleared."""
_orders_lock = threading.Lock()


def _whole_library(searcher: Searcher, sort: str) -> list[int]:
    key = (id(searcher), sort)
    with _orders_lock:
        cached = _library_orders.get(key)
    if cached is not None and cached[0] is searcher:
        return cached[1]
    order = _ordered(searcher, _matching(searcher, None), sort)
    with _orders_lock:
        if len(_library_orders) >= 4:
            _library_orders.clear()
        _library_orders[key] = (searcher, order)  # the searcher is kept, so its id is not reused
    return order


def _hit(stored: dict) -> Hit:
    summary = summary_from_fields(stored)
    return Hit(summary.id, summary.title, summary.source, summary.published, 0.0, lede=summary.lede)


def _matching(searcher: Searcher, within: query.Query | None) -> list[int]:
    """The live documents `within` matches (all of them for None), unscored."""
    if within is None:
        # Segment by segment: a segment without deletions is a range (Whoosh's
        # all_doc_ids asks is_deleted of every document: 0.2 s at 100,000).
        docnums: list[int] = []
        for leaf, offset in sorted(searcher.reader().leaf_readers(), key=lambda pair: pair[1]):
            if leaf.has_deletions():
                docnums += (offset + docnum for docnum in leaf.all_doc_ids())
            else:
                docnums += range(offset, offset + leaf.doc_count_all())
        return docnums
    return sorted(searcher.docs_for_query(within))


def _ordered(searcher: Searcher, docnums: list[int], sort: str) -> list[int]:
    """`docnums` newest first (undated last, in the order added), or by outlet then newest."""
    reader = searcher.reader()
    dates = _column(reader, "published", docnums, UNDATED)

    def newest(docnum: int) -> tuple[bool, int, int]:
        date = dates[docnum]
        undated = date == UNDATED
        return (undated, 0 if undated else -date, docnum)

    if sort == "outlet":
        outlets = _column(reader, "source_sort", docnums, b"")
        return sorted(docnums, key=lambda docnum: (bytes(outlets[docnum]), newest(docnum)))
    # The same order as `newest` with one int per document (a stable sort of
    # ascending docnums keeps them in the order added among equals): three
    # times quicker than tuples at 100,000 articles.
    ascending = sorted(docnums)
    return sorted(ascending, key=lambda docnum: 1 if (date := dates[docnum]) == UNDATED else -date)


def _column(reader: IndexReader, fieldname: str, docnums: list[int], missing: object) -> dict[int, Any]:
    """A sortable column's raw values for `docnums`, segment by segment (whoosh3's
    multi-segment column reader fails on some segment layouts)."""
    wanted = sorted(docnums)
    values: dict[int, Any] = {}
    position = 0
    for leaf, offset in sorted(reader.leaf_readers(), key=lambda pair: pair[1]):
        end = offset + leaf.doc_count_all()
        start = position
        while position < len(wanted) and wanted[position] < end:
            position += 1
        inside = wanted[start:position]
        if not inside:
            continue
        if not leaf.has_column(fieldname):
            values.update(dict.fromkeys(inside, missing))
            continue
        column = leaf.column_reader(fieldname, translate=False)
        if len(inside) * 4 >= leaf.doc_count_all():
            whole = list(column)  # most of the segment: one pass over the column beats lookups one by one
            values.update((docnum, whole[docnum - offset]) for docnum in inside)
        else:
            values.update((docnum, column[docnum - offset]) for docnum in inside)
    return values
