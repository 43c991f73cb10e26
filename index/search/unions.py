"""Several scored postings added per document exactly as Whoosh's `Or` adds them.

Whoosh's `Or` matches a segment with a tree of `UnionMatcher`s, built by
`make_weighted_tree` from each part's estimated size (in segments over
5,000 documents, or for two parts), or with an `ArrayUnionMatcher` that adds
the parts' scores into an array in part order. A document's score is the sum
of its parts' scores in that shape: `a + b == b + a` exactly, so only the
grouping matters, and it is kept here, so every float is Whoosh's.

A part is a column: document numbers (ascending), weights, scores; None for
a part with no postings in the segment (Whoosh's `NullMatcher`, which a
union passes over).
"""

from __future__ import annotations

from bisect import insort

Column = tuple[list[int], list[float], list[float]]

ARRAY_UNION_MAX_DOCS = 5000
"""Whoosh's `Or` preloads an `ArrayUnionMatcher` in segments of at most this
many documents (for three parts or more); larger ones get a tree of unions."""


def uses_array(parts: int, segment_docs: int) -> bool:
    """Whether Whoosh's `Or` (`Or._matcher`, needs_current unset, no scale)
    preloads an array for `parts` parts in a segment of `segment_docs`."""
    return parts > 2 and segment_docs <= ARRAY_UNION_MAX_DOCS


def tree_union(columns: list[Column | None], sizes: list[int]) -> Column:
    """Scores (and weights) added as `make_weighted_tree`'s `UnionMatcher`s
    add them. Matchers compare equal or unordered, so its sort is by size
    alone (stable) and each merged pair goes after the pairs of its size."""
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


def array_union(columns: list[Column | None], scored: bool, boost: float = 1.0) -> Column:
    """`ArrayUnionMatcher`'s scores: each part's (times the union's boost)
    added in part order to a zeroed array (0.0 + x is x), or 1 per document
    when unscored. Its weight() is never asked for: the scores stand in."""
    scores: dict[int, float] = {}
    for column in columns:
        if column is not None:
            get = scores.get
            if boost == 1.0:
                for d, s in zip(column[0], column[2], strict=True):
                    scores[d] = get(d, 0.0) + s
            else:
                for d, s in zip(column[0], column[2], strict=True):
                    scores[d] = get(d, 0.0) + s * boost
    ids = sorted(scores)
    ranked = [scores[d] for d in ids] if scored else [1.0] * len(ids)
    return ids, ranked, ranked


def tree_sums(columns: list[list[float]], sizes: list[int]) -> list[float]:
    """Row by row, the columns' values added in the shape of
    `make_weighted_tree` over `sizes` (for an intersection, where every part
    matches every row, so each pair's sum is the two subtrees' sums)."""
    nodes: list[tuple[int, list[float]]] = sorted(zip(sizes, columns, strict=True), key=lambda node: node[0])
    while len(nodes) > 1:
        a_size, a = nodes.pop(0)
        b_size, b = nodes.pop(0)
        insort(nodes, (a_size + b_size, [x + y for x, y in zip(a, b, strict=True)]), key=lambda node: node[0])
    return nodes[0][1]
