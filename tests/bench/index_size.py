"""Where a library's index bytes go: per file kind, per field's postings and
terms, and per stored field.

    .venv/bin/python tests/bench/index_size.py LIBRARY [--sample N] [--json]

Postings are attributed to a field by the extent of each term's posting list
(inlined postings count under terms); terms by key plus term info bytes
(the hash table's own overhead is the remainder of the .trm files). Stored
fields are attributed by what each field adds to a document's compressed
record (dropping it and compressing again), over a sample of documents,
scaled to the stored column's real size. Run by hand; not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import zlib
from collections import defaultdict
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.reading import SegmentReader


def file_kinds(index_dir: Path) -> dict[str, int]:
    kinds: dict[str, int] = defaultdict(int)
    for path in index_dir.iterdir():
        name = path.name
        if name.endswith("._stored.col"):
            kind = "stored"
        elif name.endswith(".pst"):
            kind = "postings"
        elif name.endswith(".trm"):
            kind = "terms"
        elif name.endswith("_len.col"):
            kind = "lengths"
        elif name.endswith(".col"):
            kind = "columns"
        else:
            kind = "other"
        kinds[kind] += path.stat().st_size
    return dict(kinds)


def field_bytes(ix) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Per field: postings bytes, terms bytes, number of terms."""
    postings: dict[str, int] = defaultdict(int)
    terms: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for segment in ix._segments():
        reader = SegmentReader(ix.storage, ix.schema, segment)
        tindex = reader._terms._tindex
        decode = reader._terms._keydecoder
        from whoosh.codec.whoosh3 import W3TermInfo

        for keybytes, valbytes in tindex.items():
            field, _ = decode(keybytes)
            info = W3TermInfo.from_bytes(valbytes)
            terms[field] += len(keybytes) + len(valbytes)
            counts[field] += 1
            if not info.is_inlined():
                length = info.extent()[1]  # Whoosh's from_bytes leaves it a 1-tuple
                postings[field] += length[0] if isinstance(length, tuple) else length
        reader.close()
    return dict(postings), dict(terms), dict(counts)


def stored_bytes(ix, sample: int, seed: int = 1) -> dict[str, float]:
    """Each stored field's share of the compressed stored records (zlib 3,
    pickle protocol 2, as Whoosh's stored column writes them)."""
    reader = ix.reader()
    docnums = [n for n in range(reader.doc_count_all()) if not reader.is_deleted(n)]
    random.Random(seed).shuffle(docnums)
    shares: dict[str, float] = defaultdict(float)
    whole = 0
    for docnum in docnums[:sample]:
        record = reader.stored_fields(docnum)
        size = len(zlib.compress(pickle.dumps(record, 2), 3))
        whole += size
        for field in record:
            rest = {k: v for k, v in record.items() if k != field}
            shares[field] += size - len(zlib.compress(pickle.dumps(rest, 2), 3))
    reader.close()
    scale = 1 / whole if whole else 0
    return {field: share * scale for field, share in shares.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    index_dir = args.library / "index"
    ix = whoosh_index.open_dir(str(index_dir))
    kinds = file_kinds(index_dir)
    postings, terms, counts = field_bytes(ix)
    stored = stored_bytes(ix, args.sample)
    total = sum(kinds.values())
    result = {
        "docs": ix.doc_count(),
        "segments": len(ix._segments()),
        "total_mb": total / 1e6,
        "kinds_mb": {k: v / 1e6 for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])},
        "postings_mb": {k: v / 1e6 for k, v in sorted(postings.items(), key=lambda kv: -kv[1])},
        "terms_mb": {k: v / 1e6 for k, v in sorted(terms.items(), key=lambda kv: -kv[1])},
        "term_counts": dict(sorted(counts.items(), key=lambda kv: -kv[1])),
        "stored_mb": {
            k: v * kinds.get("stored", 0) / 1e6 for k, v in sorted(stored.items(), key=lambda kv: -kv[1])
        },
    }
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['docs']} docs in {result['segments']} segments: {result['total_mb']:.1f} MB")
    for title in ("kinds_mb", "postings_mb", "terms_mb", "stored_mb"):
        print(f"{title[:-3]}:")
        for key, value in result[title].items():
            extra = f"  ({result['term_counts'][key]} terms)" if title == "terms_mb" else ""
            print(f"  {key:16} {value:8.2f} MB  {100 * value / result['total_mb']:5.1f}%{extra}")


if __name__ == "__main__":
    main()
