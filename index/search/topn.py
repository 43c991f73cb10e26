"""How a top-N search's segment is collected, ending as Whoosh's own
`TopCollector` would (the same hits, order and scores) while reading less.
`limits.BudgetCollector` picks the way; counts are made apart
(`core._total`)."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterator
from itertools import compress
from typing import TYPE_CHECKING

from whoosh import collectors

from .bulk import PhraseCandidates

if TYPE_CHECKING:
    from .bulk import PhraseUnion, ScoredPostings
    from .limits import Budget


class OutOfTime(Exception):
    """Raised inside collection when the budget is spent."""


def collect_ranked(child: collectors.TopCollector, m: ScoredPostings, budget: Budget) -> None:
    """A segment whose whole query is one scored postings list (a word,
    an Or of words, a prefix, a phrase), best scores first.

    The heap ends as Whoosh's does: it holds the best `limit` by (score,
    then lower document number), and documents of equal score arrive in
    document order (`_best_first` is stable), so a tie at the heap's
    least score is turned away here as it would be there. Once the heap
    is full, the first document that cannot beat its least score ends
    the segment: all after it score no more. A phrase is checked only for
    the documents reached, a few hundred instead of every candidate in a
    block that holds a top hit (`"last year"`: 40,000 candidates at 100k).
    Counts are made apart (`core._total`), as for skipped blocks."""
    ids, scores, items, limit, offset = m._ids, m._scores, child.items, child.limit, child.offset
    has_phrase = m.has_phrase_at if type(m) is PhraseCandidates else None
    for i in best_first(scores, m._i, limit if has_phrase is None else 4 * limit):
        score = scores[i]
        if len(items) >= limit and score <= items[0][0]:
            break
        if has_phrase is not None and not has_phrase(i):
            continue
        child._collect(offset + ids[i], score)
        if budget.expired():
            raise OutOfTime


def collect_phrase_union(child: collectors.TopCollector, m: PhraseUnion, budget: Budget) -> None:
    """`collect_ranked` for a phrase in the title or the body: documents
    in order of both sides' scores added (a bound: a side whose phrase is
    missing adds nothing), each side's phrase checked, until the bound
    falls below the `limit`-th best score found (with the heap's, from
    earlier segments). The documents found go to the heap best first,
    equal scores in document order, so it ends as Whoosh's would."""
    sides = m.sides()
    bound = dict(zip(sides[0][0][sides[0][2] :], sides[0][1][sides[0][2] :], strict=True))
    ids, scores, start, _ = sides[1]
    for d, score in zip(ids[start:], scores[start:], strict=True):
        bound[d] = bound[d] + score if d in bound else score
    docs = sorted(bound)
    bounds = [bound[d] for d in docs]
    items, limit, offset = child.items, child.limit, child.offset
    best = list(items)  # a heap already: the top `limit` so far, by (score, -docnum)
    found = []
    for index in best_first(bounds, 0, 4 * limit):
        if len(best) >= limit and bounds[index] < best[0][0]:
            break
        d = docs[index]
        parts = []
        for ids, scores, start, has_phrase in sides:
            i = bisect_left(ids, d, start)
            if i < len(ids) and ids[i] == d and (has_phrase is None or has_phrase(i)):
                parts.append(scores[i])
        if not parts:
            continue
        key = (parts[0] + parts[1] if len(parts) == 2 else parts[0], -(offset + d))
        found.append(key)
        if len(best) < limit:
            heapq.heappush(best, key)
        elif key > best[0]:
            heapq.heapreplace(best, key)
        if budget.expired():
            break
    found.sort(reverse=True)
    for score, negated in found:
        child._collect(-negated, score)
    if budget.expired():
        raise OutOfTime


def collect_top(child: collectors.TopCollector, budget: Budget) -> None:
    """Whoosh's `ScoredCollector.matches` loop, skipping by the current
    `limit`-th best score as soon as `limit` hits are held.

    Whoosh raises its skipping threshold only when it replaces the
    matcher (which we turn off, see `core._collect`), and first only once
    the heap is full and a better hit arrives: a library's first segment
    was never skipped. A document enters the heap only when it scores
    above the heap's least score, so a block whose best score is at most
    that cannot change the top hits. Counts are made apart (`core._total`)."""
    matcher, items, limit, collect = child.matcher, child.items, child.limit, child.collect
    checkquality = True
    minscore = None
    while matcher.is_active():
        if len(items) >= limit and (checkquality or items[0][0] != minscore):
            minscore = items[0][0]
            child.skipped_times += matcher.skip_to_quality(minscore)
            if not matcher.is_active():
                break
        collect(matcher.id())
        if budget.expired():
            raise OutOfTime
        checkquality = bool(matcher.next())  # None from some of Whoosh's matchers, as False


def best_first(scores: list[float], start: int, first: int) -> Iterator[int]:
    """Indexes from `start` on by descending score, equal scores in index
    order (as a stable sort). The `first`-th best score splits them: those
    at or above it are sorted at once, the rest only if the caller reads
    that far (a phrase whose best candidates lack it)."""
    rest = scores[start:]
    if not rest:
        return
    cut = heapq.nlargest(first, rest)[-1]
    by_score = scores.__getitem__
    yield from sorted(compress(range(start, len(scores)), map(cut.__le__, rest)), key=by_score, reverse=True)
    yield from sorted(compress(range(start, len(scores)), map(cut.__gt__, rest)), key=by_score, reverse=True)
