"""Is a name, number or date one article gives reported by another in other words?

A fact is only one outlet's when no other article gives it in any form:
a surname for a full name ("Mr. Trump", "Trump"), an acronym for an
organisation's name, a rounded figure for an exact one ("$141 million",
"$140,937,785"), words for digits ("a million dollars"), another unit for
a duration ("three weeks", "21 days"), a vaguer form of a date ("early
July", "July 2016").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..analysis.gazetteer import load as load_gazetteer
from ..analysis.gazetteer import name_key
from ..article import Article
from .values import parse_date, parse_quantity

ROUNDING = 0.03
"""Two amounts within 3% of each other are one figure, rounded differently."""
# Titles and role words fused to a name by the recogniser ("Texas Gov",
# "Counsel Don McGahn"): the fact is the name part.
TITLE_WORDS = frozenset(
    "mr mrs ms dr sen sens rep reps gov govs gen lt col capt sgt adm cong atty prof rev hon pres amb "
    "president senator representative governor congressman congresswoman counsel attorney general "
    "secretary minister chairman chairwoman speaker leader director judge justice mayor chief "
    "former vice deputy acting the".split()
)
PARTY_WORDS = frozenset("democratic democrat democrats republican republicans gop conservative labour liberal".split())
CONNECTORS = frozenset(("the", "of", "and", "for", "on", "in", "&"))
GENERIC_HEADS = frozenset(
    "department senate house congress court government administration office committee agency ministry "
    "party state states".split()
)
_WORD_NUMBER = (
    r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|several|half a"
)
_NUMBERS = re.compile(
    rf"(?:[$£€]\s*)?(\d[\d,]*(?:\.\d+)?|\b(?:{_WORD_NUMBER})\b)(?:\s*-?\s*(thousand|million|billion|trillion|bn|m)\b)?",
    re.IGNORECASE,
)
_DURATION = re.compile(
    rf"\b(\d+|{_WORD_NUMBER})[\s-]+(day|week|month|year)s?\b", re.IGNORECASE
)
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class Evidence:
    """What one article says, in the forms a fact may be matched in."""

    text: str
    lower: str
    capitalised: set[str] = field(default_factory=set)
    """Every capitalised word, dots dropped ('F.B.I.' -> 'FBI')."""
    quantities: list[float] = field(default_factory=list)
    durations: set[int] = field(default_factory=set)
    """Durations in days."""
    dates: list = field(default_factory=list)
    years: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, article: Article) -> Evidence:
        text = article.body
        reference = article.published.year if article.published else None
        evidence = cls(text, text.lower())
        evidence.capitalised = {_POSSESSIVE.sub("", w.replace(".", "")) for w in _CAPITALISED.findall(text)}
        evidence.quantities = [q for q in (_quantity(m) for m in _NUMBERS.finditer(text)) if q is not None]
        evidence.durations = {_days(m) for m in _DURATION.finditer(text)}
        for entity in article.analysis.entities if article.analysis else []:
            if entity.label == "DATE":
                value = parse_date(entity.text, reference)
                if value is not None:
                    evidence.dates.append(value)
        evidence.years = {int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)}
        evidence.years |= {d.year for d in evidence.dates if d.year}
        return evidence


def reported_elsewhere(entity, article: Article, others: list[Evidence], people: dict[str, str]) -> bool:
    """Does any other article give this entity's fact, in any wording?"""
    text = entity.text
    if any(_mentioned(text, o.lower) for o in others):
        return True
    if entity.label == "PERSON":
        name = name_part(people.get(entity.canonical, entity.canonical)) or name_part(text)
        surname = name.split()[-1] if name else ""
        return bool(surname) and any(surname in o.capitalised for o in others)
    if entity.label == "ORG":
        return _org_elsewhere(entity, others)
    if entity.label == "DATE":
        return _date_elsewhere(text, article, others)
    # A number with its unit after it: "21" of "21 days".
    return _quantity_elsewhere(article.body[entity.start:entity.end + 12], others)


def name_part(text: str) -> str:
    """A name without the titles and role words fused to it: 'Texas Gov' ->
    'Texas', 'Counsel Don McGahn' -> 'Don McGahn'."""
    words = text.replace("’", "'").split()
    while words and words[0].lower().strip(".") in TITLE_WORDS:
        words.pop(0)
    while words and words[-1].lower().strip(".") in TITLE_WORDS:
        words.pop()
    return " ".join(words)


def is_junk_name(entity) -> bool:
    """A 'name' that is no fact of its own: a place with a title fused to it
    ('Massachusetts Gov'), a title alone, or a generic institution left
    after a place ('U.S. Department', 'Wyoming U.S Senate')."""
    if entity.label not in ("PERSON", "ORG"):
        return False
    name = name_part(entity.text)
    if not name or len(name.strip(".")) < 2:
        return True
    if name != entity.text.replace("’", "'").strip() and _is_place(name):
        return True
    words = name.split()
    if entity.label == "ORG" and len(words) == 1 and words[0] in load_gazetteer().org_heads:
        return True  # "Union" of "State of the Union", "Council": a fragment
    if entity.label == "ORG" and (words[-1].lower() in GENERIC_HEADS or words[-1].lower() in PARTY_WORDS):
        qualifiers = words[:-1]
        # Only places, country codes and party words before it ("Wyoming U.S
        # Senate", "Democratic-led Senate", "Iowa Democrat"): no name of its own.
        if _is_place(" ".join(qualifiers)) or all(_qualifier(w) for w in qualifiers):
            return True
    return False


def _qualifier(word: str) -> bool:
    lower = word.lower()
    return (_is_place(word) or word.replace(".", "").isupper() or lower in PARTY_WORDS
            or lower.split("-")[0] in PARTY_WORDS)


def _is_place(name: str) -> bool:
    found = load_gazetteer().names.get(name_key(name))
    return found is not None and found[0] == "PLACE"


def _org_elsewhere(entity, others: list[Evidence]) -> bool:
    words = [w for w in re.split(r"[\s\-]+", name_part(entity.canonical or entity.text)) if w]
    words = [w for w in words if w.lower() not in CONNECTORS]
    if not words:
        return False
    acronym = "".join(w[0] for w in words if w[0].isupper())
    plain = entity.text.replace(".", "")
    heads = load_gazetteer().org_heads
    # The words that make the name its own: not "Department", "Committee", "Party".
    distinctive = [w for w in words if w not in heads and w.lower() not in GENERIC_HEADS]
    for other in others:
        if len(acronym) >= 2 and acronym in other.capitalised:
            return True  # "Department of Homeland Security" / "DHS"
        if plain.isupper() and len(plain) >= 2 and _expands(plain, other.text):
            return True  # "DOMA" / "Defense of Marriage Act"
        # "The New York Times" / "the Times"; "Republican Party" / "Republican";
        # "Human Services Department" / "Health and Human Services".
        if len(words) > 1 and distinctive and all(w in other.capitalised for w in distinctive):
            return True
        head = words[-1]
        if len(words) > 1 and head[0].isupper() and head.lower() not in GENERIC_HEADS and head in other.capitalised \
                and head not in ("News", "Post", "Press", "Journal", "Daily"):
            return True
    return False


def _expands(acronym: str, text: str) -> bool:
    """Does text spell out the acronym, its small words counted or not
    ('DHS': 'Department of Homeland Security'; 'DOMA': 'Defense of Marriage Act')?"""
    words = re.findall(r"[\w'’]+", text)
    letters = acronym.upper()

    def match(i: int, k: int) -> bool:
        if k == len(letters):
            return True
        if i >= len(words):
            return False
        word = words[i]
        if word.lower() in CONNECTORS:
            # A small word may give its letter ("of" in DOMA) or be skipped.
            return (word[0].upper() == letters[k] and match(i + 1, k + 1)) or match(i + 1, k)
        return word[0].isupper() and word[0] == letters[k] and match(i + 1, k + 1)

    return any(w[0] == letters[0] and match(i, 0) for i, w in enumerate(words))


def _date_elsewhere(text: str, article: Article, others: list[Evidence]) -> bool:
    reference = article.published.year if article.published else None
    value = parse_date(text, reference)
    if value is None:
        return False
    if value.month is None:
        return value.year is not None and any(value.year in o.years for o in others)
    for other in others:
        for date in other.dates:
            if date.month != value.month:
                continue
            # "July 2016" / "early July"; "Jan. 3" / "January 3, 2012".
            if value.day and date.day and value.day != date.day:
                continue
            if value.year and date.year and value.year != date.year:
                continue
            return True
    return False


def _quantity_elsewhere(text: str, others: list[Evidence]) -> bool:
    duration = _DURATION.match(text)
    if duration and any(_days(duration) in o.durations for o in others):
        return True  # "21 days" / "three weeks"
    value = parse_quantity(text)
    if value is None:
        return False
    for other in others:
        for q in other.quantities:
            if value == q or (value >= 10 and abs(value - q) <= ROUNDING * max(value, q)):
                return True
    return False


def _quantity(match: re.Match[str]) -> float | None:
    number, scale = match.group(1).lower(), (match.group(2) or "").lower()
    if number[0].isdigit():
        try:
            value = float(number.replace(",", ""))
        except ValueError:
            return None
    elif number in _WORDS:
        if not scale and number in ("a", "an"):
            return None  # "a" alone is no number
        value = float(_WORDS[number])
    elif number == "half a" and scale:
        value = 0.5
    else:
        return None
    return value * _SCALE.get(scale, 1.0)


def _days(match: re.Match[str]) -> int:
    number = match.group(1).lower()
    count = int(number) if number.isdigit() else _WORDS.get(number, 0)
    return count * _DAYS[match.group(2).lower()]


def _mentioned(text: str, other_lower: str) -> bool:
    if text.lower() not in other_lower:
        return False  # the cheap test first: most facts are not there at all
    return re.search(r"\b" + re.escape(text.lower()) + r"\b", other_lower) is not None


__all__ = ["Evidence", "is_junk_name", "name_part", "reported_elsewhere"]
