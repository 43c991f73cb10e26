"""Run a query against a library within its limits, and make snippets."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from whoosh import query
from whoosh.searching import Results, Searcher

from ..highlight import MatchTerms, make_snippet, match_offsets
from ..library import Library, summary_from_fields
from ..schema import SEARCH_FIELDS
from ..spelling import correct_word
from . import limits
from .boolean import AndNot, scored_and_not
from .bulk import bulk_terms
from .filters import only_filters, resolve_filters
from .limits import Budget, BudgetCollector, OutOfTime, expand_query
from .parsing import parse_query
from .phrases import fast_phrases
from .results import Hit, SearchResults
from .scoring import use_tabled_scoring

if TYPE_CHECKING:
    from ..state import StateDB

FEW_RESULTS = 3
"""Below this many hits a 'did you mean' suggestion is looked for."""
EXACT_COUNT_LIMIT = 2000
"""Counting every match of a common word costs more than the search itself;
above this estimate the total is Whoosh's estimate and says so."""


def _positive_leaves(q: query.Query):
    """Leaf queries whose words the user wants to see (not under NOT)."""
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)


def highlight_terms(q: query.Query, searcher: Searcher) -> MatchTerms:
    """The words and phrases a query matches, prefixes and fuzzy terms expanded."""
    reader = searcher.reader()
    terms = set()
    phrases = set()
    # Leaf by leaf: whoosh3's existing_terms() reuses its `fieldname` argument
    # as a loop variable, so on a whole tree it skips every field but the first.
    for leaf in _positive_leaves(q):
        if isinstance(leaf, query.Phrase):
            if leaf.fieldname in SEARCH_FIELDS:
                phrases.add(tuple(leaf.words))
            continue
        for fieldname, btext in leaf.existing_terms(reader, phrases=True, expand=True):
            if fieldname in SEARCH_FIELDS:
                terms.add(btext.decode("utf-8") if isinstance(btext, bytes) else str(btext))
    return MatchTerms(frozenset(terms), tuple(sorted(phrases)))


_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_PLAIN_WORD = re.compile(r"(?<![\w:*?~\[-])([A-Za-z][A-Za-z']{2,})(?![\w:*?~])")


def suggest(text: str, searcher: Searcher, budget: Budget | None = None) -> str | None:
    """'Did you mean': each word the library lacks, replaced by the closest real word."""
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS or (budget is not None and budget.expired()):
            return word
        correction = correct_word(searcher, word)
        if correction is None:
            return word
        changed = True
        return correction

    # Words after a field name (source:"zoo times") are not body words.
    parts = re.split(r'(\b\w+:(?:"[^"]*"|\([^)]*\)|\S+))', text)
    suggestion = "".join(
        part if index % 2 else _PLAIN_WORD.sub(fix, part) for index, part in enumerate(parts)
    )
    return suggestion if changed else None


def search(
    library: Library,
    text: str,
    *,
    limit: int | None = 50,
    snippets: int = 20,
    snippet_width: int = 180,
    time_budget: float | None = None,
    state: Callable[[], StateDB] | None = None,
) -> SearchResults:
    """Run a query; an empty query lists every article, newest first, and so
    does a query of filters alone (`is:unread`), over the articles they name.

    The search stops after `time_budget` seconds (default `limits.TIME_BUDGET`)
    and returns what it has found, with a note saying so. `state` gives the
    state database the filters read (default: the library's own).
    """
    started = time.perf_counter()
    text = text.strip()
    searcher = library.searcher()
    if not text:
        return _newest(searcher, limit, started)
    parsed = resolve_filters(parse_query(text), state or (lambda: _state_db(library)))
    if only_filters(parsed):
        return _newest(searcher, limit, started, within=parsed, text=text)
    budget = Budget(limits.TIME_BUDGET if time_budget is None else time_budget, started)
    q = prepare_query(parsed, searcher, budget)
    results, finished, pruned = _collect(searcher, q, limit, budget)
    terms = highlight_terms(q, searcher)
    hits = []
    for rank, result in enumerate(results):
        stored = result.fields()
        summary = summary_from_fields(stored)
        hit = Hit(
            summary.id, summary.title, summary.source, summary.published, result.score,
            lede=summary.lede, outlet=summary.outlet, slug=summary.slug,
        )
        # Past the budget, rows keep their lede; add_snippets fills them in view.
        if rank < snippets and not budget.expired():
            hit.matches = match_offsets(stored.get("body", ""), terms)
            hit.snippet = make_snippet(stored.get("body", ""), hit.matches, snippet_width)
        hits.append(hit)
    hits = unique_hits(hits)
    total, exact = _total(results, finished, len(hits), searcher.doc_count(), budget, pruned)
    suggestion = suggest(text, searcher, budget) if total < FEW_RESULTS else None
    return SearchResults(
        text, total, hits, suggestion=suggestion, total_exact=exact, terms=terms,
        seconds=time.perf_counter() - started, notes=budget.final_notes(),
    )


def prepare_query(parsed: query.Query, searcher: Searcher, budget: Budget) -> query.Query:
    """`parsed`, expanded within the limits, in the forms that search faster
    with the same matches and scores (`phrases`, `bulk`, `boolean`), and
    `searcher` set to score with the tabled BM25F (`scoring`)."""
    use_tabled_scoring(searcher)
    expanded = expand_query(parsed, searcher.reader(), budget)
    return scored_and_not(bulk_terms(fast_phrases(expanded), SEARCH_FIELDS))


def unique_hits(hits: list[Hit]) -> list[Hit]:
    """`hits` with each article once, where it first ranks: the app's result
    list (and anything keyed by id) cannot show one article twice."""
    seen: set[str] = set()
    unique = []
    for hit in hits:
        if hit.id not in seen:
            seen.add(hit.id)
            unique.append(hit)
    return unique


def _state_db(library: Library) -> StateDB:
    from ..state import StateDB

    return StateDB(library.directory)


def _newest(
    searcher: Searcher, limit: int | None, started: float, within: query.Query | None = None, text: str = ""
) -> SearchResults:
    """Every article (or every one `within` matches), newest first, reading
    stored fields only for the rows returned: the app shows this on opening,
    so it must not scan the library."""
    dated: query.Query = query.Every("published")
    everything: query.Query = query.Every() if within is None else within
    if within is not None:
        dated = query.And([within, dated])
    newest = list(searcher.search(dated, limit=limit, sortedby="published", reverse=True))
    if limit is None or len(newest) < limit:  # then the undated, in the order they were added
        rest = None if limit is None else limit - len(newest)
        newest += list(searcher.search(AndNot(everything, query.Every("published")), limit=rest))
    hits = []
    for result in newest:
        s = summary_from_fields(result.fields())
        hits.append(Hit(s.id, s.title, s.source, s.published, 0.0, lede=s.lede, outlet=s.outlet, slug=s.slug))
    hits = unique_hits(hits)
    total = searcher.doc_count() if within is None else sum(1 for _ in searcher.docs_for_query(within))
    return SearchResults(text, total, hits, seconds=time.perf_counter() - started)


def _collect(
    searcher: Searcher, q: query.Query, limit: int | None, budget: Budget
) -> tuple[Results, bool, bool]:
    """The top hits, whether every match was seen before the budget ran out,
    and whether any segment's matches were skipped by their scores."""
    top = searcher.collector(limit=limit)
    # No matcher replacement: every 10 hits Whoosh rebuilds the matcher tree
    # for the current 200th-best score, turning unions into intersections
    # and optional parts, and a rebuilt union can lose a part's score for a
    # document (`(film OR movie) AND oscar` scored 23 of the 47 copies of
    # one article 21.6 instead of 26.9, so they fell out of the top 200;
    # the old code lost 20). Exact block bounds do the skipping instead.
    top.replace = 0
    collector = BudgetCollector(top, budget)
    try:
        searcher.search_with_collector(q, collector)
    except OutOfTime:
        return collector.results(), False, collector.pruned
    return collector.results(), True, collector.pruned


def _total(
    results: Results, finished: bool, found: int, doc_count: int, budget: Budget, pruned: bool
) -> tuple[int, bool]:
    if not finished:
        return max(found, min(results.estimated_length(), doc_count)), False
    collector = results.collector
    limit = getattr(collector, "limit", None)
    if results.has_exact_length() and limit and getattr(collector, "total", 0) >= limit and pruned:
        # Whoosh calls its count exact when the last segment's matcher cannot
        # skip, but counts only the documents it collected, not those other
        # segments skipped (the old code, which also let Whoosh rebuild its
        # matchers, counted 7,979 of `music NOT award`'s 8,039). Count them.
        return _count(collector, budget, results)
    # Counting may re-run the query without scoring: only for small totals in time.
    if results.has_exact_length() or (results.estimated_length() <= EXACT_COUNT_LIMIT and not budget.expired()):
        return len(results), True
    return results.estimated_length(), False


def _count(collector, budget: Budget, results: Results) -> tuple[int, bool]:
    """Every match, unscored; an estimate if the budget runs out first."""
    count = 0
    for count, _ in enumerate(collector.all_ids(), 1):
        if count % 4096 == 0 and budget.expired():
            return max(count, results.estimated_length()), False
    return count, True


def add_snippets(library: Library, hits: list[Hit], terms: MatchTerms, width: int = 180) -> None:
    """Make snippets for hits that have none yet (rows scrolled into view)."""
    searcher = library.searcher()
    for hit in hits:
        if hit.snippet is not None:
            continue
        stored = searcher.document(id=hit.id)
        body = stored.get("body", "") if stored else ""
        hit.matches = match_offsets(body, terms)
        hit.snippet = make_snippet(body, hit.matches, width)
