"""Is an id or content hash already held? Asked of the index.

Adding 100 articles to a 100,000-article library used to read every id and
every content hash in the lexicon into two sets first (0.6 s of CPU and about
25 MB) before the first article was looked at. A small add now looks each new
article's terms up instead: O(articles added).

A lookup is not free, though: a term that is not there is sought in every
segment, about 8.5 µs a segment (21 segments: 0.18 ms), while reading the
lexicon costs about 3 µs a term (100,000 ids: 0.3 s). A bulk chunk of
10,000 against a library of 100,000 in 20 segments would spend 3.6 s on
lookups against 0.6 s on reading both lexicons, so chunks that large still
read them (`live_terms` picks).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

LOOKUP_PER_SCAN = 3
"""A term sought in one segment costs about this many terms read from the lexicon."""


class TermSet(Protocol):
    """What adding asks of the held terms: `in`, and `add` for this write's."""

    def __contains__(self, term: object, /) -> bool: ...

    def add(self, term: str, /) -> None: ...


class LiveTerms:
    """The terms of one field held by live (not removed) articles, plus those
    added during this write. A set as far as `in` and `add` go, so callers
    that took the old set (`settle_clash`) keep working.

    Removed articles' terms stay in the lexicon until their segment is merged,
    so a term found is only held if some article that has it is not deleted:
    a removed article added again is not a duplicate of itself."""

    def __init__(self, reader: Any, field_name: str) -> None:
        self.reader = reader
        self.field_name = field_name
        self.added: set[str] = set()
        self.deletions = reader.has_deletions()

    def __contains__(self, term: object) -> bool:
        if not isinstance(term, str):
            return False
        if term in self.added:
            return True
        if (self.field_name, term) not in self.reader:
            return False
        if not self.deletions:
            return True
        postings = self.reader.postings(self.field_name, term)
        return any(not self.reader.is_deleted(number) for number in postings.all_ids())

    def add(self, term: str) -> None:
        self.added.add(term)


class LiveTermSet(set):
    """The same question answered from the whole lexicon, read once (big chunks)."""

    @classmethod
    def read(cls, reader: Any, field_name: str) -> LiveTermSet:
        terms = cls(term.decode() for term in reader.lexicon(field_name))
        if reader.has_deletions():
            # Only the removed articles' own terms are checked (few, against thousands).
            removed = [base + number for leaf, base in reader.leaf_readers() for number in _deleted(leaf)]
            for term in {reader.stored_fields(number).get(field_name) for number in removed} & terms:
                if all(reader.is_deleted(number) for number in reader.postings(field_name, term).all_ids()):
                    terms.discard(term)
        return terms


def live_terms(reader: Any, field_name: str, articles: int) -> TermSet:
    """What answers "is this term held?" most cheaply for an add of `articles`."""
    segments = max(1, len(reader.leaf_readers()))
    if articles * segments * LOOKUP_PER_SCAN > reader.doc_count_all():
        return LiveTermSet.read(reader, field_name)
    return LiveTerms(reader, field_name)


def _deleted(leaf: Any) -> Iterable[int]:
    """A segment's deleted document numbers (its own set when it keeps one: a
    scan of every number costs a large library a second)."""
    if not leaf.has_deletions():
        return ()
    known = getattr(leaf, "deleted_docs_set", None)
    return known if known is not None else [n for n in range(leaf.doc_count_all()) if leaf.is_deleted(n)]
