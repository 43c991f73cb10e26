"""Adding articles (and removing them): chunked commits, worker processes for
large adds, stories grouped under the same lock, Ctrl-C keeping what is done."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from whoosh.index import FileIndex

from ..article import Article
from ..dupes import forget_removed as forget_near_duplicates
from ..dupes import record_added as record_near_duplicates
from ..dupes import sign as sign_for_near_duplicates
from ..dupes.hooks import SIGNED
from ..ingest import Failure, UnreadableInput, iter_article_paths, read_article_file
from ..ingest.limits import without_cut_note
from ..ingest.walk import Ignored
from ..names_store import forget_removed as forget_names
from ..names_store import record_added as record_names
from .clashes import settle_clash
from .documents import names_analysis, to_document
from .forkserver import ForkServer, fork_server
from .interrupts import StopOnInterrupt
from .live_terms import LiveTerms, TermSet, live_terms
from .locking import abandon, merge_tiny_segments, open_writer, require_writable, writing_errors
from .workers import init_pool_worker

CHUNK_SIZE = 2000
BULK_CHUNK_SIZE = 10000
"""Large adds commit every this many articles: fewer, larger segments."""
# Below this many articles a second writer process costs more than it saves.
MULTIPROCESS_THRESHOLD = 4000
BULK_POOL_MB = 64
"""What each of a bulk add's Whoosh sub-writers may hold in postings before
spilling a sorted run to disk (merged at the commit); small adds keep 256.
A trade of memory for CPU: one writer given 5,300 BBC documents (a
sub-writer's share of a chunk) took 18 s CPU and 406 MB at 256, 27 s and
191-233 MB at 96-128 (any spill costs about +50% of indexing). The bulk add
of 10,620 articles: largest process 532 -> 272 MB, CPU +15% (same run)."""

NAMES = "document_names"
"""`Article.extra` key of the names its document stored, kept for `_slim`."""
STORY_BATCH = 1000
"""A bulk add groups the articles it has written into stories this many at
a time (one story-store transaction each), holding only those in full."""

ProgressCallback = Callable[[int], None]


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    """Duplicates: not an error, nothing to fix."""
    failed: list[Failure] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)
    """Files of other types and empty directories: said, not an error."""
    warnings: list[Failure] = field(default_factory=list)
    """Articles added with something wrong (a date that cannot be read,
    front matter never closed): the path and what was wrong."""
    interrupted: bool = False
    """Stopped by Ctrl-C: what was read so far is committed; the same add run
    again continues (what is already in the library is skipped)."""

    def merge(self, other: AddReport) -> None:
        self.added += other.added
        self.skipped += other.skipped
        self.failed += other.failed
        self.ignored += other.ignored
        self.warnings += other.warnings
        self.interrupted = self.interrupted or other.interrupted

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "skipped": [{"path": f.path, "reason": f.reason} for f in self.skipped],
            "failed": [{"path": f.path, "reason": f.reason} for f in self.failed],
            "ignored": [{"path": f.path, "reason": f.reason, "kind": f.kind} for f in self.ignored],
            "warnings": [{"path": f.path, "reason": f.reason} for f in self.warnings],
            "interrupted": self.interrupted,
        }


def analyse_article(article: Article, engine=None) -> Article:
    """Fill in the article's analysis (entities and quotes) if it has none."""
    if article.analysis is None:
        from ..analysis import analyse
        from ..analysis.linking import confirm_title_names

        article.analysis = analyse(without_cut_note(article.body), engine)
        # A headline has no context of its own: its names are read as the body reads them.
        article.title_analysis = confirm_title_names(analyse(article.title, engine), article.analysis, article.body)
    return article


def _load_article(
    item: Path | Failure, *, source: str, engine: str | None, date_order: str | None = None
) -> Article | Failure:
    """Read, clean and analyse one file (runs in worker processes for big adds)."""
    if isinstance(item, Failure):
        return item
    try:
        article = analyse_article(read_article_file(item, source=source, date_order=date_order), engine)
        return sign_for_near_duplicates(article)  # here, in parallel, rather than in the writing process
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


class _StreamedChunk:
    """One commit's worth of a bulk add, as its articles are drawn: the
    article in hand, those written but not yet grouped into stories (in
    full), and those grouped (slim: `_slim`)."""

    def __init__(self, source: Iterator[Article], interrupt: StopOnInterrupt) -> None:
        self.source = source
        self.interrupt = interrupt
        self.report = AddReport()
        self.in_hand: Article | None = None
        self.drawn = 0
        self.exhausted = False
        self.ungrouped: list[Article] = []
        self.written: list[Article] = []

    def draw(self) -> bool:
        """Take the next article in hand; False when none is left or reading was cut short."""
        try:
            article = next(self.source)  # reading and analysis happen here
        except StopIteration:
            self.exhausted = True
            return False
        except KeyboardInterrupt:
            if self.interrupt.requested:
                raise  # the second Ctrl-C
            # Raised where no handler could catch it: what was read is kept.
            self.report.interrupted = True
            return False
        self.in_hand = article
        self.drawn += 1
        if self.interrupt.requested:
            self.report.interrupted = True  # the article in hand is kept, no more are read
        return True


def _slim(article: Article) -> Article:
    """What the bookkeeping after a commit reads of an article (its URLs, its
    near-copy signature, its names), without its text or full analysis."""
    if SIGNED not in article.extra:
        sign_for_near_duplicates(article)  # an add not read by workers: signed here, as after the commit
    names = article.extra.pop(NAMES, None)
    extra = {key: article.extra[key] for key in ("urls", SIGNED) if key in article.extra}
    return Article(
        id=article.id, title="", body="", url=article.url, content_hash=article.content_hash,
        word_count=article.word_count, slug=article.slug or "-",
        analysis=names_analysis(names) if article.analysis is not None else None, extra=extra,
    )


class Writing:
    """Mixin of `Library`: adding and removing articles."""

    directory: Path
    engine: str | None
    _ix: FileIndex
    _fields: set[str]
    _fork_server: ForkServer | None = None
    """Set while a bulk add runs: what forks its sub-writers."""
    seeding = False
    """Set while the demo library's seeds go in: tracked as read, since they
    are not news to anyone (and a first run should not open on five unread)."""

    if TYPE_CHECKING:  # provided by StoryBookkeeping

        def _story_store(self) -> Any: ...

        def _story_store_saved(self) -> None: ...

        def resolve(self, id_or_prefix: str) -> Article: ...

        def searcher(self) -> Any: ...

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        progress: ProgressCallback | None = None,
        expected: int = 0,
        on_stop: Callable[[], None] | None = None,
    ) -> AddReport:
        """Add articles, committing every `CHUNK_SIZE`; duplicates are skipped.
        `progress(n)` after each chunk committed. A bulk add (`expected` at
        least MULTIPROCESS_THRESHOLD) streams instead: each article goes to
        the writer as it is read, and a commit is made every BULK_CHUNK_SIZE.

        On Ctrl-C (`on_stop()` is told at once) the articles read so far are
        committed and the report says `interrupted`; a second Ctrl-C while
        that commit runs abandons it.
        """
        require_writable(self.directory)
        bulk = expected >= MULTIPROCESS_THRESHOLD and (os.cpu_count() or 1) > 1
        if bulk:
            with self._forks() as server:
                return self._add_streamed(articles, server, progress=progress, on_stop=on_stop)
        report = AddReport()
        chunk: list[Article] = []
        writing: list[Article] = []
        with StopOnInterrupt(on_stop) as interrupt:
            try:
                # Reading and analysis happen as `articles` is drawn on.
                for article in articles:
                    chunk.append(article)
                    if interrupt.requested:
                        report.interrupted = True  # the article in hand is kept, no more are read
                        break
                    if len(chunk) < CHUNK_SIZE:
                        continue
                    writing, chunk = chunk, []
                    report.merge(self._add_chunk(writing))
                    done, writing = len(writing), []
                    if progress:
                        progress(done)
                if chunk:
                    writing, chunk = chunk, []
                    report.merge(self._add_chunk(writing))
                    done, writing = len(writing), []
                    if progress:
                        progress(done)
            except KeyboardInterrupt:
                if interrupt.requested:
                    raise  # the second Ctrl-C: the commit in flight is abandoned
                # Raised where no handler could catch the signal first (another
                # thread's handler, a test). Keep what is read: the chunk whose
                # commit was cut short and the articles gathered for the next.
                rest = writing + chunk
                if rest:
                    report.merge(self._add_chunk(rest))
                report.interrupted = True
        return report

    @contextmanager
    def _forks(self) -> Iterator[ForkServer]:
        """The fork server of this add's sub-writers: the one `add_paths`
        started before its readers, else one started now."""
        if self._fork_server is not None:
            yield self._fork_server
            return
        with fork_server() as server:
            self._fork_server = server
            try:
                yield server
            finally:
                self._fork_server = None

    def _add_streamed(
        self,
        articles: Iterable[Article],
        server: ForkServer,
        *,
        progress: ProgressCallback | None,
        on_stop: Callable[[], None] | None,
    ) -> AddReport:
        """A bulk add: each article is handed to the writer as it is read, and
        a commit made every BULK_CHUNK_SIZE articles; Ctrl-C as `add_articles`."""
        report = AddReport()
        drawn = iter(articles)
        with StopOnInterrupt(on_stop) as interrupt:
            while True:
                chunk = _StreamedChunk(drawn, interrupt)
                self._stream_chunk(chunk, server)
                report.merge(chunk.report)
                if chunk.drawn and progress:
                    progress(chunk.drawn)
                if chunk.report.interrupted or chunk.exhausted:
                    return report

    def _stream_chunk(self, chunk: _StreamedChunk, server: ForkServer) -> None:
        """Write articles drawn from `chunk` until BULK_CHUNK_SIZE are drawn or
        none are left, then commit them. Duplicate checks happen under the write
        lock, before each document is written, as in `_add_chunk`."""
        if not chunk.draw():
            return  # nothing left: no writer, no lock
        writer = open_writer(self._ix, self.directory, 2, BULK_POOL_MB, server=server)
        try:
            with writing_errors(self.directory):
                reader = writer.reader()
                # Looked up one by one, not read whole into sets (as `live_terms`
                # would for 10,000 articles): the library's ids and hashes held at
                # once grew the add's largest process with every commit (about
                # 25 MB at 100,000), for ~0.3 ms of CPU an article saved.
                ids: TermSet = LiveTerms(reader, "id")
                hashes: TermSet = LiveTerms(reader, "content_hash")
                while chunk.in_hand is not None:
                    self._write_streamed(chunk, writer, reader, ids, hashes)
                    if len(chunk.ungrouped) >= STORY_BATCH:
                        self._group_streamed(chunk)
                    if chunk.report.interrupted or chunk.drawn >= BULK_CHUNK_SIZE or not chunk.draw():
                        break
                self._group_streamed(chunk)
                writer.commit(mergetype=merge_tiny_segments)
        except BaseException:
            abandon(writer)
            raise
        written = chunk.written
        if written:  # after the commit: the state must never name an article the index lacks
            _track(self.directory, written, read=self.seeding)
        record_near_duplicates(self.directory, written)  # once committed; a failure there never costs the add
        record_names(self.directory, written)  # facets' names file; the next read mends a failure

    def _write_streamed(self, chunk: _StreamedChunk, writer, reader, ids: TermSet, hashes: TermSet) -> None:
        """Check the article in hand against the library and this add, and hand
        its document to the writer (or skip it)."""
        article = chunk.in_hand
        assert article is not None
        chunk.in_hand = None
        handed = False
        try:
            document = self._document_unless_held(article, chunk.report, reader, ids, hashes)
            if document is not None:
                writer.add_document(**document)
                handed = True
        except KeyboardInterrupt:
            if chunk.interrupt.requested:
                raise
            # Raised where no handler could catch it (a test, another thread's
            # handler): the article in hand is kept and no more are read. (Were
            # it raised just after the writer took the document, it would be
            # written twice; only a signal could land there, and the add's own
            # handler takes those.)
            chunk.report.interrupted = True
            if not handed:
                document = self._document_unless_held(article, chunk.report, reader, ids, hashes)
                if document is not None:
                    writer.add_document(**document)
                    handed = True
        if handed:
            ids.add(article.id)
            hashes.add(article.content_hash)
            chunk.report.added.append(article.id)
            chunk.ungrouped.append(article)

    def _document_unless_held(self, article: Article, report: AddReport, reader, ids: TermSet, hashes: TermSet
                              ) -> dict | None:
        """The article's document, or None (and a skip said) when the library or
        this add already holds it. Changes nothing else (it may run twice)."""
        if article.content_hash in hashes:
            report.skipped.append(Failure(article.path or article.id, "duplicate of an article already in the library"))
            return None
        if article.id in ids:  # the same page again, or a clash of hashes (index/library/clashes.py)
            settled = settle_clash(article, reader, ids)
            if settled is None:
                report.skipped.append(Failure(article.path or article.url, f"the same page as {article.id}, already in the library"))
                return None
            article.id = settled
        document = to_document(analyse_article(article, self.engine))
        article.extra[NAMES] = document.get("names")  # what `_slim` keeps of the analysis
        # A library made by an older version lacks newer fields.
        return {k: v for k, v in document.items() if k in self._fields or k.startswith("_stored_")}

    def _group_streamed(self, chunk: _StreamedChunk) -> None:
        """Group the articles written since the last batch into stories (under
        the lock, before the commit, as `_add_chunk`), then keep only what the
        bookkeeping after the commit needs of them."""
        if not chunk.ungrouped:
            return
        try:
            self._story_store().add(chunk.ungrouped)
        except KeyboardInterrupt:
            if chunk.interrupt.requested:
                raise
            chunk.report.interrupted = True
            self._story_store().add(chunk.ungrouped)  # a fresh store: the cut one rolled back
        self._story_store_saved()
        chunk.written += [_slim(article) for article in chunk.ungrouped]
        chunk.ungrouped = []

    def add_demo(self) -> AddReport:
        """Add the bundled demo articles (five outlets on one story), tracked
        as read like a first run's. Those already here are skipped as
        duplicates, so running it again adds nothing."""
        from ..ingest import read_articles
        from ..paths import seeds_dir

        self.seeding = True
        try:
            return self.add_articles(a for a in read_articles([seeds_dir()]) if isinstance(a, Article))
        finally:
            self.seeding = False

    def _add_chunk(self, chunk: list[Article]) -> AddReport:
        report = AddReport()
        added: list[Article] = []
        writer = open_writer(self._ix, self.directory)
        try:
            with writing_errors(self.directory):
                # Read ids and hashes under the write lock, so a concurrent writer
                # cannot slip a duplicate in between the check and the commit.
                reader = writer.reader()
                ids = live_terms(reader, "id", len(chunk))
                hashes = live_terms(reader, "content_hash", len(chunk))
                for article in chunk:
                    document = self._document_unless_held(article, report, reader, ids, hashes)
                    if document is None:
                        continue
                    ids.add(article.id)
                    hashes.add(article.content_hash)
                    writer.add_document(**document)
                    report.added.append(article.id)
                    added.append(article)
                # Group the new articles into stories while the lock is held; a
                # story naming an article whose commit then failed is harmless
                # (stories() drops ids the index does not have).
                self._story_store().add(added)
                self._story_store_saved()
                writer.commit(mergetype=merge_tiny_segments)
        except BaseException:
            abandon(writer)
            raise
        if added:  # after the commit: the state must never name an article the index lacks
            _track(self.directory, added, read=self.seeding)
        record_near_duplicates(self.directory, added)  # once committed; a failure there never costs the add
        record_names(self.directory, added)  # facets' names file; the next read mends a failure
        return report

    def add_paths(
        self,
        paths: Iterable[Path],
        *,
        source: str = "",
        progress: ProgressCallback | None = None,
        expected: int = 0,
        date_order: str | None = None,
        on_stop: Callable[[], None] | None = None,
    ) -> AddReport:
        """Read files and directories and add their articles; `progress(1)`
        as each file is read. `date_order` ('dmy', 'mdy') reads numeric dates."""
        require_writable(self.directory)
        load = partial(_load_article, source=source, engine=self.engine, date_order=date_order)
        if expected >= MULTIPROCESS_THRESHOLD and (os.cpu_count() or 1) > 1:
            # Reading, cleaning and analysis run in two worker processes while
            # Whoosh's writer indexes in two more; all four die with us. The
            # fork server of the writer's processes first: the readers'
            # pipes are no business of it.
            with self._forks():
                pool = multiprocessing.Pool(2, initializer=init_pool_worker, initargs=(os.getpid(),))
                try:
                    return self._add_loaded(
                        _bounded_imap(pool, load, iter_article_paths(paths)), progress, expected, on_stop
                    )
                finally:
                    pool.terminate()
                    pool.join()
        return self._add_loaded(map(load, iter_article_paths(paths)), progress, expected, on_stop)

    def add_urls(self, urls: list[str], *, source: str = "", progress: ProgressCallback | None = None) -> AddReport:
        """Fetch web pages and add their articles (one `Failure` per page that cannot be).
        A page the library holds by any of its URLs, or given twice, is skipped."""
        from ..state import StateDB, article_for_url, forget_articles
        from ..web.pages import load_pages
        from ..web.urls import normalize_url

        require_writable(self.directory)
        first: dict[str, str] = {}  # normalised URL -> the URL given first for it
        repeats: list[Failure] = []
        for url in urls:
            key = normalize_url(url)
            if key in first:
                repeats.append(Failure(url, f"the same page as {first[key]}, given before it"))
            else:
                first[key] = url
        with StateDB(self.directory) as db:

            def known(url: str) -> str | None:
                holder = article_for_url(db, url)
                if holder is not None and self.searcher().document_number(id=holder) is None:
                    forget_articles(db, [holder])  # removed without the state knowing: its URLs are free
                    return None
                return holder

            report = self._add_loaded(load_pages(first.values(), source=source, known=known), progress, len(urls))
        report.skipped += repeats
        if progress and repeats:
            progress(len(repeats))
        return report

    def _add_loaded(
        self,
        loaded: Iterable[Article | Failure],
        progress: ProgressCallback | None,
        expected: int,
        on_stop: Callable[[], None] | None = None,
    ) -> AddReport:
        """Add what was read, collecting what could not be; `progress(1)` for
        each item as it is read (the commits come in chunks, far apart)."""
        from ..web.pages import AlreadyHeld

        failures: list[Failure] = []
        held: list[Failure] = []  # pages the library already holds: skipped, not failed
        ignored: list[Ignored] = []
        warned: list[tuple[Article, str]] = []

        def articles() -> Iterator[Article]:
            for item in loaded:
                if isinstance(item, Ignored):
                    ignored.append(item)  # never counted as an item to read
                    continue
                if progress:
                    progress(1)
                if isinstance(item, Failure):
                    (held if isinstance(item, AlreadyHeld) else failures).append(item)
                    continue
                warned.extend((item, warning) for warning in item.extra.pop("warnings", ()))
                yield item

        report = self.add_articles(articles(), expected=expected, on_stop=on_stop)
        report.failed.extend(failures)
        report.skipped.extend(held)
        report.ignored.extend(ignored)
        # Said of the articles added only (a duplicate's date was never stored).
        added = set(report.added)
        report.warnings += [Failure(a.path or a.url or a.id, warning) for a, warning in warned if a.id in added]
        return report

    @overload
    def remove(self, ids: str) -> bool: ...

    @overload
    def remove(self, ids: list[str]) -> list[str]: ...

    def remove(self, ids: str | list[str]) -> bool | list[str]:
        """Remove articles in one commit.

        A single id (the older call) must be exact: returns whether it was
        there. A list may hold unique prefixes ("001"); each is resolved
        first, so an unknown or ambiguous one raises before anything is
        removed. Returns the full ids removed.
        """
        if isinstance(ids, str):
            return bool(self._remove_exact([ids]))
        require_writable(self.directory)
        resolved = list(dict.fromkeys(self.resolve(given).id for given in ids))
        return self._remove_exact(resolved)

    def _remove_exact(self, ids: list[str]) -> list[str]:
        writer = open_writer(self._ix, self.directory)
        removed: list[str] = []
        try:
            with writing_errors(self.directory):
                for article_id in ids:
                    if writer.delete_by_term("id", article_id):
                        removed.append(article_id)
                if removed:
                    searcher = self.searcher()  # still sees the articles kept, before the commit

                    def title_of(article_id: str) -> str | None:
                        stored = searcher.document(id=article_id)
                        return stored.get("title") if stored else None

                    self._story_store().remove_all(removed, title_of)
                    self._story_store_saved()
                writer.commit(mergetype=merge_tiny_segments)  # the default merge rewrote most of a 100k library (10+ min)
        except BaseException:
            abandon(writer)
            raise
        if removed:
            from ..state import StateDB, forget_articles

            with StateDB(self.directory) as db:
                forget_articles(db, removed)  # their flags and URLs: a later add of the same page is new
        forget_near_duplicates(self.directory, removed)
        forget_names(self.directory, removed)
        return removed


def _track(directory: Path, added: list[Article], *, read: bool = False) -> None:
    """Added articles start unread, and every URL they were met at is remembered,
    so `add` and feed refreshes skip them (one state transaction for the chunk)."""
    from ..state import StateDB
    from ..state.urls import track_added

    with StateDB(directory) as db:
        track_added(db, {article.id: [article.url, *article.extra.get("urls", ())] for article in added}, read=read)
