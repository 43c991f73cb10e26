"""Read the optional `---` front matter block at the top of an article file.

Only flat `key: value` lines are understood (the fields we use are all
scalars), so no YAML library is needed and odd blocks cannot crash ingest.
A block that is opened but never closed is still read as far as its fields
go, and reported: its lines never become the headline or the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

KNOWN_KEYS = ("title", "source", "url", "published", "author", "date", "standfirst", "date_order")
DATE_ORDERS = ("dmy", "mdy")
"""How a numeric date such as 07/03/2025 is read: day first, or month first."""

_FENCE = re.compile(r"---[ \t]*")
_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_FIELD_LIKE = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:.*|\s*#.*|\s+\S.*|\s*-\s.*)$")
"""A line that may stand in a front matter block: a field, a comment, an
indented continuation, a list item."""


@dataclass
class FrontMatter:
    fields: dict[str, str] = field(default_factory=dict)
    rest: str = ""
    """The text after the block (all of it when there is no block)."""
    problems: list[str] = field(default_factory=list)
    """What was wrong with the block, one line each, for the add's report."""


def read_front_matter(text: str) -> FrontMatter:
    """The fields of the block starting the text, the text after it, and
    what was wrong with the block. No block means no fields."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.fullmatch(lines[0].rstrip("\r\n")):
        return FrontMatter(rest=text)
    closing = next((n for n in range(1, len(lines)) if _FENCE.fullmatch(lines[n].rstrip("\r\n"))), None)
    inside = lines[1:closing] if closing is not None else []
    if closing is not None and all(_FIELD_LIKE.match(line.rstrip("\r\n")) or not line.strip() for line in inside):
        fields = _fields(inside)
        if not any(key in fields for key in KNOWN_KEYS):
            return FrontMatter(rest=text)  # a horizontal rule that happens to start the file
        return FrontMatter(_with_published(fields), "".join(lines[closing + 1:]))
    # Not closed before the text starts: the leading field lines, if they name
    # a known field, were meant as front matter.
    end = 1
    while end < len(lines) and lines[end].strip() and _FIELD_LIKE.match(lines[end].rstrip("\r\n")):
        end += 1
    fields = _fields(lines[1:end])
    if not any(key in fields for key in KNOWN_KEYS):
        return FrontMatter(rest=text)
    problem = f"its front matter (lines 1-{end}) is not closed with a `---` line; read its fields, and the text after them"
    return FrontMatter(_with_published(fields), "".join(lines[end:]).lstrip("\r\n"), [problem])


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (fields, rest of text). No block means no fields."""
    front = read_front_matter(text)
    return front.fields, front.rest


def _fields(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in lines:
        parsed = _LINE.match(line.rstrip("\r\n"))
        if not parsed:
            continue
        key, value = parsed.group(1).lower(), parsed.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[key] = value
    return fields


def _with_published(fields: dict[str, str]) -> dict[str, str]:
    if "date" in fields and "published" not in fields:
        fields["published"] = fields["date"]
    return fields


# -- dates ------------------------------------------------------------------------------

_NAMED_FORMATS = (
    "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y %B %d", "%Y %b %d",
    "%d %B %Y %H:%M", "%d %b %Y %H:%M", "%B %d %Y %H:%M", "%b %d %Y %H:%M",
    "%Y/%m/%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y.%m.%d", "%Y-%m", "%Y",
)  # fmt: skip
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
READ_FORMATS = "such as 2025-07-03; 3 July 2025; July 3, 2025; Thu, 03 Jul 2025 10:00:00 +0000; 07/03/2025 with a day/month order"


@dataclass(frozen=True)
class DateReading:
    value: datetime | None
    problem: str = ""
    """Why a date that was given could not be read (empty when it was, or none was given)."""


def read_date(value: str, order: str | None = None) -> DateReading:
    """Read a front matter date. `order` ('dmy' or 'mdy') settles numeric
    dates such as 07/03/2025; without it one that reads both ways is a
    problem (03/07 is 3 July in Britain, 7 March in the US). Never raises."""
    value = value.strip()
    if not value:
        return DateReading(None)
    parsed = _iso(value) or _rfc2822(value) or _named(value)
    if parsed is None:
        numeric = _NUMERIC.match(value)
        if numeric is None:
            return DateReading(None, f"its date {value!r} is not one newsreader reads ({READ_FORMATS}); added without a date")
        return _numeric(value, numeric, order)
    return _stored(value, parsed)


def parse_date(value: str, order: str | None = None) -> datetime | None:
    """The date, or None if there is none or it cannot be read."""
    return read_date(value, order).value


def _iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _rfc2822(value: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3}", value):
        return None  # parsedate reads bare numbers too loosely
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _named(value: str) -> datetime | None:
    """Dates with month names ('Thursday, 3rd July 2025', 'July 3, 2025')."""
    cleaned = _ORDINAL.sub(r"\1", _WEEKDAY.sub("", value)).replace(",", " ")
    cleaned = " ".join(cleaned.split())
    for fmt in _NAMED_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    return None


def _numeric(value: str, match: re.Match[str], order: str | None) -> DateReading:
    first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    if len(match.group(4)) == 2:
        year += 2000 if year < 70 else 1900
    if order not in DATE_ORDERS:
        if first > 12 >= second:
            order = "dmy"
        elif second > 12 >= first:
            order = "mdy"
        elif first == second:
            order = "dmy"  # the same either way
        else:
            return DateReading(
                None,
                f"its date {value!r} could be read day first or month first; add `date_order: dmy` (or mdy) "
                "to its front matter, or add it with --date-order; added without a date",
            )
    day, month = (first, second) if order == "dmy" else (second, first)
    hour, minute, second_of = (int(match.group(n) or 0) for n in (5, 6, 7))
    try:
        return _stored(value, datetime(year, month, day, hour, minute, second_of))
    except ValueError:
        return DateReading(None, f"its date {value!r} is not a real date ({'day' if order == 'dmy' else 'month'} first); added without a date")


def _stored(value: str, parsed: datetime) -> DateReading:
    """Whoosh stores naive datetimes; keep the wall-clock time in UTC. A date
    that leaves datetime's range once moved to UTC is dropped, with a problem."""
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
        except (OverflowError, ValueError):
            return DateReading(None, f"its date {value!r} is out of range; added without a date")
    return DateReading(parsed)
