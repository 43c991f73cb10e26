"""Term postings read and scored a segment at a time, with exact block maxima.

Whoosh walks a term's postings one document at a time through several
Python calls (is_active, id, next, weight, score) and can skip a block of
postings only when an upper bound on its scores (the block's largest weight
with its shortest length) falls below the 200th best score so far. On the
100k BBC-derived library that bound is loose (a 128-posting block spans a
quarter of the 2,225 distinct articles), so nearly every block was read and
every matching document scored one call at a time: `government` scored all
23,700 of its documents.

Here a title or body term's postings in a segment are read block by block,
its documents scored in one list comprehension with `TabledBM25FScorer`'s
expression (so every score is Whoosh's, bit for bit), and the matcher keeps
the true maximum score of each run of `BLOCK` postings. Whoosh's own union,
intersection and top-N collector then skip every run that cannot reach the
top hits. A block's positions come out of the same unpickling as its ids,
so they are kept for phrases (`PhraseCandidates`) at no extra read.

Measured with tests/bench/search_speed.py on the 100k library, and checked
there against an exhaustive (limit=None) Whoosh search of the 60 queries:
the same top 200 in the same order, where the old code differed on three.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from whoosh import matching, query
from whoosh.matching.combo import ArrayUnionMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util import make_weighted_tree

from .scoring import TabledBM25FScorer
from .unions import Column, array_union, tree_sums, tree_union, uses_array

BLOCK = 32
"""Postings per quality block: small enough that a block holding a top hit
drags few others along, large enough that skipping is cheap."""


def _read_leaf(leaf: Any) -> tuple[list[int], list[float], list[Any]] | None:
    """All document numbers, weights and values of a whoosh3 leaf matcher,
    block by block (a block's values come with its ids from one unpickling)."""
    if not all(hasattr(leaf, name) for name in ("_goto", "_read_ids", "_read_weights", "_read_values", "_lastblock")):
        return None
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    while not leaf._atend and leaf._i < leaf._blocklength:
        leaf._read_ids()
        leaf._read_weights()
        leaf._read_values()
        start = leaf._i
        ids.extend(leaf._ids[start:] if start else leaf._ids)
        weights.extend(leaf._weights[start:] if start else leaf._weights)
        values.extend(leaf._values[start:] if start else leaf._values)
        if leaf._lastblock:
            break
        leaf._goto(leaf._nextoffset)
    return ids, weights, values


def _read_postings(matcher: Any) -> tuple[list[int], list[float], list[Any] | None]:
    """Document numbers, weights and (when read with them) values of a term's
    postings, less deleted documents."""
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        read = _read_leaf(matcher.child)
        if read is not None:
            excluded = matcher._ids
            ids, weights, values = read
            kept = [i for i, d in enumerate(ids) if d not in excluded]
            return [ids[i] for i in kept], [weights[i] for i in kept], [values[i] for i in kept]
    elif (read := _read_leaf(matcher)) is not None:
        return read
    ids, weights = [], []
    while matcher.is_active():  # any other matcher: the plain walk
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights, None


class ScoredPostings(matching.Matcher):
    """A term's postings in one segment with every score computed up front."""

    def __init__(
        self, ids: list[int], weights: list[float], scores: list[float], values: list[Any] | None,
        raw: Any, term: tuple[str, bytes],
    ):
        self._ids = ids
        self._postings_values = values
        self._weights = weights
        self._scores = scores
        self._n = len(ids)
        self._i = 0
        self._raw = raw
        """Makes a plain matcher over the same postings, for their values."""
        self._plain_matcher: Any = None
        self._term = term
        self._blockmax = [max(scores[i:i + BLOCK]) for i in range(0, self._n, BLOCK)]
        # What the rest of the postings can score, from each block on: the
        # bound a union or intersection may use for this side while it skips
        # the other side's blocks (Whoosh's own leaves give the current
        # block's bound there, which is not a bound for later documents).
        self._rest = list(accumulate(reversed(self._blockmax), max))[::-1]
        self.format = None

    # Where we are
    def is_active(self) -> bool:
        return self._i < self._n

    def id(self) -> int:
        try:
            return self._ids[self._i]
        except IndexError:  # used up: the last one, as Whoosh's leaves answer
            return self._ids[-1]

    def next(self) -> bool:  # type: ignore[override]  # True on entering a block, as Whoosh's leaves
        self._i += 1
        return self._i % BLOCK == 0

    def skip_to(self, id: int) -> bool:  # type: ignore[override]
        if self._i >= self._n:
            raise matching.ReadTooFar
        if id <= self._ids[self._i]:
            return False
        before = self._i // BLOCK
        self._i = bisect_left(self._ids, id, self._i)
        return self._i // BLOCK != before

    def reset(self) -> None:
        self._i = 0

    def all_ids(self):
        return iter(self._ids[self._i:])

    # What a document is worth
    def weight(self) -> float:
        return self._weights[self._i]

    def score(self) -> float:
        return self._scores[self._i]

    def supports_block_quality(self) -> bool:
        return True

    def max_quality(self) -> float:
        return self._rest[self._i // BLOCK] if self._i < self._n else 0.0

    def block_quality(self) -> float:
        return self._rest[self._i // BLOCK]

    def skip_to_quality(self, minquality: float) -> int:
        block = self._i // BLOCK
        if self._blockmax[block] > minquality:
            return 0
        skipped = 0
        blocks = len(self._blockmax)
        while block < blocks and self._blockmax[block] <= minquality:
            block += 1
            skipped += 1
        self._i = min(self._n, block * BLOCK)
        return skipped

    # The postings' values (positions), for phrases
    def supports(self, astype: str) -> bool:
        return self._plain().supports(astype)

    def value(self) -> Any:
        if self._postings_values is not None:
            return self._postings_values[self._i]
        plain = self._plain()
        plain.skip_to(self.id())
        return plain.value()

    def value_as(self, astype: str) -> Any:
        if self._postings_values is not None and self.format is not None:
            return self.format.decoder(astype)(self._postings_values[self._i])
        plain = self._plain()
        plain.skip_to(self.id())
        return plain.value_as(astype)

    def _plain(self) -> Any:
        if self._plain_matcher is None:
            self._plain_matcher = self._raw()
        return self._plain_matcher

    # Bookkeeping
    def term(self) -> tuple[str, bytes]:
        return self._term

    def copy(self) -> ScoredPostings:
        twin = ScoredPostings.__new__(ScoredPostings)
        twin.__dict__.update(self.__dict__)
        twin._plain_matcher = None
        return twin

    def replace(self, minquality: float = 0) -> matching.Matcher:
        if not self.is_active():
            return matching.NullMatcher()
        return self

    def depth(self) -> int:
        return 0


@dataclass
class TermRead:
    """One term's postings in a segment, less deleted documents, each scored
    as Whoosh's leaf matcher scores it."""

    ids: list[int]
    weights: list[float]
    scores: list[float]
    values: list[Any] | None
    plain: Callable[[], Any]
    """Makes Whoosh's own matcher over the same postings."""


def read_term(searcher: Any, fieldname: str, text: bytes, weighting: Any) -> TermRead | None:
    """`text`'s postings in `searcher`'s segment scored with `weighting`, or
    None when it does not score with `TabledBM25FScorer` (then Whoosh's way)."""
    scorer = weighting.scorer(searcher, fieldname, text)
    if type(scorer) is not TabledBM25FScorer:
        return None

    def plain() -> Any:
        return searcher.postings(fieldname, text, weighting=weighting)

    # The reader's postings are the searcher's without a scorer: making one
    # looks the term up again (Whoosh's scorer setup).
    ids, weights, values = _read_postings(searcher.reader().postings(fieldname, text))
    lengths, count, norm, k1p1, idf = scorer._lengths, scorer._count, scorer._norm, scorer._k1_plus_1, scorer.idf
    if ids and ids[-1] < count:
        scores = [idf * ((w * k1p1) / (w + norm[lengths[d]])) for d, w in zip(ids, weights, strict=True)]
    else:  # a document past the length column: the scorer's own lookup
        walker = plain()
        scores = []
        for d in ids:
            walker.skip_to(d)
            scores.append(scorer.score(walker))
    return TermRead(ids, weights, scores, values, plain)


def read_ids(reader: Any, fieldname: str, text: bytes) -> list[int]:
    """`text`'s document numbers in `reader`'s segment, less deleted ones."""
    return _read_postings(reader.postings(fieldname, text))[0]


class BulkTerm(query.Term):
    """`query.Term` matched through `ScoredPostings` when it is scored with
    `TabledBM25F` (the search's own weighting); otherwise Whoosh's matcher.

    Unscored (counting every match, `core._count`) it is the same: Whoosh's
    own `Term` scores with the searcher's weighting then too, and its
    walk, one posting at a time, was most of `labour party election`."""

    def matcher(self, searcher, context=None):
        weighting = searcher.weighting if context is None or context.weighting is None else context.weighting
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        try:
            text = field.to_bytes(self.text)
        except ValueError:
            return matching.NullMatcher()
        reader = searcher.reader()
        if (fieldname, text) not in reader:
            return matching.NullMatcher()
        read = None if self.minquality else read_term(searcher, fieldname, text, weighting)
        if read is None:
            return super().matcher(searcher, context)
        if not read.ids:
            return matching.NullMatcher()
        m: matching.Matcher = ScoredPostings(read.ids, read.weights, read.scores, read.values, read.plain, (fieldname, text))
        m.format = field.format
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


def bulk_terms(q: query.Query, fieldnames: tuple[str, ...]) -> query.Query:
    """`q` with each plain `query.Term` on `fieldnames` replaced by a `BulkTerm`,
    each `query.Or` by a `BoundedOr` and each `query.And` by a `BoundedAnd`."""

    def replace(node: query.Query) -> query.Query:
        if type(node) is query.Term and node.fieldname in fieldnames:
            return BulkTerm(node.fieldname, node.text, boost=node.boost, minquality=node.minquality)
        if type(node) is query.Or:
            return BoundedOr(node.subqueries, boost=node.boost, minmatch=node.minmatch, scale=node.scale)
        if type(node) is query.And:
            return BoundedAnd(node.subqueries, boost=node.boost)
        return node

    return q.accept(replace)


class BoundedArrayUnion(matching.WrappingMatcher):
    """Whoosh's `ArrayUnionMatcher` (its Or over small segments, and over a
    prefix's words) with bounds that hold for the documents still to come.

    Its own `max_quality` is its best word's, though a document holding two
    words scores their sum, and its `block_quality` covers only the part it
    has read: with `ScoredPostings`' exact bounds beside it, an intersection
    skipped a top hit (`(film OR movie) AND oscar` lost one of its 33.47s).
    Here both also count what the words can still add after the part."""

    def _rest(self) -> float:
        return sum(m.max_quality() for m in self.child._submatchers if m.is_active())

    def max_quality(self) -> float:
        return self.boost * max(self._part(), self._rest())

    def block_quality(self) -> float:
        return self.boost * max(self._part(), self._rest())

    def _part(self) -> float:
        return max(self.child._a) * self.child._boost if self.child._scored else 1.0

    def _replacement(self, newchild):
        return self.__class__(newchild, boost=self.boost) if isinstance(newchild, ArrayUnionMatcher) else newchild

    def replace(self, minquality: float = 0) -> matching.Matcher:
        if not self.is_active():
            return matching.NullMatcher()
        return self


def bounded(m: matching.Matcher) -> matching.Matcher:
    """`m`, or an `ArrayUnionMatcher` at its top wrapped in `BoundedArrayUnion`."""
    if isinstance(m, ArrayUnionMatcher):
        return BoundedArrayUnion(m)
    if type(m) is matching.WrappingMatcher and isinstance(m.child, ArrayUnionMatcher):
        return BoundedArrayUnion(m.child, boost=m.boost)
    return m


class BoundedOr(query.Or):
    """`query.Or` whose parts, when each is one `ScoredPostings` (a word in
    the title or the body, or a merged Or of such), become one, their scores
    added in the shape of Whoosh's own union (`unions`), so the collector
    skips with exact bounds: Whoosh's union skips one side by the other's
    bound for all its remaining documents, which hardly ever skips, and its
    array union (`blair OR brown` in a small segment) recomputed a 2,048-slot
    maximum at every step. Unscored (counting), two parts' documents merge
    the same way. Otherwise Whoosh's matcher over the same parts, its array
    union `bounded`."""

    def _matcher(self, subs, searcher, context):
        if self.scale or context is None or context.needs_current or len(subs) >= self.TOO_MANY_CLAUSES:
            return bounded(super()._matcher(subs, searcher, context))
        ms = [sub.matcher(searcher, context) for sub in subs]
        active = [m for m in ms if m.is_active()]
        if not active:
            return matching.NullMatcher()
        if context.weighting is None or len(subs) == 2:
            if len(active) == 1:
                m = active[0]
            elif len(subs) == 2 and all(type(m) is ScoredPostings for m in ms):
                m = merged_union(ms[0], ms[1])
            elif len(subs) == 2 and all(type(m) in (ScoredPostings, PhraseCandidates) for m in ms):
                m = PhraseUnion(ms[0], ms[1])
            elif len(subs) == 2:
                m = matching.UnionMatcher(ms[0], ms[1])
            else:
                return bounded(self._whoosh(subs, ms, searcher, context))
            return matching.WrappingMatcher(m, self.boost) if self.boost != 1.0 else m
        if not all(type(m) is ScoredPostings or not m.is_active() for m in ms):
            return bounded(self._whoosh(subs, ms, searcher, context))
        columns: list[Column | None] = [(m._ids, m._weights, m._scores) if m.is_active() else None for m in ms]
        if uses_array(len(subs), searcher.doc_count_all()):
            ids, weights, scores = array_union(columns, scored=True, boost=self.boost)
            return ScoredPostings(ids, weights, scores, None, lambda: None, active[0]._term)
        reader = searcher.reader()
        ids, weights, scores = tree_union(columns, [q.estimate_size(reader) for q in subs])
        m = ScoredPostings(ids, weights, scores, None, lambda: None, active[0]._term)
        return matching.WrappingMatcher(m, self.boost) if self.boost != 1.0 else m

    def _whoosh(self, subs, ms, searcher, context) -> matching.Matcher:
        """What `Or._matcher` builds (`DefaultOr` or `PreloadedOr`), from the
        parts' matchers already made."""
        if uses_array(len(subs), searcher.doc_count_all()):
            return ArrayUnionMatcher(  # type: ignore[abstract]  # as PreloadedOr makes it
                ms, searcher.doc_count_all(), boost=self.boost, scored=context.weighting is not None
            )
        reader = searcher.reader()
        m = make_weighted_tree(matching.UnionMatcher, [(q.estimate_size(reader), m) for q, m in zip(subs, ms, strict=True)])
        return matching.WrappingMatcher(m, self.boost) if self.boost != 1.0 else m


class BoundedAnd(query.And):
    """`query.And` whose parts, when each is one `ScoredPostings`, become
    one: the documents all parts hold, scored as Whoosh's weighted tree of
    `IntersectionMatcher`s adds them (`unions.tree_sums`), with exact block
    bounds. `labour party election` walked three unions' intersection one
    document at a time. Otherwise Whoosh's own tree over the same parts."""

    def _matcher(self, subs, searcher, context):
        ms = [sub.matcher(searcher, context) for sub in subs]
        reader = searcher.reader()
        sizes = [0 - q.estimate_size(reader) for q in subs]  # And._matcher's weights
        if not all(type(m) is ScoredPostings for m in ms):
            m = make_weighted_tree(matching.IntersectionMatcher, list(zip(sizes, ms, strict=True)))
            return matching.WrappingMatcher(m, self.boost) if self.boost != 1.0 else m
        common = set(ms[0]._ids)
        for m in ms[1:]:
            common.intersection_update(m._ids)
        if not common:
            return matching.NullMatcher()
        ids = sorted(common)
        places = []
        for m in ms:
            place = dict(zip(m._ids, range(m._n), strict=True))
            places.append([place[d] for d in ids])
        scores = tree_sums([[m._scores[i] for i in column] for m, column in zip(ms, places, strict=True)], sizes)
        weights = tree_sums([[m._weights[i] for i in column] for m, column in zip(ms, places, strict=True)], sizes)
        merged: matching.Matcher = ScoredPostings(ids, weights, scores, None, lambda: None, ms[0]._term)
        return matching.WrappingMatcher(merged, self.boost) if self.boost != 1.0 else merged


def _tree_sums(columns: list[list[float]]) -> list[float]:
    """Each row's scores added in the shape of Whoosh's `make_binary_tree`
    (an intersection's score is its two sides' sum), so every float is the
    same as Whoosh's; `columns` holds one list per word."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    return [a + b for a, b in zip(_tree_sums(columns[:half]), _tree_sums(columns[half:]), strict=True)]


class PhraseCandidates(ScoredPostings):
    """The documents holding every word of an exact phrase, scored as Whoosh
    scores the phrase (its words' scores added), each checked for the phrase
    only when the collector reaches it: skipped blocks are never checked."""

    def __init__(self, words: list[ScoredPostings], check: Any):
        common = set(words[0]._ids)
        for word in words[1:]:
            common.intersection_update(word._ids)
        ids = sorted(common)
        # Column by column (one list per word) rather than row by row: "last
        # year" has 40,000 candidates at 100k, and per-row sums were a third
        # of its time.
        columns = []
        for word in words:
            place = dict(zip(word._ids, range(word._n), strict=True))
            columns.append([place[d] for d in ids])
        scores = _tree_sums([[word._scores[i] for i in column] for word, column in zip(words, columns, strict=True)])
        weights = _tree_sums([[word._weights[i] for i in column] for word, column in zip(words, columns, strict=True)])
        super().__init__(ids, weights, scores, None, lambda: None, words[0]._term)
        self._words = words
        self._columns = columns
        self._pairs = [(word._postings_values, column) for word, column in zip(words, columns, strict=True)]
        self._check = check
        """check(list of position-value bytes, one per word) -> bool"""
        self._find()

    def has_phrase_at(self, i: int) -> bool:
        """Whether candidate `i` (an index, not a document number) has the phrase."""
        return self._check([values[column[i]] for values, column in self._pairs])  # type: ignore[index]

    def _find(self) -> bool:
        """Move on to the first candidate from here that has the phrase;
        whether that entered another block."""
        i, n = self._i, self._n
        start = i
        check, pairs = self._check, self._pairs
        while i < n and not check([values[column[i]] for values, column in pairs]):  # type: ignore[index]
            i += 1
        self._i = i
        return i // BLOCK != start // BLOCK

    def next(self) -> bool:  # type: ignore[override]  # True on entering a block, as Whoosh's leaves
        entered = super().next()
        return self._find() or entered

    def skip_to(self, id: int) -> bool:  # type: ignore[override]
        entered = super().skip_to(id)
        return self._find() or entered

    def skip_to_quality(self, minquality: float) -> int:
        skipped = super().skip_to_quality(minquality)
        if skipped:
            self._find()
        return skipped

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()

    def supports(self, astype: str) -> bool:
        return False

    def value(self) -> Any:
        raise matching.NoQualityAvailable("phrase candidates carry no values")


class PhraseUnion(matching.UnionMatcher):
    """Whoosh's union of a phrase's candidates with another phrase's or a
    word's postings (`"prime minister"` in the title or the body), unchanged;
    at the top of a query the collector ranks its documents by the sum of
    both sides' scores, a bound, and checks phrases only for the documents
    that bound lets into the top N (`limits.BudgetCollector`)."""

    def sides(self) -> list[tuple[list[int], list[float], int, Callable[[int], bool] | None]]:
        """Each side's document numbers, scores, first index not yet known to
        lack the phrase, and phrase check by index (None for a word)."""
        return [
            (m._ids, m._scores, m._i, m.has_phrase_at if type(m) is PhraseCandidates else None)
            for m in (self.a, self.b)
        ]


def merged_union(a: ScoredPostings, b: ScoredPostings) -> ScoredPostings:
    """Two scored postings as one: Whoosh's union adds the two scores where
    both match (a + b == b + a exactly, so its tree's order does not matter)."""
    scores = dict(zip(a._ids, a._scores, strict=True))
    weights = dict(zip(a._ids, a._weights, strict=True))
    for d, s, w in zip(b._ids, b._scores, b._weights, strict=True):
        if d in scores:
            scores[d] = scores[d] + s
            weights[d] = weights[d] + w
        else:
            scores[d] = s
            weights[d] = w
    ids = sorted(scores)
    return ScoredPostings(ids, [weights[d] for d in ids], [scores[d] for d in ids], None, lambda: None, a._term)
