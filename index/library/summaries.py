"""Article summaries without holding the library: every article newest
first, read one at a time, or a few articles by id, in the same order.

Whoosh keeps an article's stored fields as one compressed pickle, body and
analysis included, so a summary costs decoding the whole document (about
0.1 ms; 9.5 s for 100k articles). `Library.summaries()` decodes them all
and sorts before handing out the first; here the order comes from the
`published` column (no stored reads), and a document is decoded when its
summary is about to be handed out. Only articles that share a date must be
read together, to be put in title order: their summaries (never their
stored fields) are held until that group is handed out. The undated all
share "no date": a library of undated files holds its summaries, as before,
but not their bodies.

The order is `Library.summaries()`'s: newest first, undated last; equal
dates by title (casefolded), then in the order added (document number).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import TYPE_CHECKING

from whoosh.util.times import datetime_to_long

from .documents import ArticleSummary, summary_from_fields

if TYPE_CHECKING:
    from whoosh.reading import IndexReader
    from whoosh.searching import Searcher

UNDATED = 2**64 - 1
"""The `published` column's value for an article without a date (Whoosh's default)."""
LOOKUP_SHARE = 4
"""Articles asked for by id are looked up one by one while they are fewer than
1/LOOKUP_SHARE of the library, else found by one walk. Measured at 100k: a
lookup and a random read cost ~0.45 ms, a walk ~0.1 ms per article it passes."""


@dataclass
class SummaryWalk:
    """Every article's summary in library order, decoded as it is iterated."""

    total: int
    """How many articles the walk hands out."""
    items: Iterator[ArticleSummary]

    def __iter__(self) -> Iterator[ArticleSummary]:
        return self.items


def newest_first(searcher: Searcher) -> SummaryWalk:
    """Every article, newest first (the order of `Library.summaries()`)."""
    reader = searcher.reader()
    docnums = list(reader.all_doc_ids())

    def summary_at(docnum: int) -> ArticleSummary:
        return summary_from_fields(reader.stored_fields(docnum))

    return SummaryWalk(len(docnums), _in_order(reader, docnums, summary_at))


def summaries_of(searcher: Searcher, article_ids: Iterable[str]) -> list[ArticleSummary]:
    """The summaries of the articles with these ids (those the library holds),
    newest first as `newest_first` orders them."""
    reader = searcher.reader()
    wanted = set(article_ids)
    read: dict[int, ArticleSummary] = {}
    if len(wanted) * LOOKUP_SHARE < reader.doc_count():
        docnums = _docnums(searcher, wanted)
    else:
        read = {docnum: summary_from_fields(stored) for docnum, stored in reader.iter_docs() if stored.get("id") in wanted}
        docnums = list(read)

    def summary_at(docnum: int) -> ArticleSummary:
        return read.pop(docnum, None) or summary_from_fields(reader.stored_fields(docnum))

    return list(_in_order(reader, docnums, summary_at))


def titles_of(searcher: Searcher, article_ids: Iterable[str]) -> dict[str, str]:
    """Article id -> title, for the ids the library holds."""
    reader = searcher.reader()
    wanted = set(article_ids)
    if len(wanted) * LOOKUP_SHARE < reader.doc_count():
        stored = (reader.stored_fields(docnum) for docnum in _docnums(searcher, wanted))
        return {fields["id"]: fields.get("title", "") for fields in stored}
    return {
        fields["id"]: fields.get("title", "")
        for fields in reader.all_stored_fields()
        if fields.get("id") in wanted
    }


def all_titles(searcher: Searcher) -> dict[str, str]:
    """Article id -> title for every article: one walk keeping only titles
    (at 100k, 10 s and 15 MB against 15 s and every summary)."""
    return {fields["id"]: fields.get("title", "") for fields in searcher.reader().all_stored_fields()}


def _docnums(searcher: Searcher, article_ids: Iterable[str]) -> list[int]:
    found = (searcher.document_number(id=article_id) for article_id in article_ids)
    return sorted(docnum for docnum in found if docnum is not None)


def _in_order(
    reader: IndexReader, docnums: list[int], summary_at: Callable[[int], ArticleSummary]
) -> Iterator[ArticleSummary]:
    dates = _dates(reader, docnums)

    def newest(docnum: int) -> tuple[bool, int, int]:
        date = dates[docnum]
        return (date == UNDATED, -date, docnum)

    ordered = sorted(docnums, key=newest)
    for _date, same in groupby(ordered, key=dates.__getitem__):
        group = list(same)
        if len(group) == 1:
            yield summary_at(group[0])
            continue
        # Sorted by docnum already: a stable sort keeps that among equal titles.
        yield from sorted((summary_at(docnum) for docnum in group), key=lambda s: s.title.casefold())


def _dates(reader: IndexReader, docnums: list[int]) -> dict[int, int]:
    """Each document's `published` column value (UNDATED without a date),
    segment by segment. A segment with dates but no column (a library made
    before the column) has them read from its stored fields."""
    wanted = sorted(docnums)
    dates: dict[int, int] = {}
    position = 0
    has_field = "published" in reader.schema
    for leaf, offset in sorted(reader.leaf_readers(), key=lambda pair: pair[1]):
        end = offset + leaf.doc_count_all()
        start = position
        while position < len(wanted) and wanted[position] < end:
            position += 1
        here = wanted[start:position]
        if not here:
            continue
        if leaf.has_column("published"):
            column = leaf.column_reader("published", translate=False)
            dates.update((docnum, column[docnum - offset]) for docnum in here)
        elif has_field and _has_terms(leaf, "published"):
            dates.update((docnum, _stored_date(leaf.stored_fields(docnum - offset))) for docnum in here)
        else:
            dates.update(dict.fromkeys(here, UNDATED))
    return dates


def _has_terms(reader: IndexReader, fieldname: str) -> bool:
    return next(iter(reader.lexicon(fieldname)), None) is not None


def _stored_date(stored: dict) -> int:
    published = stored.get("published")
    return datetime_to_long(published) if isinstance(published, datetime) else UNDATED
