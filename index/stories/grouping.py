"""Group articles into stories, one article at a time.

Each new article is compared with the articles already grouped that share
its rarer terms (an inverted index over signatures keeps this to a few
dozen candidates however large the library) and published within a few
days of it when both dates are known. It joins the story of its most
similar candidate when the similarity clears the threshold, else starts a
story of its own. Earlier assignments never move on their own, so what the
user corrected stays corrected.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from .signature import Signature
from .signature_index import MemorySignatures, SignatureIndex

JOIN_THRESHOLD = 0.26
"""Cosine similarity of idf-weighted signatures above which an article joins
a story, when either date is unknown; chosen on BASIL without its dates
(tests/bench/stories.py --no-dates --sweep)."""
DATED_JOIN_THRESHOLD = 0.14
"""... and when both articles are dated within DAY_WINDOW of each other: the
dates already rule out most look-alike events (tests/bench/stories.py --sweep)."""
DAY_WINDOW = 4
"""Articles further apart than this (when both are dated) are different events."""
PRIOR_DOCUMENTS = 50
COHESION = 0.5
"""An article joins a story only if its mean similarity to the story's
members (0 for members it shares no rare term with) is at least this share
of the threshold."""
CANDIDATE_TERMS = 12
MAX_CANDIDATES = 30
MAX_POSTINGS = 400


class Grouper:
    def __init__(self, index: SignatureIndex | None = None) -> None:
        self.index: SignatureIndex = index if index is not None else MemorySignatures()
        """The grouped articles' signatures (in memory, or the side file)."""
        self.story_of: dict[str, str] = {}
        self.story_sizes: dict[str, int] = {}
        self.apart: set[frozenset[str]] = set()
        """Pairs of articles the user separated: never grouped again."""
        self.members: Callable[[str], Iterable[str]] | None = None
        """A story's articles (else found by scanning `story_of`)."""

    # -- bookkeeping --------------------------------------------------------

    def remember(self, signature: Signature, story: str) -> None:
        self.index.put(signature)
        self.place(signature.article, story)

    def place(self, article: str, story: str) -> None:
        """Record an article's story without (touching) its signature."""
        self.story_of[article] = story
        self.story_sizes[story] = self.story_sizes.get(story, 0) + 1

    def reassign(self, article: str, story: str) -> None:
        """Record a move the user made."""
        previous = self.story_of.get(article)
        if previous is not None:
            self.story_sizes[previous] = self.story_sizes.get(previous, 1) - 1
        self.place(article, story)

    def forget(self, article: str) -> None:
        story = self.story_of.pop(article, None)
        if story is not None:
            self.story_sizes[story] = self.story_sizes.get(story, 1) - 1
        self.index.drop(article)

    # -- similarity ---------------------------------------------------------

    def _idf(self, term: str, df: dict[str, int]) -> float:
        # As if PRIOR_DOCUMENTS unrelated articles came first: in a library of
        # five articles on one event every shared word would otherwise weigh
        # nothing, and only their differences would count.
        return math.log((PRIOR_DOCUMENTS + self.index.count()) / (1 + df.get(term, 0)))

    def vector(
        self, signature: Signature, df: dict[str, int] | None = None, weights: dict[str, float] | None = None
    ) -> dict[str, float]:
        """The signature's idf-weighted unit vector. `weights` keeps the idfs
        worked out so far for the same `df`: `best_story` weighs up to 30
        candidates sharing most terms, and each idf is a log (100 articles
        grouped: 93,000 idfs without it, about 3,000 with)."""
        if df is None:
            df = self.index.df(signature.terms)
        vec, norm = self._unscaled(signature, df, {} if weights is None else weights)
        return {t: v / norm for t, v in vec.items()}

    def _unscaled(self, signature: Signature, df: dict[str, int], weights: dict[str, float]
                  ) -> tuple[dict[str, float], float]:
        """`vector` before it is divided by its norm, and the norm."""
        vec = {}
        for t, w in signature.terms.items():
            if w > 0:
                idf = weights.get(t)
                if idf is None:
                    idf = weights[t] = self._idf(t, df)
                vec[t] = (1 + math.log(w)) * idf
        return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0

    def similarity(self, a: Signature, b: Signature) -> float:
        va, vb = self.vector(a), self.vector(b)
        return sum(v * vb.get(t, 0.0) for t, v in va.items())

    def candidates(self, signature: Signature, df: dict[str, int] | None = None) -> list[Signature]:
        """Grouped articles sharing the signature's rarer terms, most shared first."""
        if df is None:
            df = self.index.df(signature.terms)
        terms = sorted(signature.terms, key=lambda t: (df.get(t, 0), t))
        terms = [t for t in terms if df.get(t, 0)][:CANDIDATE_TERMS]
        shared: Counter = Counter()
        for term in terms:
            if df[term] > MAX_POSTINGS:
                continue  # a word hundreds of articles use says little about which event
            shared.update(self.index.keys(term))
        top = [key for key, _ in shared.most_common(MAX_CANDIDATES)]
        signatures = self.index.by_keys(top)
        found = []
        for key in top:
            other = signatures.get(key)
            if other is None or other.article not in self.story_of:
                continue  # a signature whose story write was lost: grouped again later
            if signature.day is not None and other.day is not None and abs(signature.day - other.day) > DAY_WINDOW:
                continue
            found.append(other)
        return found

    # -- assignment -----------------------------------------------------------

    def best_story(self, signature: Signature) -> tuple[str | None, float]:
        df = self.index.df(signature.terms)
        candidates = self.candidates(signature, df)
        if candidates:
            df = self.index.df({t for c in candidates for t in c.terms} | set(signature.terms))
        weights: dict[str, float] = {}  # idf by term, for this `df`
        vec = self.vector(signature, df, weights)
        by_story: dict[str, list[tuple[float, float]]] = {}
        for other_signature in candidates:
            article = other_signature.article
            if frozenset((article, signature.article)) in self.apart:
                continue
            # The cosine over the terms both have, each of the candidate's
            # values scaled as `vector` scales it: the same floats, without
            # making the candidate's whole unit vector (30 a new article). A
            # term the candidate lacks added 0.0, which changes no sum.
            other, norm = self._unscaled(other_signature, df, weights)
            score = sum(v * (other[t] / norm) for t, v in vec.items() if t in other)
            dated = signature.day is not None and other_signature.day is not None
            threshold = DATED_JOIN_THRESHOLD if dated else JOIN_THRESHOLD
            by_story.setdefault(self.story_of[article], []).append((score, threshold))
        best, best_score = None, 0.0
        for story, scores in by_story.items():
            top = max(s for s, _ in scores)
            threshold = min(t for _, t in scores)
            # Single link finds the story; the story's other members must not
            # be strangers to it, or chains of look-alike events form.
            size = self.story_sizes.get(story, 1)
            mean = sum(s for s, _ in scores) / max(size, 1) if size > 1 else top
            if top >= threshold and mean >= COHESION * threshold and top > best_score:
                best, best_score = story, top
        if best is not None:
            if self.apart and any(frozenset((a, signature.article)) in self.apart for a in self._members(best)):
                return None, best_score
            return best, best_score
        return None, best_score

    def _members(self, story: str) -> Iterable[str]:
        if self.members is not None:
            return self.members(story)
        return (a for a, s in self.story_of.items() if s == story)
