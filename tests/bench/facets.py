"""How long `f` (entity facets) and `newsreader entities` take, against the
previous code in the same run.

Run it by hand from the repository root (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/facets.py [--library DIR] [--old WORKTREE] [--runs N] [--json]

The library defaults to /tmp/facets-bench-lib, built from ../shared/data/bbc
(2,225 files, 2,130 articles once duplicates are skipped) when missing.
`--old` is a checkout of the code to compare with (for example
`git worktree add /work/wt-facets-old main` made before the change); each
version runs in fresh processes with its checkout first on PYTHONPATH and
the same interpreter, alternating old and new (ABBA) so neither always runs
first. Every figure is a median over the runs.

What is timed, each in a fresh process:

* facade, library: `Library.facets(limit=12)`, what `f` asks for without a
  search (the library just opened; the process's first call);
* facade, results: `Library.facets(ids, limit=12)` for a search's results
  ("government", the 200 the list holds);
* `f` on screen: the app at 80x24 under a pilot, settled, then `f` pressed:
  time until the dialog is up, and until its names are listed;
* `newsreader entities`: the command's wall time, process start included.

`--scale N` instead times each step of a cold whole-library count at N
articles, in CPU seconds, from a names file holding the library's names
repeated: what a change costs the next `f` or `entities` at that size.

Each is given as wall time and as CPU time (the process's, its threads
included): on a busy machine the CPU figures are the steadier ones.

The new code keeps its names in LIBRARY/names.sqlite3 and caches the
library-wide result there by change stamp. So it is timed in three states:
`warm` (as after any earlier `f` or `entities`), `changed` (the cache and
the index check dropped before each run: the first read after an add or a
removal), and `first use` (no names file: a library made by an older
newsreader, read once).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LIBRARY = Path("/tmp/facets-bench-lib")
BBC = REPO_ROOT.parent / "shared" / "data" / "bbc"
QUERY = "government"
LIMIT = 12


# -- what runs in the child process ------------------------------------------


def child_facade(library_dir: str) -> dict[str, float]:
    from index.api import Library

    library = Library.open(Path(library_dir))
    start, cpu = time.perf_counter(), time.process_time()
    library.facets(limit=LIMIT)
    timings = {"library": time.perf_counter() - start, "library cpu": time.process_time() - cpu}
    ids = [hit.id for hit in library.search(QUERY).hits]
    start, cpu = time.perf_counter(), time.process_time()
    library.facets(ids, limit=LIMIT)
    return {**timings, "results": time.perf_counter() - start, "results cpu": time.process_time() - cpu}


def child_paint(library_dir: str) -> dict[str, float]:
    from textual.widgets import OptionList

    from tui.app import NewsReaderApp
    from tui.screens.facets import FacetScreen

    async def run() -> dict[str, float]:
        app = NewsReaderApp(library_dir=Path(library_dir))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):  # settled: the list shown, its workers done
                await pilot.pause()
                await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            start, cpu = time.perf_counter(), time.process_time()
            # Pressed in a task and watched meanwhile: `press` returns only
            # once the app is idle, after the names are counted.
            pressing = asyncio.create_task(pilot.press("f"))
            opened = listed = None
            while time.perf_counter() - start < 30:
                screen = app.screen
                found = list(screen.query(OptionList)) if isinstance(screen, FacetScreen) else []
                options = found[0] if found else None
                if options is not None:  # the dialog composed, its list (or its loading indicator) up
                    opened = opened or time.perf_counter() - start
                    if options.option_count and not options.loading:
                        listed = time.perf_counter() - start
                        cpu = time.process_time() - cpu
                        break
                await asyncio.sleep(0.002)
            await pressing
            return {"dialog up": opened or float("nan"), "names listed": listed or float("nan"),
                    "names listed cpu": cpu if listed else float("nan")}

    return asyncio.run(run())


def scale(library_dir: Path, articles: int) -> dict[str, float]:
    """CPU seconds of each step of counting the whole library's facets from
    the names file at `articles` articles, the library's names repeated
    (no index of that size needed: the count reads only the names file).
    Repeated names keep the merge's distinct names at the library's, so
    this is a floor for a real library of that size."""
    import tempfile

    from index.api import Library
    from index.facets import _all_names, _count, _decode, _encode, _gc_paused, _ranked
    from index.names import LibraryNames
    from index.names_store import connection as files
    from index.names_store import store

    library = Library.open(library_dir)
    base = [(fields["id"], _all_names(fields.get("names")))
            for fields in library._core.searcher().reader().all_stored_fields()]
    steps: dict[str, float] = {"articles": articles}

    def timed(name: str, job):
        start = time.process_time()
        result = job()
        steps[name] = time.process_time() - start
        return result

    with tempfile.TemporaryDirectory() as directory, _gc_paused():  # as library_facets counts
        with files.opened(Path(directory), write=True) as connection:
            store.put(connection, ((f"{i}-{base[i % len(base)][0]}", base[i % len(base)][1]) for i in range(articles)))
        with files.opened(Path(directory), write=False) as connection:
            timed("ids (reconcile)", lambda: store.ids(connection))
            stored = timed("read rows", lambda: [_all_names(names) for names in store.all_names(connection)])
        merged = timed("merge", lambda: LibraryNames(stored))
        counts = timed("count", lambda: _count(merged, stored))
        ranked = timed("rank", lambda: _ranked(merged, counts, None))
        payload = timed("encode cache", lambda: _encode(ranked))
        stored = merged = counts = ranked = None  # as in a warm process: nothing of the count held
        gc.collect()
        timed("decode cache (warm)", lambda: _decode(payload))
        steps["cold total"] = sum(steps[k] for k in ("ids (reconcile)", "read rows", "merge", "count", "rank", "encode cache"))
        steps["file MB"] = os.path.getsize(files.names_path(Path(directory))) / 1e6
    return steps


# -- the parent ------------------------------------------------------------------


def run_child(root: Path, mode: str, library: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    if mode == "entities":
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "-c", "import sys; from tui.cli.main import entry_point; sys.exit(entry_point())",
             "--library", str(library), "entities"],
            cwd=root, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"wall": wall, "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--library", str(library)],
        cwd=root, env=env, capture_output=True, text=True,
    )
    if done.returncode != 0:
        sys.exit(f"{mode} with {root} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(library: Path, state: str) -> None:
    """Put the names file in `state` before a run of the new code."""
    path = library / "names.sqlite3"
    if state == "first use":
        for suffix in ("", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif state == "changed" and path.exists():
        with sqlite3.connect(path) as connection:
            connection.execute("DELETE FROM cache")
            connection.execute("DELETE FROM meta WHERE key = 'synced'")


def build(library: Path) -> None:
    if (library / "index").is_dir():
        return
    if not BBC.is_dir():
        sys.exit(f"no library at {library} and no BBC data at {BBC} to build one from")
    print(f"building {library} from {BBC} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "tui", "--library", str(library), "add", str(BBC)],
                   cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY)
    parser.add_argument("--old", type=Path, default=None, help="a checkout of the code to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--modes", default="facade,paint,entities")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scale", type=int, default=0,
                        help="instead: CPU of each step of a cold count at this many articles (names repeated)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale:
        build(args.library)
        print(json.dumps({k: round(v, 3) for k, v in scale(args.library, args.scale).items()}, indent=1))
        return
    if args.child:
        timings = {"facade": child_facade, "paint": child_paint}[args.child](str(args.library))
        print(json.dumps(timings))
        return
    build(args.library)
    versions = {"new": REPO_ROOT, **({"old": args.old.resolve()} if args.old else {})}
    samples: dict[tuple[str, str, str, str], list[float]] = {}
    for mode in args.modes.split(","):
        for run in range(args.runs):
            order = list(versions) if run % 2 == 0 else list(reversed(versions))
            for name in order:
                states = ["warm", "changed", "first use"] if name == "new" else ["-"]
                for state in states:
                    if name == "new":
                        prepare(args.library, state)
                    for measure, seconds in run_child(versions[name], mode, args.library).items():
                        samples.setdefault((mode, measure, name, state), []).append(seconds)
        prepare(args.library, "warm")
        run_child(REPO_ROOT, "facade", args.library)  # leave the cache made
    medians = {key: statistics.median(values) for key, values in samples.items()}
    if args.json:
        print(json.dumps([{"mode": k[0], "measure": k[1], "code": k[2], "state": k[3], "median_s": v,
                           "runs": samples[k]} for k, v in medians.items()], indent=1))
        return
    print(f"library {args.library}, {args.runs} runs each, medians in seconds")
    print(f"{'what':36} {'code':5} {'state':10} {'median':>8}")
    for (mode, measure, name, state), value in medians.items():
        print(f"{mode + ': ' + measure:36} {name:5} {state:10} {value:8.3f}")


if __name__ == "__main__":
    main()
