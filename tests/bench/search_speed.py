"""Search speed: scale.py's 60 queries on one library, several code trees and
SQLite FTS5, alternating in the same run, medians.

    .venv/bin/python tests/bench/search_speed.py LIBRARY --corpus DIR \
        [--code /work/wt-base --code .] [--rounds 3] [--runs 2] [--fts5-db FILE]

Each round runs scale.py's search worker once per code tree (its own
.venv/bin/python, in its own process) and the FTS5 reference once, so the
machine's load hits every contender alike. The FTS5 database is built from
`--corpus` once and kept at `--fts5-db` for later runs. Prints, per
contender, the median over rounds of p50/p95/max and the slowest queries.
Run by hand; not collected by pytest.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("scale", HERE / "scale.py")
scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale)

FTS5_WORKER = r"""
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); queries = json.loads(sys.argv[2]); runs = int(sys.argv[3])
sql = ("SELECT rowid, title, snippet(articles, 1, '[', ']', '…', 24) FROM articles "
       "WHERE articles MATCH ? ORDER BY bm25(articles, 3.0, 1.0) LIMIT 200")
for q in queries:
    db.execute(sql, (q,)).fetchmany(20)
times = {q: [] for q in queries}
for _ in range(runs):
    for q in queries:
        t = time.perf_counter()
        db.execute(sql, (q,)).fetchmany(20)
        times[q].append((time.perf_counter() - t) * 1000)
print(json.dumps({"times": times}))
"""


def build_fts5(corpus: Path, db_path: Path) -> None:
    """The FTS5 table of scale.py's bench_fts5, built once."""
    if db_path.exists():
        return
    partial = db_path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')")
    seen: set[str] = set()
    with db:
        for path in sorted(corpus.rglob("*.txt")):
            data = path.read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")
            if text in seen:
                continue
            seen.add(text)
            title, _, body = text.partition("\n")
            db.execute("INSERT INTO articles(title, body) VALUES (?, ?)", (title.strip(), body.strip()))
    db.close()
    partial.rename(db_path)


def run(args: list[str], cwd: Path) -> dict:
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{args[0]} in {cwd} failed: {out.stderr[-800:]}")
    return json.loads(out.stdout)


def summary(times: dict[str, list[float]]) -> dict:
    every = [t for ts in times.values() for t in ts]
    return {
        "p50": statistics.median(every),
        "p95": scale.percentile(every, 0.95),
        "max": max(every),
        "per_query": {q: statistics.median(ts) for q, ts in times.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library", type=Path)
    parser.add_argument("--corpus", type=Path, help="corpus for the FTS5 reference")
    parser.add_argument("--fts5-db", type=Path)
    parser.add_argument("--code", type=Path, action="append", help="code trees to compare (default: this one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=2, help="timed passes per worker")
    parser.add_argument("--queries", help="JSON list of queries (default: scale.py's 60)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    queries = json.loads(args.queries) if args.queries else scale.QUERIES
    codes = [c.resolve() for c in (args.code or [HERE.parents[1]])]
    contenders: dict[str, list[dict]] = {str(c): [] for c in codes}
    if args.fts5_db:
        if args.corpus:
            t = time.perf_counter()
            build_fts5(args.corpus, args.fts5_db)
            print(f"fts5 db ready ({time.perf_counter() - t:.0f} s)", file=sys.stderr)
        contenders["fts5"] = []
    fts_queries = json.dumps([scale.fts5_query(q) for q in queries])
    for round_ in range(args.rounds):
        for code in codes:
            python = code / ".venv" / "bin" / "python"
            data = run([str(python), "-c", scale.SEARCH_WORKER, str(args.library), json.dumps(queries), str(args.runs)], code)
            contenders[str(code)].append(summary(data["times"]))
        if args.fts5_db:
            data = run([sys.executable, "-c", FTS5_WORKER, str(args.fts5_db), fts_queries, str(args.runs)], HERE)
            # keyed back to the original query text
            times = dict(zip(queries, data["times"].values(), strict=True))
            contenders["fts5"].append(summary(times))
        print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
    report = {}
    for name, rounds in contenders.items():
        per_query = {q: statistics.median(r["per_query"][q] for r in rounds) for q in queries}
        report[name] = {
            "p50": statistics.median(r["p50"] for r in rounds),
            "p95": statistics.median(r["p95"] for r in rounds),
            "max": statistics.median(r["max"] for r in rounds),
            "p95_rounds": [round(r["p95"], 1) for r in rounds],
            "slowest": sorted(((ms, q) for q, ms in per_query.items()), reverse=True)[:6],
            "per_query": per_query,
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, r in report.items():
        print(f"{name}: p50 {r['p50']:.1f} ms  p95 {r['p95']:.1f} ms (rounds {r['p95_rounds']})  max {r['max']:.0f} ms")
        print("   slowest: " + ", ".join(f"{q} {ms:.0f}" for ms, q in r["slowest"]))
    if "fts5" in report:
        for name in contenders:
            if name != "fts5":
                print(f"{name}: p95 / FTS5 p95 = {report[name]['p95'] / report['fts5']['p95']:.2f}x")


if __name__ == "__main__":
    main()
