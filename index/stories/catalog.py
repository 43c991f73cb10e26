"""The stories list of one library, built once and kept while nothing changes.

The built rows are kept in the side file (`stories.sqlite3`, table
`listing`, one row per story), so a new process (`newsreader stories`, the
app opening) reads them instead of regrouping the records of every
article. When stories.json or the index changed (their stamp and the index
generation are the key), only the stories whose title or articles changed
are built again, from the members table: after adding 100 articles to
100k that is a few dozen rows, where rebuilding the whole list took 1.7 s.
Articles new to a story are checked against the index (`present`): a story
may name an article whose commit failed; those are left out and checked
again on the next change of the index.

A library that cannot be written (or whose side file cannot be opened)
builds the list in memory, as before, from the older files.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from ..errors import LibraryError
from .files import STORIES_FILE, Story
from .listing import StoryRecord, build_listing
from .members import MEMBERS_FILE, Member, StoredMembers, append_members, read_members

CACHE_FILE = "story-listing.json"
CACHE_VERSION = 5
"""Raise it whenever what a record holds or how it is built changes: a kept
listing of another version is built again."""


@dataclass
class Listing:
    records: list[StoryRecord] = field(default_factory=list)
    members: Mapping[str, Member] = field(default_factory=dict)
    by_id: dict[str, StoryRecord] = field(default_factory=dict)

    @cached_property
    def by_article(self) -> dict[str, StoryRecord]:
        """Each article's story record (made on first use: the list's story markers)."""
        return {article_id: record for record in self.records for article_id in record.articles}


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size]


def _day(value: date | None) -> int | None:
    return value.toordinal() if value else None


def _to_cache(key: list, listing: Listing) -> str:
    return json.dumps({
        "version": CACHE_VERSION,
        "key": key,
        "records": [[r.id, r.title, _day(r.first), _day(r.last), list(r.outlets), list(r.articles), r.words]
                    for r in listing.records],
        "members": [[m.id, m.title, m.outlet, m.day] for m in listing.members.values()],
    }, ensure_ascii=False)


def _from_cache(path: Path, key: list) -> Listing | None:
    """The listing kept on disk, if it was made for `key` (else None: rebuild)."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("key") != key:
            return None
        records = [
            StoryRecord(story_id, title, date.fromordinal(first) if first else None,
                        date.fromordinal(last) if last else None, tuple(outlets), tuple(articles), words)
            for story_id, title, first, last, outlets, articles, words in data["records"]
        ]
        members = {item[0]: Member(*item) for item in data["members"]}
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing, damaged or from another version: it is only a cache
    return Listing(records, members, {r.id: r for r in records})


class StoryCatalog:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._key: list | None = None
        self._listing = Listing()
        self._lock = threading.Lock()

    def _key_now(self, generation: object) -> list:
        return [generation, _stamp(self.directory / STORIES_FILE), _stamp(self.directory / MEMBERS_FILE)]

    def listing(
        self,
        generation: object,
        stories: Callable[[], Mapping[str, Story]],
        lookup: Callable[[list[str]], list[Member]],
        *,
        writable: bool,
        present: Callable[[list[str]], set[str]] | None = None,
    ) -> Listing:
        """The listing; `stories()` gives the stories (only articles the index
        holds), `lookup(ids)` the records of articles the side file lacks.
        With `present(ids)` (which of these ids the index holds) and a
        writable library, the rows kept in the side file are brought up to
        date story by story and `stories()` is not called."""
        with self._lock:
            # Stamped before reading: a change made meanwhile rebuilds next time.
            key = self._key_now(generation)
            if key == self._key:
                return self._listing
            listing = None
            if writable and present is not None:
                listing = self._from_rows(key, lookup, present)
            if listing is None:
                listing, key = self._from_files(generation, key, stories, lookup, writable=writable)
            self._listing, self._key = listing, key
            return listing

    # -- the rows in the side file -----------------------------------------------

    def _from_rows(self, key: list, lookup: Callable[[list[str]], list[Member]],
                   present: Callable[[list[str]], set[str]]) -> Listing | None:
        from .database import connect, get_meta
        from .files import read_stories
        from .migrate import migrate
        from .rows import read_rows, refresh_rows

        try:
            connection = connect(self.directory, write=True)
        except sqlite3.Error:
            return None  # busy, read-only, newer: the files still list the stories
        if connection is None:
            return None
        try:
            wanted = json.dumps(key[:2])
            if get_meta(connection, "listing-key") != wanted:
                data = read_stories(self.directory)
                if data is not None and data.problems:
                    connection.close()
                    raise LibraryError(f"{self.directory / STORIES_FILE} is damaged ({data.problems[0]}); "
                                       "run `newsreader repair`")
                stories = data.stories if data else {}
                migrate(connection, self.directory, {a: s.id for s in stories.values() for a in s.articles})
                refresh_rows(connection, stories, wanted, lookup, present)
            records = read_rows(connection)
        except sqlite3.Error:
            connection.close()
            return None
        listed = lambda: (a for r in records for a in r.articles)  # noqa: E731
        return Listing(records, StoredMembers(connection, listed), {r.id: r for r in records})

    # -- the files (a library this process cannot write) ---------------------------

    def _from_files(self, generation: object, key: list, stories: Callable[[], Mapping[str, Story]],
                    lookup: Callable[[list[str]], list[Member]], *, writable: bool) -> tuple[Listing, list]:
        cache = self.directory / CACHE_FILE
        listing = _from_cache(cache, key)
        if listing is None:
            listing, key = self._build(generation, key, stories, lookup, writable=writable)
            if writable:
                self._save(cache, key, listing)
        return listing, key

    def _build(self, generation: object, key: list, stories: Callable[[], Mapping[str, Story]],
               lookup: Callable[[list[str]], list[Member]], *, writable: bool) -> tuple[Listing, list]:
        current = dict(stories())
        members = read_members(self.directory)
        members.update(_stored_members(self.directory))
        missing = [a for story in current.values() for a in story.articles if a not in members]
        if missing:
            found = lookup(missing)
            members.update((m.id, m) for m in found)
            if writable and found:
                append_members(self.directory, found)
                # Our own append only: the stories as read stay the key's.
                key = [generation, key[1], _stamp(self.directory / MEMBERS_FILE)]
        listed = {a for story in current.values() for a in story.articles}
        kept = {a: m for a, m in members.items() if a in listed}  # removed articles' lines are left out
        records = build_listing(current.values(), kept)
        return Listing(records, kept, {r.id: r for r in records}), key

    @staticmethod
    def _save(path: Path, key: list, listing: Listing) -> None:
        from .store import write_atomically

        try:
            write_atomically(path, _to_cache(key, listing))
        except OSError:
            pass  # only a cache: the next listing builds it again


def _stored_members(directory: Path) -> dict[str, Member]:
    """The side file's members, read only (a read-only library made since it)."""
    from .database import connect

    connection = connect(directory, write=False)
    if connection is None:
        return {}
    try:
        return {row[0]: Member(*row) for row in connection.execute("SELECT article, title, outlet, day FROM members")}
    except sqlite3.Error:
        return {}
    finally:
        connection.close()
