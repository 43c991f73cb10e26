"""Getting every article record that survives out of a damaged index.

Per segment: stored fields through the codec's per-document reader (it
needs neither the terms nor the postings file); where records are
unreadable, a scan of the stored-fields file for intact zlib records; the
ids of what is still missing from the `id` postings when those survive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from whoosh.reading import SegmentReader

from .check import stored_record_problem
from .segments import STORED_SUFFIX, read_toc, scan_stored_records, segment_names, storage_of


@dataclass
class Salvage:
    records: dict[str, dict] = field(default_factory=dict)
    """Whole stored records by article id."""
    damaged: dict[str, dict] = field(default_factory=dict)
    """Records that decoded but fail their content hash: re-read from their file."""
    missing: set[str] = field(default_factory=set)
    """Ids the index names whose record is lost."""
    removed: set[str] = field(default_factory=set)
    """Ids of documents marked deleted: not to be brought back."""
    unknown_losses: int = 0
    """Documents lost whose id is unknown too (their segment's terms are gone)."""
    toc_lost: bool = False
    """No readable table of contents: removals not yet merged away are unknown."""

    def keep(self, record: dict) -> None:
        if stored_record_problem(record):
            self.damaged.setdefault(record["id"], record)
        else:
            self.records[record["id"]] = record
            self.damaged.pop(record["id"], None)


def salvage_index(index_dir: Path) -> Salvage:
    salvage = Salvage()
    state = read_toc(index_dir)
    if state.toc is None:
        salvage.toc_lost = True
        for name in segment_names(index_dir):
            for path in _stored_files(index_dir, name):
                for record in scan_stored_records(path):
                    salvage.keep(record)
        return salvage
    storage = storage_of(index_dir)
    for segment in state.toc.segments:
        _salvage_segment(index_dir, storage, state.toc.schema, segment, salvage)
    salvage.missing -= set(salvage.records) | salvage.removed
    return salvage


def _stored_files(index_dir: Path, name: str) -> list[Path]:
    # Separate files, or the compound `.seg` file that holds them all.
    return [p for p in (index_dir / f"{name}{STORED_SUFFIX}", index_dir / f"{name}.seg") if p.exists()]


def _salvage_segment(index_dir: Path, storage, schema, segment, salvage: Salvage) -> None:
    doc_count = segment.doc_count_all()
    deleted = set(segment.deleted_docs() or ())
    readable: dict[int, dict] = {}
    try:
        if segment.is_compound():
            reader = SegmentReader(storage, schema, segment)
            perdoc = reader._perdoc
        else:
            perdoc = segment.codec().per_document_reader(storage, segment)
        for docnum in range(doc_count):
            try:
                record = perdoc.stored_fields(docnum)
            except Exception:  # this record is damaged; the scan below may find it
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                readable[docnum] = record
    except Exception:  # the whole stored-fields file is unreadable
        pass
    for docnum, record in readable.items():
        if docnum in deleted:
            salvage.removed.add(record["id"])
        else:
            salvage.keep(record)
    lost = [d for d in range(doc_count) if d not in readable]
    if not lost:
        return
    ids_by_docnum = _ids_from_postings(storage, schema, segment)
    name = segment.make_filename("").rstrip(".")
    known = {r["id"] for r in readable.values()}
    removed_ids = {ids_by_docnum[d] for d in deleted if d in ids_by_docnum}
    salvage.removed |= removed_ids
    for path in _stored_files(index_dir, name):
        for record in scan_stored_records(path):
            if record["id"] not in known and record["id"] not in removed_ids:
                salvage.keep(record)
    for docnum in lost:
        if docnum in deleted:
            continue
        if docnum in ids_by_docnum:
            salvage.missing.add(ids_by_docnum[docnum])
        else:
            salvage.unknown_losses += 1


def _ids_from_postings(storage, schema, segment) -> dict[int, str]:
    """docnum -> article id, from the `id` field's postings, where they survive."""
    found: dict[int, str] = {}
    try:
        terms = segment.codec().terms_reader(storage, segment)
        for term, _ in terms.items_from("id", b""):
            fieldname, text = term
            if fieldname != "id":
                break
            try:
                for docnum in terms.matcher("id", text, schema["id"].format).all_ids():
                    found[docnum] = text.decode("utf-8")
            except Exception:  # this term's postings are damaged
                continue
    except Exception:  # no terms file
        pass
    return found
