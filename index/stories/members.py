"""What the stories list shows of each article, kept beside the story files.

`story-members.jsonl` gets one short line per article as it is grouped (id,
title, outlet, day), so listing the stories (with their dates and outlets)
never reads the stored documents: at 100k articles that walk alone takes
seconds. Later lines for an article win; damaged lines are skipped, and
articles with no line are looked up once and appended (libraries made
before this file existed).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .database import chunks
from .dates import day_text
from .files import end_with_newline

MEMBERS_FILE = "story-members.jsonl"


@dataclass(frozen=True)
class Member:
    """One article as the stories list shows it."""

    id: str
    title: str
    outlet: str
    day: int | None
    """Publication date as a day ordinal, when known."""

    @property
    def date(self) -> str:
        """`3 Jul 2025`, or '' when undated."""
        return day_text(date.fromordinal(self.day)) if self.day else ""

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "day": self.day}


def member_of(item: Any) -> Member:
    """The record of an Article or ArticleSummary."""
    published = getattr(item, "published", None)
    title = " ".join(item.title.split())
    outlet = " ".join(item.outlet.split())  # the source, site, feed title or a short title
    return Member(item.id, title, outlet, published.date().toordinal() if published else None)


def _member(data: Any) -> Member | None:
    """A parsed line as a record, or None when it is not one."""
    if not isinstance(data, dict):
        return None
    article, title, outlet, day = data.get("id"), data.get("title"), data.get("outlet"), data.get("day")
    if not (isinstance(article, str) and isinstance(title, str) and isinstance(outlet, str)):
        return None
    if day is not None and (not isinstance(day, int) or isinstance(day, bool) or day < 1):
        return None
    return Member(article, title, outlet, day)


def _parse(line: bytes) -> Member | None:
    try:
        return _member(json.loads(line.decode("utf-8")))
    except ValueError:
        return None


def read_members(directory: Path) -> dict[str, Member]:
    try:
        data = (directory / MEMBERS_FILE).read_bytes()
    except OSError:
        return {}
    lines = [line for line in data.split(b"\n") if line.strip()]
    try:
        # One parse of the whole file is several times faster than one per
        # line (100k articles); a damaged line sends us line by line.
        items = [_member(item) for item in json.loads(b"[" + b",".join(lines) + b"]")]
    except ValueError:
        items = [_parse(line) for line in lines]
    return {member.id: member for member in items if member is not None}


def append_members(directory: Path, members: Iterable[Member]) -> None:
    """Append records in one write (lines stay whole even if two processes append)."""
    lines = "".join(json.dumps(m.to_json(), ensure_ascii=False) + "\n" for m in members)
    if not lines:
        return
    path = directory / MEMBERS_FILE
    end_with_newline(path)
    with path.open("ab") as handle:
        handle.write(lines.encode("utf-8"))


# -- in the side file (stories.sqlite3) ------------------------------------------


def put_members(connection: sqlite3.Connection, members: Iterable[Member]) -> None:
    connection.executemany("INSERT OR REPLACE INTO members (article, title, outlet, day) VALUES (?, ?, ?, ?)",
                           ((m.id, m.title, m.outlet, m.day) for m in members))


def forget_members(connection: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    connection.executemany("DELETE FROM members WHERE article = ?", ((a,) for a in article_ids))


def get_members(connection: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, Member]:
    found: dict[str, Member] = {}
    for part in chunks(list(article_ids)):
        marks = ",".join("?" * len(part))
        for row in connection.execute(f"SELECT article, title, outlet, day FROM members WHERE article IN ({marks})", part):
            found[row[0]] = Member(*row)
    return found


class StoredMembers(Mapping[str, Member]):
    """Members read from the side file as asked for: a listing need not hold
    100k records to show one story. Many lookups (printing every story) read
    them all at once."""

    BULK_AFTER = 2000
    """Single lookups before reading them all (one query: ~0.2 s at 100k)."""

    def __init__(self, connection: sqlite3.Connection, wanted: Callable[[], Iterable[str]]) -> None:
        self._connection = connection
        self._wanted = wanted
        self._cache: dict[str, Member | None] = {}
        self._misses = 0
        self._whole: dict[str, Member] | None = None
        self._lock = threading.Lock()  # the app's threads share a listing

    def _all(self) -> dict[str, Member]:
        if self._whole is None:
            listed = set(self._wanted())
            self._whole = {row[0]: Member(*row) for row in
                           self._connection.execute("SELECT article, title, outlet, day FROM members")
                           if row[0] in listed}
        return self._whole

    def _get(self, article: str) -> Member | None:
        with self._lock:
            return self._get_locked(article)

    def _get_locked(self, article: str) -> Member | None:
        if self._whole is not None:
            return self._whole.get(article)
        if article not in self._cache:
            self._misses += 1
            if self._misses > self.BULK_AFTER:
                return self._all().get(article)
            self._cache[article] = get_members(self._connection, [article]).get(article)
        return self._cache[article]

    def __getitem__(self, article: str) -> Member:
        member = self._get(article)
        if member is None:
            raise KeyError(article)
        return member

    def __contains__(self, article: object) -> bool:
        return isinstance(article, str) and self._get(article) is not None

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            return iter(list(self._all()))

    def __len__(self) -> int:
        with self._lock:
            return len(self._all())
