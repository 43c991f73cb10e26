"""How closely another article reports what a passage says, in any passage.

Alignment links only the passages it is sure of; an "only this outlet"
claim needs the opposite certainty: that no other article reports the
passage's content anywhere. So every passage is compared with every
passage of the other articles, and with each pair of neighbouring passages
there (one outlet's two sentences may hold what another says in one).
"""

from __future__ import annotations

import itertools

from .align import Key, PassageVectors, pair_scores


def coverage(pv: PassageVectors) -> dict[Key, float]:
    """For each passage with a vector: its best similarity to any passage, or
    neighbouring pair of passages, of another article."""
    if pv.cover is not None:
        return pv.cover
    best: dict[Key, float] = dict.fromkeys(pv.vectors, 0.0)
    articles = list(pv.passages)
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            for (x, y), score in pair_scores(pv, a, b).items():
                best[x] = max(best[x], score)
                best[y] = max(best[y], score)
    for article in articles:
        # Sparse dot products through an index of the windows' terms.
        postings: dict[str, list[tuple[int, float]]] = {}
        for n, window in enumerate(_windows(pv, article)):
            for term, weight in window.items():
                postings.setdefault(term, []).append((n, weight))
        for key, vector in pv.vectors.items():
            if key[0] == article:
                continue
            scores: dict[int, float] = {}
            for term, weight in vector.items():
                for n, other in postings.get(term, ()):
                    scores[n] = scores.get(n, 0.0) + weight * other
            if scores:
                best[key] = max(best[key], max(scores.values()))
    pv.cover = best
    return best


def _windows(pv: PassageVectors, article: str) -> list[dict[str, float]]:
    """Vectors of each two neighbouring passages of an article, read as one."""
    passages = pv.passages[article]
    found = []
    for first, second in itertools.pairwise(passages):
        terms = pv.terms.get((article, first.index), []) + pv.terms.get((article, second.index), [])
        if terms:
            found.append(pv.weights.vector(terms))
    return found
