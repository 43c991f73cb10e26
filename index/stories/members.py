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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

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
