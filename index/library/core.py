"""A library of articles: one Whoosh index in one directory.

Writes are incremental and crash-safe: Whoosh writes new segment files and
only then atomically replaces the table of contents, so a writer killed
mid-add leaves the last committed state intact. Large adds commit in chunks
so a crash loses at most the chunk in flight, and Ctrl-C commits what was
read. Two processes writing at once take turns on Whoosh's file lock; the
second one waits a while and then gives a clear message instead of a
traceback, unless the holder is dead, when its lock is taken over.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import cast

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ..article import Article
from ..errors import LibraryDamaged, LibraryError
from ..health.damage import damaged_part, is_damage
from ..paths import default_library_dir
from ..schema import TEXT_ANALYZER, build_schema
from . import locking
from .adding import Writing
from .documents import ArticleSummary, article_from_fields, summary_from_fields
from .searchers import ThreadSearchers
from .storybook import StoryBookkeeping

INDEX_DIRNAME = "index"


class Library(StoryBookkeeping, Writing):
    """Open with `Library.open()`; safe to share between threads for reading."""

    engine: str | None = None
    """Analysis engine for new articles: 'builtin', 'nlp', or None for the best installed."""

    def __init__(self, directory: Path, ix: whoosh_index.Index) -> None:
        self.directory = directory
        # open_dir and create_in make FileIndexes (the base class lacks lock()).
        self._ix = cast(whoosh_index.FileIndex, ix)
        self._searchers = ThreadSearchers(self._ix.searcher)
        self._fields = set(self._ix.schema.names())
        self._stories_cache = None

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, directory: Path | None = None, *, seed: bool = False) -> Library:
        """Open the library in `directory`, creating it if new (with the
        bundled demo articles in it when `seed`)."""
        directory = Path(directory) if directory else default_library_dir()
        index_dir = directory / INDEX_DIRNAME
        try:
            if index_dir.is_dir() and whoosh_index.exists_in(str(index_dir)):
                ix = whoosh_index.open_dir(str(index_dir))
                ix.reader().close()  # opens every segment: damage shows now, not mid-command
                return cls(directory, ix)
            if index_dir.is_dir() and any(p.name.startswith("MAIN_") for p in index_dir.iterdir()):
                raise LibraryDamaged(f"library {directory} is damaged (its table of contents is missing); run `newsreader repair`")
            if directory.exists() and not directory.is_dir():
                raise LibraryError(f"library {directory} is a file, not a directory; choose another --library")
            if directory.is_dir() and any(not p.name.startswith(".index-building-") for p in directory.iterdir()):
                raise LibraryError(
                    f"{directory} is not a newsreader library and is not empty; "
                    "choose a new or empty directory for --library"
                )
            return cls(directory, cls._create(directory, seed=seed))
        except LibraryError:
            raise
        except Exception as error:
            if is_damage(error):  # a missing or garbled index file: repairable
                raise LibraryDamaged(
                    f"library {directory} could not be read: it is damaged ({damaged_part(error)}); run `newsreader repair`"
                ) from error
            if isinstance(error, PermissionError):
                raise LibraryError(f"library {directory} is not accessible ({error.strerror}); check its permissions") from error
            if isinstance(error, OSError):
                raise LibraryError(f"library {directory} cannot be opened ({error.strerror or error})") from error
            # a foreign index
            raise LibraryError(
                f"library {directory} could not be read ({error.__class__.__name__}: {error}); "
                "choose another --library or restore it from a backup"
            ) from error

    @staticmethod
    def _create(directory: Path, *, seed: bool) -> whoosh_index.Index:
        """Build the new index aside and move it into place in one rename, so
        a crash or a second process starting at the same moment never sees a
        half-built library."""
        directory.mkdir(parents=True, exist_ok=True)
        index_dir = directory / INDEX_DIRNAME
        staging = Path(tempfile.mkdtemp(prefix=".index-building-", dir=directory))
        try:
            ix = whoosh_index.create_in(str(staging), build_schema())
            if seed:
                Library(directory, ix).add_demo()
            try:
                os.rename(staging, index_dir)
            except OSError:
                if not whoosh_index.exists_in(str(index_dir)):
                    raise
                # Another process finished first; use its library.
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return whoosh_index.open_dir(str(index_dir))

    def close(self) -> None:
        self._searchers.close()
        self._ix.close()

    @property
    def read_only(self) -> bool:
        """True when this process cannot write the library: it can still be
        searched and read; changes raise `LibraryReadOnly`."""
        return not locking.library_writable(self.directory)

    # -- reading -----------------------------------------------------------

    def searcher(self) -> Searcher:
        """This thread's searcher, refreshed when another writer has committed
        (each thread has its own: see `searchers.py`)."""
        return self._searchers.get()

    def fresh_searcher(self) -> None:
        """Replace this thread's searcher with a new one (after a read failed
        on a segment another writer replaced)."""
        self._searchers.replace()

    def has_changed(self) -> bool:
        """True when another writer has committed since a searcher was opened."""
        return self._searchers.any_out_of_date()

    def count(self) -> int:
        return self.searcher().doc_count()

    def get(self, article_id: str) -> Article | None:
        stored = self.searcher().document(id=article_id)
        return article_from_fields(stored) if stored else None

    def resolve(self, id_or_prefix: str) -> Article:
        """The article with this id, or the only one whose id starts with it
        ("f2f3" for "f2f3f37203"; "000" for an older library's
        "000_f2f3f3720328d6d9"), or whose slug is or starts with it.
        Raises ArticleNotFound, or AmbiguousId carrying the candidates."""
        from .lookup import ambiguous, find_ids, not_found

        ids = find_ids(self.searcher(), id_or_prefix, "slug" in self._fields)
        if not ids:
            raise not_found(id_or_prefix)
        if len(ids) > 1:
            raise ambiguous(id_or_prefix, ids, self.summary)
        article = self.get(ids[0])
        if article is None:  # removed by another process between the two reads
            raise not_found(id_or_prefix)
        return article

    def summary(self, article_id: str) -> ArticleSummary | None:
        """What lists show of one article, or None."""
        stored = self.searcher().document(id=article_id)
        return summary_from_fields(stored) if stored else None

    def titles_matching(self, text: str, limit: int = 20) -> list[ArticleSummary]:
        """Articles whose title has every word of `text` (the last one as a prefix)."""
        from whoosh import query

        words = [w for w in re.findall(r"\w+", text.lower())]
        if not words:
            return []
        stems = [t.text for w in words for t in TEXT_ANALYZER(w)]
        # The last word may be half typed: match it as a prefix of its stem.
        parts = [query.Term("title", s) for s in stems[:-1]] + [query.Prefix("title", stems[-1])]
        results = self.searcher().search(query.And(parts), limit=limit)
        return [summary_from_fields(hit.fields()) for hit in results]

    def summaries(self) -> list[ArticleSummary]:
        """Every article, newest first, then by title."""
        searcher = self.searcher()
        items = [summary_from_fields(stored) for stored in searcher.reader().all_stored_fields()]
        items.sort(key=lambda s: s.title.casefold())
        items.sort(key=lambda s: s.published or datetime.min, reverse=True)
        return items
