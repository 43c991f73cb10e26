"""`newsreader add` of a corpus, measured over its whole process tree.

    .venv/bin/python tests/bench/ingest_tree.py CORPUS [--baseline DIR] [--rounds N]
        [--workdir DIR] [--engine builtin|nlp] [--json]

Each round adds CORPUS to a new library with this checkout's code, and with
--baseline DIR also with DIR's (another checkout, e.g. /work/main, run with
its own .venv), alternating which goes first. For each run: articles/s,
CPU per article over every process of the tree (the add, its readers, the
fork server and the sub-writers it forks), and the peak RSS of the largest
process, with that process's name. Sampled through /proc (`proc_tree`):
the fork server's children are not the add's, so wait4 alone cannot say.
The libraries are deleted after each run unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from scale_process import ROOT, ChildRun, run_child


def python_of(checkout: Path) -> str:
    venv = checkout / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def add_once(checkout: Path, corpus: Path, library: Path, engine: str) -> dict:
    shutil.rmtree(library, ignore_errors=True)
    command = [python_of(checkout), "-m", "tui", "add", str(corpus), "--library", str(library), "--engine", engine,
               "--json"]
    run: ChildRun = run_child(command, cwd=checkout, env={**os.environ, "PYTHONPATH": str(checkout)})
    added = len(json.loads(run.stdout)["added"])
    largest = run.tree.largest() if run.tree else None
    return {
        "checkout": str(checkout),
        "added": added,
        "seconds": run.seconds,
        "articles_per_s": added / run.seconds,
        "cpu_s": run.cpu_s,
        "cpu_ms_per_article": run.cpu_s * 1000 / max(added, 1),
        "largest_rss_mb": run.rss_mb,
        "largest_process": f"{largest[1].name} ({largest[1].peak_rss_mb:.0f} MB)" if largest else "?",
        "processes": len(run.tree.processes) if run.tree else None,
        "each_process_mb": sorted((round(seen.peak_rss_mb) for seen in run.tree.processes.values()), reverse=True)
        if run.tree else [],
    }


def summary(runs: list[dict]) -> dict:
    def median(key: str) -> float:
        return statistics.median(run[key] for run in runs)

    return {
        "runs": len(runs),
        "articles_per_s": median("articles_per_s"),
        "cpu_ms_per_article": median("cpu_ms_per_article"),
        "largest_rss_mb": max(run["largest_rss_mb"] for run in runs),
        "largest_rss_mb_median": median("largest_rss_mb"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--baseline", type=Path, help="another checkout to run in the same rounds")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ingest-tree")
    parser.add_argument("--engine", default="builtin", choices=["builtin", "nlp"])
    parser.add_argument("--keep", action="store_true", help="keep the last libraries built")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    checkouts = {"branch": ROOT}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    results: dict[str, list[dict]] = {name: [] for name in checkouts}
    for round_index in range(args.rounds):
        names = list(checkouts)
        if round_index % 2:
            names.reverse()
        for name in names:
            library = args.workdir / f"library-{name}"
            run = add_once(checkouts[name], args.corpus.resolve(), library, args.engine)
            results[name].append(run)
            print(f"round {round_index + 1} {name}: {run['added']} added, {run['articles_per_s']:.1f}/s, "
                  f"{run['cpu_ms_per_article']:.2f} ms CPU/article, largest {run['largest_rss_mb']:.0f} MB "
                  f"({run['largest_process']}), processes {run['each_process_mb']}", file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(library, ignore_errors=True)
    out = {name: {"summary": summary(runs), "runs": runs} for name, runs in results.items()}
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for name, data in out.items():
            s = data["summary"]
            print(f"{name}: {s['articles_per_s']:.1f} articles/s, {s['cpu_ms_per_article']:.2f} ms CPU/article, "
                  f"largest process {s['largest_rss_mb']:.0f} MB (median {s['largest_rss_mb_median']:.0f})")


if __name__ == "__main__":
    main()
