"""Times the entity tagger leaves out: weekdays, years counted from the
article's own ("earlier this year"), and how long something lasted
("two-year", "monthslong").

Weekdays and relative years are read against the article's publication
date, so "Wednesday" in a paper of Wednesday and "Wednesday" in one of
Thursday name the same day, and "earlier this year" in December 2018 is
2018, not 2017.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .values import _ABOVE, _BELOW, _NEARLY, WEEKDAYS, DateValue

_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_FUTURE = re.compile(r"\b(?:expected|scheduled|slated|planned|plans to|set to|due to|next|to be held|upcoming|"
                     r"later this week)\b", re.I)
_WILL = re.compile(r"\b(?:will|would|shall)\s+(?:\w+\s+){0,2}$|['’]ll\s+\w+\s+$", re.I)
"""'will vote on Thursday': 'will' a word or two before the weekday's verb."""
_CLAUSE_END = re.compile(r"[.;:!?]")
_RELATIVE_YEAR = re.compile(r"\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(this|last|next)\s+year\b", re.I)

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50}
UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25, "decade": 3652.5}
_UNIT = r"(day|week|month|year|decade)"
_COUNTED = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?P<sep>[- ])" + _UNIT + r"(?P<plural>s)?"
    r"(?P<long>[- ]?long)?\b(?![- ]old\b)", re.I)
_VAGUE = re.compile(r"\b" + _UNIT + r"(?P<plural>s)?[- ]?long\b", re.I)
"""'monthslong', 'years-long', 'weeklong': a span given only by its unit."""
_POINT_AFTER = re.compile(r"\s*(?:ago|earlier|later|before|after|from now|old|in a row)\b", re.I)
"""'two years ago' is a time, not how long something lasted."""
_PLURAL_SPANS: dict[str, tuple[float, float]] = {
    "day": (2, 30), "week": (14, 90), "month": (60, 365), "year": (730, float("inf")), "decade": (7300, float("inf"))}
"""'dayslong' ... 'decades-long', in days: more than one unit, fewer than the next."""


MAX_SPAN_RATIO = 20.0


@dataclass(frozen=True)
class Duration:
    """How long something lasted, as the days a phrase allows."""

    low: float
    high: float
    adjective: bool
    """Written before a noun ("two-year investigation"): that noun is what lasted."""

    def agrees(self, other: Duration) -> bool:
        return max(self.low, other.low) <= min(self.high, other.high)

    def comparable(self, other: Duration) -> bool:
        """Could the two be one span reported differently? "Two-year" and
        "monthslong" can; "85 years" and "two months" are two things."""
        return self.low <= MAX_SPAN_RATIO * other.high and other.low <= MAX_SPAN_RATIO * self.high


@dataclass(frozen=True)
class Found:
    """A time phrase found in a passage: its offsets in the body and its value."""

    start: int
    end: int
    date: DateValue | None = None
    duration: Duration | None = None


def find_times(body: str, start: int, end: int, published: datetime | None) -> list[Found]:
    """Weekdays, relative years and durations in body[start:end]."""
    text = body[start:end]
    found = []
    for match in _WEEKDAY.finditer(text):
        clause = _clause_before(text, match.start())
        found.append(Found(start + match.start(), start + match.end(),
                           date=resolve_weekday(WEEKDAYS.index(match.group(1)), published, clause)))
    for match in _RELATIVE_YEAR.finditer(text):
        offset = {"this": 0, "last": -1, "next": 1}[match.group(1).lower()]
        date = DateValue(published.year + offset) if published else DateValue(relative=offset)
        found.append(Found(start + match.start(), start + match.end(), date=date))
    for match in _COUNTED.finditer(text):
        if _POINT_AFTER.match(text, match.end()):
            continue
        duration = _counted(match, text[:match.start()])
        if duration:
            found.append(Found(start + match.start(), start + match.end(), duration=duration))
    for match in _VAGUE.finditer(text):
        if any(f.start <= start + match.start() < f.end for f in found):
            continue  # the "-long" of "two-year-long"
        unit = match.group(1).lower()
        if match.group("plural"):
            low, high = _PLURAL_SPANS[unit]
        else:
            low, high = 0.75 * UNIT_DAYS[unit], 1.25 * UNIT_DAYS[unit]  # "yearlong"
        found.append(Found(start + match.start(), start + match.end(), duration=Duration(low, high, True)))
    return found


def resolve_weekday(weekday: int, published: datetime | None, clause: str) -> DateValue:
    """The calendar day a weekday names in an article published on
    `published`: the last such day, or the next when the clause speaks of
    what is to come ("is expected to vote on Thursday")."""
    if published is None:
        return DateValue(weekday=weekday)
    if _FUTURE.search(clause) or _WILL.search(re.sub(r"\s+(?:on|this|next)\s*$", " ", clause)):
        day = published + timedelta(days=(weekday - published.weekday()) % 7)
    else:
        day = published - timedelta(days=(published.weekday() - weekday) % 7)
    return DateValue(day.year, day.month, day.day, weekday=weekday)


def _clause_before(text: str, position: int) -> str:
    head = text[:position]
    ends = [m.end() for m in _CLAUSE_END.finditer(head)]
    return head[ends[-1]:] if ends else head


def _counted(match: re.Match, before: str) -> Duration | None:
    number = match.group("n").lower()
    count = float(number) if number[0].isdigit() else float(_NUMBER_WORDS[number])
    if count <= 0 or count > 200:
        return None
    unit = UNIT_DAYS[match.group(3).lower()]
    adjective = match.group("sep") == "-" or bool(match.group("long"))
    if not adjective and not match.group("plural") and count != 1:
        return None  # "two year" without a hyphen or a plural: not a span
    value = count * unit
    hedge = before[-30:].rstrip()
    if _ABOVE.search(hedge):
        return Duration(value, float("inf"), adjective)
    if _BELOW.search(hedge):
        return Duration(0.0, value, adjective)
    half = 0.5 * unit  # "two-year" is 18 to 30 months; "18-month" is within it
    if _NEARLY.search(hedge):
        return Duration(value - 2 * half, value, adjective)
    return Duration(value - half, value + half, adjective)
