"""Scale benchmark: every row of issue 12's table for a library of N BBC-derived articles.

    .venv/bin/python tests/bench/scale.py N [--workdir DIR] [--corpus DIR] [--reuse]
        [--runs R] [--paint-runs R] [--only PHASES | --skip PHASES]
        [--json | --markdown] [--json-out FILE]
    .venv/bin/python tests/bench/scale.py --from-json FILE [--markdown]

For the README: `scale.py 100000 --corpus /work/bench100k/corpus --json-out
run.json`, then `--from-json run.json --markdown`; again with --reuse (and
--skip ingest) when only the other rows are wanted.

The corpus: N distinct articles replicating ../shared/data/bbc (copy k gets
"(k)" appended to its title and an edition line, so no two copies share a
content hash), written to WORKDIR/N/corpus; or --corpus DIR, an existing one
(built there if DIR does not exist; its first N files, by path, if it holds
more). Then, each phase in its own process:

- ingest: `newsreader add` of the whole corpus into a new library
  WORKDIR/N/library (articles/s, peak RSS of the largest process of its
  tree; CPU per article). --reuse keeps a library already at
  WORKDIR/N/library and reports the ingest measured when scale.py built it
  (WORKDIR/N/ingest.json), or "not measured" if something else built it
  (e.g. a copy of an older version's library, to measure the other rows);
- size: the index directory on disk (and the whole library with side stores);
- search: 60 realistic queries (terms, phrases, prefixes, boolean, fields),
  run the way the app runs them (top 200 hits, snippets for the first 20),
  against SQLite FTS5 on the same corpus (porter stemming, snippet() for the
  first 20 hits). R rounds; each round is one worker process per engine (an
  untimed warm-up pass, then one timed pass), alternating which goes first.
  p50/p95 over every timed query, and the slowest query by median;
- cold: `newsreader search` as a new process (median of 9);
- commands, on a copy of the library (the original stays as the ingest left
  it): `newsreader entities` and `newsreader stories` the first time on the
  library as found (as the ingest left it, or as an older version left it:
  then this builds the side caches it lacks); `newsreader add` of 100 new
  articles (/work/bench-add100 if present, else 100 made here); both
  commands right after that add, which is what a user meets; then warm
  (median of 3);
- paint: tests/bench/first_paint.py at the seeds (it builds them) and on the
  copy at N, each against a bare Textual app in the same run;
- listend: tests/bench/list_end.py (`G` to the last article) on the copy,
  run as `list_end.py DIR --json`; its top-level `median_ms` (or
  `median_s`, `seconds`, or the first key holding "median") is the row.

Every child's CPU seconds are kept beside its wall time: on a loaded shared
machine they stay near the quiet machine's wall times. `scale_growth.py`
puts several runs' --json-out files side by side (growth with N).

A row whose script is missing (first_paint.py, list_end.py) is marked "not
measured" and the run goes on. Run by hand; machines here are shared, so read
medians and ratios. `--markdown` prints the table for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_process import ROOT, PhaseFailed, directory_size_mb, run_child
from scale_rows import markdown, rows_of, text

BBC = ROOT.parent / "shared" / "data" / "bbc"
BENCH = Path(__file__).resolve().parent
WORKERS = BENCH / "scale_workers.py"
ADD100 = Path("/work/bench-add100")
PHASES = ("corpus", "ingest", "size", "search", "cold", "commands", "paint", "listend")
CLI = [sys.executable, "-m", "tui"]

# fmt: off
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
# fmt: on


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# --- corpus -----------------------------------------------------------------


def bbc_files() -> list[Path]:
    return sorted(p for p in BBC.rglob("*.txt"))


def build_corpus(corpus: Path, target: int) -> int:
    """Write distinct copies of the BBC articles until `target` files exist."""
    marker = corpus / ".count-v2"
    if marker.exists() and int(marker.read_text()) == target:
        return target
    if not BBC.is_dir():
        raise SystemExit(f"BBC data not found at {BBC}")
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


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(
        p for p in corpus.rglob("*.txt") if not any(part.startswith(".") for part in p.relative_to(corpus).parts)
    )


def subset_corpus(source: Path, target: Path, count: int) -> int:
    """The first `count` files of `source` (by path), as symbolic links under `target`."""
    marker = target / ".count-v2"
    if marker.exists() and marker.read_text() == f"{count} {source.resolve()}":
        return count
    shutil.rmtree(target, ignore_errors=True)
    files = corpus_files(source)[:count]
    for path in files:
        link = target / path.relative_to(source)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path.resolve())
    marker.write_text(f"{count} {source.resolve()}")
    return len(files)


def prepare_corpus(args: argparse.Namespace, workdir: Path) -> tuple[Path, int]:
    """The corpus for N: built, given, or the first N files of the given one."""
    if args.corpus is None:
        corpus = workdir / "corpus"
        return corpus, build_corpus(corpus, args.count)
    source = args.corpus
    if not source.exists():
        return source, build_corpus(source, args.count)
    marker = source / ".count-v2"
    if marker.exists() and marker.read_text().split()[0] == str(args.count):
        return source, args.count
    available = len(corpus_files(source))
    if available == args.count:
        return source, available
    if available < args.count:
        raise SystemExit(f"--corpus {source} holds {available} files, fewer than {args.count}")
    subset = workdir / "corpus-subset"
    return subset, subset_corpus(source, subset, args.count)


# --- phases -------------------------------------------------------------------


def code_version() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def ingest(corpus: Path, workdir: Path, engine: str, reuse: bool) -> dict | None:
    """The ingest's measures; None when --reuse keeps a library built outside scale.py."""
    library = workdir / "library"
    saved = workdir / "ingest.json"
    if reuse and (library / "index").is_dir():
        if not saved.exists():
            log(f"ingest: reusing {library}, which no scale.py run built: its ingest is not measured")
            return None
        result = json.loads(saved.read_text())
        result["reused"] = True
        log(f"ingest: reusing {library} (built {result.get('measured_at', '?')} on {result.get('code', '?')})")
        return result
    shutil.rmtree(library, ignore_errors=True)
    saved.unlink(missing_ok=True)
    log(f"ingest: newsreader add {corpus} (this is the slow phase)")
    load_before = os.getloadavg()
    run = run_child(CLI + ["add", str(corpus), "--library", str(library), "--engine", engine, "--json"])
    report = json.loads(run.stdout)
    added = len(report["added"])
    result = {
        "corpus": str(corpus),
        "code": code_version(),
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "ingest_seconds": run.seconds,
        "ingest_articles_per_s": added / run.seconds,
        "ingest_added": added,
        "ingest_skipped": len(report["skipped"]),
        "ingest_failed": len(report["failed"]),
        "ingest_rss_mb": run.rss_mb,
        "ingest_cpu_s": run.cpu_s,
        "ingest_cpu_ms_per_article": run.cpu_s * 1000 / max(added, 1),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
    }
    saved.write_text(json.dumps(result, indent=2))
    result["reused"] = False
    return result


def size(library: Path) -> dict:
    index = library / "index"
    return {
        "index_mb": directory_size_mb(index),
        "library_mb": directory_size_mb(library),
        "segments": len(list(index.glob("*.trm"))) or len(list(index.glob("*.seg"))),
    }


def fts5_database(corpus: Path, workdir: Path, reuse: bool) -> dict:
    db = workdir / "fts5.db"
    saved = workdir / "fts5.json"
    if reuse and db.exists() and saved.exists():
        return {**json.loads(saved.read_text()), "reused": True}
    log("fts5: building the SQLite FTS5 reference")
    run = run_child([sys.executable, str(WORKERS), "fts5-build", str(corpus), str(db)])
    result = json.loads(run.stdout)
    saved.write_text(json.dumps(result))
    return {**result, "reused": False}


def search(library: Path, db: Path, rounds: int) -> dict:
    """Rounds of one worker per engine, alternating which goes first."""
    queries = json.dumps(QUERIES)
    times: dict[str, dict[str, list[float]]] = {
        "newsreader": {q: [] for q in QUERIES},
        "fts5": {q: [] for q in QUERIES},
    }
    cpu: dict[str, dict[str, list[float]]] = {
        "newsreader": {q: [] for q in QUERIES},
        "fts5": {q: [] for q in QUERIES},
    }
    rss = {"newsreader": 0.0, "fts5": 0.0}
    open_ms: list[float] = []
    open_files: list[int] = []
    totals: dict[str, int] = {}
    workers = {
        "newsreader": [sys.executable, str(WORKERS), "search", str(library), queries, "1"],
        "fts5": [sys.executable, str(WORKERS), "fts5-search", str(db), queries, "1"],
    }
    for round_index in range(rounds):
        order = ["newsreader", "fts5"] if round_index % 2 == 0 else ["fts5", "newsreader"]
        for engine in order:
            run = run_child(workers[engine])
            data = json.loads(run.stdout)
            rss[engine] = max(rss[engine], run.rss_mb)
            for query, values in data["times"].items():
                times[engine][query].extend(values)
            for query, values in data.get("cpu", {}).items():
                cpu[engine][query].extend(values)
            if engine == "newsreader":
                open_ms.append(data["open_ms"])
                if data.get("open_files") is not None:
                    open_files.append(data["open_files"])
                totals = data["totals"]
        log(f"search: round {round_index + 1} of {rounds}")
    ours = [t for values in times["newsreader"].values() for t in values]
    theirs = [t for values in times["fts5"].values() for t in values]
    medians = {q: statistics.median(values) for q, values in times["newsreader"].items()}
    our_cpu = [t for values in cpu["newsreader"].values() for t in values]
    their_cpu = [t for values in cpu["fts5"].values() for t in values]

    def cpu_median(engine: str, q: str) -> float | None:
        return statistics.median(cpu[engine][q]) if cpu[engine][q] else None

    slowest = sorted(medians, key=medians.get, reverse=True)[:5]
    return {
        "rounds": rounds,
        "p50_ms": statistics.median(ours),
        "p95_ms": percentile(ours, 0.95),
        "max_ms": max(ours),
        "fts5_p50_ms": statistics.median(theirs),
        "fts5_p95_ms": percentile(theirs, 0.95),
        "ratio_p95": percentile(ours, 0.95) / percentile(theirs, 0.95),
        "cpu_p50_ms": statistics.median(our_cpu) if our_cpu else None,
        "cpu_p95_ms": percentile(our_cpu, 0.95) if our_cpu else None,
        "fts5_cpu_p95_ms": percentile(their_cpu, 0.95) if their_cpu else None,
        "open_ms": statistics.median(open_ms),
        "rss_mb": rss["newsreader"],
        "open_files": max(open_files) if open_files else None,
        "fts5_rss_mb": rss["fts5"],
        "slowest": [
            {
                "query": q,
                "median_ms": medians[q],
                "fts5_median_ms": statistics.median(times["fts5"][q]),
                "cpu_median_ms": cpu_median("newsreader", q),
                "fts5_cpu_median_ms": cpu_median("fts5", q),
            }
            for q in slowest
        ],
        "slowest_by_cpu": sorted(
            ({"query": q, "cpu_median_ms": cpu_median("newsreader", q)} for q in QUERIES if cpu["newsreader"][q]),
            key=lambda row: row["cpu_median_ms"],
            reverse=True,
        )[:5],
        "totals": totals,
        "times_ms": times,
        "cpu_ms": cpu,
    }


def cold_search(library: Path) -> dict:
    cold = []
    for query in ('"prime minister"', "oil prices", "econom*"):
        for _ in range(3):
            cold.append(run_child(CLI + ["search", query, "--library", str(library), "--json"]).seconds)
    return {"median_s": statistics.median(cold), "runs_s": cold}


def timed_command(library: Path, command: str) -> dict:
    run = run_child(CLI + [command, "--library", str(library), "--json"])
    return {"seconds": run.seconds, "rss_mb": run.rss_mb, "cpu_s": run.cpu_s}


def add_directory(workdir: Path) -> Path:
    """100 articles that are in no corpus: /work/bench-add100, or made here from BBC."""
    if ADD100.is_dir():
        return ADD100
    target = workdir / "add100"
    if len(list(target.glob("*.txt"))) == 100:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for k, path in enumerate(bbc_files()[1:101], start=1):  # [0] is the data set's README
        title, _, rest = path.read_bytes().partition(b"\n")
        (target / f"a{k}.txt").write_bytes(title.rstrip() + f" (new {k})".encode() + b"\n" + rest)
    return target


def commands(copy: Path, workdir: Path, warm_runs: int) -> tuple[dict, dict]:
    """entities and stories first after the ingest, then the add of 100, then both again."""

    def both() -> dict:
        return {command: timed_command(copy, command) for command in ("stories", "entities")}

    log("commands: first on the library as found")
    after_ingest = both()
    source = add_directory(workdir)
    log(f"commands: adding {source}")
    run = run_child(CLI + ["add", str(source), "--library", str(copy), "--json"])
    add100 = {
        "seconds": run.seconds,
        "rss_mb": run.rss_mb,
        "cpu_s": run.cpu_s,
        "added": len(json.loads(run.stdout)["added"]),
        "from": str(source),
    }
    after_add = both()
    warm_times: dict[str, list[dict]] = {"stories": [], "entities": []}
    for _ in range(warm_runs):
        for command in warm_times:
            warm_times[command].append(timed_command(copy, command))
    warm = {
        command: {
            "seconds": statistics.median(r["seconds"] for r in runs),
            "rss_mb": max(r["rss_mb"] for r in runs),
            "cpu_s": statistics.median(r["cpu_s"] for r in runs),
        }
        for command, runs in warm_times.items()
    }
    return {"after_ingest": after_ingest, "after_add": after_add, "warm": warm, "warm_runs": warm_runs}, add100


def script_json(script: Path, args: list[str]) -> dict:
    """Run a bench script with --json; {"error": ...} when it is missing or fails."""
    if not script.exists():
        return {"error": f"script missing ({script.relative_to(ROOT)})"}
    run = run_child([sys.executable, str(script), *args, "--json"], check=False)
    try:
        data = json.loads(run.stdout)
    except json.JSONDecodeError:
        return {"error": f"{script.name} exited {run.code}: {run.stderr.strip()[-300:]}"}
    return {"raw": data, **({"exit_code": run.code} if run.code else {})}


def paint_of(data: dict) -> dict:
    if "error" in data:
        return data
    raw = data["raw"]
    apps = raw.get("apps", {})
    try:
        return {
            "newsreader_ms": apps["newsreader"]["median_ms"],
            "bare_ms": apps["bare"]["median_ms"],
            "ratio": raw["median_ratio_newsreader_over_bare"],
            "runs": raw.get("runs_per_app"),
            "failures": apps["newsreader"].get("failures", []) + apps["bare"].get("failures", []),
            "raw": raw,
        }
    except (KeyError, TypeError):
        return {"error": "first_paint.py's JSON lacks apps.*.median_ms", "raw": raw}


def paint(copy: Path | None, runs: int) -> dict:
    script = BENCH / "first_paint.py"
    log("paint: at the seeds")
    result = {"seeds": paint_of(script_json(script, ["--runs", str(runs)]))}
    if copy is not None:
        log(f"paint: at N ({copy})")
        result["n"] = paint_of(script_json(script, ["--runs", str(runs), "--library", str(copy)]))
    else:
        result["n"] = {"error": "no library"}
    return result


def list_end(copy: Path) -> dict:
    data = script_json(BENCH / "list_end.py", [str(copy)])
    if "error" in data:
        return data
    raw = data["raw"]
    for key in ("median_ms", "median_s", "seconds", "ms"):
        if isinstance(raw.get(key), (int, float)):
            value = raw[key] / 1000 if key.endswith("ms") else raw[key]
            return {"seconds": value, "raw": raw}
    medians = [key for key, value in raw.items() if "median" in key and isinstance(value, (int, float))]
    if medians:
        value = raw[medians[0]]
        return {"seconds": value / 1000 if medians[0].endswith("ms") else value, "raw": raw}
    return {"error": "list_end.py's JSON has no median_ms", "raw": raw}


# --- the run ------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, nargs="?", help="articles in the library (not with --from-json)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "newsreader-bench",
        help="holds N/library, N/fts5.db and (unless --corpus) N/corpus",
    )
    parser.add_argument(
        "--corpus", type=Path, help="an existing corpus (built there if missing; its first N files if larger)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the library (and FTS5 database) already built for N")
    parser.add_argument("--runs", type=int, default=3, help="search rounds (default 3)")
    parser.add_argument("--paint-runs", type=int, default=10, help="first-paint runs per app (default 10)")
    parser.add_argument("--warm-runs", type=int, default=3, help="warm runs of entities and stories (default 3)")
    parser.add_argument("--engine", default="builtin", choices=["builtin", "nlp"], help="analysis engine for ingest")
    parser.add_argument("--only", help=f"comma-separated phases to run, of {','.join(PHASES)}")
    parser.add_argument("--skip", help="comma-separated phases to leave out")
    parser.add_argument("--keep-copy", action="store_true", help="keep the library copy the commands changed")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    parser.add_argument("--markdown", action="store_true", help="print the rows as a Markdown table")
    parser.add_argument("--json-out", type=Path, help="also write everything as JSON to this file")
    parser.add_argument("--from-json", type=Path, help="measure nothing: print a saved --json run (text or --markdown)")
    args = parser.parse_args(argv)
    chosen = set(args.only.split(",")) if args.only else set(PHASES)
    skipped = set(args.skip.split(",")) if args.skip else set()
    chosen -= skipped
    unknown = (chosen | skipped) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    args.phases = chosen
    if args.count is None and not args.from_json:
        parser.error("the number of articles is required")
    return args


def run(args: argparse.Namespace) -> dict:
    workdir = args.workdir / str(args.count)
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpus, written = prepare_corpus(args, workdir)
    log(f"corpus: {written} files in {corpus} ({time.perf_counter() - started:.1f} s to prepare)")
    results: dict = {
        "articles": written,
        "queries": len(QUERIES),
        "code": code_version(),
        "python": sys.executable,
        "cpus": os.cpu_count(),
        "started_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_at_start": os.getloadavg(),
        "corpus": str(corpus),
        "workdir": str(workdir),
        "phases": sorted(args.phases),
        "skipped": {},
    }
    if args.phases <= {"corpus"}:
        return results
    library = workdir / "library"
    if "ingest" in args.phases:
        measured = ingest(corpus, workdir, args.engine, args.reuse)
        if measured is None:
            results["skipped"]["ingest"] = "the library was reused (--reuse) and no scale.py run built it"
        else:
            results["ingest"] = measured
    elif (workdir / "ingest.json").exists() and (library / "index").is_dir():
        results["ingest"] = {**json.loads((workdir / "ingest.json").read_text()), "reused": True}
    else:
        results["skipped"]["ingest"] = "phase not chosen, and the library was not built by a scale.py run"
    needs_library = args.phases & {"size", "search", "cold", "commands", "paint", "listend"}
    if needs_library and not (library / "index").is_dir():
        raise SystemExit(f"no library at {library}: run the ingest phase first")
    if "size" in args.phases:
        results["size"] = size(library)
    if "search" in args.phases:
        results["fts5"] = fts5_database(corpus, workdir, args.reuse)
        results["search"] = search(library, workdir / "fts5.db", args.runs)
    if "cold" in args.phases:
        log("cold: newsreader search as a new process")
        results["cold_search"] = cold_search(library)
    copy_phases = args.phases & {"commands", "paint", "listend"}
    copy = workdir / "library-copy"
    if copy_phases:
        shutil.rmtree(copy, ignore_errors=True)
        log(f"copying the library to {copy}")
        shutil.copytree(library, copy, symlinks=True)
    try:
        if "commands" in args.phases:
            results["commands"], results["add100"] = commands(copy, workdir, args.warm_runs)
        if "paint" in args.phases:
            results["paint"] = paint(copy, args.paint_runs)
        if "listend" in args.phases:
            log("listend: G to the last article")
            results["list_end"] = list_end(copy)
    finally:
        if copy_phases and not args.keep_copy:
            shutil.rmtree(copy, ignore_errors=True)
    for phase, reason in (
        ("search", "phase not chosen"),
        ("commands", "phase not chosen"),
        ("paint", "phase not chosen"),
        ("listend", "phase not chosen"),
    ):
        if phase not in args.phases:
            results["skipped"][phase] = reason
    results["load_average_at_end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    results["rows"] = [row.as_dict() for row in rows_of(results)]
    return results


def print_text(results: dict) -> None:
    print(
        f"newsreader scale benchmark: {results['articles']:,} articles, code {results['code']}, "
        f"{results['cpus']} CPUs, load {results['load_average_at_start'][0]:.1f} at start, "
        f"started {results['started_at']}, {results['seconds'] / 60:.1f} min"
    )
    print()
    from scale_rows import Row

    print(text([Row(**row) for row in results["rows"]]))
    print()
    details = []
    if "ingest" in results:
        i = results["ingest"]
        details.append(f"ingest: {i['ingest_added']} added, {i['ingest_skipped']} skipped, {i['ingest_failed']} failed")
    if "size" in results:
        details.append(f"index segments: {results['size']['segments']}")
    if results.get("search", {}).get("open_files"):
        details.append(f"files the search process holds open after the queries: {results['search']['open_files']}")
    if "search" in results:
        s = results["search"]
        details.append(
            f"searcher open {s['open_ms']:.1f} ms; search peak RSS {s['rss_mb']:.0f} MB; max {s['max_ms']:.0f} ms"
        )
        details.append(
            "slowest queries (median): "
            + ", ".join(f"{q['query']} {q['median_ms']:.0f} ms (FTS5 {q['fts5_median_ms']:.0f})" for q in s["slowest"])
        )
        if s.get("slowest_by_cpu"):
            details.append(
                "slowest queries by CPU (median; steadier on a loaded machine): "
                + ", ".join(f"{q['query']} {q['cpu_median_ms']:.0f} ms" for q in s["slowest_by_cpu"])
            )
    if "fts5" in results:
        f = results["fts5"]
        details.append(f"FTS5: {f['rows']} rows, {f['db_mb']:.0f} MB, built at {f['articles_per_s']:.0f} articles/s")
    if "cold_search" in results:
        details.append(f"cold `newsreader search`: {results['cold_search']['median_s']:.2f} s (median of 9)")
    if "commands" in results:
        c = results["commands"]
        for state in ("after_ingest", "after_add", "warm"):
            details.append(
                f"{state.replace('_', ' ')}: "
                + ", ".join(
                    f"{command} {c[state][command]['seconds']:.2f} s (CPU {c[state][command].get('cpu_s', 0):.2f} s)"
                    f" / {c[state][command]['rss_mb']:.0f} MB"
                    for command in ("stories", "entities")
                )
            )
    print("\n".join(details))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text())
        results["rows"] = [row.as_dict() for row in rows_of(results)]  # aims and marks as this version states them
    else:
        try:
            results = run(args)
        except PhaseFailed as error:
            raise SystemExit(f"scale.py: {error}") from error
    if "rows" not in results:  # --only corpus
        return 0
    if args.json_out and not args.from_json:
        args.json_out.write_text(json.dumps(results, indent=2))
    if args.json:
        print(json.dumps(results, indent=2))
    elif args.markdown:
        from scale_rows import Row

        print(markdown([Row(**row) for row in results["rows"]], results["articles"]))
        print()
        print(
            f"`tests/bench/scale.py {results['articles']}` on code {results['code']}, {results['started_at']}, "
            f"{results['cpus']} CPUs, load average {results['load_average_at_start'][0]:.1f} at the start."
        )
    else:
        print_text(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
