"""Content words of passages as weighted vectors, for comparing what they say."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*\d|\d")
# Words that say nothing about what happened: function words and the
# reporting verbs every outlet uses in its own way.
EXTRA_STOP = frozenset(
    "also has had have been was were is are be its it's their they them he she his her said says told "
    "stated added noted would could will can may might which who whom whose that this these those there "
    "than then into from with about after before while since during over under more most other such "
    "very just only even many much some any each both all one two three first new year years".split()
)
STOP = frozenset(STOP_WORDS) | EXTRA_STOP


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for every word or number in text."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def content_stems(text: str) -> list[str]:
    """Stemmed content words, lower case, in order."""
    out = []
    for _, _, word in words(text):
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if lower in STOP or len(lower) < 2 or lower[0].isdigit():
            continue
        out.append(_stem(lower))
    return out


def passage_terms(text: str) -> list[str]:
    """Content stems plus the numbers and years a passage gives: two outlets
    reporting "the first economic agreement, in 2022" share the 2022."""
    numbers = [w.replace(",", "") for _, _, w in words(text) if w[0].isdigit() and len(w) >= 2]
    return content_stems(text) + numbers


_stem_cache: dict[str, str] = {}


def _stem(word: str) -> str:
    found = _stem_cache.get(word)
    if found is None:
        found = _stem_cache[word] = stem(word)
    return found


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
