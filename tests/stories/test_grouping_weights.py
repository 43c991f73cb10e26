"""Grouping works each idf out once per article, with the same floats as before."""

from __future__ import annotations

import math

from index.stories.grouping import COHESION, DATED_JOIN_THRESHOLD, JOIN_THRESHOLD, Grouper
from index.stories.signature import Signature
from index.stories.signature_index import MemorySignatures

from .test_signature_index import _corpus


class _EveryIdf(Grouper):
    """The grouper as it was: every candidate's whole unit vector made, its
    idfs worked out afresh, and the cosine summed over all the new article's terms."""

    def vector(self, signature, df=None, weights=None):
        if df is None:
            df = self.index.df(signature.terms)
        vec = {t: (1 + math.log(w)) * self._idf(t, df) for t, w in signature.terms.items() if w > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def best_story(self, signature):
        df = self.index.df(signature.terms)
        candidates = self.candidates(signature, df)
        if candidates:
            df = self.index.df({t for c in candidates for t in c.terms} | set(signature.terms))
        vec = self.vector(signature, df)
        by_story: dict[str, list[tuple[float, float]]] = {}
        for other_signature in candidates:
            other = self.vector(other_signature, df)
            score = sum(v * other.get(t, 0.0) for t, v in vec.items())
            dated = signature.day is not None and other_signature.day is not None
            threshold = DATED_JOIN_THRESHOLD if dated else JOIN_THRESHOLD
            by_story.setdefault(self.story_of[other_signature.article], []).append((score, threshold))
        best, best_score = None, 0.0
        for story, scores in by_story.items():
            top = max(s for s, _ in scores)
            threshold = min(t for _, t in scores)
            size = self.story_sizes.get(story, 1)
            mean = sum(s for s, _ in scores) / max(size, 1) if size > 1 else top
            if top >= threshold and mean >= COHESION * threshold and top > best_score:
                best, best_score = story, top
        return best, best_score


def _scores(grouper: Grouper, signatures: list[Signature]) -> list[tuple[str | None, float]]:
    found = []
    for n, signature in enumerate(signatures):
        story, score = grouper.best_story(signature)
        found.append((story, score))
        grouper.remember(signature, story or f"s{n}")
    return found


def test_best_story_scores_are_the_same_floats_as_before():
    signatures = _corpus(300, seed=11)
    found = _scores(Grouper(MemorySignatures()), signatures)
    assert found == _scores(_EveryIdf(MemorySignatures()), signatures)
    assert sum(story is not None for story, _ in found) > 100  # joining happens, with scores to compare


def test_shared_weights_give_the_same_vector():
    signatures = _corpus(60, seed=3)
    grouper = Grouper(MemorySignatures())
    for signature in signatures[:40]:
        grouper.remember(signature, signature.article)
    df = grouper.index.df({t for s in signatures for t in s.terms})
    weights: dict[str, float] = {}
    for signature in signatures[40:]:
        assert grouper.vector(signature, df, weights) == grouper.vector(signature, df)
    assert weights  # filled as the vectors were made
