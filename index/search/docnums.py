"""Article ids to Whoosh document numbers, fast for a few ids and for thousands.

Looking one id up costs a hash-table probe per segment (9-35 us on the
20,000-article bench library, by how busy the machine is). Walking a
segment's whole `id` lexicon costs 7-9 us an article, once: segments never
change (only their deletions do), so the walk is cached by segment id, and
later filters cost a set look-up per article. Each segment takes whichever
is cheaper for the set at hand, counting a walk as shared by the next few
searches (the app searches as you type).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from whoosh.reading import IndexReader, TermNotFound

LOOKUP_COST = 30.0
"""Microseconds to look one id up in one segment."""
WALK_COST = 8.0
"""Microseconds per article to walk a segment's ids once."""
WALK_SHARED_BY = 4
"""Searches a cached walk is expected to serve."""
CACHED_SEGMENTS = 64
"""Segments whose id maps are kept (an index rarely has more than a few dozen)."""

_maps: dict[tuple[str, str], dict[bytes, int]] = {}


def docnums(reader: IndexReader, ids: Collection[str]) -> list[int]:
    """The sorted document numbers (in `reader`'s numbering) of the live
    documents whose `id` is in `ids`; ids not in the index are skipped."""
    wanted = {article_id.encode("utf-8") for article_id in ids}
    found: list[int] = []
    for leaf, offset in reader.leaf_readers():
        found.extend(offset + docnum for docnum in _leaf_docnums(leaf, wanted))
    found.sort()
    return found


def _segment_key(leaf: IndexReader) -> tuple[str, str] | None:
    """Which segment a reader reads: segment ids are random and never reused."""
    segment = leaf.segment()
    if segment is None:
        return None
    storage = leaf.storage()
    return (str(getattr(storage, "folder", "")), segment.segment_id())


def _leaf_docnums(leaf: IndexReader, wanted: set[bytes]) -> list[int]:
    key = _segment_key(leaf)
    mapping = _maps.get(key) if key is not None else None
    walk_pays = len(wanted) * LOOKUP_COST * WALK_SHARED_BY > leaf.doc_count_all() * WALK_COST
    if mapping is None and key is not None and walk_pays:
        mapping = _walk(leaf)
        if len(_maps) >= CACHED_SEGMENTS:
            _maps.clear()
        _maps[key] = mapping
    if mapping is None:
        return _look_up(leaf, wanted)
    if len(mapping) < len(wanted):
        hits = [(btext, docnum) for btext, docnum in mapping.items() if btext in wanted]
    else:
        hits = [(btext, mapping[btext]) for btext in wanted if btext in mapping]
    if not leaf.has_deletions():
        return [docnum for _, docnum in hits]
    result = []
    for btext, docnum in hits:
        if leaf.is_deleted(docnum):
            # An article removed and added again within this segment has a later number.
            result.extend(_look_up(leaf, (btext,)))
        else:
            result.append(docnum)
    return result


def _look_up(leaf: IndexReader, wanted: Iterable[bytes]) -> list[int]:
    result = []
    for btext in wanted:
        try:
            docnum = leaf.term_info("id", btext).min_id()
            if docnum is None or leaf.is_deleted(docnum):
                docnum = leaf.first_id("id", btext)  # reads the postings, which skip deleted documents
        except (TermNotFound, KeyError):
            continue
        result.append(docnum)
    return result


def _walk(leaf: IndexReader) -> dict[bytes, int]:
    mapping = {}
    for btext, info in leaf.iter_field("id"):
        docnum = info.min_id()
        if docnum is not None:
            mapping[btext] = docnum
    return mapping
