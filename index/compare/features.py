"""Content words of passages as weighted vectors, for comparing what they say."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

# Words, stop words and stems live in ..content_words, which story grouping
# imports without the rest of the compare package; re-exported here.
from ..content_words import EXTRA_STOP, STOP, content_stems, words

__all__ = ["EXTRA_STOP", "STOP", "Weights", "content_stems", "cosine", "passage_terms", "words"]


def passage_terms(text: str) -> list[str]:
    """Content stems plus the numbers and years a passage gives: two outlets
    reporting "the first economic agreement, in 2022" share the 2022."""
    numbers = [w.replace(",", "") for _, _, w in words(text) if w[0].isdigit() and len(w) >= 2]
    return content_stems(text) + numbers


class Weights:
    """Inverse document frequencies over a set of passages."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        df: Counter[str] = Counter()
        total = 0
        for document in documents:
            df.update(set(document))
            total += 1
        self.total = max(total, 1)
        self.df = df

    def idf(self, term: str) -> float:
        return math.log((1 + self.total) / (1 + self.df.get(term, 0))) + 1.0

    def vector(self, terms: Iterable[str]) -> dict[str, float]:
        counts = Counter(terms)
        vec = {t: (1 + math.log(c)) * self.idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())
