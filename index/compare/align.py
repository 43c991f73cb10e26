"""Match each article's passages to the passages of the others that report the same thing.

Passages are compared as tf-idf vectors of their content words and numbers
(idf over every passage being compared). Similarity alone does not tell a
shared fact from a shared topic: two passages about the same story share
its names and words ("Trump", "wall", "shutdown") whatever each says. So a
link also needs *specific* words in common: words that neither article
repeats across its passages (an article's story vocabulary is what it
keeps coming back to; its specific words are the names, numbers and terms
of one fact). Two passages of different articles are linked when

- the part of their similarity carried by specific words is high, whether
  or not they are each other's best match (an outlet that gives one fact in
  two sentences links both), or
- they are each other's best match, similar overall, and share at least two
  specific words.

Linked passages form alignment groups, at most one passage per article
unless a link is very close. A passage left in no group is not necessarily
unique: see unique.py, which checks coverage against every passage.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .features import Weights, cosine, passage_terms
from .model import Alignment, Passage

SPECIFIC_THRESHOLD = 0.3
"""Similarity carried by specific words alone that links any two passages."""
LINK_THRESHOLD = 0.33
"""Overall similarity for mutual best matches that also share specific words."""
MIN_SPECIFIC_SHARED = 2
"""Specific words a mutual best match must share: one common name is a topic."""
STRONG_THRESHOLD = 0.45
"""A link this close may put two passages of one article in a group (an
outlet that repeats a fact)."""
STORY_PASSAGES = 3
"""A word in more of an article's passages than this is its story vocabulary."""
JOIN_THRESHOLD = 0.28
"""Similarity to each of several outlets' passages of a group at which a passage joins it."""
JOIN_OUTLETS = 2
MIN_CONTENT_WORDS = 3
"""Shorter passages (a dateline, a heading) are not aligned or called unique."""

Key = tuple[str, int]


@dataclass
class PassageVectors:
    passages: dict[str, list[Passage]]
    vectors: dict[Key, dict[str, float]]
    weights: Weights
    terms: dict[Key, list[str]] = field(default_factory=dict)
    """Every passage's content terms (stems and numbers), short ones too."""
    article_df: dict[str, Counter[str]] = field(default_factory=dict)
    """In how many of each article's passages each term occurs."""
    cover: dict[Key, float] | None = None
    """Each passage's best similarity to another article's passages (cover.py), once computed."""

    def specific(self, term: str, *articles: str) -> bool:
        """Is `term` specific (not story vocabulary) in every one of `articles`?"""
        return all(self.article_df[a][term] <= STORY_PASSAGES for a in articles)

    def specific_similarity(self, x: Key, y: Key) -> tuple[float, float, int]:
        """(cosine, the part of it carried by specific words, how many specific words are shared)."""
        vx, vy = self.vectors.get(x), self.vectors.get(y)
        if not vx or not vy:
            return 0.0, 0.0, 0
        total = specific = 0.0
        shared = 0
        for term, weight in vx.items():
            other = vy.get(term)
            if other is None:
                continue
            total += weight * other
            if self.specific(term, x[0], y[0]):
                specific += weight * other
                shared += 1
        return total, specific, shared


def vectorise(passages: dict[str, list[Passage]]) -> PassageVectors:
    terms = {(p.article, p.index): passage_terms(p.text) for ps in passages.values() for p in ps}
    weights = Weights(terms.values())
    vectors = {key: weights.vector(t) for key, t in terms.items() if len(t) >= MIN_CONTENT_WORDS}
    article_df: dict[str, Counter[str]] = {article: Counter() for article in passages}
    for (article, _), t in terms.items():
        article_df[article].update(set(t))
    return PassageVectors(passages, vectors, weights, terms, article_df)


def align(pv: PassageVectors) -> list[Alignment]:
    articles = list(pv.passages)
    links: dict[tuple[Key, Key], float] = {}
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            links.update(_pair_links(pv, a, b))
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # Strongest links first; two groups merge only when no article would then
    # have two passages in it, unless the link is very close: a chain of
    # middling links would otherwise glue a whole story into one group.
    group_articles: dict[Key, set[str]] = {}
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
    groups: dict[Key, list[Key]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    _join_by_consensus(pv, groups)
    by_key = {(p.article, p.index): p for ps in pv.passages.values() for p in ps}
    order = {article: n for n, article in enumerate(articles)}
    alignments = []
    for members in groups.values():
        if len({k[0] for k in members}) < 2:
            continue  # every link it had was refused
        members.sort(key=lambda k: (order[k[0]], k[1]))
        scores = [cosine(pv.vectors[x], pv.vectors[y]) for n, x in enumerate(members) for y in members[n + 1:]
                  if x[0] != y[0]]
        alignments.append(Alignment([by_key[k] for k in members], sum(scores) / len(scores)))
    # In reading order of the first article that has a passage in the group.
    alignments.sort(key=lambda a: (order[a.passages[0].article], a.passages[0].index))
    return alignments


def _join_by_consensus(pv: PassageVectors, groups: dict[Key, list[Key]]) -> None:
    """Add a passage in no group to the group of other outlets' passages it is
    close to: when two or more outlets' passages of one group each resemble
    it, their agreement is the evidence a single pair lacks (one outlet's
    paraphrase of a statement the others give alike)."""
    members = [m for m in groups.values() if len({k[0] for k in m}) >= 2]
    grouped = {k for m in members for k in m}
    for key, vector in pv.vectors.items():
        if key in grouped:
            continue
        best, best_score = None, 0.0
        for group in members:
            if any(k[0] == key[0] for k in group):
                continue
            close = {k[0] for k in group if k in pv.vectors and cosine(vector, pv.vectors[k]) >= JOIN_THRESHOLD}
            if len(close) >= JOIN_OUTLETS:
                score = sum(cosine(vector, pv.vectors[k]) for k in group if k in pv.vectors) / len(group)
                if score > best_score:
                    best, best_score = group, score
        if best is not None:
            best.append(key)
            grouped.add(key)


def pair_scores(pv: PassageVectors, a: str, b: str) -> dict[tuple[Key, Key], float]:
    """Cosine of every pair of a's and b's passages that share a term."""
    keys_a = [(a, p.index) for p in pv.passages[a] if (a, p.index) in pv.vectors]
    keys_b = [(b, p.index) for p in pv.passages[b] if (b, p.index) in pv.vectors]
    if not keys_a or not keys_b:
        return {}
    # Sparse dot products through an index of b's terms: only pairs that
    # share a word are scored (long articles share few words pair by pair).
    postings: dict[str, list[tuple[Key, float]]] = {}
    for y in keys_b:
        for term, weight in pv.vectors[y].items():
            postings.setdefault(term, []).append((y, weight))
    scores: dict[tuple[Key, Key], float] = {}
    for x in keys_a:
        for term, weight in pv.vectors[x].items():
            for y, other in postings.get(term, ()):
                scores[(x, y)] = scores.get((x, y), 0.0) + weight * other
    return scores


def _pair_links(pv: PassageVectors, a: str, b: str) -> dict[tuple[Key, Key], float]:
    scores = pair_scores(pv, a, b)
    best_a: dict[Key, float] = {}
    best_b: dict[Key, float] = {}
    for (x, y), score in scores.items():
        best_a[x] = max(best_a.get(x, 0.0), score)
        best_b[y] = max(best_b.get(y, 0.0), score)
    found = {}
    for (x, y), score in scores.items():
        if score < LINK_THRESHOLD and score < SPECIFIC_THRESHOLD:
            continue
        _, specific, shared = pv.specific_similarity(x, y)
        mutual = best_a[x] == score and best_b[y] == score
        if specific >= SPECIFIC_THRESHOLD or (
                mutual and score >= LINK_THRESHOLD and shared >= MIN_SPECIFIC_SHARED):
            found[(x, y)] = score
    return found
