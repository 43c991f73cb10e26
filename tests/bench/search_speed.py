"""Search speed: scale.py's 60 queries on one library, several code trees and
SQLite FTS5, alternating in the same run.

    .venv/bin/python tests/bench/search_speed.py LIBRARY --fts5-db FILE [--corpus DIR] \
        [--code /work/main --code .] [--rounds 5] [--runs 1] [--json]

Each round runs each code tree's own search worker (its
tests/bench/scale_workers.py under its own .venv/bin/python, so the code
searched is that tree's) and the FTS5 reference (scale_workers.py's
fts5-search), one process each, in a rotating order, so the machine's load
hits every contender alike. The FTS5 database is built from `--corpus` once
(scale_workers.py's fts5-build) and kept at `--fts5-db`. As scale.py does,
p50/p95 are over every timed query of every round, wall and CPU time
(CPU is what to read on a busy machine), each with its ratio to FTS5's p95
in the same run; then the slowest queries by median. Run by hand; not
collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scale import QUERIES, percentile  # noqa: E402

WORKERS = "tests/bench/scale_workers.py"


def run(args: list[str], cwd: Path) -> dict:
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{args[:3]} in {cwd} failed: {out.stderr[-800:]}")
    return json.loads(out.stdout)


def pooled(data: list[dict], key: str) -> list[float]:
    return [t for d in data for values in d[key].values() for t in values]


def per_query(data: list[dict], key: str, queries: list[str]) -> dict[str, float]:
    return {q: statistics.median(t for d in data for t in d[key][q]) for q in queries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library", type=Path)
    parser.add_argument("--fts5-db", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, help="corpus to build the FTS5 database from, if missing")
    parser.add_argument("--code", type=Path, action="append", help="code trees to compare (default: this one)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1, help="timed passes per worker")
    parser.add_argument("--queries", help="JSON list of queries (default: scale.py's 60)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    queries = json.loads(args.queries) if args.queries else QUERIES
    codes = [c.resolve() for c in (args.code or [HERE.parents[1]])]
    if not args.fts5_db.exists():
        if not args.corpus:
            raise SystemExit("--fts5-db does not exist: give --corpus to build it")
        t = time.perf_counter()
        run([sys.executable, str(HERE / "scale_workers.py"), "fts5-build", str(args.corpus), str(args.fts5_db)], HERE)
        print(f"fts5 db built ({time.perf_counter() - t:.0f} s)", file=sys.stderr)
    workers = {
        str(code): [str(code / ".venv/bin/python"), str(code / WORKERS), "search", str(args.library.resolve()),
                    json.dumps(queries), str(args.runs)]
        for code in codes
    }
    workers["fts5"] = [sys.executable, str(HERE / "scale_workers.py"), "fts5-search", str(args.fts5_db),
                       json.dumps(queries), str(args.runs)]
    names = list(workers)
    data: dict[str, list[dict]] = {name: [] for name in names}
    for round_ in range(args.rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            data[name].append(run(workers[name], Path(workers[name][1]).parents[2]))
        print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
    fts = {key: percentile(pooled(data["fts5"], key), 0.95) for key in ("times", "cpu")}
    report = {}
    for name in names:
        row: dict = {}
        for key, label in (("times", "wall"), ("cpu", "cpu")):
            every = pooled(data[name], key)
            row[f"{label}_p50"] = statistics.median(every)
            row[f"{label}_p95"] = percentile(every, 0.95)
            row[f"{label}_ratio_p95"] = row[f"{label}_p95"] / fts[key]
            medians = per_query(data[name], key, queries)
            row[f"{label}_slowest"] = sorted(((ms, q) for q, ms in medians.items()), reverse=True)[:6]
            row[f"{label}_per_query"] = medians
        if name != "fts5":
            row["totals"] = data[name][-1]["totals"]
        report[name] = row
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, r in report.items():
        print(f"{name}:")
        for label in ("wall", "cpu"):
            print(f"  {label}: p50 {r[f'{label}_p50']:.1f} ms  p95 {r[f'{label}_p95']:.1f} ms"
                  f"  ({r[f'{label}_ratio_p95']:.2f}x FTS5 p95)")
            print("    slowest: " + ", ".join(f"{q} {ms:.0f}" for ms, q in r[f"{label}_slowest"]))


if __name__ == "__main__":
    main()
