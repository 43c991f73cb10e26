"""How much `is:unread` / `feed:` filters cost a search, by the size of the id set.

Usage: python tests/bench/search_filters.py LIBRARY [SIZES...]

Marks the first N articles unread (N for each size; the rest read), then
times, median of 5, a filter alone (newest first), a word with and without
the filter, and the filter's negation. Changes the library's flags.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from index.api import Library

QUERIES = ("is:unread", "harbour", "harbour is:unread", "harbour NOT is:unread", "council is:unread")


def median_ms(library: Library, text: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        library.search(text, limit=50, snippets=20)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    directory = Path(sys.argv[1])
    sizes = [int(size) for size in sys.argv[2:]] or [100, 1000, 5000, 20000]
    library = Library.open(directory)
    ids = sorted(summary.id for summary in library.summaries())
    print(f"{len(ids)} articles")
    for size in sizes:
        chosen = ids[:size]
        library.mark_read(ids, read=True)
        library.mark_read(chosen, read=False)
        results = library.search("is:unread", limit=None)
        assert results.total == len(chosen), (results.total, len(chosen))
        cells = [f"{text!r} {median_ms(library, text):.0f} ms" for text in QUERIES]
        print(f"{size:>6} unread: " + "; ".join(cells))


if __name__ == "__main__":
    main()
