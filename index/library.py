"""A library of articles: one Whoosh index in one directory.

Writes are incremental and crash-safe: Whoosh writes new segment files and
only then atomically replaces the table of contents, so a writer killed
mid-add leaves the last committed state intact. Large adds commit in chunks
so a crash loses at most the chunk in flight. Two processes writing at once
take turns on Whoosh's file lock; the second one waits a while and then
gives a clear message instead of a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.util.filelock import try_for

from .article import Article
from .errors import AmbiguousId, ArticleNotFound, LibraryBusy, LibraryError
from .ingest import Failure, iter_article_paths, read_article_file, read_articles
from .decode import UnreadableInput
from .paths import default_library_dir, seeds_dir
from .schema import TEXT_ANALYZER, build_schema

INDEX_DIRNAME = "index"
LOCK_WAIT_SECONDS = 20.0
CHUNK_SIZE = 2000
BULK_CHUNK_SIZE = 10000
"""Large adds commit every this many articles: fewer, larger segments."""
# Below this many articles a second writer process costs more than it saves.
MULTIPROCESS_THRESHOLD = 4000
TINY_SEGMENT_DOCS = 2000
MAX_TINY_SEGMENTS = 8


def merge_tiny_segments(writer, segments):
    """Whoosh merge policy: fold small segments together, never rewrite big ones.

    Whoosh's default (MERGE_SMALL) periodically merges everything below a
    Fibonacci bound; on a growing library that rewrote ~18,000 articles in one
    commit (72 s). Small adds still produce small segments; merging only those
    keeps their number bounded at a cost proportional to the add.
    """
    from whoosh.reading import SegmentReader

    tiny = [segment for segment in segments if segment.doc_count_all() < TINY_SEGMENT_DOCS]
    if len(tiny) < MAX_TINY_SEGMENTS:
        return segments
    for segment in tiny:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in tiny]


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    """Duplicates: not an error, nothing to fix."""
    failed: list[Failure] = field(default_factory=list)

    def merge(self, other: AddReport) -> None:
        self.added += other.added
        self.skipped += other.skipped
        self.failed += other.failed

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "skipped": [{"path": f.path, "reason": f.reason} for f in self.skipped],
            "failed": [{"path": f.path, "reason": f.reason} for f in self.failed],
        }


@dataclass(frozen=True)
class ArticleSummary:
    """What lists show of an article, without its body."""

    id: str
    title: str
    source: str
    published: datetime | None
    standfirst: str
    word_count: int
    lede: str = ""
    """The standfirst, or else the opening of the body: what a list shows."""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "standfirst": self.standfirst,
            "word_count": self.word_count,
        }


ProgressCallback = Callable[[int], None]


def article_from_fields(stored: dict) -> Article:
    from .analysis.storage import decode

    analysis = stored.get("analysis") or {}
    body = stored.get("body", "")
    title = stored.get("title", "")
    return Article(
        id=stored["id"],
        title=title,
        body=body,
        standfirst=stored.get("standfirst", ""),
        source=stored.get("source", ""),
        url=stored.get("url", ""),
        author=stored.get("author", ""),
        published=stored.get("published"),
        content_hash=stored.get("content_hash", ""),
        word_count=stored.get("word_count", 0),
        path=stored.get("path", ""),
        analysis=decode(analysis.get("body"), body) if analysis else None,
        title_analysis=decode(analysis.get("title"), title) if analysis else None,
    )


def summary_from_fields(stored: dict) -> ArticleSummary:
    return ArticleSummary(
        id=stored["id"],
        title=stored.get("title", ""),
        source=stored.get("source", ""),
        published=stored.get("published"),
        standfirst=stored.get("standfirst", ""),
        word_count=stored.get("word_count", 0),
        lede=stored.get("standfirst", "") or lede(stored.get("body", "")),
    )


def lede(body: str, width: int = 200) -> str:
    """The opening of the body, cut at a word, for articles without a standfirst."""
    first = body.split("\n\n", 1)[0]
    if len(first) <= width:
        return first
    return first[:width].rsplit(" ", 1)[0] + " …"


def _document(article: Article) -> dict:
    doc = {
        "id": article.id,
        "content_hash": article.content_hash,
        "title": article.title,
        "standfirst": article.standfirst,
        # The standfirst is searched as part of the body (one field less to
        # score per query word) but stored on its own.
        "body": f"{article.standfirst}\n\n{article.body}" if article.standfirst else article.body,
        "_stored_body": article.body,
        "source": article.source,
        "source_sort": (article.source or article.id).casefold(),
        "author": article.author,
        "url": article.url,
        "path": article.path,
        "word_count": article.word_count,
    }
    if article.published is not None:
        doc["published"] = article.published
    if article.analysis is not None:
        doc.update(_analysis_fields(article))
    return doc


NAME_SEPARATOR = " ; "
"""Between names in a field, so a phrase never spans two names."""


def _analysis_fields(article: Article) -> dict:
    from .analysis.storage import encode

    body, title = article.analysis, article.title_analysis
    names = {label: body.canonical_names(label) for label in ("PERSON", "ORG", "PLACE")}
    if title is not None:
        for label in names:
            names[label] += [n for n in title.canonical_names(label) if n not in names[label]]
    speakers = body.speakers()
    return {
        "person": NAME_SEPARATOR.join(names["PERSON"]),
        "org": NAME_SEPARATOR.join(names["ORG"]),
        "place": NAME_SEPARATOR.join(names["PLACE"]),
        "speaker": NAME_SEPARATOR.join(speakers),
        "quote": "\n".join(q.text for q in body.quotes if q.kind != "scare"),
        "names": {"PERSON": names["PERSON"], "ORG": names["ORG"], "PLACE": names["PLACE"], "SPEAKER": speakers},
        "analysis": {"body": encode(body), "title": encode(title) if title is not None else None},
    }


def analyse_article(article: Article, engine=None) -> Article:
    """Fill in the article's analysis (entities and quotes) if it has none."""
    if article.analysis is None:
        from .analysis import analyse

        article.analysis = analyse(article.body, engine)
        article.title_analysis = analyse(article.title, engine)
    return article


def _load_article(item: Path | Failure, *, source: str, engine: str | None) -> Article | Failure:
    """Read, clean and analyse one file (runs in worker processes for big adds)."""
    if isinstance(item, Failure):
        return item
    try:
        return analyse_article(read_article_file(item, source=source), engine)
    except UnreadableInput as error:
        return Failure(str(item), str(error))


def _bounded_imap(pool, function, items: Iterable, batch: int = 512) -> Iterator:
    """`pool.imap` with at most two batches in flight: workers that outrun the
    writer would otherwise pile every analysed article up in memory."""
    pending = None
    for chunk in _chunks(items, batch):
        running = pool.imap(function, chunk, chunksize=16)
        if pending is not None:
            yield from pending
        pending = running
    if pending is not None:
        yield from pending


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Library:
    """Open with `Library.open()`; safe to share between threads for reading."""

    engine: str | None = None
    """Analysis engine for new articles: 'builtin', 'nlp', or None for the best installed."""

    def __init__(self, directory: Path, ix: whoosh_index.Index) -> None:
        self.directory = directory
        self._ix = ix
        self._searcher: Searcher | None = None
        self._searcher_lock = threading.Lock()
        self._fields = set(ix.schema.names())
        self._stories_cache = None

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, directory: Path | None = None, *, seed: bool = True) -> Library:
        """Open the library in `directory`, creating it from the seeds if new."""
        directory = Path(directory) if directory else default_library_dir()
        index_dir = directory / INDEX_DIRNAME
        try:
            if index_dir.is_dir() and whoosh_index.exists_in(str(index_dir)):
                return cls(directory, whoosh_index.open_dir(str(index_dir)))
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
        except PermissionError as error:
            raise LibraryError(f"library {directory} is not accessible ({error.strerror}); check its permissions") from error
        except OSError as error:
            raise LibraryError(f"library {directory} cannot be opened ({error.strerror or error})") from error
        except Exception as error:  # a corrupt or foreign index
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
                staged = Library(directory, ix)
                staged.add_articles(a for a in read_articles([seeds_dir()]) if isinstance(a, Article))
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
        with self._searcher_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
        self._ix.close()

    # -- reading -----------------------------------------------------------

    def searcher(self) -> Searcher:
        """A shared searcher, refreshed when another writer has committed.

        Opening a searcher reads every segment's metadata; reusing one keeps
        searches as you type fast.
        """
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            elif not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
            return self._searcher

    def has_changed(self) -> bool:
        """True when another writer has committed since the searcher was opened."""
        with self._searcher_lock:
            return self._searcher is not None and not self._searcher.up_to_date()

    def count(self) -> int:
        return self.searcher().doc_count()

    def get(self, article_id: str) -> Article | None:
        stored = self.searcher().document(id=article_id)
        return article_from_fields(stored) if stored else None

    def resolve(self, id_or_prefix: str) -> Article:
        """The article with this id, or the only one whose id starts with it
        ("001" for "001_45ab43f7df5b0445")."""
        from whoosh import query

        article = self.get(id_or_prefix)
        if article is not None:
            return article
        hits = self.searcher().search(query.Prefix("id", id_or_prefix), limit=3) if id_or_prefix else []
        ids = sorted(hit["id"] for hit in hits)
        if not ids:
            raise ArticleNotFound(f"no article with id {id_or_prefix!r}; `newsreader list` shows the ids")
        if len(ids) > 1:
            shown = ", ".join(ids[:2]) + (", ..." if len(ids) > 2 else "")
            raise AmbiguousId(f"id {id_or_prefix!r} matches several articles ({shown}); give more of it")
        return self.get(ids[0])  # type: ignore[return-value]

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
        items = [summary_from_fields(stored) for stored in searcher.all_stored_fields()]
        items.sort(key=lambda s: s.title.casefold())
        items.sort(key=lambda s: s.published or datetime.min, reverse=True)
        return items

    # -- writing -----------------------------------------------------------

    def _writer(self, procs: int = 1):
        try:
            if procs > 1:
                # Whoosh's compound segment file makes every searcher copy
                # postings into memory; separate files are mapped lazily.
                return self._ix.writer(
                    procs=procs,
                    multisegment=True,
                    limitmb=256,
                    compound=False,
                    subargs={"compound": False, "limitmb": 256},
                    timeout=LOCK_WAIT_SECONDS,
                    delay=0.1,
                )
            return self._ix.writer(timeout=LOCK_WAIT_SECONDS, delay=0.1, compound=False, limitmb=256)
        except LockError as error:
            raise LibraryBusy(
                f"library {self.directory} is being written by another newsreader process; "
                "try again when it has finished"
            ) from error

    # -- stories -------------------------------------------------------------

    def _story_store(self):
        """The stories as on disk; reused while the files are unchanged (a bulk
        add groups chunk after chunk without re-reading every signature)."""
        from .stories import StoryStore
        from .stories.store import SIGNATURES_FILE, STORIES_FILE

        def stamp(name: str) -> tuple[int, int] | None:
            try:
                info = (self.directory / name).stat()
            except FileNotFoundError:
                return None
            return info.st_mtime_ns, info.st_size

        key = (stamp(STORIES_FILE), stamp(SIGNATURES_FILE))
        cached = self._stories_cache
        if cached is None or cached[0] != key:
            cached = (key, StoryStore(self.directory, tolerant=True))
            self._stories_cache = cached
        return cached[1]

    def _story_store_saved(self) -> None:
        """Remember the files as this process just wrote them."""
        if self._stories_cache is not None:
            from .stories.store import SIGNATURES_FILE, STORIES_FILE

            store = self._stories_cache[1]
            stamps = []
            for name in (STORIES_FILE, SIGNATURES_FILE):
                try:
                    info = (self.directory / name).stat()
                    stamps.append((info.st_mtime_ns, info.st_size))
                except FileNotFoundError:
                    stamps.append(None)
            self._stories_cache = (tuple(stamps), store)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library's write lock (as adding does) for other changes."""
        lock = self._ix.lock("WRITELOCK")
        if not try_for(lock.acquire, timeout=LOCK_WAIT_SECONDS, delay=0.1):
            raise LibraryBusy(
                f"library {self.directory} is being written by another newsreader process; "
                "try again when it has finished"
            )
        try:
            yield
        finally:
            lock.release()

    def stories(self):
        """The library's stories, each listing only articles the index holds.

        Articles that no story lists yet (a library made before stories
        existed, an interrupted add) are grouped first.
        """
        from .stories import StoryStore

        store = StoryStore(self.directory, signatures=False)
        ids = {term.decode() for term in self.searcher().reader().lexicon("id")}
        if ids - set(store.grouper.story_of):
            with self.locked():
                store = StoryStore(self.directory)
                missing = sorted(ids - set(store.grouper.story_of))
                store.add([a for a in map(self.get, missing) if a is not None])
        for story in list(store.stories.values()):
            story.articles = [a for a in story.articles if a in ids]
            if not story.articles:
                del store.stories[story.id]
        return store

    def ungrouped(self) -> int:
        """How many articles no story lists yet (grouped on the next `stories()`)."""
        from .stories import StoryStore

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
        from .stories import StoryStore

        if rebuild:
            with self.locked():
                result = change(StoryStore(self.directory, tolerant=True))
            self.stories()  # articles with no signature yet
            return result
        self.stories()  # group any stragglers first (takes the lock itself)
        with self.locked():
            return change(StoryStore(self.directory))

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        progress: ProgressCallback | None = None,
        expected: int = 0,
    ) -> AddReport:
        """Add articles, committing every `CHUNK_SIZE`; duplicates are skipped."""
        report = AddReport()
        bulk = expected >= MULTIPROCESS_THRESHOLD and (os.cpu_count() or 1) > 1
        procs = 2 if bulk else 1
        for chunk in _chunks(articles, BULK_CHUNK_SIZE if bulk else CHUNK_SIZE):
            report.merge(self._add_chunk(chunk, procs=procs))
            if progress:
                progress(len(chunk))
        return report

    def _add_chunk(self, chunk: list[Article], *, procs: int) -> AddReport:
        report = AddReport()
        added: list[Article] = []
        writer = self._writer(procs)
        try:
            # Read ids and hashes under the write lock, so a concurrent writer
            # cannot slip a duplicate in between the check and the commit.
            reader = writer.reader()
            ids = {term.decode() for term in reader.lexicon("id")}
            hashes = {term.decode() for term in reader.lexicon("content_hash")}
            for article in chunk:
                if article.content_hash in hashes:
                    report.skipped.append(Failure(article.path or article.id, "duplicate of an article already in the library"))
                    continue
                if article.id in ids:
                    article.id = f"{article.id}-{article.content_hash[:8]}"
                ids.add(article.id)
                hashes.add(article.content_hash)
                article = analyse_article(article, self.engine)
                document = _document(article)
                # A library made by an older version lacks newer fields.
                writer.add_document(**{k: v for k, v in document.items() if k in self._fields or k.startswith("_stored_")})
                report.added.append(article.id)
                added.append(article)
            # Group the new articles into stories while the lock is held; a
            # story naming an article whose commit then failed is harmless
            # (stories() drops ids the index does not have).
            self._story_store().add(added)
            self._story_store_saved()
            writer.commit(mergetype=merge_tiny_segments)
        except BaseException:
            writer.cancel()
            raise
        return report

    def add_paths(
        self,
        paths: Iterable[Path],
        *,
        source: str = "",
        progress: ProgressCallback | None = None,
        expected: int = 0,
    ) -> AddReport:
        """Read files and directories and add their articles."""
        report = AddReport()
        failures: list[Failure] = []
        load = partial(_load_article, source=source, engine=self.engine)
        pool = None
        if expected >= MULTIPROCESS_THRESHOLD and (os.cpu_count() or 1) > 1:
            # Reading, cleaning and analysis run in two worker processes while
            # Whoosh's writer indexes in two more.
            pool = multiprocessing.Pool(2)
            loaded = _bounded_imap(pool, load, iter_article_paths(paths))
        else:
            loaded = map(load, iter_article_paths(paths))

        def articles() -> Iterator[Article]:
            for item in loaded:
                if isinstance(item, Failure):
                    failures.append(item)
                    if progress:
                        progress(1)
                else:
                    yield item

        def counted(done: int) -> None:
            if progress:
                progress(done)

        try:
            report.merge(self.add_articles(articles(), progress=counted, expected=expected))
        finally:
            if pool is not None:
                pool.terminate()
        report.failed.extend(failures)
        return report

    def remove(self, article_id: str) -> bool:
        writer = self._writer()
        try:
            removed = writer.delete_by_term("id", article_id)
            if removed:
                self._story_store().remove(article_id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return bool(removed)
