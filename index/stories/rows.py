"""The stories list's rows in the side file, brought up to date story by story.

Each row keeps the story as stories.json had it (`raw`: title and article
ids) beside the built record, so a refresh compares texts to find the few
stories a change touched and builds only those again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date

from .database import set_meta
from .files import Story
from .listing import StoryRecord, story_record
from .members import Member, get_members, put_members


def _raw(story: Story) -> str:
    return story.title + "\x1f" + "\t".join(story.articles)


def _day(value: date | None) -> int | None:
    return value.toordinal() if value else None


def _encode(record: StoryRecord) -> str:
    return json.dumps([record.title, _day(record.first), _day(record.last), record.outlets, record.articles,
                       record.words], ensure_ascii=False, separators=(",", ":"))


def _decode(story_id: str, text: str) -> StoryRecord:
    title, first, last, outlets, articles, words = json.loads(text)
    return StoryRecord(story_id, title, date.fromordinal(first) if first else None,
                       date.fromordinal(last) if last else None, tuple(outlets), tuple(articles), words)


def read_rows(connection: sqlite3.Connection) -> list[StoryRecord]:
    return [_decode(story_id, text) for story_id, text in
            connection.execute("SELECT story, record FROM listing WHERE record != ''")]


def refresh_rows(
    connection: sqlite3.Connection,
    stories: Mapping[str, Story],
    key: str,
    lookup: Callable[[list[str]], list[Member]],
    present: Callable[[list[str]], set[str]],
) -> None:
    """Build again the rows of stories that changed, drop those of stories
    gone, and record `key` as what the rows now reflect; one transaction."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        stored = {story: (raw, absent, record) for story, raw, absent, record in
                  connection.execute("SELECT story, raw, absent, record FROM listing")}
        changed: list[tuple[Story, set[str]]] = []
        for story in stories.values():
            row = stored.get(story.id)
            if row is not None and row[0] == _raw(story) and not row[1]:
                continue
            shown_before = set(_decode(story.id, row[2]).articles) if row is not None and row[2] else set()
            changed.append((story, shown_before))
        unchecked = [a for story, before in changed for a in story.articles if a not in before]
        found = present(unchecked) if unchecked else set()
        shown = {story.id: [a for a in story.articles if a in before or a in found] for story, before in changed}
        wanted = [a for articles in shown.values() for a in articles]
        members = get_members(connection, wanted)
        missing = [a for a in wanted if a not in members]
        if missing:
            looked_up = lookup(missing)
            put_members(connection, looked_up)
            members.update((m.id, m) for m in looked_up)
        rows = []
        for story, _ in changed:
            articles = shown[story.id]
            record = story_record(Story(story.id, story.title, articles), members) if articles else None
            rows.append((story.id, _raw(story), len(story.articles) - len(articles),
                         _encode(record) if record else ""))
        connection.executemany("INSERT OR REPLACE INTO listing (story, raw, absent, record) VALUES (?, ?, ?, ?)", rows)
        connection.executemany("DELETE FROM listing WHERE story = ?",
                               ((story,) for story in stored if story not in stories))
        set_meta(connection, "listing-key", key)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
