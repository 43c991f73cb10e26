"""Match each article's passages to the passages of the others that report the same thing.

Passages are compared as tf-idf vectors of their content words (idf over
every passage being compared, so the story's own vocabulary, "Russia",
"Taliban", weighs little and the specific words weigh much). Two passages
of different articles are linked when each is the other's best match in
its article and their similarity clears a threshold; linked passages form
alignment groups. A passage left in no group is unique to its article.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import Weights, passage_terms
from .model import Alignment, Passage

LINK_THRESHOLD = 0.18
"""Cosine similarity for mutual best matches; tuned on the seeds so that
paraphrases of one fact link ("maintained its embassy" / "did not shutter
its embassy") and passages that merely share the story's vocabulary do not."""
STRONG_THRESHOLD = 0.45
"""A match this close links even when it is not mutually best (an outlet
that repeats a fact in two sentences)."""
MIN_CONTENT_WORDS = 3
"""Shorter passages (a dateline, a heading) are not aligned or called unique."""


@dataclass
class PassageVectors:
    passages: dict[str, list[Passage]]
    vectors: dict[tuple[str, int], dict[str, float]]
    weights: Weights


def vectorise(passages: dict[str, list[Passage]]) -> PassageVectors:
    stems = {(p.article, p.index): passage_terms(p.text) for ps in passages.values() for p in ps}
    weights = Weights(stems.values())
    vectors = {key: weights.vector(terms) for key, terms in stems.items() if len(terms) >= MIN_CONTENT_WORDS}
    return PassageVectors(passages, vectors, weights)


def align(pv: PassageVectors) -> list[Alignment]:
    articles = list(pv.passages)
    links: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            links.update(_pair_links(pv, a, b))
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(key):
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # Strongest links first; two groups merge only when no article would then
    # have two passages in it, unless the link is very close: a chain of
    # middling links would otherwise glue a whole story into one group.
    group_articles: dict[tuple[str, int], set[str]] = {}
    for (x, y), score in sorted(links.items(), key=lambda item: -item[1]):
        rx, ry = find(x), find(y)
        if rx == ry:
            continue
        articles_x = group_articles.get(rx, {rx[0]})
        articles_y = group_articles.get(ry, {ry[0]})
        if articles_x & articles_y and score < STRONG_THRESHOLD:
            continue
        parent[rx] = ry
        group_articles[ry] = articles_x | articles_y
    for key in {k for pair in links for k in pair}:
        find(key)
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    by_key = {(p.article, p.index): p for ps in pv.passages.values() for p in ps}
    order = {article: n for n, article in enumerate(articles)}
    alignments = []
    for members in groups.values():
        if len({k[0] for k in members}) < 2:
            continue  # every link it had was refused
        members.sort(key=lambda k: (order[k[0]], k[1]))
        scores = [s for (x, y), s in links.items() if x in members and y in members]
        alignments.append(Alignment([by_key[k] for k in members], sum(scores) / len(scores)))
    # In reading order of the first article that has a passage in the group.
    alignments.sort(key=lambda a: (order[a.passages[0].article], a.passages[0].index))
    return alignments


def _pair_links(pv: PassageVectors, a: str, b: str) -> dict:
    keys_a = [(a, p.index) for p in pv.passages[a] if (a, p.index) in pv.vectors]
    keys_b = [(b, p.index) for p in pv.passages[b] if (b, p.index) in pv.vectors]
    if not keys_a or not keys_b:
        return {}
    # Sparse dot products through an index of b's terms: only pairs that
    # share a word are scored (long articles share few words pair by pair).
    postings: dict[str, list[tuple[tuple[str, int], float]]] = {}
    for y in keys_b:
        for term, weight in pv.vectors[y].items():
            postings.setdefault(term, []).append((y, weight))
    scores: dict[tuple, float] = {}
    for x in keys_a:
        for term, weight in pv.vectors[x].items():
            for y, other in postings.get(term, ()):
                scores[(x, y)] = scores.get((x, y), 0.0) + weight * other
    best_a: dict[tuple, tuple] = {}
    best_b: dict[tuple, tuple] = {}
    for (x, y), score in scores.items():
        if score > best_a.get(x, (None, -1.0))[1]:
            best_a[x] = (y, score)
        if score > best_b.get(y, (None, -1.0))[1]:
            best_b[y] = (x, score)
    found = {}
    for (x, y), score in scores.items():
        mutual = best_a[x][0] == y and best_b[y][0] == x
        if (mutual and score >= LINK_THRESHOLD) or score >= STRONG_THRESHOLD:
            found[(x, y)] = score
    return found
