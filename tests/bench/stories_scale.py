"""Stories at scale: the story work inside an add and a removal, and the listing after.

    .venv/bin/python tests/bench/stories_scale.py LIBRARY --add DIR [--remove-added] [--json]

Adds the files of DIR to LIBRARY (a copy: it is changed) through index.api,
timing the story store's part (opening it, grouping, writing) apart from
the whole add, then with --remove-added removes what was added (timing the
store's part again), and reports each step's seconds and the process's
peak RSS. It imports `index` from the running interpreter's install, so the
same script measures another checkout in the same run:

    /work/wt-base/.venv/bin/python tests/bench/stories_scale.py COPY_A --add /work/bench-add100
    .venv/bin/python tests/bench/stories_scale.py COPY_B --add /work/bench-add100

Run by hand; pytest never collects tests/bench.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from index.api import Library
from index.library.storybook import StoryBookkeeping
from index.stories.store import StoryStore

spent: dict[str, float] = {}


def _timed(owner: type, name: str, label: str) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, name, wrapper)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--add", type=Path, help="files to add")
    parser.add_argument("--remove-added", action="store_true", help="then remove them")
    parser.add_argument("--ids", type=Path, help="write the added ids here (or, with no --add, remove those listed)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    _timed(StoryBookkeeping, "_story_store", "stories")  # opening (loading) the store
    _timed(StoryStore, "add", "stories")
    _timed(StoryStore, "remove_all", "stories")
    library = Library.open(args.library, seed=False)
    result: dict[str, float | int] = {}
    added: list[str] = []
    if args.add:
        start = time.perf_counter()
        report = library.add([str(args.add)])
        result["add_s"] = time.perf_counter() - start
        added = list(report.added)
        result["added"] = len(added)
        result["add_stories_s"] = spent.pop("stories", 0.0)
        result["add_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if args.ids:
            args.ids.write_text("\n".join(added))
    elif args.ids:
        added = args.ids.read_text().split()
    if (args.remove_added or not args.add) and added:
        start = time.perf_counter()
        library.remove(added)
        result["remove_s"] = time.perf_counter() - start
        result["remove_stories_s"] = spent.pop("stories", 0.0)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}"
                                                            for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
