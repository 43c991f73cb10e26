"""Web pages and feeds: extraction pass rate and speed, feed refresh time
against newsboat, duplicates found.

    .venv/bin/python tests/bench/web.py [--only extraction|refresh|duplicates]...
        [--pages DIR] [--show-failures] [--runs N] [--feeds N] [--entries N] [--profile FILE]
        [--compare CHECKOUT]...

Extraction: a page passes when its extracted text holds every `with` snippet
and none of the `without` snippets of `expectations.json` (whitespace
folded). The pages are the trafilatura evaluation set in
../shared/data/web-pages (never copied into the project). The comparison
extractor is readability-lxml, from the optional `bench` extra; it is
skipped when not installed. Pages/s is the median of three runs over all
pages, decoding included.

Refresh: a local server on 127.0.0.1 serves 50 RSS feeds of 20 entries each
whose items carry their full text (content:encoded, BBC articles read at run
time; see feedcorpus.py) and answer a conditional GET with 304. Each run
starts from a fresh library with the feeds subscribed, then times
`newsreader refresh` as a user runs it (a new CLI process) twice, and
newsboat's `-x reload` twice on a fresh cache (skipped if newsboat is not
installed: `apt-get install newsboat`). Medians of `--runs` runs and the
ratios to newsboat are printed. `--profile FILE` also writes a cProfile of
one more first refresh; `--compare DIR` also times newsreader from another
source tree (say `git archive COMMIT | tar -x -C DIR`), in the same runs.

Duplicates: tests/bench/duplicates.py's `duplicate_benchmark()`, when that
module exists.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index.ingest.decode import UnreadableInput  # noqa: E402
from index.ingest.html import article_from_html, decode_html  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "web-pages"

Extractor = Callable[[str, str], str]


def newsreader_text(html: str, url: str) -> str:
    """What newsreader stores and shows as the article's text (the title is
    a field of its own, as with readability's)."""
    try:
        article = article_from_html(html, url=url)
    except UnreadableInput:
        return ""
    return f"{article.standfirst}\n\n{article.body}"


def readability_extractor() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def text(html: str, url: str) -> str:
        try:
            document = Document(html, url=url)
            summary = lxml.html.fromstring(document.summary(html_partial=True))
            return str(summary.text_content())
        except Exception:  # a page it cannot read fails its checks, like ours
            return ""

    return text


def _fold(text: str) -> str:
    return " ".join(text.split())


def passes(text: str, expect: dict[str, list[str]]) -> bool:
    folded = _fold(text)
    return all(_fold(s) in folded for s in expect.get("with", [])) and not any(
        _fold(s) in folded for s in expect.get("without", [])
    )


def load_pages(directory: Path) -> list[tuple[str, str, dict[str, list[str]]]]:
    expectations = json.loads((directory / "expectations.json").read_text(encoding="utf-8"))
    pages = []
    for url, expect in expectations.items():
        data = (directory / "pages" / expect["file"]).read_bytes()
        pages.append((url, decode_html(data).text, expect))
    return pages


def measure(name: str, extract: Extractor, pages: list[tuple[str, str, dict[str, list[str]]]], show: bool) -> None:
    failed = [(url, expect["file"]) for url, html, expect in pages if not passes(extract(html, url), expect)]
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        for url, html, _expect in pages:
            extract(html, url)
        timings.append(time.perf_counter() - start)
    rate = len(pages) / statistics.median(timings)
    passed = len(pages) - len(failed)
    print(f"{name:<14} pass {passed}/{len(pages)} = {100 * passed / len(pages):.1f} %   {rate:.1f} pages/s")
    if show:
        for url, file in failed:
            print(f"    failed: {file}  ({url})")


def extraction(args: argparse.Namespace) -> None:
    if not (args.pages / "expectations.json").exists():
        print(f"no pages at {args.pages}; nothing to measure")
        return
    pages = load_pages(args.pages)
    print(f"Extraction on {len(pages)} saved pages (median of 3 timed runs)")
    measure("trafilatura", newsreader_text, pages, args.show_failures)
    other = readability_extractor()
    if other is None:
        print("readability    skipped (pip install -e '.[bench]')")
    else:
        measure("readability", other, pages, args.show_failures)


# -- refresh -----------------------------------------------------------------


def newsreader_command(checkout: Path) -> tuple[list[str], dict[str, str]]:
    """`newsreader` run from the source tree `checkout` (this one, or another
    to compare with) as a user runs it: a new process, with Python's bytecode
    cache (this machine sets PYTHONDONTWRITEBYTECODE, under which each run
    compiled some 200 modules again: +0.3 s a run)."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return [sys.executable, "-m", "tui"], env


def subscribed_library(template: Path, urls: list[str], into: Path) -> Path:
    """A fresh library (a copy of the seeded template) subscribed to `urls`."""
    from index.api import Library

    directory = into / "library"
    shutil.copytree(template, directory)
    library = Library.open(directory)
    try:
        for url in urls:
            library.add_feed(url)
    finally:
        library.close()
    return directory


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_refresh(checkout: Path, directory: Path, profile: Path | None = None) -> tuple[float, float, dict]:
    """Wall and CPU seconds (the process and its workers) of one `refresh`, and its JSON report."""
    command, env = newsreader_command(checkout)
    if profile is not None:
        command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "tui"]
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "refresh", "--library", str(directory), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=checkout,
    )
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"newsreader refresh failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed, cpu, json.loads(done.stdout)


def newsboat_version() -> str | None:
    if shutil.which("newsboat") is None:
        return None
    done = subprocess.run(["newsboat", "--version"], capture_output=True, text=True)
    return " ".join(done.stdout.split()[:2]) or "newsboat"


def timed_newsboat(home: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `newsboat -x reload` over the feeds in HOME/urls, its cache and an empty config there."""
    files = ["-u", str(home / "urls"), "-c", str(home / "cache.db"), "-C", str(home / "config")]
    env = {**os.environ, "HOME": str(home)}
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(["newsboat", *files, "-x", "reload"], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"newsboat failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed, _children_cpu() - cpu


def _seconds(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s" if values else "      -"


@dataclass
class Timings:
    """One reader's first and second refreshes over the runs, and how the feeds answered."""

    name: str
    first: list[float] = field(default_factory=list)
    second: list[float] = field(default_factory=list)
    cpu: list[tuple[float, float]] = field(default_factory=list)
    """CPU seconds of each run's first and second refresh (steadier than wall time on a busy machine)."""
    answers: list[str] = field(default_factory=lambda: ["", ""])

    def row(self, newsboat: Timings | None) -> str:
        text = f"{self.name:<30}{_seconds(self.first):>9}{_seconds(self.second):>10}"
        if newsboat is not None and newsboat is not self and newsboat.first:
            ratios = [statistics.median(mine) / statistics.median(theirs)
                      for mine, theirs in ((self.first, newsboat.first), (self.second, newsboat.second))]  # fmt: skip
            text += f"{ratios[0]:9.2f}x{ratios[1]:9.2f}x"
        runs = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(self.first, self.second, strict=True))
        cpu = "/".join(f"{statistics.median(times):.2f}" for times in zip(*self.cpu, strict=True))
        return text + f"   (runs {runs}; CPU {cpu} s; feeds answered {self.answers[0]}, then {self.answers[1]})"


def refresh(args: argparse.Namespace) -> None:
    from index.api import Library
    from tests.bench.feedcorpus import FeedServer
    from tests.webserver import serve

    expected = args.feeds * args.entries
    version = newsboat_version()
    checkouts = [ROOT, *args.compare]
    print(
        f"Refresh of {args.feeds} feeds x {args.entries} full-text entries (median of {args.runs} runs, each on "
        "a fresh library; `newsreader refresh` timed as a new process, newsboat's `-x reload` on a fresh cache)"
    )
    if version is None:
        print("newsboat       skipped (not installed: apt-get install newsboat)")
    readers = [Timings("newsreader" if checkout == ROOT else f"newsreader @ {checkout}") for checkout in checkouts]
    newsboat = Timings(version) if version else None
    pages = 0
    for checkout in checkouts:  # bytecode as an installed copy has it (see newsreader_command)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(checkout / "index"), str(checkout / "tui")], check=True
        )
    with serve() as server, tempfile.TemporaryDirectory(prefix="refreshbench-") as work:
        feeds = FeedServer(server, args.feeds, args.entries)
        template = Path(work) / "template"
        Library.open(template, seed=True).close()  # the seeds, analysed once
        for run in range(args.runs):
            for checkout, reader in zip(checkouts, readers, strict=True):
                directory = subscribed_library(template, feeds.urls, Path(work) / f"run{run}")
                feeds.take_statuses()
                fetched_before = feeds.pages_fetched()
                elapsed, cpu, report = timed_refresh(checkout, directory)
                reader.answers[0] = feeds.take_statuses()
                if len(report["added"]) != expected:
                    raise SystemExit(
                        f"{reader.name}: first refresh added {len(report['added'])} articles, not {expected}"
                    )
                reader.first.append(elapsed)
                pages = feeds.pages_fetched() - fetched_before
                elapsed, cpu_again, report = timed_refresh(checkout, directory)
                reader.answers[1] = feeds.take_statuses()
                if report["added"] or any(f["status"] != "not-modified" for f in report["feeds"]):
                    raise SystemExit(f"{reader.name}: second refresh of unchanged feeds found something new")
                reader.second.append(elapsed)
                reader.cpu.append((cpu, cpu_again))
                shutil.rmtree(directory.parent)
            if newsboat is not None:
                home = Path(work) / f"newsboat{run}"
                home.mkdir()
                (home / "urls").write_text("\n".join(feeds.urls) + "\n", encoding="utf-8")
                (home / "config").write_text("", encoding="utf-8")
                wall, cpu = timed_newsboat(home)
                newsboat.answers[0] = feeds.take_statuses()
                wall_again, cpu_again = timed_newsboat(home)
                newsboat.answers[1] = feeds.take_statuses()
                newsboat.first.append(wall)
                newsboat.second.append(wall_again)
                newsboat.cpu.append((cpu, cpu_again))
            print(f"  run {run + 1} done", flush=True)
        if args.profile is not None:
            directory = subscribed_library(template, feeds.urls, Path(work) / "profile")
            timed_refresh(ROOT, directory, profile=args.profile)
            print(f"  profile of a first refresh written to {args.profile}")
    header = f"{'':<30}{'first':>9}{'second':>10}"
    print(header + (f"{'first/nb':>10}{'second/nb':>10}" if newsboat else ""))
    for reader in readers:
        print(reader.row(newsboat))
    if newsboat is not None:
        print(newsboat.row(None))
    print(f"pages fetched by newsreader's first refresh: {pages} (every entry carries its full text)")
    first = statistics.median(readers[0].first)
    second = statistics.median(readers[0].second)
    if newsboat is not None:
        ratio = first / statistics.median(newsboat.first)
        print(f"aims: first <= 4x newsboat: {ratio:.2f}x ({'met' if ratio <= 4 else 'missed'}); "
              f"second <= 1 s: {second:.2f} s ({'met' if second <= 1 else 'missed'})")  # fmt: skip


# -- duplicates --------------------------------------------------------------


def duplicates(args: argparse.Namespace) -> None:
    """The row tests/bench/duplicates.py provides (another benchmark), if it is there."""
    if not (Path(__file__).parent / "duplicates.py").exists():
        print("duplicates found    skipped (tests/bench/duplicates.py missing)")
        return
    from tests.bench.duplicates import duplicate_benchmark

    result = duplicate_benchmark()
    if isinstance(result, dict) and {"found", "expected"} <= result.keys():
        line = f"{result['found']} found, {result['expected']} planted"
        if "precision" in result and "recall" in result:
            line += f" (precision {100 * result['precision']:.1f} %, recall {100 * result['recall']:.1f} %)"
        print(f"duplicates found    {line}")
    else:
        print(f"duplicates found    {result}")


PARTS = {"extraction": extraction, "refresh": refresh, "duplicates": duplicates}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(PARTS), help="run only this part (repeatable)")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="refresh runs, each on a fresh library (default 3)")
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20, help="entries per feed")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one more first refresh here")
    parser.add_argument(
        "--compare", type=Path, action="append", default=[], metavar="CHECKOUT",
        help="also time newsreader from this source tree (e.g. `git archive` of an older commit)",
    )  # fmt: skip
    args = parser.parse_args()
    for name, part in PARTS.items():
        if not args.only or name in args.only:
            part(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
