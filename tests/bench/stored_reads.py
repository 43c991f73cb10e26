"""How fast stored fields read: list paging and opening an article.

    .venv/bin/python tests/bench/stored_reads.py LIBRARY [LIBRARY...] [--rounds R]

Per library, alternating between them each round: `page` reads 100 rows'
stored records and summaries (what the virtual list does per page), `open`
rebuilds 50 whole articles with their analysis (what the reader does),
`phrase` runs three phrase queries over all hits (positions decoded). Prints
medians in ms. Run by hand; not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from index.library.documents import article_from_fields, summary_from_fields

PHRASES = ('"last year"', '"prime minister"', '"chief executive"')


def page(reader, docnums: list[int]) -> None:
    for docnum in docnums:
        summary_from_fields(reader.stored_fields(docnum))


def open_articles(reader, docnums: list[int]) -> None:
    for docnum in docnums:
        article_from_fields(reader.stored_fields(docnum))


def phrases(searcher, parser) -> None:
    for text in PHRASES:
        searcher.search(parser.parse(text), limit=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("libraries", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    opened = {}
    for library in args.libraries:
        ix = whoosh_index.open_dir(str(library / "index"))
        searcher = ix.searcher()
        reader = searcher.reader()
        live = [n for n in range(reader.doc_count_all()) if not reader.is_deleted(n)]
        rng = random.Random(7)
        start = rng.randrange(len(live) - 100)
        opened[library] = (searcher, reader, live[start:start + 100], rng.sample(live, 50),
                           QueryParser("body", ix.schema))
    times: dict[tuple[Path, str], list[float]] = {}
    for _ in range(args.rounds):
        for library, (searcher, reader, rows, articles, qp) in opened.items():
            for name, run, arguments in (("page", page, (reader, rows)),
                                         ("open", open_articles, (reader, articles)),
                                         ("phrase", phrases, (searcher, qp))):
                started = time.perf_counter()
                run(*arguments)
                times.setdefault((library, name), []).append((time.perf_counter() - started) * 1000)
    for (library, name), values in times.items():
        print(f"{str(library):40} {name:7} median {statistics.median(values):8.2f} ms  (min {min(values):.2f})")


if __name__ == "__main__":
    main()
