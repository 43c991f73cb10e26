"""Adding articles (and removing them): chunked commits, worker processes for
large adds, stories grouped under the same lock."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.index import Index

from ..article import Article
from ..ingest import Failure, UnreadableInput, iter_article_paths, read_article_file
from .documents import to_document
from .locking import merge_tiny_segments, open_writer

CHUNK_SIZE = 2000
BULK_CHUNK_SIZE = 10000
"""Large adds commit every this many articles: fewer, larger segments."""
# Below this many articles a second writer process costs more than it saves.
MULTIPROCESS_THRESHOLD = 4000

ProgressCallback = Callable[[int], None]


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


def analyse_article(article: Article, engine=None) -> Article:
    """Fill in the article's analysis (entities and quotes) if it has none."""
    if article.analysis is None:
        from ..analysis import analyse

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


class Writing:
    """Mixin of `Library`: adding and removing articles."""

    directory: Path
    engine: str | None
    _ix: Index
    _fields: set[str]

    if TYPE_CHECKING:  # provided by StoryBookkeeping

        def _story_store(self) -> Any: ...

        def _story_store_saved(self) -> None: ...

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
        writer = open_writer(self._ix, self.directory, procs)
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
                document = to_document(article)
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
        writer = open_writer(self._ix, self.directory)
        try:
            removed = writer.delete_by_term("id", article_id)
            if removed:
                self._story_store().remove(article_id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return bool(removed)
