"""Dates, amounts of money and numbers, recognised by regular grammar."""

from __future__ import annotations

import re
from collections.abc import Iterator

_MONTH_WORDS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTHS = _MONTH_WORDS + r"\.?"
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundred|dozens?|hundreds|thousands|millions|billions)"
)
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k|mn)\b)"

DATE = re.compile(
    rf"""
    \b(?:
        {_DAYS},?\s+(?:\d{{1,2}}\s+{_MONTHS}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+{_YEAR})?
      | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+{_YEAR}|(?![.\s]*\d))  # not "19 Sept. 11 hijackers"
      | {_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?
      | (?:early|mid|late)[-\s]{_MONTHS}
      | {_MONTHS}\s+(?:this|last|next)\s+year
      | {_MONTHS}\s+{_YEAR}
      | {_YEAR}-\d\d-\d\d
      | \d{{1,2}}/\d{{1,2}}/(?:{_YEAR}|\d\d)
      | (?:in|since|by|from|until|of|before|after|during)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?{_YEAR}s?
      | {_YEAR}\s+(?:to|and|-|–)\s+{_YEAR}
      | (?:last|next|this)\s+(?:year|month|week|{_DAYS})
      | (?:on\s+)?{_DAYS}
      | {_MONTHS}(?=\s+(?:this|last|next)\b|,?\s+{_YEAR})
      | (?:\d+|{_NUMBER_WORDS}|a|several|few)\s+(?:years?|decades?|months?|weeks?|days?)\s+ago
    )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

MONEY = re.compile(
    rf"""
    (?:
        (?:US|A|C|HK|NZ)?[$€£¥₹]\s?\d[\d,]*(?:\.\d+)?{_SCALE}?
      | \b\d[\d,]*(?:\.\d+)?{_SCALE}?\s?(?:dollars|euros|pounds|yen|yuan|rupees|roubles|rubles|afghanis|USD|EUR|GBP)\b
    )
    """,
    re.VERBOSE,
)

NUMBER = re.compile(
    rf"""
    \b(?:
        \d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent|percent)
      | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?{_SCALE}?
      | \d+(?:\.\d+)?{_SCALE}
      | \d+(?:\.\d+)?
      | {_NUMBER_WORDS}(?:[-\s]{_NUMBER_WORDS})*
    )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


# Every date contains one of these; the full grammar runs only around them
# (running it over the whole text cost ~1 ms an article).
_DATE_ANCHOR = re.compile(
    rf"(?i)\b(?:{_MONTH_WORDS}|{_DAYS}|{_YEAR}|ago|(?:this|last|next)\s+(?:year|month|week))\b|\d/\d"
)


def _date_matches(text: str) -> list[re.Match]:
    matches: dict[int, re.Match] = {}
    covered_until = -1
    for anchor in _DATE_ANCHOR.finditer(text):
        if anchor.start() < covered_until:
            continue
        window_start = max(0, anchor.start() - 30)
        for match in DATE.finditer(text, window_start, min(len(text), anchor.end() + 30)):
            if match.start() <= anchor.start() < match.end() or match.start() >= anchor.start():
                matches.setdefault(match.start(), match)
                covered_until = max(covered_until, match.end())
    return [matches[k] for k in sorted(matches)]


_ONE_OR_A = re.compile(r"(?i)(one|a)")
_YEAR_ONLY = re.compile(_YEAR)
_LEADING_PREPOSITION = re.compile(r"(?:in|since|by|from|until|of|before|after|during|on)\s+(?:the\s+)?", re.I)
_DIGIT_OR_DAY = re.compile(r"\d|day\b")


def _strip_preposition(text: str, start: int) -> tuple[int, str]:
    match = _LEADING_PREPOSITION.match(text)
    if match and _DIGIT_OR_DAY.search(text):
        return start + match.end(), text[match.end():]
    return start, text


def find_dates_money_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) for dates, money and numbers; no overlaps, in order."""
    covered = bytearray(len(text))

    def free(start: int, end: int) -> bool:
        return not any(covered[start:end])

    found: list[tuple[int, int, str]] = []
    for pattern, label in ((MONEY, "MONEY"), (DATE, "DATE"), (NUMBER, "NUMBER")):
        for match in _date_matches(text) if pattern is DATE else pattern.finditer(text):
            start, value = match.start(), match.group()
            if label == "DATE":
                start, value = _strip_preposition(value, start)
                value = value.rstrip(" ,")
            end = start + len(value.strip())
            if label == "NUMBER" and _ONE_OR_A.fullmatch(value):
                continue
            if label == "NUMBER" and _YEAR_ONLY.fullmatch(value):
                label_here = "DATE"
            else:
                label_here = label
            if end > start and free(start, end):
                covered[start:end] = b"\x01" * (end - start)
                found.append((start, end, label_here))
    return iter(sorted(found))
