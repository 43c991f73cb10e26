"""Read dates and quantities as values that can be compared across articles."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_RELATIVE = re.compile(r"\b(this|last|next)\s+year\b", re.I)
_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class DateValue:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: int | None = None
    """Years from the article's own: 0 'this year', -1 'last year'; set
    only when the year could not be resolved (no publication date)."""
    weekday: int | None = None
    """0 for Monday ...: a day named by its weekday ("on Friday"), with its
    calendar date when the article's publication date resolves it."""

    @property
    def granularity(self) -> str:
        """What the reading pins down: 'day', 'month' or 'year'."""
        if self.weekday is not None or self.day:
            return "day"
        return "month" if self.month else "year"

    def describe(self) -> str:
        if self.weekday is not None:
            # Its calendar day is a reading of the paper's date, right most
            # of the time; the article said the weekday, so show that.
            return WEEKDAYS[self.weekday]
        parts = []
        if self.day:
            parts.append(str(self.day))
        if self.month:
            parts.append(MONTH_NAMES[self.month])
        if self.year:
            parts.append(str(self.year))
        elif self.relative is not None:
            parts.append({0: "this year", -1: "last year", 1: "next year"}[self.relative])
        return " ".join(parts)

    def conflicts_with(self, other: DateValue) -> bool:
        """Do two readings of one date disagree (not merely differ in detail)?"""
        if self.weekday is not None and other.weekday is not None:
            # Two weekdays: by name. Each is resolved against its own paper's
            # date, and whether "Monday" is last or next Monday is a guess.
            return self.weekday != other.weekday
        if self.day and other.day and self.month and other.month and self.year and other.year:
            return (self.year, self.month, self.day) != (other.year, other.month, other.day)
        if self.day and other.day and self.day != other.day:
            return True
        if self.year and other.year:
            return self.year != other.year
        if self.relative is not None and other.relative is not None:
            return self.relative != other.relative
        # One says "this year", the other names a year: without a publication
        # date the two readings cannot be reconciled, so show both.
        return (self.year is not None and other.relative is not None) or (
            self.relative is not None and other.year is not None
        )


def parse_date(text: str, reference_year: int | None = None) -> DateValue | None:
    """'April this year', 'July 3', 'April 2024', 'in 2021' -> DateValue."""
    month_match = _MONTH.search(text)
    month = MONTHS[month_match.group(1).lower()] if month_match else None
    if month == 5 and month_match and month_match.group(1) == "may":
        month = None  # the verb
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    relative = None
    rel = _RELATIVE.search(text)
    if rel and year is None:
        offset = {"this": 0, "last": -1, "next": 1}[rel.group(1).lower()]
        if reference_year is not None:
            year = reference_year + offset
        else:
            relative = offset
    day = None
    if month_match:
        rest = text[:month_match.start()][-5:] + " " + text[month_match.end():][:5]
        day_match = _DAY.search(rest)
        if day_match and 1 <= int(day_match.group(1)) <= 31 and not _YEAR.fullmatch(day_match.group(1)):
            day = int(day_match.group(1))
    if month is None and year is None and relative is None:
        return None
    return DateValue(year, month, day, relative)


_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12}
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "hundred": 100}
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|bn|mn|m|k)?\b", re.I)


def parse_quantity(text: str) -> float | None:
    """'15,000' -> 15000; '$9 billion' -> 9e9; 'forty' -> 40; '20%' -> 20."""
    match = _AMOUNT.search(text)
    if match:
        value = float(match.group(1).replace(",", ""))
        scale = (match.group(2) or "").lower()
        return value * _SCALES.get(scale, 1)
    word = text.strip().lower()
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else None


def describe_quantity(value: float) -> str:
    for name, scale in (("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            return f"{value / scale:g} {name}"
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


# -- how far a figure as written can be from the truth ----------------------------------------

ROUNDING_CAP = 0.1
"""However round a figure ("$1 million"), outlets reporting one sum stay
within a tenth of it: "$1 million" and "$500,000" are two figures."""
NEARLY = 0.1
""""nearly 800,000" is at most this much below 800,000."""
_ABOVE = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|above|exceeding|topping|"
                    r"north of|no fewer than|no less than)\s*$", re.I)
_BELOW = re.compile(r"\b(?:less than|fewer than|under|up to|at most|no more than|below|as many as|as much as)\s*$",
                    re.I)
_NEARLY = re.compile(r"\b(?:nearly|almost|close to|just under|just shy of|not quite)\s*$", re.I)


@dataclass(frozen=True)
class Bounds:
    """The values a figure as written allows: "$9.3bn" is 9.25-9.35 billion,
    "more than $10,000" anything from 10,000 up."""

    low: float
    high: float
    exact: bool = False
    """Written to the last unit ("$43,885,310"): a rounder figure of the
    same sum may be it cut short as well as rounded ("$43 million")."""
    truncated_high: float = 0.0
    """For a round figure: the highest value it may be cut short from."""

    def agrees(self, other: Bounds) -> bool:
        if max(self.low, other.low) <= min(self.high, other.high):
            return True
        for exact, rough in ((self, other), (other, self)):
            if exact.exact and not rough.exact and rough.low <= exact.low <= rough.truncated_high:
                return True
        return False


def quantity_bounds(text: str, before: str = "", after: str = "") -> Bounds | None:
    """The bounds of a number or amount as written, with the words before
    it ("more than", "nearly") that widen it."""
    value = parse_quantity(text)
    if value is None:
        return None
    precision = _precision_of(text)
    half = min(0.5 * precision, ROUNDING_CAP * abs(value)) * 0.999  # "9.3" and "9.4" never touch
    truncated = value + min(precision, ROUNDING_CAP * abs(value)) * 0.999
    exact = precision <= abs(value) * 1e-4
    hedge = (before[-30:] + " " + re.sub(r"[^\w\s]|\b(?:US|A|C|HK)\b", "", text[:_first_digit(text)])).rstrip()
    if _ABOVE.search(hedge) or re.match(r"\s*(?:or more|plus)\b", after):
        return Bounds(value, math.inf)
    if _BELOW.search(hedge):
        return Bounds(0.0, value)
    if _NEARLY.search(hedge):
        return Bounds(value * (1 - NEARLY), value + half)
    return Bounds(value - half, value + half, exact, truncated)


def _first_digit(text: str) -> int:
    match = re.search(r"\d", text)
    return match.start() if match else 0


def _precision_of(text: str) -> float:
    """The worth of the last significant digit: 1e8 for "$27.5bn", 1e5 for
    "800,000", 1e6 for "$1 million", 1 for "$43,885,310"."""
    match = _AMOUNT.search(text)
    if not match:
        return 1.0  # a number word ("two"): to the unit
    number, scale = match.group(1).replace(",", ""), _SCALES.get((match.group(2) or "").lower(), 1)
    if "." in number:
        return 10.0 ** -len(number.split(".")[1]) * scale
    zeros = len(number) - len(number.rstrip("0")) if number.strip("0") else 0
    return 10.0 ** zeros * scale
