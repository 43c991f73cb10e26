"""Rank what a comparison found and say each finding in words.

Conflicts matter most (outlets disagree on a fact), then facts only one
outlet gives (a name, a number, a date), then passages only one outlet
reports. Within a kind, longer and more specific findings rank higher.
Trivial ones -- a passage of a few words, page furniture, a sign-off --
are kept, marked trivial and ranked last, so a reader can still see them.
"""

from __future__ import annotations

import re

from .model import Comparison, Conflict, Finding, TextSpan, Unique

KIND_WEIGHT = {"conflict": 3.0, "fact": 2.0, "passage": 1.0}
CONFLICT_NOUNS = {"number": "Numbers differ", "money": "Amounts differ", "date": "Dates differ", "name": "Names differ"}
FACT_VERBS = {"PERSON": "names", "ORG": "names", "PLACE": "names", "NUMBER": "gives", "MONEY": "gives", "DATE": "gives"}
DESCRIPTION_WIDTH = 110
"""Characters of a passage kept in its description (cut at a word)."""
TRIVIAL_WORDS = 6
"""A unique passage this short is collapsed: a dateline, a fragment, a sign-off."""
FURNITURE = re.compile(
    r"^(?:read (?:the full|more)|related\b|click here|sign up|subscribe|follow (?:us|him|her)|"
    r"this (?:story|article) (?:has been|was) (?:updated|corrected)|"
    r"(?:photo|image|video)(?: credit)?:|contributing:|reporting by|editing by|"
    r"(?:\w+ )?contributed to this report|copyright|all rights reserved)",
    re.IGNORECASE,
)


def rank_findings(comparison: Comparison) -> list[Finding]:
    names = comparison.labels()
    findings = [_conflict(c, names) for c in comparison.conflicts]
    findings += [_unique(u, names) for u in comparison.unique]
    order = {info.id: n for n, info in enumerate(comparison.articles)}
    findings.sort(key=lambda f: (f.trivial, -f.weight, order[f.spans[0].article], f.spans[0].start))
    return findings


def _conflict(conflict: Conflict, names: dict[str, str]) -> Finding:
    by_value: dict[str, list[str]] = {}
    for reading in conflict.readings:
        by_value.setdefault(reading.text, []).append(names[reading.article])
    values = " vs ".join(f"{value} ({', '.join(outlets)})" for value, outlets in by_value.items())
    about = conflict.about.split(": ", 1)[-1]
    description = f"{CONFLICT_NOUNS.get(conflict.kind, 'Facts differ')}: {values}, {about}"
    spans = [TextSpan(r.article, r.start, r.end, r.text) for r in conflict.readings]
    return Finding("conflict", description, spans, KIND_WEIGHT["conflict"] + 0.1 * len(conflict.readings))


def _unique(unique: Unique, names: dict[str, str]) -> Finding:
    outlet = names[unique.article]
    span = TextSpan(unique.article, unique.start, unique.end, unique.text)
    if unique.kind == "fact":
        verb = FACT_VERBS.get(unique.label, "gives")
        description = f"Only {outlet} {verb} {_one_line(unique.text)}"
        return Finding("fact", description, [span], KIND_WEIGHT["fact"], label=unique.label)
    text = _one_line(unique.text)
    words = len(text.split())
    trivial = unique.trivial or words <= TRIVIAL_WORDS or bool(FURNITURE.match(text))
    # Longer passages carry more news, up to a point.
    weight = KIND_WEIGHT["passage"] + min(words, 40) / 100
    return Finding("passage", f"Only {outlet}: {_gist(text)}", [span], 0.0 if trivial else weight, trivial=trivial)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _gist(text: str) -> str:
    """The passage cut to a description's length at a word boundary."""
    if len(text) <= DESCRIPTION_WIDTH:
        return text
    cut = text[:DESCRIPTION_WIDTH].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"
