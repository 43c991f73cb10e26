"""Read the optional `---` front matter block at the top of an article file.

Only flat `key: value` lines are understood (the fields we use are all
scalars), so no YAML library is needed and odd blocks cannot crash ingest.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

KNOWN_KEYS = ("title", "source", "url", "published", "author", "date", "standfirst")

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (fields, rest of text). No block means no fields."""
    match = _FENCE.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        parsed = _LINE.match(line)
        if not parsed:
            continue
        key, value = parsed.group(1).lower(), parsed.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[key] = value
    if not any(key in fields for key in KNOWN_KEYS):
        return {}, text  # a horizontal rule that happens to start the file
    if "date" in fields and "published" not in fields:
        fields["published"] = fields["date"]
    return fields, text[match.end():]


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%a, %d %b %Y %H:%M:%S %z",
    "%Y-%m",
    "%Y",
)


def parse_date(value: str) -> datetime | None:
    """Parse the common date spellings of front matter; None if unknown.

    Never raises: a date that cannot be stored (one that leaves datetime's
    range of years 1 to 9999 once moved to UTC) is dropped, and the article
    is still added without it.
    """
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    # Whoosh stores naive datetimes; keep the wall-clock time in UTC.
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
        except (OverflowError, ValueError):
            return None  # e.g. 0001-01-01T00:00:00+05:00 is before year 1 in UTC
    return parsed
