"""Compare benchmark: how fast a comparison is made and opened, and what it finds.

    .venv/bin/python tests/bench/compare.py [--runs N]

1. index.compare.compare() on the five seeds (median of N runs, after one
   warm-up) and on every BASIL event (../shared/data/basil-dev: three
   outlets' articles on one event; median and slowest), with what the
   comparisons find: the share of passages aligned with another outlet's,
   shared quotes and conflicts per event.
2. Opening the compare screen in the app (headless, 140x45) on the seeds:
   from the `c` action in the library (nothing marked: the selected
   article's story), pressed a second after the library appears, until
   every visible column has drawn its lines,
   median of N runs, each in a fresh app.
3. The findings judged against the hand-labelled gold events
   (tests/bench/gold/compare, see gold.py and compare_gold.py), with the aims
   of the issue "Right answers on real news"; --verbose lists every miss.
Run by hand; pytest never collects tests/bench.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index import Library  # noqa: E402
from index.compare import compare  # noqa: E402


def time_seeds(library: Library, runs: int) -> float:
    from index.ingest import read_article_file

    # The seeds' ids are made from their text: the same in every library.
    articles = [library.get(read_article_file(path).id) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    compare(articles)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compare(articles)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_basil() -> dict:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from stories import BASIL, read_basil  # noqa: PLC0415

    if not BASIL.is_dir():
        return {}
    articles, gold = read_basil()
    events = defaultdict(list)
    for article in articles:
        events[gold[article.id]].append(article)
    times, aligned, quotes, conflicts, disputed, fragments = [], [], [], [], [], []
    for group in events.values():
        start = time.perf_counter()
        comparison = compare(group)
        times.append(time.perf_counter() - start)
        total = sum(len(p) for p in comparison.passages.values())
        aligned.append(sum(len(a.passages) for a in comparison.alignments) / max(total, 1))
        quotes.append(len(comparison.quotes))
        conflicts.append(len(comparison.conflicts))
        disputed.append(sum(1 for q in comparison.quotes if q.disputed))
        # Passages of a word or two: what a splitter cutting at "Sen." or
        # "U.S." leaves behind.
        fragments.append(sum(1 for ps in comparison.passages.values() for p in ps
                             if not p.heading and len(p.text.split()) <= 2))
    return {
        "events": len(events),
        "median_ms": statistics.median(times) * 1000,
        "max_ms": max(times) * 1000,
        "aligned_share": statistics.median(aligned),
        "quotes_median": statistics.median(quotes),
        "events_with_shared_quotes": sum(1 for q in quotes if q),
        "conflicts": sum(conflicts),
        "quotes": sum(quotes),
        "disputed_speakers": sum(disputed),
        "fragments": sum(fragments),
    }


async def _open_once(library_dir: Path) -> float:
    from tui.app import NewsReaderApp
    from tui.screens.compare import CompareScreen
    from tui.widgets.compare_column import CompareColumn

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        while app.library is None:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause(1.0)  # a person presses `c` a moment after the library appears
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        app.screen.action_compare()  # what `c` does, without the test pilot's wait for idle
        while True:
            await asyncio.sleep(0.002)
            screen = app.screen
            if isinstance(screen, CompareScreen):
                columns = list(screen.query(CompareColumn))
                # Painted: every column has drawn its lines.
                if len(columns) == 5 and all(column._cache for column in columns if column.display):
                    return time.perf_counter() - start


def time_app(library_dir: Path, runs: int) -> float:
    times = [asyncio.run(_open_once(library_dir)) for _ in range(runs)]
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="list every wrong finding on the gold events")
    parser.add_argument("--gold-only", action="store_true", help="only judge the gold events (no timings)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from compare_gold import judge_all, report  # noqa: PLC0415

    Library.engine = "builtin"
    tally = judge_all(args.verbose)
    print("\n".join(report(tally)))
    for line in tally.examples:
        print("   ", line)
    if args.gold_only:
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="compare-bench-"))
    try:
        Library.engine = "builtin"
        library = Library.open(workdir / "library", seed=True)
        seeds_ms = time_seeds(library, args.runs * 3)
        library.close()
        print(f"compare() on the five seeds: {seeds_ms:.0f} ms (median of {args.runs * 3})")
        basil = time_basil()
        if basil:
            print(f"compare() on {basil['events']} BASIL events of three outlets: median {basil['median_ms']:.0f} ms, "
                  f"slowest {basil['max_ms']:.0f} ms")
            print(f"  passages aligned with another outlet's: {basil['aligned_share']:.0%} (median event); "
                  f"shared quotes: {basil['quotes_median']:.0f} per event, in {basil['events_with_shared_quotes']} "
                  f"of {basil['events']} events; conflicts flagged: {basil['conflicts']} in all")
            print(f"  shared quotes in all: {basil['quotes']}, {basil['disputed_speakers']} naming different speakers; "
                  f"passages of one or two words: {basil['fragments']}")
        app_ms = time_app(workdir / "library", args.runs)
        print(f"compare screen on the seeds, from `c` to five painted columns: {app_ms:.0f} ms (median of {args.runs})")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
