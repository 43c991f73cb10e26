"""A prefix, wildcard or fuzzy term's words matched as one term, a segment at a time.

`limits.ExpandedTerms` stands for up to 64 words per field. Left to Whoosh,
they become an `Or` of `Term`s: per segment, a tree of `UnionMatcher`s
(shaped by each word's document count, heaviest nearest the root) walked one
posting and several Python calls at a time, or in a segment of at most 5,000
documents an `ArrayUnionMatcher`. On the 100k library `elect*` spent 150 ms
there, and the union's bounds were too loose for the collector to skip.

Here each word's postings are read and scored as `bulk.BulkTerm` reads a
single word (block by block, `TabledBM25FScorer`'s expression), and the
words' scores are added per document in the shape Whoosh would have added
them: the same weighted tree for the unions (two subtrees' sums added, so
every float is the one Whoosh's tree gives; `a + b == b + a` exactly, so
only the grouping matters), or left to right in word order for the array
union, which a constant-score expansion scores 1 per document. The result is
one `ScoredPostings`, with true block maxima the collector can skip by.

Anything else (an unscored search, another scorer, a library whose postings
cannot be read in blocks) goes Whoosh's way.
"""

from __future__ import annotations

from bisect import insort
from typing import Any

from whoosh import matching
from whoosh.query import compound

from .bulk import ScoredPostings, read_ids, read_term

ARRAY_UNION_MAX_DOCS = 5000
"""Whoosh's `Or` preloads an `ArrayUnionMatcher` in segments of at most this
many documents (and three words or more); larger ones get a tree of unions."""


def expansion_matcher(
    fieldname: str, words: list[bytes], boost: float, constantscore: bool, searcher: Any, context: Any
) -> matching.Matcher | None:
    """The words' matcher with Whoosh's matches and scores, or None to leave
    it to Whoosh (`query.MultiTerm.matcher`)."""
    if context is None or fieldname not in searcher.schema:
        return None
    words = [w for w in words if w]
    if len(words) >= compound.Or.TOO_MANY_CLAUSES or context.needs_current:
        return None
    if context.weighting is None:  # counting: which documents, not their scores
        return _unscored(searcher.reader(), fieldname, words)
    # MultiTerm's Or passes a constant-score expansion's words an unscored
    # context; each Term then scores with the searcher's own weighting.
    inner = None if constantscore and len(words) > 1 else context.weighting
    weighting = inner or searcher.weighting
    reader = searcher.reader()
    columns: list[tuple[list[int], list[float], list[float]] | None] = []
    for word in words:
        if (fieldname, word) not in reader:
            columns.append(None)
            continue
        read = read_term(searcher, fieldname, word, weighting)
        if read is None:
            return None
        ids, weights, scores = read.ids, read.weights, read.scores
        if boost != 1.0:  # the Term's WrappingMatcher
            scores = [s * boost for s in scores]
        columns.append((ids, weights, scores))
    present = [c for c in columns if c is not None and c[0]]
    if not present:
        return matching.NullMatcher()
    if len(words) == 1:
        ids, weights, scores = present[0]
    elif len(words) == 2 or searcher.doc_count_all() > ARRAY_UNION_MAX_DOCS:
        sizes = [reader.doc_frequency(fieldname, w) for w in words]
        ids, weights, scores = _tree_union(columns, sizes)
    else:
        ids, weights, scores = _array_union(columns, scored=inner is not None)
    m = ScoredPostings(ids, weights, scores, None, lambda: None, (fieldname, words[0]))
    return m


Column = tuple[list[int], list[float], list[float]]


def _unscored(reader: Any, fieldname: str, words: list[bytes]) -> matching.Matcher:
    """The documents any word matches, for an unscored search (`_count`'s
    exact total reads every match of `elect*`: it took as long as ranking)."""
    every: set[int] = set()
    for word in words:
        if (fieldname, word) in reader:
            every.update(read_ids(reader, fieldname, word))
    if not every:
        return matching.NullMatcher()
    ids = sorted(every)
    ones = [1.0] * len(ids)
    return ScoredPostings(ids, ones, ones, None, lambda: None, (fieldname, words[0]))


def _tree_union(columns: list[Column | None], sizes: list[int]) -> Column:
    """Scores (and weights) added as Whoosh's `make_weighted_tree` of
    `UnionMatcher`s adds them. Matchers compare equal or unordered, so its
    sort is by size alone (stable) and each merged pair is inserted after
    the pairs of the same size."""
    nodes: list[tuple[int, dict[int, list[float]] | None]] = sorted(
        ((size, _as_dict(column)) for size, column in zip(sizes, columns, strict=True)), key=lambda node: node[0]
    )
    while len(nodes) > 1:
        a_size, a = nodes.pop(0)
        b_size, b = nodes.pop(0)
        insort(nodes, (a_size + b_size, _merge(a, b)), key=lambda node: node[0])
    merged = nodes[0][1] or {}
    ids = sorted(merged)
    return ids, [merged[d][1] for d in ids], [merged[d][0] for d in ids]


def _as_dict(column: Column | None) -> dict[int, list[float]] | None:
    if column is None or not column[0]:
        return None
    ids, weights, scores = column
    return {d: [s, w] for d, s, w in zip(ids, scores, weights, strict=True)}


def _merge(a: dict[int, list[float]] | None, b: dict[int, list[float]] | None) -> dict[int, list[float]] | None:
    """A union's two sides: where both match, their sum (in either order,
    the same float); the smaller side is added into the larger."""
    if a is None or b is None:
        return b if a is None else a
    if len(a) < len(b):
        a, b = b, a
    for d, (s, w) in b.items():
        pair = a.get(d)
        if pair is None:
            a[d] = [s, w]
        else:
            pair[0] = pair[0] + s
            pair[1] = pair[1] + w
    return a


def _array_union(columns: list[Column | None], scored: bool) -> Column:
    """`ArrayUnionMatcher`'s scores: each word's added in word order to a
    zeroed array (0.0 + x is x), or 1 per document when unscored."""
    scores: dict[int, float] = {}
    for column in columns:
        if column is not None:
            for d, s in zip(column[0], column[2], strict=True):
                scores[d] = scores.get(d, 0.0) + s
    ids = sorted(scores)
    ranked = [scores[d] for d in ids] if scored else [1.0] * len(ids)
    return ids, ranked, ranked  # its weight() is never asked for: the scores stand in
