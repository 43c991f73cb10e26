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
