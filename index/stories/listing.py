"""The stories list: one compact record per story, and filtering and sorting them.

Each record carries what a list row shows (dates, outlets, count) and the
words a filter matches (the story's title, its articles' titles, its
outlets), so filtering thousands of stories as the user types is a scan
of short strings, with no article read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .dates import date_range
from .files import Story
from .members import Member

SORTS = ("newest", "articles", "outlets")
"""Orders the list can take: newest first, most articles, most outlets."""
SORT_NAMES = {"newest": "newest first", "articles": "most articles", "outlets": "most outlets"}

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class StoryRecord:
    """One story as the stories list shows it."""

    id: str
    title: str
    first: date | None
    """The earliest publication date of its articles (None: none is dated)."""
    last: date | None
    outlets: tuple[str, ...]
    """Each outlet once, those with most articles in the story first."""
    articles: tuple[str, ...]
    words: str
    """Every word a filter matches, casefolded, each with a space before it."""

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def dates(self) -> str:
        """`3–5 Jul 2025` ('' when no article is dated)."""
        return date_range(self.first, self.last)

    @property
    def short_dates(self) -> str:
        """As `dates`, in at most 17 characters (a range across years drops its first year)."""
        return date_range(self.first, self.last, short=True)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "outlets": list(self.outlets),
            "count": self.count,
            "articles": list(self.articles),
        }


def story_record(story: Story, members: Mapping[str, Member]) -> StoryRecord:
    known = [members[a] for a in story.articles if a in members]
    days = [m.day for m in known if m.day]
    # One outlet whatever its case ("NYT" in one file, "nyt" in another), by its first spelling.
    spelling: dict[str, str] = {}
    for member in known:
        if member.outlet:
            spelling.setdefault(member.outlet.casefold(), member.outlet)
    counts = Counter(m.outlet.casefold() for m in known if m.outlet)
    order = {key: i for i, key in enumerate(spelling)}
    outlets = tuple(spelling[key] for key in sorted(counts, key=lambda key: (-counts[key], order[key])))
    text = " ".join([story.id, story.title, *outlets, *(m.title for m in known)])
    words = dict.fromkeys(w.casefold() for w in _WORD.findall(text))
    return StoryRecord(
        id=story.id,
        title=story.title,
        first=date.fromordinal(min(days)) if days else None,
        last=date.fromordinal(max(days)) if days else None,
        outlets=outlets,
        articles=tuple(story.articles),
        words=" " + " ".join(words) + " ",
    )


def build_listing(stories: Iterable[Story], members: Mapping[str, Member]) -> list[StoryRecord]:
    return [story_record(story, members) for story in stories]


def _number(story_id: str) -> int:
    return int(story_id[1:]) if story_id[1:].isdigit() else 0


def _newest(record: StoryRecord) -> tuple[int, int]:
    # Undated stories last; among equals the story made last first.
    return (record.last.toordinal() if record.last else 0, _number(record.id))


def sort_key(sort: str):
    """A key sorting records (ascending) in the order `sort` names."""
    if sort == "articles":
        return lambda r: (-r.count, -len(r.outlets), *(-v for v in _newest(r)))
    if sort == "outlets":
        return lambda r: (-len(r.outlets), -r.count, *(-v for v in _newest(r)))
    if sort == "newest":
        return lambda r: tuple(-v for v in _newest(r))
    raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")


def query_words(query: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(query)]


def matches(record: StoryRecord, words: list[str]) -> bool:
    """Every word starts a word of the story's titles or outlets ("shut" finds "shutdown")."""
    return all(" " + word in record.words for word in words)


def select(
    records: Iterable[StoryRecord], *, query: str = "", min_outlets: int = 1, sort: str = "newest"
) -> list[StoryRecord]:
    """The records matching `query` with at least `min_outlets` outlets, in `sort` order."""
    words = query_words(query)
    key = sort_key(sort)
    chosen = [r for r in records if (min_outlets <= 1 or len(r.outlets) >= min_outlets) and (not words or matches(r, words))]
    chosen.sort(key=key)
    return chosen
