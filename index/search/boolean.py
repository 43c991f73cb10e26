"""`NOT` and `ANDNOT` with two Whoosh bugs fixed.

- Whoosh's `AndNotMatcher` checks its first document only for being *equal*
  to the excluded side's current one: when that side starts earlier
  (b = [0, 3], a = [3, 5]) document 3 is kept although b matches it. A
  query of filters alone lists its undated articles with
  `within ANDNOT published:*`, so a segment's first dated article a filter
  named came back twice (dated, and again as "undated"): the app's result
  list then failed on the repeated id.
- Whoosh's `InverseMatcher` (`NOT x`) skips deleted documents only while
  x still has documents to match: past x's last one, a deleted document
  (an article removed, kept in its segment until a merge) matched, so
  `is:read` or `-is:starred` counted removed articles in their totals.

The parser's queries and the search's own use these instead (`fix_boolean`).
"""

from __future__ import annotations

from whoosh import matching, query


class AndNotMatcher(matching.AndNotMatcher):
    """Whoosh's, with the first document checked as every later one is."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()  # skips b up to a, then a past whatever b matches

    def skip_to_quality(self, minquality: float) -> int:
        # Whoosh's looks for the next unexcluded document even when skipping
        # used up a's postings.
        skipped = self.a.skip_to_quality(minquality)
        if self.a.is_active():
            self._find_next()
        return skipped


class InverseMatcher(matching.InverseMatcher):
    """Whoosh's, never stopping on a missing (deleted) document."""

    def _find_next(self) -> None:
        child = self.child
        while self._id < self.limit:
            if self.missing(self._id):
                self._id += 1
                continue
            if child.is_active() and child.id() < self._id:
                child.skip_to(self._id)
            if child.is_active() and child.id() == self._id:
                self._id += 1
                continue
            break


class AndNot(query.AndNot):
    def matcher(self, searcher, context=None) -> matching.Matcher:
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return AndNotMatcher(scored, excluded)


class Not(query.Not):
    def matcher(self, searcher, context=None) -> matching.Matcher:
        reader = searcher.reader()
        child = self.query.matcher(searcher, searcher.boolean_context())
        return InverseMatcher(child, reader.doc_count_all(), missing=reader.is_deleted)


def fix_boolean(q: query.Query) -> query.Query:
    """`q` with Whoosh's `AndNot` and `Not` nodes replaced by the ones above."""

    def replace(node: query.Query) -> query.Query:
        if type(node) is query.AndNot:
            return AndNot(node.a, node.b)
        if type(node) is query.Not:
            return Not(node.query, boost=node.boost)
        return node

    return q.accept(replace)


class PlusMatcher(matching.WrappingMatcher):
    """Its child's scores plus a constant, with bounds to match."""

    def __init__(self, child: matching.Matcher, plus: float) -> None:
        super().__init__(child)
        self.plus = plus

    def _replacement(self, newchild: matching.Matcher) -> matching.Matcher:
        return self.__class__(newchild, self.plus)

    def copy(self) -> matching.Matcher:
        return self.__class__(self.child.copy(), self.plus)

    def score(self) -> float:
        return self.child.score() + self.plus

    def max_quality(self) -> float:
        return self.child.max_quality() + self.plus

    def block_quality(self) -> float:
        return self.child.block_quality() + self.plus

    def skip_to_quality(self, minquality: float) -> int:
        return self.child.skip_to_quality(minquality - self.plus)

    def supports_block_quality(self) -> bool:
        # Skipping saved little here (7 blocks of `music NOT award`'s 8,039
        # matches on the 100k library: the copies of its top articles are
        # spread over every block) and cost the count, which the collector
        # keeps exactly only when nothing is skipped.
        return False

    def replace(self, minquality: float = 0) -> matching.Matcher:
        child = self.child.replace(max(0.0, minquality - self.plus))
        if not child.is_active():
            return matching.NullMatcher()
        return self if child is self.child else self._replacement(child)


class AndNotScored(query.AndNot):
    """`x AND NOT y` (the parser's `And([x, Not(y)])`) matched as `x ANDNOT y`.

    Whoosh intersects x with every document y lacks (an `InverseMatcher`,
    scoring 1.0 and unable to skip), so a top-N search walked every match of
    x: `music NOT award` took as long as listing all 8,000 music articles.
    The same documents, each scored x's score + 1.0 as the intersection
    scored it (a + b == b + a exactly), found by skipping y's postings to
    each of x's documents instead.
    """

    def __init__(self, a: query.Query, b: query.Query, inverse_score: float) -> None:
        super().__init__(a, b)
        self.inverse_score = inverse_score

    def matcher(self, searcher, context=None) -> matching.Matcher:
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        m = AndNotMatcher(scored, excluded)
        if context is not None and context.weighting is None:
            return m
        return PlusMatcher(m, self.inverse_score) if m.is_active() else matching.NullMatcher()


def scored_and_not(q: query.Query) -> query.Query:
    """`q` with each two-part `And([x, Not(y)])` (unboosted) as an `AndNotScored`."""

    def replace(node: query.Query) -> query.Query:
        if isinstance(node, query.And) and len(node.subqueries) == 2 and node.boost == 1.0:  # bulk's BoundedAnd too
            first, second = node.subqueries
            if isinstance(second, query.Not) and not isinstance(first, query.Not):
                x, y = first, second
            elif isinstance(first, query.Not) and not isinstance(second, query.Not):
                x, y = second, first
            else:
                return node
            if y.boost == 1.0:
                return AndNotScored(x, y.query, inverse_score=1.0)
        return node

    return q.accept(replace)
