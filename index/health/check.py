"""`newsreader check`: is every part of the library readable and consistent?

The index is read segment by segment, every stored record decoded and
every posting list walked (ids increasing and in range, as many as the
term's document frequency, the `id` field agreeing with the stored ids),
because a garbled `.trm` or `.pst` is otherwise only noticed by the query
that happens to touch it. The story files are validated key by key.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.reading import SegmentReader

from ..article import content_hash
from ..stories.files import SIGNATURES_FILE, STORIES_FILE, read_signatures, read_stories
from .damage import damaged_part
from .segments import TocState, read_toc, segment_names, storage_of

INDEX_DIRNAME = "index"
MAX_PROBLEMS_PER_PART = 5
"""After this many problems in one file, the rest are only counted."""


@dataclass(frozen=True)
class Problem:
    part: str
    """The file, relative to the library: `index/MAIN_x.trm`, `stories.json`."""
    what: str
    repairable: bool = True

    def __str__(self) -> str:
        return f"{self.part}: {self.what}"


@dataclass
class SegmentHealth:
    name: str
    documents: int = 0
    """Live documents whose stored fields decoded."""
    bad_docnums: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class CheckReport:
    directory: Path
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    """Articles whose stored fields are readable."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def index_damaged(self) -> bool:
        return any(p.part.startswith(INDEX_DIRNAME) for p in self.problems)

    def parts(self) -> set[str]:
        return {p.part.split("/", 1)[0] if p.part.startswith(INDEX_DIRNAME) else p.part for p in self.problems}

    def to_json(self) -> dict:
        return {
            "library": str(self.directory),
            "ok": self.ok,
            "articles": self.articles,
            "seconds": round(self.seconds, 3),
            "problems": [{"part": p.part, "what": p.what, "repairable": p.repairable} for p in self.problems],
        }


def check_library(directory: Path) -> CheckReport:
    """Verify the index and the story files; never raises on damage."""
    started = time.perf_counter()
    directory = Path(directory)
    report = CheckReport(directory)
    segments = check_index(directory / INDEX_DIRNAME)
    for segment in segments:
        report.problems += segment.problems
        report.articles += segment.documents
    report.problems += check_story_files(directory)
    report.problems += check_state_file(directory)
    report.seconds = time.perf_counter() - started
    return report


def check_state_file(directory: Path) -> list[Problem]:
    """The feed and read-state database (absent until a feed is added)."""
    from ..state import STATE_FILE
    from ..state.check import check_state

    return [Problem(STATE_FILE, what) for what in check_state(directory)]


def check_story_files(directory: Path) -> list[Problem]:
    problems = []
    stories = read_stories(directory)
    if stories is not None:
        problems += [Problem(STORIES_FILE, what) for what in stories.problems]
        if stories.lost_pinned:
            problems.append(Problem(STORIES_FILE, f"{len(stories.lost_pinned)} placement(s) made by hand refer to damaged stories"))
    signatures = read_signatures(directory)
    problems += [Problem(SIGNATURES_FILE, what) for what in signatures.problems]
    for aside in sorted(directory.glob(STORIES_FILE + ".damaged*")):
        problems.append(Problem(aside.name, "a damaged stories.json set aside by an earlier add; repair reports what it held"))
    return problems


def _index_part(name: str) -> str:
    return f"{INDEX_DIRNAME}/{name}"


def check_index(index_dir: Path) -> list[SegmentHealth]:
    """One SegmentHealth per segment (plus one for the TOC when it is damaged)."""
    if not index_dir.is_dir():
        return [SegmentHealth("", problems=[Problem(INDEX_DIRNAME, "the index directory is missing", repairable=False)])]
    state = read_toc(index_dir)
    toc_problem = _toc_problem(index_dir, state)
    if toc_problem is not None:
        return [SegmentHealth("", problems=[toc_problem])]
    assert state.toc is not None
    found = []
    for segment in state.toc.segments:
        found.append(check_segment(index_dir, state, segment))
    return found


def _toc_problem(index_dir: Path, state: TocState) -> Problem | None:
    if state.generation < 0:
        if segment_names(index_dir):
            return Problem(_index_part("_MAIN_*.toc"), "the table of contents is missing")
        return Problem(_index_part("_MAIN_*.toc"), "the index is empty (no table of contents)", repairable=False)
    if state.error is not None:
        return Problem(_index_part(state.filename), f"unreadable ({type(state.error).__name__})")
    return None


def check_segment(index_dir: Path, state: TocState, segment) -> SegmentHealth:
    assert state.toc is not None
    name = segment.make_filename("").rstrip(".")
    health = SegmentHealth(name)
    try:
        reader = SegmentReader(storage_of(index_dir), state.toc.schema, segment)
    except Exception as error:
        health.problems.append(Problem(_index_part(name), f"cannot be opened ({damaged_part(error)})"))
        return health
    try:
        stored_ids = _check_stored(reader, health)
        indexed = _check_postings(reader, health, stored_ids)
        _check_lengths(reader, health, indexed)
    finally:
        reader.close()
    return health


def _add(health: SegmentHealth, part: str, what: str) -> bool:
    """Record a problem; False once the part has too many to list."""
    same = [p for p in health.problems if p.part == part]
    if len(same) < MAX_PROBLEMS_PER_PART:
        health.problems.append(Problem(part, what))
        return True
    return False


def _check_stored(reader: SegmentReader, health: SegmentHealth) -> dict[int, str]:
    """Decode every live document's stored fields; docnum -> stored id."""
    part = _index_part(f"{health.name}._stored.col")
    ids: dict[int, str] = {}
    for docnum in reader.all_doc_ids():
        try:
            stored = reader.stored_fields(docnum)
        except Exception as error:
            health.bad_docnums.append(docnum)
            _add(health, part, f"document {docnum} cannot be decoded ({type(error).__name__})")
            continue
        problem = stored_record_problem(stored)
        if problem:
            health.bad_docnums.append(docnum)
            _add(health, part, f"document {docnum} {problem}")
            continue
        ids[docnum] = stored["id"]
    health.documents = len(ids)
    if len(health.bad_docnums) > MAX_PROBLEMS_PER_PART:
        health.problems.append(Problem(part, f"{len(health.bad_docnums)} documents in all cannot be read"))
    return ids


def stored_record_problem(stored: object) -> str:
    """What is wrong with one stored record, or '' when it is whole."""
    if not isinstance(stored, dict) or not isinstance(stored.get("id"), str):
        return "has no id"
    title, body = stored.get("title", ""), stored.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        return "has a title or body that is not text"
    expected = stored.get("content_hash")
    if expected and content_hash(title, body) != expected:
        return "has a title or body that does not match its content hash"
    return ""


def _check_postings(reader: SegmentReader, health: SegmentHealth, stored_ids: dict[int, str]) -> dict[str, set[int]]:
    """Walk every posting list; check the `id` field against the stored ids.
    Returns, per scored field, the documents that have terms in it.

    The term list is read as it is walked, never held (a merged segment of
    100k articles has millions of terms), and each posting list is opened
    from the term's record as read, not looked up again by name."""
    terms_part = _index_part(f"{health.name}.trm")
    postings_part = _index_part(f"{health.name}.pst")
    doc_count = reader.doc_count_all()
    schema = reader.schema
    terms = reader._terms
    id_terms = 0
    indexed: dict[str, set[int]] = {}
    items = terms.items()
    while True:
        try:
            (fieldname, term), info = next(items)
        except StopIteration:
            break
        except Exception as error:
            _add(health, terms_part, f"the term list cannot be read ({type(error).__name__})")
            return indexed
        if fieldname not in schema:
            if not _add(health, terms_part, f"unknown field {fieldname!r}"):
                return indexed
            continue
        try:
            matcher = terms._codec.postings_reader(terms._postfile, info, schema[fieldname].format, term=(fieldname, term))
            docnums = _posting_ids(matcher)
        except Exception as error:
            if not _add(health, postings_part, f"postings of {fieldname}:{term!r} unreadable ({type(error).__name__})"):
                return indexed
            continue
        if (
            len(docnums) != info.doc_frequency()
            or any(b <= a for a, b in zip(docnums, docnums[1:], strict=False))
            or (docnums and (docnums[0] < 0 or docnums[-1] >= doc_count))
        ):
            if not _add(health, postings_part, f"postings of {fieldname}:{term!r} are inconsistent"):
                return indexed
            continue
        if schema[fieldname].scorable:
            indexed.setdefault(fieldname, set()).update(docnums)
        if fieldname == "id":
            id_terms += 1
            text = term.decode("utf-8", "replace")
            live = [d for d in docnums if d in stored_ids]
            if any(stored_ids[d] != text for d in live):
                _add(health, postings_part, f"id {text!r} points at another article's document")
    if id_terms != doc_count:
        _add(health, terms_part, f"{id_terms} article ids for {doc_count} documents")
    return indexed


def _posting_ids(matcher: Matcher) -> list[int]:
    """A posting list's document numbers, a block at a time: Whoosh's
    `all_ids` makes three calls per posting, half of `check`'s time."""
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())  # postings kept inside the term's record
    ids: list[int] = []
    while matcher.is_active():
        matcher._read_ids()
        ids.extend(matcher._ids)
        matcher._next_block()
    return ids


def _check_lengths(reader: SegmentReader, health: SegmentHealth, indexed: dict[str, set[int]]) -> None:
    """Field-length columns feed scoring: a damaged one breaks every search.
    A document with terms in a field must have a length for it."""
    for fieldname, docnums in indexed.items():
        try:
            for docnum in docnums:
                length = reader.doc_field_length(docnum, fieldname)
                if not isinstance(length, int) or length <= 0:
                    raise TypeError("no length")
        except Exception as error:
            part = _index_part(f"{health.name}._{fieldname}_len.col")
            _add(health, part, f"field lengths unreadable ({type(error).__name__})")
