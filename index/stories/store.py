"""The library's stories on disk, and the user's corrections to them.

Two files beside the index: `stories.json` (each story's title and articles,
the articles the user placed by hand, the pairs they separated) is
rewritten atomically on every change (ids only: 2 MB, ~35 ms at 100k);
`stories.sqlite3` holds each grouped article's signature with an inverted
index over their terms, so grouping the next article reads only its
candidates (see `signature_index`). A change writes the side file's rows in
one transaction, then stories.json, then commits: a crash between leaves
articles placed without a signature (they stop attracting new articles
until `newsreader repair` signs them), never a signature of an article no
story lists. Libraries from before the side file (`signatures.jsonl`) are
migrated on the first write. Callers hold the library's write lock while
changing either.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..article import Article
from ..errors import LibraryError
from .database import connect
from .files import SIGNATURES_FILE, STORIES_FILE, Story, read_stories
from .grouping import Grouper
from .members import forget_members, member_of, put_members
from .migrate import migrate
from .signature import signature_of
from .signature_index import StoredSignatures

__all__ = ["SIGNATURES_FILE", "STORIES_FILE", "Story", "StoryError", "StoryNotFound", "StoryStore"]

DAMAGED_SUFFIX = ".damaged"


class StoryError(LibraryError):
    """A story command that cannot be done (article not in the story, ...)."""


class StoryNotFound(StoryError):
    """No story has the id given."""


class StoryStore:
    def __init__(self, directory: Path, *, tolerant: bool = False, signatures: bool = True) -> None:
        """`tolerant`: a damaged stories file does not raise; the parts that
        validate are kept (stories, placements, separated pairs) and the file
        as it was is copied to `stories.json.damaged` for `newsreader repair`
        to report on. Adding articles and rebuilding must never fail on it,
        and must not silently drop a correction that is still readable."""
        self.directory = directory
        self.tolerant = tolerant
        self.with_signatures = signatures
        """False: only read the stories (to list them); grouping needs signatures."""
        self.stories: dict[str, Story] = {}
        self.pinned: set[str] = set()
        self.next_number = 1
        self.grouper = Grouper()
        self.connection: sqlite3.Connection | None = None
        self.signatures: StoredSignatures = None  # type: ignore[assignment]  # set when grouping
        self.stale = False
        """A change failed part way: what is in memory may differ from disk."""
        self.problems: list[str] = []
        """What was wrong with stories.json when it was read tolerantly."""
        self._load()

    # -- files ----------------------------------------------------------------

    def _load(self) -> None:
        path = self.directory / STORIES_FILE
        data = read_stories(self.directory)
        if data is not None and data.problems:
            if not self.tolerant:
                raise LibraryError(f"{path} is damaged ({data.problems[0]}); run `newsreader repair`")
            self.problems = data.problems
            set_aside(path)
        if data is not None:
            self.next_number = data.next_number
            self.pinned = data.pinned
            self.grouper.apart = data.apart
            self.stories = data.stories
        # In one pass each (100k placements one call at a time: 0.6 s of an add's 7, profiled).
        self.grouper.story_of = {a: story.id for story in self.stories.values() for a in story.articles}
        self.grouper.story_sizes = {story.id: len(story.articles) for story in self.stories.values()}
        if self.with_signatures:
            self.connection = connect(self.directory, write=True)
            assert self.connection is not None
            migrate(self.connection, self.directory, self.grouper.story_of)
            self.signatures = StoredSignatures(self.connection)
            self.grouper.index = self.signatures
            if self.signatures.count() > len(self.grouper.story_of):
                self._drop_strays()
            self.grouper.members = lambda story: self.stories[story].articles if story in self.stories else ()

    def _drop_strays(self) -> None:
        """Signatures of articles no story lists (stories.json lost or
        deleted, a crash before it was written) would weigh on every idf:
        they go, and those articles are grouped afresh (`group_ungrouped`)."""
        with self.transaction():
            for article in self.signatures.articles() - set(self.grouper.story_of):
                self.signatures.drop(article)

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """One transaction of the side file around a change, stories.json
        written last inside it (see the module's note on crashes)."""
        connection = self.connection
        if connection is None:
            try:
                yield
                self.save()
            except BaseException:
                self.stale = True
                raise
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            self.signatures.reload_count()  # another process may have added since
            yield
            self.save()
        except BaseException:
            self.stale = True
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The side file's changes inside in one transaction (a repair's)."""
        assert self.connection is not None
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.stale = True
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def save(self) -> None:
        data = {
            "version": 1,
            "next": self.next_number,
            "pinned": sorted(self.pinned),
            "apart": sorted(sorted(pair) for pair in self.grouper.apart),
            "stories": {s.id: {"title": s.title, "articles": s.articles} for s in self.stories.values()},
        }
        write_atomically(self.directory / STORIES_FILE, json.dumps(data, ensure_ascii=False))

    # -- grouping -------------------------------------------------------------

    def _new_story(self, title: str) -> Story:
        story = Story(f"s{self.next_number}", title)
        self.next_number += 1
        self.stories[story.id] = story
        return story

    def add(self, articles: list[Article]) -> None:
        """Group newly added articles, each into the story it reports or a new one."""
        assert self.with_signatures, "grouping needs the signatures"
        with self._changing():
            members = []
            for article in articles:
                if article.id in self.grouper.story_of:
                    continue
                signature = signature_of(article)
                story_id, _ = self.grouper.best_story(signature)
                story = self.stories[story_id] if story_id else self._new_story(article.title)
                story.articles.append(article.id)
                self.grouper.remember(signature, story.id)
                members.append(member_of(article))
            # What the stories list shows of each, so listing reads no documents.
            if self.connection is not None:
                put_members(self.connection, members)

    def remove(self, article_id: str) -> None:
        self.remove_all([article_id], lambda _: None, retitle=False)

    def remove_all(self, article_ids: Iterable[str], title_of: Callable[[str], str | None], *,
                   retitle: bool = True) -> None:
        """Remove many articles with one write of the stories file (one write
        each costs a large removal minutes). A story that lost the article it
        was titled after takes its new first article's title."""
        with self._changing():
            changed: set[str] = set()
            removed = []
            for article_id in article_ids:
                story_id = self.grouper.story_of.get(article_id)
                self.grouper.forget(article_id)
                self.pinned.discard(article_id)
                removed.append(article_id)
                story = self.stories.get(story_id) if story_id else None
                if story is None:
                    continue
                if retitle and story.articles and story.articles[0] == article_id:
                    changed.add(story.id)
                story.articles = [a for a in story.articles if a != article_id]
                if not story.articles:
                    del self.stories[story.id]
            for story_id in changed:
                story = self.stories.get(story_id)
                title = title_of(story.articles[0]) if story is not None else None
                if story is not None and title:
                    story.title = title
            if self.connection is not None:
                forget_members(self.connection, removed)

    def rebuild(self, titles: dict[str, str]) -> None:
        """Group every article again from scratch, keeping the user's placements
        and, where a new story has most of an old one's articles, its id."""
        assert self.with_signatures, "grouping needs the signatures"
        with self._changing():
            previous = {story.id: set(story.articles) for story in self.stories.values()}
            signatures = sorted(self.signatures.all(), key=lambda s: (s.day or 0,))
            kept = {a: s.id for s in self.stories.values() for a in s.articles if a in self.pinned}
            apart = self.grouper.apart
            self.signatures.clear()
            self.grouper = Grouper(self.signatures)
            self.grouper.apart = apart
            self.grouper.members = lambda story: self.stories[story].articles if story in self.stories else ()
            self.stories = {}
            pinned_stories: dict[str, Story] = {}
            for signature in signatures:
                article = signature.article
                if article not in titles:
                    continue  # removed from the library
                if article in kept:
                    story = pinned_stories.get(kept[article]) or self._new_story(titles[article])
                    pinned_stories[kept[article]] = story
                else:
                    story_id, _ = self.grouper.best_story(signature)
                    story = self.stories[story_id] if story_id else self._new_story(titles[article])
                story.articles.append(article)
                self.grouper.remember(signature, story.id)
            self._keep_ids(previous)

    def _keep_ids(self, previous: dict[str, set[str]]) -> None:
        """Give each regrouped story the id of the old story it overlaps most."""
        pairs = sorted(
            ((len(set(story.articles) & members), old_id, story.id)
             for story in self.stories.values() for old_id, members in previous.items()
             if set(story.articles) & members),
            reverse=True,
        )
        renamed: dict[str, str] = {}
        used: set[str] = set()
        for _, old_id, new_id in pairs:
            if new_id not in renamed and old_id not in used:
                renamed[new_id] = old_id
                used.add(old_id)
        # Stories left without an old id take fresh ones that clash with none.
        taken = set(renamed.values())
        stories = {}
        for story in self.stories.values():
            story_id = renamed.get(story.id)
            if story_id is None:
                story_id = story.id
                while story_id in taken:
                    story_id = f"s{self.next_number}"
                    self.next_number += 1
            taken.add(story_id)
            story.id = story_id
            stories[story_id] = story
            for article in story.articles:
                self.grouper.reassign(article, story_id)
        self.stories = stories

    # -- corrections ----------------------------------------------------------

    def story(self, story_id: str) -> Story:
        story = self.stories.get(story_id)
        if story is None:
            raise StoryNotFound(f"no story with id {story_id!r}; `newsreader stories` lists them")
        return story

    def story_of(self, article_id: str) -> Story | None:
        story_id = self.grouper.story_of.get(article_id)
        return self.stories.get(story_id) if story_id else None

    def retitle(self, story: Story, titles: dict[str, str]) -> None:
        """A story is titled after its first article."""
        if story.articles and story.articles[0] in titles:
            story.title = titles[story.articles[0]]

    def move(self, article_id: str, story_id: str | None, title: str, titles: dict[str, str] | None = None) -> Story:
        """Put an article in another story (None: a story of its own)."""
        current = self.story_of(article_id)
        if current is None:
            raise StoryError(f"article {article_id!r} is in no story; add it to the library first")
        target = self.story(story_id) if story_id else self._new_story(title)
        if target.id == current.id:
            return target
        current.articles.remove(article_id)
        for other in current.articles:
            self.grouper.apart.add(frozenset((article_id, other)))
        for member in target.articles:
            self.grouper.apart.discard(frozenset((article_id, member)))
        if not current.articles:
            del self.stories[current.id]
        elif titles:
            self.retitle(current, titles)
        target.articles.append(article_id)
        self.grouper.reassign(article_id, target.id)
        self.pinned.add(article_id)
        self.save()
        return target

    def merge(self, into_id: str, other_id: str) -> Story:
        into, other = self.story(into_id), self.story(other_id)
        if into.id == other.id:
            raise StoryError("a story cannot be merged with itself; give two different story ids")
        if len(other.articles) > len(into.articles):
            into.title = other.title  # the merged story goes by its larger part
        for article in other.articles:
            into.articles.append(article)
            self.grouper.reassign(article, into.id)
            for member in into.articles:
                self.grouper.apart.discard(frozenset((article, member)))
        self.pinned.update(into.articles)
        del self.stories[other.id]
        self.save()
        return into

    def split(self, story_id: str, article_ids: list[str], title: str, titles: dict[str, str] | None = None) -> Story:
        """Move some of a story's articles into a new story of their own."""
        story = self.story(story_id)
        missing = [a for a in article_ids if a not in story.articles]
        if missing:
            raise StoryError(f"article {missing[0]!r} is not in story {story_id}; `newsreader stories` shows its articles")
        if len(set(article_ids)) == len(story.articles):
            raise StoryError("a split must leave at least one article in the story")
        new = self._new_story(title)
        for article in article_ids:
            story.articles.remove(article)
            new.articles.append(article)
            self.grouper.reassign(article, new.id)
        for moved in new.articles:
            for stayed in story.articles:
                self.grouper.apart.add(frozenset((moved, stayed)))
        if titles:
            self.retitle(story, titles)
        self.pinned.update(story.articles + new.articles)
        self.save()
        return new


class ReadStories:
    """The stories as stories.json lists them, with only the articles the
    index holds (`present(ids)` says which): a story may name an article
    whose commit failed. Filtered as asked for, so showing one story at
    100k articles does not read every id of the index."""

    def __init__(self, directory: Path, present: Callable[[list[str]], set[str]]) -> None:
        self._store = StoryStore(directory, signatures=False)
        self._present = present
        self._all: dict[str, Story] | None = None

    @property
    def stories(self) -> dict[str, Story]:
        if self._all is None:
            kept = self._present([a for s in self._store.stories.values() for a in s.articles])
            self._all = {}
            for story in self._store.stories.values():
                articles = [a for a in story.articles if a in kept]
                if articles:
                    self._all[story.id] = Story(story.id, story.title, articles)
        return self._all

    def _filtered(self, story: Story | None) -> Story | None:
        if story is None or self._all is not None:
            return self._all.get(story.id) if story is not None and self._all is not None else None
        kept = self._present(list(story.articles))
        articles = [a for a in story.articles if a in kept]
        return Story(story.id, story.title, articles) if articles else None

    def story(self, story_id: str) -> Story:
        story = self._filtered(self._store.stories.get(story_id))
        if story is None:
            raise StoryNotFound(f"no story with id {story_id!r}; `newsreader stories` lists them")
        return story

    def story_of(self, article_id: str) -> Story | None:
        story = self._store.story_of(article_id)
        found = self._filtered(story)
        return found if found is not None and article_id in found.articles else None


def set_aside(path: Path) -> Path:
    """Copy a damaged file to `NAME.damaged` (never over an earlier copy)."""
    target = path.with_name(path.name + DAMAGED_SUFFIX)
    number = 2
    while target.exists():
        target = path.with_name(f"{path.name}{DAMAGED_SUFFIX}-{number}")
        number += 1
    shutil.copy2(path, target)
    return target


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
