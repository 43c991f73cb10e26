"""The library reads behind screens and story corrections, against a
baseline checkout in the same run: seconds and peak RSS of each, each in a
fresh process.

    python tests/bench/walk_functions.py LIBRARY --base-python /work/wt-base/.venv/bin/python [--runs 3]

- feed pane: the summaries of one feed's articles (1,000 of the library's),
  in the library's order (the feeds screen's article pane);
- story titles: the titles a move or split needs (one story's 50 articles;
  the baseline reads every title);
- story members: list records of 1,000 articles the members file lacks.

Each case runs this checkout's code when it has it (`summaries_of`), else
the code the baseline ran. Run by hand; not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = ("feed pane", "story titles", "story members")


def measure(case: str, library: str) -> dict:
    """Runs inside the measured process."""
    import resource
    import time

    from index.api import Library

    assert not Path.cwd().joinpath("index").is_dir()
    lib = Library.open(Path(library), seed=False)
    reader = lib._core.searcher().reader()
    every = sorted(term.decode() for term in reader.lexicon("id"))
    picked = random.Random(1).sample(every, 1000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    new = hasattr(lib, "summaries_of")
    if case == "feed pane":
        wanted = set(picked)
        found = lib.summaries_of(picked) if new else [s for s in lib.summaries() if s.id in wanted]
        digest = [s.id for s in found]
    elif case == "story titles":
        titles = lib._titles(picked[:50]) if new else lib._titles()
        digest = sorted((i, titles[i]) for i in picked[:50] if i in titles)
    else:
        digest = sorted(m.id for m in lib._story_members_of(picked))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak / 1024, "grew_mb": (peak - before) / 1024, "digest": hash(str(digest))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library")
    parser.add_argument("--base-python", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pythons = {"this": sys.executable, "base": args.base_python}
    for case in CASES:
        results: dict[str, list[dict]] = {name: [] for name in pythons}
        for _ in range(args.runs):
            for name, python in pythons.items():
                code = (
                    f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
                    f"from walk_functions import measure; print(json.dumps(measure({case!r}, {args.library!r})))"
                )
                # Not run from a checkout: `-c` would import its `index` whatever the Python.
                out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True,
                                     env={"PYTHONHASHSEED": "0", "PATH": ""}, cwd=tempfile.gettempdir()).stdout
                results[name].append(json.loads(out.splitlines()[-1]))
        print(f"{case}:")
        for name, runs in results.items():
            print(f"  {name}: {statistics.median(r['seconds'] for r in runs):6.2f} s, "
                  f"peak {statistics.median(r['peak_mb'] for r in runs):5.0f} MB "
                  f"(+{statistics.median(r['grew_mb'] for r in runs):.0f} MB during it)")
        same = results["this"][0]["digest"] == results["base"][0]["digest"]
        ratio = statistics.median(r["seconds"] for r in results["this"]) / statistics.median(
            r["seconds"] for r in results["base"])
        print(f"  this/base: {ratio:.3f}x time; result {'same' if same else 'DIFFERS'}")


if __name__ == "__main__":
    main()
