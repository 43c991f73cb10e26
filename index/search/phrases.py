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

from collections.abc import Callable
from functools import partial
from itertools import accumulate
from pickle import loads

from whoosh import formats, matching, query
from whoosh.query.spans import Span, SpanNear2
from whoosh.system import _INT_SIZE

from ..positions import CompactPositions, decode_positions
from .bulk import BulkTerm, PhraseCandidates, ScoredPostings

Decoder = Callable[[bytes], list[int]]


def _decode_pickled(value: bytes) -> list[int]:
    """Whoosh's own `Positions` value (libraries made before compact positions)."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(value[_INT_SIZE:])))


def _decoder(format: formats.Format | None) -> Decoder | None:
    """How to read a posting's positions in C, or None to leave it to Whoosh.
    The schema (so the format) is the library's, the same in every segment."""
    if type(format) is CompactPositions:
        return decode_positions
    if type(format) is formats.Positions:
        return _decode_pickled
    return None


def _has_phrase(values: list[bytes], decode: Decoder) -> bool:
    """Whether the words, with these position values, stand side by side."""
    starts = set(decode(values[0]))
    if len(values) == 2:  # most phrases: no set of the second word's places
        return not starts.isdisjoint(map(_MINUS_ONE, decode(values[1])))
    for offset in range(1, len(values)):
        if not starts:
            return False
        starts.intersection_update(map((-offset).__add__, decode(values[offset])))
    return bool(starts)


_MINUS_ONE = (-1).__add__
"""p - 1 in C (map over a bound method makes no Python frame per position)."""


class ExactPhraseMatcher(SpanNear2.SpanNear2Matcher):
    """Whoosh's SpanNear2 matcher for ordered, adjacent words (slop 1)."""

    def __init__(self, ms: list[matching.Matcher], decode: Decoder, **kwargs) -> None:
        self._decode = decode
        super().__init__(ms, **kwargs)

    def copy(self) -> ExactPhraseMatcher:
        return self.__class__(
            [m.copy() for m in self.ms], self._decode, slop=self.slop, ordered=self.ordered, mindist=self.mindist
        )

    def _get_spans(self) -> list[Span]:
        ms, decode = self.ms, self._decode
        starts = set(decode(ms[0].value()))
        for offset in range(1, len(ms)):
            if not starts:
                return []
            starts.intersection_update(p - offset for p in decode(ms[offset].value()))
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


def _fast_decoder(matchers: list[matching.Matcher]) -> Decoder | None:
    """The decoder of the words' positions, when every word's postings are
    plain positions the fast check reads (one field, so one format)."""
    decoders = {_decoder(getattr(m, "format", None)) for m in matchers}
    if len(decoders) != 1 or any(m.supports("characters") for m in matchers):
        return None
    return decoders.pop()


class ExactSpanNear2(SpanNear2):
    def matcher(self, searcher, context=None):
        context = self._span_context(context)
        ms = [q.matcher(searcher, context) for q in self.qs]
        decode = _fast_decoder(ms) if self.slop == 1 and self.ordered and self.mindist == 1 else None
        if decode is not None:
            if all(type(m) is ScoredPostings and m._postings_values is not None for m in ms):
                candidates = PhraseCandidates(ms, partial(_has_phrase, decode=decode))
                return candidates if candidates.is_active() else matching.NullMatcher()
            return ExactPhraseMatcher(ms, decode, slop=1, ordered=True, mindist=1)
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
