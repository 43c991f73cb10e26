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
them (`unions`: the same weighted tree of unions, or the array union's word
order, which a constant-score expansion scores 1 per document), so every
float is Whoosh's. The result is one `ScoredPostings`, with true block
maxima the collector can skip by. Counting (an unscored search) gets the
words' documents merged the same way.

Anything else (another scorer, a library whose postings cannot be read in
blocks, a caller that needs Whoosh's own matchers) goes Whoosh's way.
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
from whoosh.query import compound

from .bulk import ScoredPostings, read_ids, read_term
from .unions import Column, array_union, tree_union, uses_array


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
    columns: list[Column | None] = []
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
    elif uses_array(len(words), searcher.doc_count_all()):
        ids, weights, scores = array_union(columns, scored=inner is not None)
    else:
        ids, weights, scores = tree_union(columns, [reader.doc_frequency(fieldname, w) for w in words])
    m = ScoredPostings(ids, weights, scores, None, lambda: None, (fieldname, words[0]))
    return m


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
