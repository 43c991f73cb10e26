"""How long `G` takes to bring the library list's last article on screen.

Run it by hand from the repository root (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/list_end.py LIBRARY [--runs N] [--size 120x40] [--json]
    /work/wt-base/.venv/bin/python tests/bench/list_end.py LIBRARY --repo /work/wt-base   # another checkout

Each run starts the app headless (`App.run_test`) on LIBRARY, waits until the
list shows articles and the app is idle (its workers done), presses `G`, and
times until the last article of the list is on screen: the cursor on the last
row, that row read from the index and its title among the lines the list
draws. The app is polled every 2 ms, so times are good to a few ms. Each run
is a fresh app, so every `G` reads the last page from the index (a second `G`
in the same app would find it loaded). The report gives min, median and max.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
POLL_S = 0.002
TIMEOUT_S = 60.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path, help="library directory")
    parser.add_argument("--runs", type=int, default=5, help="runs, each a fresh app (default 5)")
    parser.add_argument("--size", default="120x40", help="terminal size COLUMNSxLINES (default 120x40)")
    parser.add_argument(
        "--repo", type=Path, default=REPO_ROOT, help="the checkout whose app is timed (default: this one)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not args.library.is_dir():
        parser.error(f"{args.library} is not a directory")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


async def wait_until(condition, what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no {what} within {TIMEOUT_S:.0f} s")
        await asyncio.sleep(POLL_S)


def on_screen(listing, text: str) -> bool:
    return any(text in listing.render_line(y).text for y in range(listing.size.height))


async def one_run(library: Path, size: tuple[int, int]) -> tuple[float, float, int]:
    """(seconds until the list showed articles, seconds for G, rows in the list)."""
    from tui.app import NewsReaderApp
    from tui.widgets.result_list import ResultList

    started = time.perf_counter()
    app = NewsReaderApp(library_dir=library)
    async with app.run_test(size=size) as pilot:

        def listing() -> ResultList | None:
            found = app.screen.query(ResultList)
            return found.first() if found else None

        await wait_until(lambda: (rows := listing()) is not None and bool(rows.rows) and rows.total > 0, "articles")
        shown = time.perf_counter() - started
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = listing()
        assert rows is not None
        last = rows.total - 1

        def at_the_end() -> bool:
            hit = rows.rows.get(rows.total - 1)
            return rows.cursor == rows.total - 1 and hit is not None and on_screen(rows, hit.title[:30])

        pressed = time.perf_counter()
        app.simulate_key("G")  # not pilot.press, which waits for idle itself
        await wait_until(at_the_end, "last article on screen")
        reached = time.perf_counter() - pressed
        total = rows.total
        assert rows.cursor >= last or total < last + 1
    return shown, reached, total


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(args.repo.resolve()))
    columns, lines = (int(part) for part in args.size.lower().split("x"))
    library = args.library.resolve()
    shown_ms: list[float] = []
    g_ms: list[float] = []
    total = 0
    for run in range(args.runs):
        shown, reached, total = asyncio.run(one_run(library, (columns, lines)))
        shown_ms.append(shown * 1000)
        g_ms.append(reached * 1000)
        if not args.json:
            print(
                f"run {run + 1}: list shown after {shown * 1000:7.1f} ms, G {reached * 1000:7.1f} ms", file=sys.stderr
            )
    report = {
        "library": str(library),
        "repo": str(args.repo.resolve()),
        "articles": total,
        "size": args.size,
        "runs": args.runs,
        "g_ms": {"min": round(min(g_ms), 1), "median": round(statistics.median(g_ms), 1), "max": round(max(g_ms), 1)},
        "g_times_ms": [round(t, 1) for t in g_ms],
        "list_shown_median_ms": round(statistics.median(shown_ms), 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        g = report["g_ms"]
        print(
            f"G to the last of {total:,} articles ({args.size}, {args.runs} runs): "
            f"median {g['median']:.1f} ms (min {g['min']:.1f}, max {g['max']:.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
