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

`--change DIR` instead times what a change costs, as a user meets it: each
version, on its own copy of the library (their names files differ: `--old-library`,
made from `--library` when missing), adds the articles of DIR, runs
`newsreader entities`, opens `f` in the app (with `--modes ...,paint`),
removes them again and runs `entities` once more (`f` meets the names
file as the add left it: a copy made before `entities` is put back). The add and the removal
are timed whole and for their calls into the names file (`record_names`,
`forget_names`).

The new code keeps each name's count and each article's entities in
LIBRARY/names.sqlite3 as articles come and go, and caches the
library-wide result there by change stamp. So it is timed in three states:
`warm` (as after any earlier `f` or `entities`), `changed` (the cache and
the index check dropped before each run: the facets listed again from the
kept counts; what an add or a removal costs the next read is `--change`'s),
and `first use` (no names file: a library made by an older newsreader,
read once).
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


def child_change(library_dir: str, what: str) -> dict[str, float]:
    """Add the files of `what` (or remove the ids listed in the file `what`),
    timing the whole and the names file's share of it."""
    from index.api import Library
    from index.library import adding

    spent = {"names": 0.0}

    def timed(function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent["names"] += time.perf_counter() - start
        return run

    adding.record_names = timed(adding.record_names)
    adding.forget_names = timed(adding.forget_names)
    library = Library.open(Path(library_dir), seed=False)
    ids_file = Path(library_dir).with_name(Path(library_dir).name + ".bench-added")
    start, cpu = time.perf_counter(), time.process_time()
    if what == "remove":
        # Whoosh's default merge on the removal's commit rewrote most of a
        # 100,000-article index (over 10 minutes): not what is measured here,
        # so the segments are left as they are, deletions marked.
        from whoosh import writing

        commit = writing.SegmentWriter.commit
        writing.SegmentWriter.commit = lambda self, *a, **k: commit(self, mergetype=writing.NO_MERGE)
        ids = ids_file.read_text().split()
        library.remove(ids)
        ids_file.unlink()
        name = "remove"
    else:
        report = library.add_paths([Path(what)])
        ids_file.write_text("\n".join(report.added))
        name = "add"
    return {name: time.perf_counter() - start, f"{name} cpu": time.process_time() - cpu,
            f"{name}: names file": spent["names"]}


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


def run_child(root: Path, mode: str, library: Path, extra: str = "") -> dict[str, float]:
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
        [sys.executable, __file__, "--child", mode, "--library", str(library), *(["--what", extra] if extra else [])],
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


def change(args: argparse.Namespace) -> None:
    """Each version adds, reads, removes and reads again, alternating (ABBA)."""
    import shutil

    versions = {"new": (REPO_ROOT, args.library)}
    if args.old:
        old_library = args.old_library or args.library.with_name(args.library.name + "-old")
        if not old_library.exists():
            shutil.copytree(args.library, old_library)
            for leftover in old_library.glob("names.sqlite3*"):
                leftover.unlink()  # the old code makes its own
        versions["old"] = (args.old.resolve(), old_library)
    paint = "paint" in args.modes.split(",")
    samples: dict[tuple[str, str], list[float]] = {}

    def note(name: str, timings: dict[str, float], prefix: str = "") -> None:
        for measure, seconds in timings.items():
            samples.setdefault((prefix + measure, name), []).append(seconds)

    for root, library in versions.values():  # both start warm
        run_child(root, "entities", library)
    for run in range(args.runs):
        order = list(versions) if run % 2 == 0 else list(reversed(versions))
        for name in order:
            root, library = versions[name]
            note(name, run_child(root, "change", library, str(args.change.resolve())))
            names_file = library / "names.sqlite3"
            kept = library.with_name(library.name + ".names-after-add")
            if paint and names_file.exists():  # so `f` too meets the file as the add left it
                shutil.copyfile(names_file, kept)
            note(name, run_child(root, "entities", library), "entities after add: ")
            if paint:
                if kept.exists():
                    shutil.copyfile(kept, names_file)
                    kept.unlink()
                note(name, run_child(root, "paint", library), "f after add: ")
            note(name, run_child(root, "entities", library), "entities warm: ")
            note(name, run_child(root, "change", library, "remove"))
            note(name, run_child(root, "entities", library), "entities after remove: ")
    medians = {key: statistics.median(values) for key, values in samples.items()}
    if args.json:
        print(json.dumps([{"measure": k[0], "code": k[1], "median_s": v, "runs": samples[k]}
                          for k, v in medians.items()], indent=1))
        return
    print(f"library {args.library}, adding {args.change}, {args.runs} runs each, medians in seconds")
    print(f"{'what':40} {'new':>8} {'old':>8} {'new/old':>8}")
    for measure in dict.fromkeys(k[0] for k in medians):
        new, old = medians.get((measure, "new")), medians.get((measure, "old"))
        ratio = f"{new / old:8.2f}" if new is not None and old else ""
        print(f"{measure:40} {new if new is not None else float('nan'):8.3f} "
              f"{old if old is not None else float('nan'):8.3f} {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY)
    parser.add_argument("--old", type=Path, default=None, help="a checkout of the code to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--modes", default="facade,paint,entities")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scale", type=int, default=0,
                        help="instead: CPU of each step of a cold count at this many articles (names repeated)")
    parser.add_argument("--change", type=Path, default=None,
                        help="instead: time adding the articles of this directory, and removing them, and what follows")
    parser.add_argument("--old-library", type=Path, default=None,
                        help="with --change: the old code's copy of the library (default: LIBRARY-old, copied when missing)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--what", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale:
        build(args.library)
        print(json.dumps({k: round(v, 3) for k, v in scale(args.library, args.scale).items()}, indent=1))
        return
    if args.child:
        if args.child == "change":
            timings = child_change(str(args.library), args.what)
        else:
            timings = {"facade": child_facade, "paint": child_paint}[args.child](str(args.library))
        print(json.dumps(timings))
        return
    build(args.library)
    if args.change:
        change(args)
        return
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
