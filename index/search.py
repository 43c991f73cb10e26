"""Search a library with Whoosh's query language.

Supported: words (stemmed), "phrases", AND/OR/NOT, prefixes `govern*`, fuzzy
`goverment~`, fields (`title:`, `source:`, `author:`, `published:2025`,
`published:[2025-01 to 2025-06]`). Ranking is BM25F with the title boosted.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from whoosh import qparser, query
from whoosh.searching import Searcher

from .errors import QueryError
from .highlight import MatchTerms, Snippet, Span, make_snippet, match_offsets
from .library import Library, summary_from_fields
from .schema import SEARCH_FIELDS, build_schema
from .spelling import correct_word, similar_stems

MAX_PREFIX_TERMS = 64
"""Prefixes such as `a*` match thousands of words; keep the most common ones."""
FEW_RESULTS = 3
"""Below this many hits a 'did you mean' suggestion is looked for."""
EXACT_COUNT_LIMIT = 2000
"""Counting every match of a common word costs more than the search itself;
above this estimate the total is Whoosh's estimate and says so."""
HIGHLIGHT_FIELD = "body"


class BoundedPrefix(query.Prefix):
    """A prefix query that expands to at most `MAX_PREFIX_TERMS` words.

    Expanding `s*` over a large library yields tens of thousands of terms and
    a very slow union; the most frequent expansions carry nearly all of the
    ranking signal.
    """

    def _btexts(self, ixreader):
        terms = list(ixreader.expand_prefix(self.fieldname, self.text))
        if len(terms) <= MAX_PREFIX_TERMS:
            return terms
        terms.sort(key=lambda t: ixreader.doc_frequency(self.fieldname, t), reverse=True)
        return sorted(terms[:MAX_PREFIX_TERMS])


def _bound_prefixes(q: query.Query) -> query.Query:
    if isinstance(q, query.Prefix) and not isinstance(q, BoundedPrefix):
        return BoundedPrefix(q.fieldname, q.text, boost=q.boost)
    return q


class SpellingFuzzyTerm(query.FuzzyTerm):
    """Fuzzy matching that starts from the word as typed, not only its stem.

    Whoosh's FuzzyTerm compares the stemmed query word with stemmed index
    terms, so `goverment~` (stem `gover`) matches `over`. We also compare the
    unstemmed word and, as spelling correctors do, keep the first letter.
    """

    def _btexts(self, ixreader):
        stems = similar_stems(
            ixreader, self.fieldname, self.text, self.maxdist, prefix=max(1, self.prefixlength)
        )
        return sorted(s.encode("utf-8") for s in stems)


class _SpellingFuzzyPlugin(qparser.FuzzyTermPlugin):
    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser):
            return SpellingFuzzyTerm(
                self.fieldname,
                self.text.lower(),
                boost=self.boost,
                maxdist=self.maxdist,
                prefixlength=self.prefixlength,
            )


FIELD_NAMES = ("title", "body", "source", "author", "published", "person", "org", "place", "speaker", "quote")
_FIELD_PREFIX = re.compile(r"(?<![\w\\])([A-Za-z_]+):(?=\S)")


@lru_cache(maxsize=1)
def _parser() -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), build_schema())
    parser.add_plugin(_SpellingFuzzyPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def parse_query(text: str) -> query.Query:
    """Parse a user query; raises `QueryError` with a readable reason."""
    for field_match in _FIELD_PREFIX.finditer(_without_phrases(text)):
        if field_match.group(1) not in FIELD_NAMES:
            raise QueryError(
                f"unknown field {field_match.group(1)!r} in {text!r}; "
                f"fields are {', '.join(f + ':' for f in FIELD_NAMES)}"
            )
    try:
        parsed = _parser().parse(text)
    except Exception as error:  # Whoosh raises plain Exceptions for bad dates
        raise QueryError(_explain(text, error)) from error
    # Whoosh marks parts it could not parse with an `error` attribute.
    errors = list(_query_errors(parsed))
    if errors:
        raise QueryError(_explain(text, errors[0]))
    normalized = parsed.normalize()
    return normalized.accept(_bound_prefixes)


def _without_phrases(text: str) -> str:
    return re.sub(r'"[^"]*"', '""', text)


def _explain(text: str, error: object) -> str:
    """A readable reason for a query Whoosh rejected."""
    if "published" in text:
        return (
            f"cannot understand the query {text!r}: dates are written YYYY, YYYY-MM or YYYY-MM-DD, "
            "ranges as published:[2024-01 to 2024-06]"
        )
    return f"cannot understand the query {text!r} ({error})"


def _query_errors(q: query.Query):
    if getattr(q, "error", None):
        yield q.error
    for child in q.children():
        yield from _query_errors(child)


@dataclass
class Hit:
    id: str
    title: str
    source: str
    published: datetime | None
    score: float
    lede: str = ""
    """Standfirst or opening text, shown when a hit has no snippet yet."""
    snippet: Snippet | None = None
    matches: list[Span] = field(default_factory=list)
    """Offsets of matched terms in the article body (when snippets were made)."""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet.text if self.snippet else self.lede,
            "highlights": [list(s) for s in self.snippet.spans] if self.snippet else [],
            "matches": [list(s) for s in self.matches],
        }


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    total_exact: bool = True
    """False when `total` is an estimate (very common words)."""
    terms: MatchTerms = MatchTerms()
    """What the query matched, for highlighting."""
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "total_exact": self.total_exact,
            "suggestion": self.suggestion,
            "hits": [hit.to_json() for hit in self.hits],
        }


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


def suggest(text: str, searcher: Searcher) -> str | None:
    """'Did you mean': each word the library lacks, replaced by the closest real word."""
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS:
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
) -> SearchResults:
    """Run a query; an empty query lists every article, newest first."""
    started = time.perf_counter()
    text = text.strip()
    searcher = library.searcher()
    if not text:
        # Newest first, reading stored fields only for the rows returned: the
        # app shows this on opening, so it must not scan the whole library.
        dated = query.Every("published")
        newest = list(searcher.search(dated, limit=limit, sortedby="published", reverse=True))
        if limit is None or len(newest) < limit:  # then the undated, in the order they were added
            rest = None if limit is None else limit - len(newest)
            newest += list(searcher.search(query.AndNot(query.Every(), dated), limit=rest))
        hits = []
        for result in newest:
            s = summary_from_fields(result.fields())
            hits.append(Hit(s.id, s.title, s.source, s.published, 0.0, lede=s.lede))
        return SearchResults(text, searcher.doc_count(), hits, seconds=time.perf_counter() - started)
    q = parse_query(text)
    results = searcher.search(q, limit=limit)
    terms = highlight_terms(q, searcher)
    hits = []
    for rank, result in enumerate(results):
        stored = result.fields()
        summary = summary_from_fields(stored)
        hit = Hit(
            summary.id, summary.title, summary.source, summary.published, result.score,
            lede=summary.lede,
        )
        if rank < snippets:
            hit.matches = match_offsets(stored.get("body", ""), terms)
            hit.snippet = make_snippet(stored.get("body", ""), hit.matches, snippet_width)
        hits.append(hit)
    if results.has_exact_length() or results.estimated_length() <= EXACT_COUNT_LIMIT:
        total, exact = len(results), True
    else:
        total, exact = results.estimated_length(), False
    suggestion = suggest(text, searcher) if total < FEW_RESULTS else None
    return SearchResults(
        text, total, hits, suggestion=suggestion, total_exact=exact, terms=terms,
        seconds=time.perf_counter() - started,
    )


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
