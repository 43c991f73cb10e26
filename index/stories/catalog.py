"""The stories list of one library, built once and kept while nothing changes.

Rebuilt only when the story files or the index change (their stamps and the
index generation are the key). The built list is also kept on disk
(`story-listing.json`), so a new process (`newsreader stories`, the app
opening) reads one file instead of regrouping the records of every article:
at 100k articles that is the difference between a second and a fraction.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .files import STORIES_FILE, Story
from .listing import StoryRecord, build_listing
from .members import MEMBERS_FILE, Member, append_members, read_members

CACHE_FILE = "story-listing.json"
CACHE_VERSION = 5
"""Raise it whenever what a record holds or how it is built changes: a kept
listing of another version is built again."""


@dataclass
class Listing:
    records: list[StoryRecord] = field(default_factory=list)
    members: dict[str, Member] = field(default_factory=dict)
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
    ) -> Listing:
        """The listing; `stories()` gives the stories (only articles the index
        holds), `lookup(ids)` the records of articles the members file lacks,
        which are appended to it when `writable`."""
        with self._lock:
            # Stamped before reading: a change made meanwhile rebuilds next time.
            key = self._key_now(generation)
            if key == self._key:
                return self._listing
            cache = self.directory / CACHE_FILE
            listing = _from_cache(cache, key)
            if listing is None:
                listing, key = self._build(generation, key, stories, lookup, writable=writable)
                if writable:
                    self._save(cache, key, listing)
            self._listing, self._key = listing, key
            return listing

    def _build(self, generation: object, key: list, stories: Callable[[], Mapping[str, Story]],
               lookup: Callable[[list[str]], list[Member]], *, writable: bool) -> tuple[Listing, list]:
        current = dict(stories())
        members = read_members(self.directory)
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
