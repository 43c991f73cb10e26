"""What only one of the compared articles reports."""

from __future__ import annotations

import re

from ..article import Article
from .align import PassageVectors
from .coverage import _people_names
from .model import Alignment, Unique
from .values import parse_quantity

FACT_LABELS = ("PERSON", "ORG", "NUMBER", "MONEY", "DATE")
"""Places are left out: which city a dateline names is rarely news."""


def unique_passages(pv: PassageVectors, alignments: list[Alignment]) -> list[Unique]:
    grouped = {(p.article, p.index) for a in alignments for p in a.passages}
    return [
        Unique(p.article, p.start, p.end, p.text)
        for passages in pv.passages.values()
        for p in passages
        if not p.heading and (p.article, p.index) in pv.vectors and (p.article, p.index) not in grouped
    ]


def unique_facts(articles: list[Article], pv: PassageVectors, alignments: list[Alignment]) -> list[Unique]:
    """Names, numbers and dates one article gives and no other mentions, inside
    passages the others do report (whole unique passages are listed as such)."""
    grouped = {(p.article, p.index) for a in alignments for p in a.passages}
    people = _people_names(articles)
    keys = {article.id: {_fact_key(e, people) for e in _entities(article)} for article in articles}
    texts = {article.id: article.body.lower() for article in articles}
    found = []
    for article in articles:
        seen = set()
        for entity in _entities(article):
            key = _fact_key(entity, people)
            if key is None or key in seen:
                continue
            passage = next((p for p in pv.passages[article.id] if p.start <= entity.start < p.end), None)
            if passage is None or (article.id, passage.index) not in grouped:
                continue
            others = [a for a in articles if a.id != article.id]
            if any(key in keys[o.id] or _mentioned(entity.text, texts[o.id]) for o in others):
                continue
            seen.add(key)
            found.append(Unique(article.id, entity.start, entity.end, entity.text, kind="fact", label=entity.label))
    return found


def _entities(article: Article):
    return [e for e in article.analysis.entities if e.label in FACT_LABELS] if article.analysis else []


def _fact_key(entity, people: dict[str, str]):
    if entity.label == "PERSON":
        return ("name", people.get(entity.canonical, entity.canonical).split()[-1])
    if entity.label == "ORG":
        if entity.canonical.split()[-1].lower() == "government":
            return None  # "the Russian government" is how, not what, an outlet reports
        return ("org", entity.canonical)
    if entity.label == "DATE":
        if not re.search(r"\d", entity.text):
            return None  # "Thursday", "this year": relative, not a fact of its own
        return ("date", entity.text.lower().removeprefix("in ").strip())
    if not re.search(r"\d", entity.text):
        return None
    value = parse_quantity(entity.text)
    return ("quantity", value) if value is not None and value >= 10 else None


def _mentioned(text: str, other_body: str) -> bool:
    return re.search(r"\b" + re.escape(text.lower()) + r"\b", other_body) is not None
