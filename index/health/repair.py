"""`newsreader repair`: rebuild whatever is damaged from what survives.

The index is rebuilt aside from the surviving stored records (articles
whose records are damaged are re-read from their original files) and
swapped in by writing a table of contents of a newer generation: until
that one atomic rename, the library is exactly as it was, so an
interrupted repair leaves it no worse. The files replaced are moved, not
deleted, into `damaged-<time>/` beside the index. The story files are
rewritten from their parts that validate, keeping the user's corrections
that survive and naming those that did not.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import TOC
from whoosh.util.filelock import try_for

from ..article import Article
from ..errors import LibraryError
from ..ingest import UnreadableInput, read_article_file
from ..library.adding import analyse_article
from ..library.codec import CompactCodec
from ..library.documents import article_from_fields, to_document
from ..library.locking import LOCK_WAIT_SECONDS, busy
from ..schema import build_schema
from ..stories.files import read_stories
from .check import INDEX_DIRNAME, CheckReport, check_library
from .salvage import Salvage, salvage_index
from .segments import INDEX_NAME, SEGMENT_FILE, read_toc, storage_of
from .stories import repair_story_files

ProgressCallback = Callable[[str, int, int], None]
"""(stage, done, total): 'reading', 'indexing', 'stories'."""


@dataclass(frozen=True)
class LostArticle:
    id: str
    story: str
    """Title of the story it was in, when known."""
    reason: str

    def __str__(self) -> str:
        where = f" (in story “{self.story}”)" if self.story else ""
        return f"{self.id}{where}: {self.reason}"


@dataclass
class RepairReport:
    directory: Path
    check: CheckReport
    """What was found before repairing."""
    actions: list[str] = field(default_factory=list)
    articles: int = 0
    """Articles in the library after the repair."""
    reread: list[str] = field(default_factory=list)
    """Articles whose record was damaged, read again from their original file."""
    lost: list[LostArticle] = field(default_factory=list)
    unknown_lost: int = 0
    """Articles lost whose id is not known either."""
    corrections_lost: list[str] = field(default_factory=list)
    """Story corrections that could not be kept, one sentence each."""
    set_aside: Path | None = None
    """Where the replaced files were moved."""
    seconds: float = 0.0

    @property
    def needed(self) -> bool:
        return not self.check.ok

    def to_json(self) -> dict:
        return {
            "library": str(self.directory),
            "needed": self.needed,
            "problems": [str(p) for p in self.check.problems],
            "actions": self.actions,
            "articles": self.articles,
            "reread": self.reread,
            "lost": [{"id": a.id, "story": a.story, "reason": a.reason} for a in self.lost],
            "unknown_lost": self.unknown_lost,
            "corrections_lost": self.corrections_lost,
            "set_aside": str(self.set_aside) if self.set_aside else None,
            "seconds": round(self.seconds, 3),
        }


@contextmanager
def _write_lock(index_dir: Path, directory: Path) -> Iterator[None]:
    """The library's write lock (as `locking.write_lock`), without opening the
    index: its table of contents may be what is damaged."""
    lock = storage_of(index_dir).lock(f"{INDEX_NAME}_WRITELOCK")
    if not try_for(lock.acquire, timeout=LOCK_WAIT_SECONDS, delay=0.1):
        raise busy(directory)
    try:
        yield
    finally:
        lock.release()


def repair_library(directory: Path, progress: ProgressCallback | None = None) -> RepairReport:
    """Repair the library in `directory`; a healthy library is left untouched."""
    started = time.perf_counter()
    directory = Path(directory)
    index_dir = directory / INDEX_DIRNAME
    if not index_dir.is_dir():
        raise LibraryError(f"{directory} is not a newsreader library (it has no index); check --library")
    with _write_lock(index_dir, directory):
        report = RepairReport(directory, check_library(directory))
        if report.check.ok:
            report.articles = report.check.articles
            report.seconds = time.perf_counter() - started
            return report
        titles = _story_titles(directory)
        if report.check.index_damaged:
            _repair_index(directory, report, titles, progress)
        outcome = repair_story_files(directory, progress)
        report.actions += outcome.actions
        report.corrections_lost += outcome.corrections_lost
        if outcome.set_aside:
            report.set_aside = report.set_aside or _aside_dir(directory)
            for path in outcome.set_aside:
                os.replace(path, report.set_aside / path.name)
        _set_state_aside(directory, report)
        if not report.check.index_damaged:
            report.articles = report.check.articles
    report.seconds = time.perf_counter() - started
    return report


def _set_state_aside(directory: Path, report: RepairReport) -> None:
    """A damaged feed database holds nothing the articles need: it is set
    aside (never deleted) and the library goes on without it."""
    from ..state import STATE_FILE

    if not any(problem.part == STATE_FILE for problem in report.check.problems):
        return
    report.set_aside = report.set_aside or _aside_dir(directory)
    for suffix in ("", "-wal", "-shm"):
        path = directory / (STATE_FILE + suffix)
        if path.exists():
            os.replace(path, report.set_aside / path.name)
    report.actions.append(
        f"set aside the damaged feed database ({STATE_FILE}): feed subscriptions and read and starred marks "
        "are lost; subscribe again with `newsreader feeds add`"
    )


def _story_titles(directory: Path) -> dict[str, str]:
    """Article id -> title of its story, to name lost articles."""
    stories = read_stories(directory)
    if stories is None:
        return {}
    return {a: s.title for s in stories.stories.values() for a in s.articles}


def _aside_dir(directory: Path) -> Path:
    path = directory / time.strftime("damaged-%Y%m%d-%H%M%S")
    path.mkdir(exist_ok=True)
    return path


def _repair_index(directory: Path, report: RepairReport, titles: dict[str, str], progress: ProgressCallback | None) -> None:
    index_dir = directory / INDEX_DIRNAME
    salvage = salvage_index(index_dir)
    if salvage.toc_lost:
        _drop_removed(directory, salvage)
    articles = list(_articles(salvage, report, titles, progress))
    report.lost += [LostArticle(i, titles.get(i, ""), "its record is damaged and its file is unknown")
                    for i in sorted(salvage.missing)]
    report.unknown_lost = salvage.unknown_losses
    staging = Path(tempfile.mkdtemp(prefix=".index-repair-", dir=directory))
    try:
        ix = whoosh_index.create_in(str(staging), build_schema())
        writer = ix.writer(compound=False, limitmb=256, codec=CompactCodec())  # as compact as a new library's
        try:
            for done, article in enumerate(articles, 1):
                writer.add_document(**to_document(article))
                if progress:
                    progress("indexing", done, len(articles))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        ix.close()
        report.set_aside = _swap_in(directory, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.articles = len(articles)
    report.actions.append(f"rebuilt the index from {len(articles)} surviving articles")


def _drop_removed(directory: Path, salvage: Salvage) -> None:
    """Without a table of contents, removed articles not yet merged away look
    alive. A removed article leaves stories.json but keeps its signature."""
    from ..stories.files import read_signatures

    stories = read_stories(directory)
    if stories is None or stories.problems:
        return
    grouped = {a for s in stories.stories.values() for a in s.articles}
    signed = set(read_signatures(directory).signatures)
    for article_id in list(salvage.records):
        if article_id in signed and article_id not in grouped:
            del salvage.records[article_id]


def _articles(salvage: Salvage, report: RepairReport, titles: dict[str, str],
              progress: ProgressCallback | None) -> Iterator[Article]:
    total = len(salvage.records) + len(salvage.damaged)
    reread = list(salvage.damaged.values())
    for done, record in enumerate(salvage.records.values(), 1):
        try:
            yield article_from_fields(record)
        except Exception:  # an analysis that does not decode: re-read the file
            reread.append(record)
        if progress:
            progress("reading", done, total)
    for record in reread:
        article = _reread(record)
        if article is None:
            path = record.get("path") or "unknown"
            report.lost.append(LostArticle(record["id"], titles.get(record["id"], ""),
                                           f"its record is damaged and its file {path} cannot be read"))
        else:
            report.reread.append(record["id"])
            yield article


def _reread(record: dict) -> Article | None:
    from ..library.core import Library

    path = record.get("path")
    if not isinstance(path, str) or not path:
        return None
    try:
        article = read_article_file(Path(path), source=str(record.get("source") or ""))
    except (UnreadableInput, OSError):
        return None
    article.id = record["id"]
    return analyse_article(article, Library.engine)


def _swap_in(directory: Path, staging: Path) -> Path:
    """Move the new segment files in, then write a newer table of contents
    (one atomic rename); only then move the old files aside."""
    index_dir = directory / INDEX_DIRNAME
    new = TOC.read(storage_of(staging), INDEX_NAME)
    keep = {p.name for p in staging.iterdir() if SEGMENT_FILE.match(p.name)}
    for name in keep:
        os.replace(staging / name, index_dir / name)
    new.generation = max(read_toc(index_dir).generation, 0) + 1
    new.write(storage_of(index_dir), INDEX_NAME)
    aside = _aside_dir(directory)
    current = f"_{INDEX_NAME}_{new.generation}.toc"
    for path in index_dir.iterdir():
        if path.name not in keep and path.name != current and path.name != f"{INDEX_NAME}_WRITELOCK":
            os.replace(path, aside / path.name)
    return aside
