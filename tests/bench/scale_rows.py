"""The rows of issue 12's table, with each aim and a pass/fail mark, from
tests/bench/scale.py's results; printed as text or as a Markdown table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

PASS, FAIL, UNMEASURED = "pass", "FAIL", "not measured"


@dataclass(frozen=True)
class Row:
    what: str
    measured: str
    aim: str
    mark: str  # PASS, FAIL or UNMEASURED (with the reason in `measured`)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def mark(ok: bool) -> str:
    return PASS if ok else FAIL


def ms(value: float) -> str:
    return f"{value:.0f} ms"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def mb(value: float) -> str:
    return f"{value:.0f} MB"


def cpu(data: dict, key: str = "cpu_s") -> str:
    """The CPU time beside a wall time, when the run recorded it."""
    value = data.get(key)
    return f", CPU {value:.2f} s" if isinstance(value, (int, float)) else ""


def unmeasured(what: str, aim: str, reason: str) -> Row:
    return Row(what, f"not measured: {reason}", aim, UNMEASURED)


def search_rows(r: dict) -> list[Row]:
    what = f"search p95, {r['queries']} queries, top 200 with snippets for 20"
    aim = "≤ 100 ms, and ≤ 1.5x FTS5's p95 in the same run"
    s = r.get("search")
    if not s:
        return [
            unmeasured(what, aim, r.get("skipped", {}).get("search", "phase skipped")),
            unmeasured("slowest query", "≤ 200 ms", "phase skipped"),
        ]
    ratio = s["p95_ms"] / s["fts5_p95_ms"]
    measured = (
        f"{ms(s['p95_ms'])} (p50 {ms(s['p50_ms'])}); FTS5 in the same run: {ms(s['fts5_p95_ms'])} "
        f"(p50 {ms(s['fts5_p50_ms'])}), {ratio:.2f}x"
    )
    if s.get("cpu_p95_ms") is not None and s.get("fts5_cpu_p95_ms"):
        measured += f"; CPU p95 {ms(s['cpu_p95_ms'])} vs FTS5 {ms(s['fts5_cpu_p95_ms'])}"
    slowest = s["slowest"][0]
    by_cpu = s.get("slowest_by_cpu") or []
    cpu_note = (
        f"; slowest by CPU: {by_cpu[0]['query']} {ms(by_cpu[0]['cpu_median_ms'])}"
        if by_cpu and by_cpu[0]["query"] != slowest["query"]
        else ""
    )
    return [
        Row(what, measured, aim, mark(s["p95_ms"] <= 100 and ratio <= 1.5)),
        Row(
            "slowest query",
            f"{slowest['query']}: {ms(slowest['median_ms'])} median (FTS5: {ms(slowest['fts5_median_ms'])})"
            + (
                f"; CPU {ms(slowest['cpu_median_ms'])} (FTS5: {ms(slowest['fts5_cpu_median_ms'])})"
                if slowest.get("cpu_median_ms") is not None and slowest.get("fts5_cpu_median_ms") is not None
                else ""
            )
            + cpu_note,
            "≤ 200 ms",
            mark(slowest["median_ms"] <= 200),
        ),
    ]


def ingest_row(r: dict) -> Row:
    what = "ingest with analysis and story grouping"
    aim = "≥ 300 articles/s, peak RSS ≤ 400 MB"
    i = r.get("ingest")
    if not i:
        return unmeasured(what, aim, r.get("skipped", {}).get("ingest", "phase skipped"))
    reused = (
        f"; measured {i.get('measured_at', 'earlier')} on code {i.get('code', '?')}, library reused"
        if i.get("reused")
        else ""
    )
    measured = (
        f"{i['ingest_articles_per_s']:.0f} articles/s ({i['ingest_seconds'] / 60:.1f} min for "
        f"{i['ingest_added']:,}), peak RSS {mb(i['ingest_rss_mb'])}{cpu_per_article(i)}{reused}"
    )
    return Row(what, measured, aim, mark(i["ingest_articles_per_s"] >= 300 and i["ingest_rss_mb"] <= 400))


def cpu_per_article(i: dict) -> str:
    value = i.get("ingest_cpu_ms_per_article")
    return f", CPU {value:.1f} ms per article (all processes)" if value else ""


def add_row(r: dict) -> Row:
    what = f"adding 100 articles to the {r['articles']:,} library"
    aim = "≤ 1.5 s, RSS ≤ 200 MB"
    a = r.get("add100")
    if not a:
        return unmeasured(what, aim, r.get("skipped", {}).get("commands", "phase skipped"))
    return Row(
        what,
        f"{seconds(a['seconds'])}{cpu(a)}, peak RSS {mb(a['rss_mb'])} ({a['added']} added)",
        aim,
        mark(a["seconds"] <= 1.5 and a["rss_mb"] <= 200),
    )


def size_row(r: dict) -> Row:
    what, aim = "index on disk", "≤ 600 MB"
    s = r.get("size")
    if not s:
        return unmeasured(what, aim, "phase skipped")
    fts = f" (FTS5: {mb(r['fts5']['db_mb'])})" if r.get("fts5") else ""
    return Row(
        what,
        f"{mb(s['index_mb'])}{fts}; whole library with side stores {mb(s['library_mb'])}",
        aim,
        mark(s["index_mb"] <= 600),
    )


def paint_row(r: dict) -> Row:
    what = (
        "first useful paint: the list showing its articles, against a bare Textual app showing a 20-item list, same run"
    )
    aim = "≤ 1.2x at both sizes"
    p = r.get("paint")
    if not p:
        return unmeasured(what, aim, r.get("skipped", {}).get("paint", "phase skipped"))
    parts, ok = [], True
    for label, key in (("seeds", "seeds"), (f"{r['articles']:,}", "n")):
        one = p.get(key) or {}
        if one.get("error"):
            parts.append(f"{label}: not measured ({one['error']})")
            ok = False
            continue
        ratio = one.get("ratio")
        parts.append(f"{label}: {ms(one['newsreader_ms'])} vs {ms(one['bare_ms'])}, {ratio:.2f}x")
        ok = ok and ratio is not None and ratio <= 1.2
    measured = "; ".join(parts)
    if all("not measured" in part for part in parts):
        return Row(what, measured, aim, UNMEASURED)
    return Row(what, measured, aim, mark(ok))


def command_row(r: dict, command: str) -> Row:
    what, aim = f"`newsreader {command}`", "≤ 1 s"
    c = r.get("commands")
    if not c:
        return unmeasured(what, aim, r.get("skipped", {}).get("commands", "phase skipped"))
    after_add = c["after_add"][command]["seconds"]
    warm = c["warm"][command]["seconds"]
    first = c["after_ingest"][command]["seconds"]
    measured = (
        f"right after the add of 100: {seconds(after_add)}{cpu(c['after_add'][command])}, "
        f"{mb(c['after_add'][command]['rss_mb'])}; warm: {seconds(warm)}{cpu(c['warm'][command])} "
        f"(median of {c['warm_runs']}); first on the library as found: {seconds(first)}{cpu(c['after_ingest'][command])}"
    )
    return Row(what, measured, aim + " (after an add and warm)", mark(after_add <= 1 and warm <= 1))


def list_end_row(r: dict) -> Row:
    what, aim = "the library list", "scrolls through every article (virtual list), `G` reaches the last in ≤ 0.3 s"
    e = r.get("list_end")
    if not e:
        return unmeasured(what, aim, r.get("skipped", {}).get("listend", "phase skipped"))
    if e.get("error"):
        return unmeasured(what, aim, e["error"])
    return Row(what, f"`G` to the last of {r['articles']:,}: {seconds(e['seconds'])}", aim, mark(e["seconds"] <= 0.3))


ROW_MAKERS: list[Callable[[dict], Row | list[Row]]] = [
    search_rows,
    ingest_row,
    add_row,
    size_row,
    paint_row,
    lambda r: command_row(r, "entities"),
    lambda r: command_row(r, "stories"),
    list_end_row,
]


def rows_of(results: dict) -> list[Row]:
    rows: list[Row] = []
    for maker in ROW_MAKERS:
        made = maker(results)
        rows.extend(made if isinstance(made, list) else [made])
    return rows


def markdown(rows: list[Row], articles: int) -> str:
    """The README's shape: What | Result | Aim, the aim saying whether it was met."""
    verdict = {PASS: "met", FAIL: "**not met**", UNMEASURED: "not measured"}
    lines = [f"| What ({articles:,} articles) | Result | Aim |", "| --- | --- | --- |"]
    for row in rows:
        cells = [row.what, row.measured, f"{row.aim}: {verdict[row.mark]}"]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def text(rows: list[Row]) -> str:
    lines = []
    for row in rows:
        lines.append(f"[{row.mark:>4}] {row.what}")
        lines.append(f"       measured: {row.measured}")
        lines.append(f"       aim:      {row.aim}")
    return "\n".join(lines)
