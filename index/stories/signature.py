"""What an article is about, compactly: the words and names that identify its story."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter

from ..analysis.model import NAMED_LABELS
from ..article import Article
from ..content_words import content_stems

TITLE_WEIGHT = 3.0
ENTITY_WEIGHT = 2.0
LEAD_WORDS = 250
"""Only the opening of the body: it states the event; later paragraphs drift
into background every related story shares."""
MAX_TERMS = 30


@dataclass(frozen=True)
class Signature:
    article: str
    terms: dict[str, float]
    """Stemmed words and '@'-prefixed entity names, with raw weights."""
    day: int | None
    """Publication date as a day ordinal, when known."""

    def to_json(self) -> dict:
        return {"id": self.article, "day": self.day, "terms": {t: round(w, 2) for t, w in self.terms.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Signature:
        return cls(data["id"], data["terms"], data.get("day"))


def signature_of(article: Article) -> Signature:
    weights: dict[str, float] = defaultdict(float)
    for stem in content_stems(article.title):
        weights[stem] += TITLE_WEIGHT
    lead = " ".join(article.body.split()[:LEAD_WORDS])
    for stem in content_stems(f"{article.standfirst} {lead}"):
        weights[stem] += 1.0
    lead_end = len(lead)
    for entity in article.analysis.entities if article.analysis else []:
        if entity.label in NAMED_LABELS and entity.start < lead_end * 1.2:
            weights["@" + entity.canonical.lower()] += ENTITY_WEIGHT
    # As Counter.most_common: heaviest first, ties in order of appearance.
    top = dict(heapq.nlargest(MAX_TERMS, weights.items(), key=itemgetter(1)))
    day = article.published.date().toordinal() if article.published else None
    return Signature(article.id, top, day)
