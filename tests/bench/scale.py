"""Scale benchmark: ingest and search a library of N BBC-derived articles.

    .venv/bin/python tests/bench/scale.py N [--workdir DIR] [--runs R]

Builds N distinct articles by replicating ../shared/data/bbc (copy k gets
"(k)" appended to its title and an edition line, so no two copies share a
content hash), then measures, each phase in its own process:

- ingest: `newsreader add` of the whole corpus into a new library (articles/s,
  peak RSS of that process) and the index size on disk;
- search: 60 realistic queries (terms, phrases, prefixes, boolean, fields)
  run the way the app runs them (top 200 hits, snippets for the first 20),
  p50/p95 over all runs after one warm-up pass, peak RSS;
- cold `newsreader search` wall time (a new process each time, median);
- the same corpus and queries in SQLite FTS5 (porter stemming, snippet() for
  the first 20 hits), as the reference for what local search can do.

Run by hand; machines here are shared, so read medians and ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BBC = ROOT.parent / "shared" / "data" / "bbc"

QUERIES = [
    # single terms (stemmed)
    "election", "economy", "oil", "film", "football", "music", "government", "profit",
    "shares", "broadband", "terror", "tax", "injury", "award", "internet", "china",
    "minister", "court", "bank", "growth",
    # several words (all must match)
    "oil prices", "interest rates", "mobile phone", "chelsea manager", "box office",
    "labour party election", "stock market fall", "video games console", "world cup", "budget deficit",
    # phrases
    '"prime minister"', '"general election"', '"interest rates"', '"chief executive"',
    '"best film"', '"mobile phones"', '"champions league"', '"human rights"', '"european union"',
    '"last year"',
    # prefixes
    "econom*", "govern*", "comput*", "champion*", "elect*", "invest*", "digit*", "olymp*",
    # boolean
    "blair OR brown", "oil AND NOT gas", "music NOT award", "(film OR movie) AND oscar",
    "apple OR microsoft", "rugby NOT england",
    # fields
    "title:profit", "title:election", "title:oscar", "title:(england rugby)", "title:sales AND growth",
    "title:champion*",
]

SEARCH_WORKER = r"""
import json, resource, statistics, sys, time
from pathlib import Path
from index import Library
from index.search import search
library = Library.open(Path(sys.argv[1]))
queries = json.loads(sys.argv[2]); runs = int(sys.argv[3])
started = time.perf_counter(); library.searcher(); open_ms = (time.perf_counter() - started) * 1000
for q in queries:  # warm-up pass
    search(library, q, limit=200, snippets=20)
times = {q: [] for q in queries}
totals = {}
for _ in range(runs):
    for q in queries:
        t = time.perf_counter()
        results = search(library, q, limit=200, snippets=20)
        times[q].append((time.perf_counter() - t) * 1000)
        totals[q] = results.total
print(json.dumps({"open_ms": open_ms, "times": times, "totals": totals,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def bbc_files() -> list[Path]:
    return sorted(p for p in BBC.rglob("*.txt"))


def build_corpus(corpus: Path, target: int) -> int:
    """Write distinct copies of the BBC articles until `target` files exist."""
    marker = corpus / ".count-v2"
    if marker.exists() and int(marker.read_text()) == target:
        return target
    shutil.rmtree(corpus, ignore_errors=True)
    sys.path.insert(0, str(ROOT))
    from index.ingest import read_article_file

    seen: set[str] = set()
    unique = []
    for path in bbc_files():  # duplicates (same normalised text) would be skipped as such
        article_hash = read_article_file(path).content_hash
        if article_hash not in seen:
            seen.add(article_hash)
            unique.append((path, path.read_bytes()))
    written = 0
    copy = 0
    while written < target:
        for path, data in unique:
            if written >= target:
                break
            lines = data.split(b"\n", 1)
            title = lines[0].rstrip() + f" ({copy})".encode()
            rest = lines[1] if len(lines) > 1 else b""
            out = corpus / f"copy{copy:03d}" / path.parent.name / f"{copy:03d}-{path.stem}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(title + b"\n" + rest + f"\n\nEdition {copy} of the archive.\n".encode())
            written += 1
        copy += 1
    marker.write_text(str(target))
    return written


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Run a process; return (seconds, peak RSS in MB, stdout)."""
    # Output goes to files, not pipes: a child writing more than a pipe
    # holds would block while we wait for it.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out_file, stderr=err_file, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        out_file.seek(0)
        err_file.seek(0)
        out = out_file.read().decode()
        err = err_file.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args[:4])}… failed: {err.strip()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024, out


def directory_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def bench_newsreader(corpus: Path, library: Path, count: int, runs: int, engine: str) -> dict:
    shutil.rmtree(library, ignore_errors=True)
    cli = [sys.executable, "-m", "tui"]
    seconds, rss, out = run_child(cli + ["add", str(corpus), "--library", str(library), "--engine", engine, "--json"])
    report = json.loads(out)
    added = len(report["added"])
    result = {
        "ingest_seconds": seconds,
        "ingest_articles_per_s": added / seconds,
        "ingest_added": added,
        "ingest_skipped": len(report["skipped"]),
        "ingest_failed": len(report["failed"]),
        "ingest_rss_mb": rss,
        "index_mb": directory_size_mb(library / "index"),
        "segments": len(list((library / "index").glob("*.seg"))) or len(list((library / "index").glob("*.trm"))),
    }
    _, rss, out = run_child([sys.executable, "-c", SEARCH_WORKER, str(library), json.dumps(QUERIES), str(runs)])
    data = json.loads(out)
    all_times = [t for ts in data["times"].values() for t in ts]
    result.update(
        search_open_ms=data["open_ms"],
        search_p50_ms=statistics.median(all_times),
        search_p95_ms=percentile(all_times, 0.95),
        search_max_ms=max(all_times),
        search_rss_mb=rss,
        slowest=sorted(((statistics.median(ts), q) for q, ts in data["times"].items()), reverse=True)[:5],
        totals=data["totals"],
    )
    cold = []
    for query in ('"prime minister"', "oil prices", "econom*"):
        for _ in range(3):
            seconds, _, _ = run_child(cli + ["search", query, "--library", str(library), "--json"])
            cold.append(seconds)
    result["cold_cli_search_median_s"] = statistics.median(cold)
    return result


def fts5_query(query: str) -> str:
    """The same query in FTS5 syntax."""
    q = query.replace("title:(england rugby)", "title:england AND title:rugby")
    q = re.sub(r"\bAND NOT\b", "NOT", q)
    q = re.sub(r"(\w+)\*", r"\1*", q)
    return q


def bench_fts5(corpus: Path, workdir: Path, runs: int) -> dict:
    db_path = workdir / "fts5.db"
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')")
    files = sorted(corpus.rglob("*.txt"))
    started = time.perf_counter()
    seen: set[str] = set()
    rows = 0
    with db:
        for path in files:
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
            rows += 1
    ingest = time.perf_counter() - started
    times = []
    sql = (
        "SELECT rowid, title, snippet(articles, 1, '[', ']', '…', 24) FROM articles "
        "WHERE articles MATCH ? ORDER BY bm25(articles, 3.0, 1.0) LIMIT 200"
    )
    fts_queries = [fts5_query(q) for q in QUERIES]
    for q in fts_queries:
        db.execute(sql, (q,)).fetchmany(20)
    for _ in range(runs):
        for q in fts_queries:
            t = time.perf_counter()
            db.execute(sql, (q,)).fetchmany(20)  # snippets for the first 20 hits
            times.append((time.perf_counter() - t) * 1000)
    db.close()
    return {
        "fts5_ingest_articles_per_s": rows / ingest,
        "fts5_db_mb": db_path.stat().st_size / 1e6,
        "fts5_p50_ms": statistics.median(times),
        "fts5_p95_ms": percentile(times, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="articles in the library")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsreader-bench")
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--engine", default="builtin", choices=["builtin", "nlp"], help="analysis engine for ingest")
    args = parser.parse_args()
    if not BBC.is_dir():
        raise SystemExit(f"BBC data not found at {BBC}")
    workdir = args.workdir / str(args.count)
    corpus = workdir / "corpus"
    t = time.perf_counter()
    written = build_corpus(corpus, args.count)
    print(f"corpus: {written} files in {corpus} ({time.perf_counter() - t:.1f} s to prepare)", file=sys.stderr)
    result = {"articles": written, "queries": len(QUERIES), "cpus": os.cpu_count()}
    result.update(bench_newsreader(corpus, workdir / "library", written, args.runs, args.engine))
    result.update(bench_fts5(corpus, workdir, args.runs))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"articles                 {result['ingest_added']} added, {result['ingest_skipped']} skipped, {result['ingest_failed']} failed")
    print(f"ingest                   {result['ingest_articles_per_s']:.0f} articles/s ({result['ingest_seconds']:.1f} s), peak RSS {result['ingest_rss_mb']:.0f} MB")
    print(f"index size               {result['index_mb']:.0f} MB")
    print(f"searcher open            {result['search_open_ms']:.1f} ms")
    print(f"search ({len(QUERIES)} queries x {args.runs})  p50 {result['search_p50_ms']:.1f} ms  p95 {result['search_p95_ms']:.1f} ms  max {result['search_max_ms']:.0f} ms  (top 200, snippets for 20)")
    print(f"search peak RSS          {result['search_rss_mb']:.0f} MB")
    print(f"cold `newsreader search` {result['cold_cli_search_median_s']:.2f} s (median of 9)")
    print("slowest queries          " + ", ".join(f"{q} {ms:.0f} ms" for ms, q in result["slowest"]))
    print(f"FTS5 ingest              {result['fts5_ingest_articles_per_s']:.0f} articles/s, {result['fts5_db_mb']:.0f} MB")
    print(f"FTS5 search              p50 {result['fts5_p50_ms']:.1f} ms  p95 {result['fts5_p95_ms']:.1f} ms")
    print(f"ratio p95 newsreader/FTS5 {result['search_p95_ms'] / result['fts5_p95_ms']:.1f}x")


if __name__ == "__main__":
    main()
