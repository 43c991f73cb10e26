"""The stories list of one library, built once and kept while nothing changes.

Rebuilt only when the story files or the index change (their stamps and
the index generation are the key), so the stories screen filtering as
the user types, or reopening, costs nothing but the filter itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .files import STORIES_FILE, Story
from .listing import StoryRecord, build_listing
from .members import MEMBERS_FILE, Member, append_members, read_members

Stamp = tuple[tuple[int, int] | None, ...]


@dataclass
class Listing:
    records: list[StoryRecord] = field(default_factory=list)
    members: dict[str, Member] = field(default_factory=dict)
    by_id: dict[str, StoryRecord] = field(default_factory=dict)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class StoryCatalog:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._key: tuple | None = None
        self._listing = Listing()
        self._lock = threading.Lock()

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
            key = (generation, _stamp(self.directory / STORIES_FILE), _stamp(self.directory / MEMBERS_FILE))
            if key == self._key:
                return self._listing
            current = dict(stories())
            members = read_members(self.directory)
            missing = [a for story in current.values() for a in story.articles if a not in members]
            if missing:
                found = lookup(missing)
                members.update((m.id, m) for m in found)
                if writable and found:
                    append_members(self.directory, found)
                    key = (generation, key[1], _stamp(self.directory / MEMBERS_FILE))
            records = build_listing(current.values(), members)
            self._listing = Listing(records, members, {r.id: r for r in records})
            self._key = key
            return self._listing
