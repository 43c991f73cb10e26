"""Exact phrases matched with less work per candidate document.

Whoosh checks a phrase in each document holding all its words by building a
`Span` object per word occurrence and comparing them pairwise in Python: on
the 100k BBC-derived library that was two thirds of `"last year"`'s 0.5-0.7 s
(cProfile). For an exact phrase (slop 1, the parser's default) it is enough
to decode each word's positions (pickle and `itertools.accumulate`, both in
C) and intersect sets shifted by the word's place in the phrase. The
documents matched, the iteration (Whoosh's own intersection and wrapper) and
the scores (the sum of the words' scores, as Whoosh's) are unchanged.
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads

from whoosh import formats, matching, query
from whoosh.query.spans import Span, SpanNear2
from whoosh.system import _INT_SIZE

from .bulk import BulkTerm, PhraseCandidates, ScoredPostings


def _positions(matcher: matching.Matcher) -> list[int]:
    """The current document's positions of `matcher`'s word, as Whoosh's
    `Positions.decode_positions` reads them."""
    return _decode(matcher.value())


def _has_phrase(values: list[bytes]) -> bool:
    """Whether the words, with these position values, stand side by side."""
    starts = set(_decode(values[0]))
    for offset in range(1, len(values)):
        if not starts:
            return False
        starts.intersection_update(p - offset for p in _decode(values[offset]))
    return bool(starts)


def _decode(value: bytes) -> list[int]:
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[_INT_SIZE:])))


class ExactPhraseMatcher(SpanNear2.SpanNear2Matcher):
    """Whoosh's SpanNear2 matcher for ordered, adjacent words (slop 1)."""

    def _get_spans(self) -> list[Span]:
        ms = self.ms
        starts = set(_positions(ms[0]))
        for offset in range(1, len(ms)):
            if not starts:
                return []
            starts.intersection_update(p - offset for p in _positions(ms[offset]))
        last = len(ms) - 1
        return [Span(start, start + last) for start in sorted(starts)]

    def skip_to_quality(self, minquality: float) -> int:
        # Whoosh's wrapper moves its words' intersection past low-scoring
        # blocks and stops wherever that lands, phrase or not: look on from
        # there for the next document that has the phrase.
        before = self.child.id() if self.child.is_active() else None
        skipped = self.child.skip_to_quality(minquality / self.boost)
        if self.child.is_active() and self.child.id() != before:
            self._find_next()
        return skipped


def _fast(matchers: list[matching.Matcher]) -> bool:
    """Whether every word's postings are plain positions the fast check reads."""
    return all(
        isinstance(getattr(m, "format", None), formats.Positions) and not m.supports("characters")
        for m in matchers
    )


class ExactSpanNear2(SpanNear2):
    def matcher(self, searcher, context=None):
        context = self._span_context(context)
        ms = [q.matcher(searcher, context) for q in self.qs]
        if self.slop == 1 and self.ordered and self.mindist == 1 and _fast(ms):
            if all(type(m) is ScoredPostings and m._postings_values is not None for m in ms):
                candidates = PhraseCandidates(ms, _has_phrase)
                return candidates if candidates.is_active() else matching.NullMatcher()
            return ExactPhraseMatcher(ms, slop=1, ordered=True, mindist=1)
        return self.SpanNear2Matcher(ms, slop=self.slop, ordered=self.ordered, mindist=self.mindist)


class FastPhrase(query.Phrase):
    """`query.Phrase`, checked by `ExactPhraseMatcher` where it can be."""

    def matcher(self, searcher, context=None):
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)
        terms = []
        reader = searcher.reader()
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, word) not in reader:
                return matching.NullMatcher()
            terms.append(BulkTerm(fieldname, word))
        m = ExactSpanNear2(terms, slop=self.slop, ordered=True, mindist=1).matcher(searcher, context)
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


def fast_phrases(q: query.Query) -> query.Query:
    """`q` with each `query.Phrase` replaced by a `FastPhrase`."""

    def replace(node: query.Query) -> query.Query:
        if type(node) is query.Phrase:
            return FastPhrase(
                node.fieldname, node.words, slop=node.slop, boost=node.boost,
                char_ranges=node.char_ranges, degrade=node.degrade,
            )
        return node

    return q.accept(replace)
