"""What only one of the compared articles reports."""

from __future__ import annotations

import re

from ..article import Article
from .align import Key, PassageVectors
from .cover import coverage
from .coverage import _people_names
from .facts import Evidence, is_junk_name, reported_elsewhere
from .features import cosine
from .furniture import is_furniture, is_trivial
from .model import Alignment, Unique
from .values import parse_quantity

COVERED = 0.12
"""Similarity to another article's passage at which a passage is taken to be reported there too."""
REPEATED = 0.5
"""Similarity to an earlier passage of its own article at which a passage is a repetition."""
FACT_LABELS = ("PERSON", "ORG", "NUMBER", "MONEY", "DATE")
"""Places are left out: which city a dateline names is rarely news."""


def unique_passages(pv: PassageVectors, alignments: list[Alignment]) -> list[Unique]:
    """Passages no other article reports in any wording: in no alignment,
    and not close to any passage (or pair of passages) of another article.
    Furniture, fragments and an article's repetitions of itself are marked
    trivial."""
    grouped = {(p.article, p.index) for a in alignments for p in a.passages}
    covered = coverage(pv)
    found = []
    for article, passages in pv.passages.items():
        for p in passages:
            key = (article, p.index)
            if p.heading or key not in pv.vectors or key in grouped or covered[key] >= COVERED:
                continue
            trivial = is_trivial(p.text) or _repeats(pv, key)
            found.append(Unique(article, p.start, p.end, p.text, trivial=trivial))
    return found


def _repeats(pv: PassageVectors, key: Key) -> bool:
    """Does the article say this already, in an earlier passage?"""
    vector = pv.vectors[key]
    return any(cosine(vector, pv.vectors[(key[0], i)]) >= REPEATED
               for i in range(key[1]) if (key[0], i) in pv.vectors)


def unique_facts(articles: list[Article], pv: PassageVectors, alignments: list[Alignment]) -> list[Unique]:
    """Names, numbers and dates one article gives and no other reports in any
    wording, inside passages the others do report (a whole unique passage is
    listed as such)."""
    unique = {(u.article, u.start) for u in unique_passages(pv, alignments)}
    people = _people_names(articles)
    keys = {article.id: {_fact_key(e, people) for e in _entities(article)} for article in articles}
    evidence = {article.id: Evidence.of(article) for article in articles}
    found = []
    for article in articles:
        others = [o for o in articles if o.id != article.id]
        seen = set()
        for entity in _entities(article):
            key = _fact_key(entity, people)
            if key is None or key in seen or is_junk_name(entity):
                continue
            passage = next((p for p in pv.passages[article.id] if p.start <= entity.start < p.end), None)
            if passage is None or passage.heading or (article.id, passage.index) not in pv.vectors:
                continue
            if (article.id, passage.start) in unique:
                continue
            seen.add(key)
            if any(key in keys[o.id] for o in others):
                continue
            if reported_elsewhere(entity, article, [evidence[o.id] for o in others], people):
                continue
            trivial = is_furniture(passage.text) or _incidental(article.body, entity)
            # A person by the fullest name any article gives; an organisation
            # by the fuller of its words and its canonical form ("DHS" ->
            # "Department of Homeland Security", never "UN" for "United Nations").
            name = people.get(entity.canonical, entity.canonical) if entity.label == "PERSON" else (
                max((_one_line(entity.text), entity.canonical), key=len) if entity.label == "ORG" else "")
            found.append(Unique(article.id, entity.start, entity.end, entity.text, kind="fact", label=entity.label,
                                trivial=trivial, name=name))
    return found


_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|via|reported by|told|(?:said|posted|wrote|written) on|in an interview with)\s+(?:the\s+)?$",
    re.IGNORECASE)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _incidental(body: str, entity) -> bool:
    """A fact that only says where something was said or read ("according
    to TIME", "told AFP", "said on Telegram"), or a clock time's minutes
    ("7:19 p.m.")."""
    before = body[max(0, entity.start - 30):entity.start]
    if entity.label == "ORG" and _SOURCE_BEFORE.search(before):
        return True
    return entity.label == "NUMBER" and (before.endswith(":") or body[entity.end:entity.end + 1] == ":")


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
