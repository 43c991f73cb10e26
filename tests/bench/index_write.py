"""Index size and writing time of the same articles, old format vs new, same run.

    .venv/bin/python tests/bench/index_write.py OLD_LIBRARY [--docs N] [--rounds R]

Reads N articles (with their analysis) from OLD_LIBRARY, a library made by
the version before the compact index, then writes them alternately into a
new index the old way (its stored schema, Whoosh's own W3 writer, the
analysis as lists) and the new way (`build_schema()`, `CompactCodec`, the
packed analysis). Only the Whoosh writing differs: reading, cleaning and
analysis are the same for both. Prints median seconds and MB. Run by hand.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from index.library import stored
from index.library.codec import CompactCodec
from index.library.documents import article_from_fields, to_document
from index.schema import build_schema


def documents(library: Path, count: int, *, old: bool) -> list[dict]:
    reader = whoosh_index.open_dir(str(library / "index")).reader()
    pack = stored.pack
    if old:
        stored.pack = lambda body, title: {"body": body, "title": title}
    try:
        articles = [article_from_fields(fields) for _, fields in zip(range(count), reader.all_stored_fields(), strict=False)]
        return [to_document(article) for article in articles]
    finally:
        stored.pack = pack


def write(directory: Path, schema, codec, docs: list[dict]) -> tuple[float, float]:
    ix = whoosh_index.create_in(str(directory), schema)
    names = set(schema.names())
    started = time.perf_counter()
    writer = SegmentWriter(ix, codec=codec, compound=False, limitmb=256)
    for doc in docs:
        writer.add_document(**{k: v for k, v in doc.items() if k in names or k.startswith("_stored_")})
    writer.commit()
    seconds = time.perf_counter() - started
    return seconds, sum(p.stat().st_size for p in directory.iterdir()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old_library", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the last round's indexes as libraries KEEP/old, KEEP/new")
    args = parser.parse_args()
    old_schema = whoosh_index.open_dir(str(args.old_library / "index")).schema
    ways = {
        "old": (old_schema, W3Codec(), documents(args.old_library, args.docs, old=True)),
        "new": (build_schema(), CompactCodec(), documents(args.old_library, args.docs, old=False)),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in ways}
    with tempfile.TemporaryDirectory(prefix="index-write-") as scratch:
        for round_ in range(args.rounds):
            for name, (schema, codec, docs) in ways.items():
                last = args.keep and round_ == args.rounds - 1
                directory = args.keep / name / "index" if last else Path(scratch) / f"{name}-{round_}"
                directory.mkdir(parents=True)
                results[name].append(write(directory, schema, codec, docs))
    for name, runs in results.items():
        seconds = statistics.median(s for s, _ in runs)
        size = statistics.median(mb for _, mb in runs)
        print(f"{name}: {args.docs} articles written in {seconds:.2f} s (median of {len(runs)}), {size:.2f} MB")
    old_s = statistics.median(s for s, _ in results["old"])
    new_s = statistics.median(s for s, _ in results["new"])
    print(f"new/old: time {new_s / old_s:.2f}x, size "
          f"{statistics.median(mb for _, mb in results['new']) / statistics.median(mb for _, mb in results['old']):.2f}x")


if __name__ == "__main__":
    main()
