"""Query-limit benchmark: pathological fuzzy and wildcard queries against normal ones.

    .venv/bin/python tests/bench/query_limits.py [--library DIR] [--runs N] [--query Q ...]

Without --library, a library of the BBC set (../shared/data/bbc) is built
with `newsreader add` under the temporary directory the first time and reused
afterwards. Each query runs N times the way the app runs it (top 200 hits,
snippets for the first 20) after the searcher is opened and warmed up on one
normal query; the median and maximum wall time, the hit count and the notes
of the last run are printed. Run by hand; machines here are shared, so read
medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BBC = ROOT.parent / "shared" / "data" / "bbc"

PATHOLOGICAL = [
    "election~999 sanction~999 taliban~999 government~999",
    "?* *?* ?*?",
    "election~9",
    "*a*",
    "*e",
]
NORMAL = [
    "election",
    '"prime minister"',
    "govern*",
    "goverment~",
    "election~2",
    "blair OR brown",
    "title:election",
]


def bbc_library(workdir: Path) -> Path:
    """The BBC library, built by `newsreader add` when it does not exist yet."""
    library = workdir / "bbc"
    if not (library / "index").is_dir():
        if not BBC.is_dir():
            raise SystemExit(f"BBC data not found at {BBC}")
        print(f"building {library} from {BBC}…", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "tui", "add", str(BBC), "--library", str(library), "--json"],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
    return library


def measure(library_dir: Path, queries: list[str], runs: int) -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from index import Library
    from index.search import search

    library = Library.open(library_dir)
    search(library, "election", limit=200, snippets=20)  # open and warm the searcher
    rows = []
    for text in queries:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            results = search(library, text, limit=200, snippets=20)
            times.append(time.perf_counter() - started)
        rows.append({
            "query": text,
            "median_s": statistics.median(times),
            "max_s": max(times),
            "total": results.total,
            "notes": list(getattr(results, "notes", [])),
        })
    library.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--library", type=Path, help="an existing library (default: the BBC set, built if missing)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-bench" / "query-limits")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query")
    parser.add_argument("--query", action="append", help="run only these queries (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    library = args.library or bbc_library(args.workdir)
    rows = measure(library, args.query or PATHOLOGICAL + NORMAL, args.runs)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{library}, median of {args.runs} run(s)")
    for row in rows:
        print(f"{row['median_s'] * 1000:9.1f} ms  (max {row['max_s'] * 1000:8.1f})  {row['total']:6} hits  {row['query']}")
        for note in row["notes"]:
            print(f"{'':34}note: {note}")


if __name__ == "__main__":
    main()
