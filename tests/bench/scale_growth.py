"""How each of scale.py's measures grows with the library, from saved runs.

    .venv/bin/python tests/bench/scale_growth.py RUN.json RUN.json ... [--markdown]

Each RUN.json is a `scale.py N --json-out` (or --json) result at some N. For
every measure the table gives its value at each N, the growth exponent
between the two largest measured sizes (log-log slope: 0 = flat, 1 = grows
in proportion to the library), and what that slope gives at 1M and 10M
articles. Those last two columns are extrapolations from measured points
only; treat an exponent from points under 10x apart as rough, and read
each one against the machine's load (given per run).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TARGETS = (1_000_000, 10_000_000)


@dataclass(frozen=True)
class Measure:
    name: str
    unit: str
    value: Callable[[dict], float | None]


def dig(data: dict, *keys: str) -> float | None:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data if isinstance(data, (int, float)) else None


def per_article_kb(r: dict) -> float | None:
    index = dig(r, "size", "index_mb")
    return index * 1000 / r["articles"] if index is not None else None


MEASURES = [
    Measure("ingest rate", "articles/s", lambda r: dig(r, "ingest", "ingest_articles_per_s")),
    Measure("ingest CPU per article", "ms", lambda r: dig(r, "ingest", "ingest_cpu_ms_per_article")),
    Measure("ingest peak RSS", "MB", lambda r: dig(r, "ingest", "ingest_rss_mb")),
    Measure("index on disk", "MB", lambda r: dig(r, "size", "index_mb")),
    Measure("index per article", "KB", per_article_kb),
    Measure("whole library on disk", "MB", lambda r: dig(r, "size", "library_mb")),
    Measure("FTS5 database", "MB", lambda r: dig(r, "fts5", "db_mb")),
    Measure("search p50", "ms", lambda r: dig(r, "search", "p50_ms")),
    Measure("search p95", "ms", lambda r: dig(r, "search", "p95_ms")),
    Measure("search CPU p95", "ms", lambda r: dig(r, "search", "cpu_p95_ms")),
    Measure("search p95 / FTS5 p95", "x", lambda r: dig(r, "search", "ratio_p95")),
    Measure("FTS5 p95 (same run)", "ms", lambda r: dig(r, "search", "fts5_p95_ms")),
    Measure("slowest query", "ms", lambda r: r["search"]["slowest"][0]["median_ms"] if r.get("search") else None),
    Measure("index segments", "", lambda r: dig(r, "size", "segments")),
    Measure("files open after the queries", "", lambda r: dig(r, "search", "open_files")),
    Measure("search process RSS", "MB", lambda r: dig(r, "search", "rss_mb")),
    Measure("cold `newsreader search`", "s", lambda r: dig(r, "cold_search", "median_s")),
    Measure("add 100 articles", "s", lambda r: dig(r, "add100", "seconds")),
    Measure("add 100 peak RSS", "MB", lambda r: dig(r, "add100", "rss_mb")),
    Measure("`entities` after an add", "s", lambda r: dig(r, "commands", "after_add", "entities", "seconds")),
    Measure("`entities` warm", "s", lambda r: dig(r, "commands", "warm", "entities", "seconds")),
    Measure("`stories` after an add", "s", lambda r: dig(r, "commands", "after_add", "stories", "seconds")),
    Measure("`stories` warm", "s", lambda r: dig(r, "commands", "warm", "stories", "seconds")),
    Measure("add 100 CPU", "s", lambda r: dig(r, "add100", "cpu_s")),
    Measure("`entities` after an add, CPU", "s", lambda r: dig(r, "commands", "after_add", "entities", "cpu_s")),
    Measure("`entities` warm, CPU", "s", lambda r: dig(r, "commands", "warm", "entities", "cpu_s")),
    Measure("`stories` after an add, CPU", "s", lambda r: dig(r, "commands", "after_add", "stories", "cpu_s")),
    Measure("`stories` warm, CPU", "s", lambda r: dig(r, "commands", "warm", "stories", "cpu_s")),
    Measure("first paint at N", "ms", lambda r: dig(r, "paint", "n", "newsreader_ms")),
    Measure("first paint ratio at N", "x", lambda r: dig(r, "paint", "n", "ratio")),
    Measure("`G` to the last article", "s", lambda r: dig(r, "list_end", "seconds")),
]


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Log-log slope between the two largest sizes measured."""
    if len(points) < 2:
        return None
    (n1, v1), (n2, v2) = points[-2], points[-1]
    if v1 <= 0 or v2 <= 0 or n1 == n2:
        return None
    return math.log(v2 / v1) / math.log(n2 / n1)


def growth(runs: list[dict]) -> list[dict]:
    runs = sorted(runs, key=lambda r: r["articles"])
    table = []
    for measure in MEASURES:
        points = [(r["articles"], v) for r in runs if (v := measure.value(r)) is not None]
        slope = exponent(points)
        projected = {}
        if slope is not None:
            n, v = points[-1]
            projected = {target: v * (target / n) ** slope for target in TARGETS}
        table.append(
            {"measure": measure.name, "unit": measure.unit, "points": points, "exponent": slope, "projected": projected}
        )
    return table


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def render(table: list[dict], runs: list[dict], markdown: bool) -> str:
    sizes = sorted(r["articles"] for r in runs)
    header = ["measure", *[f"{n:,}" for n in sizes], "exponent", *[f"≈ at {t:,}" for t in TARGETS]]
    lines = []
    for row in table:
        by_size = dict(row["points"])
        cells = [
            f"{row['measure']} ({row['unit']})" if row["unit"] else row["measure"],
            *[fmt(by_size.get(n)) for n in sizes],
            "–" if row["exponent"] is None else f"{row['exponent']:.2f}",
            *[fmt(row["projected"].get(t)) for t in TARGETS],
        ]
        lines.append(cells)
    loads = ", ".join(
        f"{r['articles']:,}: {r['load_average_at_start'][0]:.1f}" for r in sorted(runs, key=lambda r: r["articles"])
    )
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out) + f"\n\nLoad average at each run's start: {loads}."
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=True)]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) for cells in [header, *lines]]
    return "\n".join(out) + f"\n\nload average at each run's start: {loads}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", type=Path, nargs="+", help="scale.py --json-out files, one per size")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs = [json.loads(path.read_text()) for path in args.runs]
    table = growth(runs)
    if args.json:
        print(json.dumps(table, indent=2))
    else:
        print(render(table, runs, args.markdown))


if __name__ == "__main__":
    main()
