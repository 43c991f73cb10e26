"""The library's side of stories: the story files kept in step with the index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.index import FileIndex
from whoosh.searching import Searcher

from ..article import Article
from ..errors import LibraryError
from .locking import write_lock

PRESENT_ONE_BY_ONE = 500
"""Ids checked one by one below this many, else by reading the lexicon (at
100k articles one look-up costs ~0.4 ms, reading all ids ~0.4 s)."""


class StoryBookkeeping:
    """Mixin of `Library`: stories beside the index, changed under the write lock."""

    directory: Path
    _ix: FileIndex
    _stories_cache: Any

    if TYPE_CHECKING:  # provided by Library

        def searcher(self) -> Searcher: ...

        def get(self, article_id: str) -> Article | None: ...

        def count(self) -> int: ...

    # -- stories -------------------------------------------------------------

    def _story_store(self):
        """The stories as on disk; reused while stories.json is unchanged (a
        bulk add groups chunk after chunk without reading it again). The
        signatures stay in the side file, which the store reads as it goes."""
        from ..stories import StoryStore

        key = self._stories_stamp()
        cached = self._stories_cache
        if cached is None or cached[0] != key or cached[1].stale:
            cached = (key, StoryStore(self.directory, tolerant=True))
            self._stories_cache = cached
        return cached[1]

    def _stories_stamp(self) -> tuple[int, int] | None:
        from ..stories.store import STORIES_FILE

        try:
            info = (self.directory / STORIES_FILE).stat()
        except FileNotFoundError:
            return None
        return info.st_mtime_ns, info.st_size

    def _story_store_saved(self) -> None:
        """Remember stories.json as this process just wrote it."""
        if self._stories_cache is not None:
            self._stories_cache = (self._stories_stamp(), self._stories_cache[1])

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library's write lock (as adding does) for other changes."""
        with write_lock(self._ix, self.directory):
            yield

    def _index_ids(self) -> set[str]:
        return {term.decode() for term in self.searcher().reader().lexicon("id")}

    def present_ids(self, ids: list[str]) -> set[str]:
        """Which of `ids` the index's id lexicon holds (as `_index_ids`, which
        reads all 100k ids in ~0.5 s: a few are looked up one by one)."""
        if len(ids) > PRESENT_ONE_BY_ONE:
            return set(ids) & self._index_ids()
        reader = self.searcher().reader()
        return {article for article in ids if ("id", article) in reader}  # type: ignore[operator]

    def stories(self):
        """The library's stories, each listing only articles the index holds.

        Only reads (a read-only library lists its stories too). Articles no
        story lists yet are left out; `group_ungrouped()` groups them. One
        story (`story`, `story_of`) checks only its own articles against the
        index; all of them (`stories`) read the index's ids once.
        """
        from ..stories.store import ReadStories

        return ReadStories(self.directory, self.present_ids)

    def group_ungrouped(self) -> int:
        """Group the articles no story lists yet (a library made before stories
        existed, an interrupted add), under the write lock; returns how many."""
        from ..stories import StoryStore

        grouped = set(StoryStore(self.directory, signatures=False).grouper.story_of)
        # As many placed as the index holds: nothing to do, without reading
        # every id (0.4 s at 100k, and each correction and comparison asks).
        if len(grouped) >= self.count() or not self._index_ids() - grouped:
            return 0  # nothing to do: no lock, so a read-only library is fine
        with self.locked():
            store = StoryStore(self.directory)
            missing = sorted(self._index_ids() - set(store.grouper.story_of))
            store.add([a for a in map(self.get, missing) if a is not None])
        return len(missing)

    def ungrouped(self) -> int:
        """How many articles no story lists yet (see `group_ungrouped()`)."""
        from ..stories import StoryStore

        try:
            grouped = set(StoryStore(self.directory, signatures=False).grouper.story_of)
        except LibraryError:
            return 0
        return sum(1 for term in self.searcher().reader().lexicon("id") if term.decode() not in grouped)

    def change_stories(self, change: Callable, *, rebuild: bool = False) -> object:
        """Apply a correction, `change(store)`, to the stories under the lock.

        With `rebuild`, a damaged stories file is set aside rather than
        refused: regrouping is how it is repaired.
        """
        from ..stories import StoryStore

        if rebuild:
            with self.locked():
                result = change(StoryStore(self.directory, tolerant=True))
            self.group_ungrouped()  # articles with no signature yet
            return result
        self.group_ungrouped()  # stragglers first (takes the lock itself)
        with self.locked():
            return change(StoryStore(self.directory))
