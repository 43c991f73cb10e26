"""Grouping works each idf out once per article, with the same floats as before."""

from __future__ import annotations

import math

from index.stories.grouping import Grouper
from index.stories.signature import Signature
from index.stories.signature_index import MemorySignatures

from .test_signature_index import _corpus


class _EveryIdf(Grouper):
    """The grouper as it was: every candidate's vector works its idfs out afresh."""

    def vector(self, signature, df=None, weights=None):
        if df is None:
            df = self.index.df(signature.terms)
        vec = {t: (1 + math.log(w)) * self._idf(t, df) for t, w in signature.terms.items() if w > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


def _scores(grouper: Grouper, signatures: list[Signature]) -> list[tuple[str | None, float]]:
    found = []
    for n, signature in enumerate(signatures):
        story, score = grouper.best_story(signature)
        found.append((story, score))
        grouper.remember(signature, story or f"s{n}")
    return found


def test_best_story_scores_are_the_same_floats_as_before():
    signatures = _corpus(300, seed=11)
    assert _scores(Grouper(MemorySignatures()), signatures) == _scores(_EveryIdf(MemorySignatures()), signatures)


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
