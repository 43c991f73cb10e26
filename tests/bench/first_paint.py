"""Time to first paint of newsreader, against a bare Textual app, in a real pty.

Run it by hand from the repository root (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/first_paint.py [--library DIR] [--runs N] [--json]

Method
------
Two apps are timed in the same run, with the same Python interpreter:

* ``bare``: a minimal Textual app (Header, Input, a ListView of 20
  ListItem(Label) and Footer), written to a temporary ``.py`` file. It is the
  floor: what any Textual app of this shape costs to import, start and paint
  a 20-item list. Its marker is the text of its last item.
* ``newsreader``: ``python -m tui --library DIR``, started from the repository
  root. Without ``--library`` a fresh seed library is built in a temporary
  directory first (``python -m tui demo --library TMP``), so the timed runs
  never include building it. Its marker is the title (its first words) of the
  article the list shows first (newest first), read from the library before
  the timed runs: the first *useful* paint, the list showing articles, not
  the empty frame.
* ``baseline`` (with ``--baseline-repo DIR``): the same command run from
  another checkout with its own ``.venv`` (e.g. the untouched main), timed
  in the same rotation, so a change is compared in the same run.

Each run spawns the process on the slave side of a new pseudo-terminal sized
120x40 (``TIOCSWINSZ``, plus ``TERM=xterm-256color``, ``COLUMNS`` and
``LINES``), then reads the master side with ``select`` and records the wall
time from just before the spawn until the app's marker text appears in the
accumulated output. The raw byte stream is searched first; if the
marker is not there verbatim (Textual may split text into styled segments) the
output is searched again with ANSI escape sequences removed. The app is then
asked to quit with ctrl+q (``\\x11``) and killed if still alive after 2 s. A run
that does not paint within 20 s is reported as a failure.

Bytecode: each app runs with ``PYTHONPYCACHEPREFIX`` set to one cache
directory in the temp dir (kept between runs of this script) and without
``PYTHONDONTWRITEBYTECODE``, so Python's compiled modules are cached as on
any installed system and no checkout gets a ``__pycache__`` written into it;
without this, an environment that forbids writing bytecode makes every run
compile the app's own modules from source (about 0.1 s on this machine),
which the bare app, a single small file, hardly pays. Each app runs once,
untimed, before the timed rounds, to fill that cache (``--warmup``), and
stays open 5 s after painting, as a person's session would, so the app
finishes its start-up work (newsreader keeps the library list's first
screen for its next start; a timed run quits as soon as it has painted).

The apps alternate (the order flips every round, ABBA, so none always
runs first), N runs each; nothing else is discarded. The report gives min, median,
p90 and max per app, the median CPU time (user + system, from /proc) each
app had used when its marker appeared (steadier than wall time on a busy
machine), and the ratio of medians newsreader/bare. Every timed run is listed
in the JSON output.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
COLUMNS, LINES = 120, 40
PAINT_TIMEOUT_S = 20.0
QUIT_GRACE_S = 2.0
CTRL_Q = b"\x11"
WARMUP_STAY_S = 5.0
"""A warm-up run stays open this long after painting, as a person's session would: the app
finishes its start-up work (newsreader keeps its first screen for the next start)."""

BARE_ITEMS = 20
BARE_MARKER = f"Bare reference item {BARE_ITEMS}"
MARKER_CHARS = 24
"""The title's first words up to this many characters: short enough for any row width."""

# CSI sequences (colours, cursor moves, modes), OSC sequences and two-byte ESC sequences.
ANSI_ESCAPE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

BARE_APP_SOURCE = f'''\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input, Label, ListItem, ListView


class BareApp(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search")
        yield ListView(*(ListItem(Label(f"Bare reference item {{n}}")) for n in range(1, {BARE_ITEMS} + 1)))
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
'''


@dataclass(frozen=True)
class Target:
    """One app to time: its command line and the text that proves it painted."""

    name: str
    argv: list[str]
    marker: str
    cwd: Path


@dataclass
class RunResult:
    name: str
    seconds: float | None
    error: str | None = None
    cpu_seconds: float | None = None
    """CPU time (user + system, every thread) the app had used when its marker appeared:
    steadier than wall time on a busy machine (10 ms ticks)."""


@dataclass
class Summary:
    name: str
    times_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)

    def stats(self) -> dict[str, float | int | None]:
        times = self.times_ms
        if not times:
            return {"runs": 0, "min_ms": None, "median_ms": None, "p90_ms": None, "max_ms": None}
        return {
            "runs": len(times),
            "min_ms": min(times),
            "median_ms": statistics.median(times),
            "p90_ms": percentile(times, 90),
            "max_ms": max(times),
        }


def percentile(values: list[float], pct: int) -> float:
    """Inclusive (linear interpolation) percentile; the value itself for one run."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


PYCACHE = Path(tempfile.gettempdir()) / "first-paint-pycache"
"""Compiled modules of every app timed (PYTHONPYCACHEPREFIX), kept between runs."""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES), PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("TEXTUAL", None)  # devtools / debug features would skew the timing
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # see "Bytecode" above
    return env


@contextmanager
def open_pty() -> Iterator[tuple[int, int]]:
    """A pty pair sized COLUMNSxLINES; both ends are closed on exit."""
    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        yield master, slave
    finally:
        for fd in (master, slave):
            try:
                os.close(fd)
            except OSError:
                pass


def read_available(master: int, timeout: float) -> bytes | None:
    """Bytes ready on the master within `timeout`; b"" if none; None once the child side is gone."""
    ready, _, _ = select.select([master], [], [], max(timeout, 0.0))
    if not ready:
        return b""
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: every slave fd is closed
        return None
    return data or None


def marker_seen(output: bytes, marker: bytes) -> bool:
    return marker in output or marker in ANSI_ESCAPE.sub(b"", output)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a live process (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def wait_for_marker(master: int, process: subprocess.Popen[bytes], marker: bytes, start: float) -> float | str:
    """Seconds from `start` until `marker` is painted, or an error message."""
    output = bytearray()
    deadline = start + PAINT_TIMEOUT_S
    while True:
        now = time.perf_counter()
        if now >= deadline:
            return f"no first paint within {PAINT_TIMEOUT_S:.0f} s; output tail: {tail(output)}"
        data = read_available(master, min(deadline - now, 0.5))
        if data is None or (not data and process.poll() is not None):
            code = process.poll()
            return f"process exited (code {code}) before painting; output tail: {tail(output)}"
        if data:
            output += data
            if marker_seen(bytes(output), marker):
                return time.perf_counter() - start


def tail(output: bytes | bytearray, size: int = 300) -> str:
    text = ANSI_ESCAPE.sub(b"", bytes(output)).decode("utf-8", "replace")
    return repr(" ".join(text.split())[-size:])


def shut_down(master: int, process: subprocess.Popen[bytes]) -> None:
    """Ask politely with ctrl+q, kill after QUIT_GRACE_S; drain output so the child never blocks."""
    try:
        os.write(master, CTRL_Q)
    except OSError:
        pass
    deadline = time.perf_counter() + QUIT_GRACE_S
    while process.poll() is None and time.perf_counter() < deadline:
        if read_available(master, 0.05) is None:
            break
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:  # exited in the meantime
            pass
    process.wait()


def linger(master: int, seconds: float) -> None:
    """Let the app run on for `seconds` (reading its output so it never blocks)."""
    deadline = time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        if read_available(master, min(left, 0.1)) is None:
            return


def time_first_paint(target: Target, stay: float = 0.0) -> RunResult:
    with open_pty() as (master, slave):
        start = time.perf_counter()
        process = subprocess.Popen(
            target.argv,
            cwd=target.cwd,
            env=child_env(),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            close_fds=True,
        )
        try:
            outcome = wait_for_marker(master, process, target.marker.encode(), start)
            cpu = cpu_seconds(process.pid)
            linger(master, stay)
        finally:
            shut_down(master, process)
    if isinstance(outcome, str):
        return RunResult(target.name, None, outcome)
    return RunResult(target.name, outcome, cpu_seconds=cpu)


def build_seed_library(directory: Path) -> Path:
    """Create the seed library once, outside the timed runs."""
    library = directory / "library"
    completed = subprocess.run(
        [sys.executable, "-m", "tui", "demo", "--library", str(library)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        sys.exit(f"first_paint: building the seed library failed:\n{completed.stderr}")
    return library


FIRST_TITLE_SCRIPT = """
import sys
from pathlib import Path
from index.api import Library
library = Library.open(Path(sys.argv[1]))
try:
    hits = library.search_pages("", first=1, snippets=0).results.hits
    sys.stdout.write(hits[0].title if hits else "")
finally:
    library.close()
"""


def first_title(python: str, repo: Path, library: Path) -> str:
    """The title of the article the list shows first (the newest), read with the app's own code."""
    completed = subprocess.run(
        [python, "-c", FIRST_TITLE_SCRIPT, str(library)], cwd=repo, capture_output=True, text=True
    )
    if completed.returncode != 0 or not completed.stdout.strip():
        sys.exit(f"first_paint: could not read the first article of {library}:\n{completed.stderr}")
    return completed.stdout


def title_marker(title: str) -> str:
    """The title's first words, at most MARKER_CHARS long (at least the first word, cut)."""
    words = title.split()
    marker = words[0][:MARKER_CHARS]
    for word in words[1:]:
        if len(marker) + 1 + len(word) > MARKER_CHARS:
            break
        marker += " " + word
    return marker


def write_bare_app(directory: Path) -> Path:
    path = directory / "bare_app.py"
    path.write_text(BARE_APP_SOURCE, encoding="utf-8")
    return path


def make_targets(bare_app: Path, library: Path, baseline: Path | None = None) -> list[Target]:
    marker = title_marker(first_title(sys.executable, REPO_ROOT, library))
    targets = [
        Target("bare", [sys.executable, str(bare_app)], BARE_MARKER, bare_app.parent),
        Target("newsreader", [sys.executable, "-m", "tui", "--library", str(library)], marker, REPO_ROOT),
    ]
    if baseline is not None:
        python = str(baseline / ".venv" / "bin" / "python")
        targets.append(Target("baseline", [python, "-m", "tui", "--library", str(library)], marker, baseline))
    return targets


def run_benchmark(targets: list[Target], runs: int, progress: bool, warmup: int = 1) -> dict[str, Summary]:
    summaries = {target.name: Summary(target.name) for target in targets}
    for _ in range(warmup):
        for target in targets:
            result = time_first_paint(target, stay=WARMUP_STAY_S)
            shown = "FAILED" if result.seconds is None else f"{result.seconds * 1000:7.1f} ms"
            report_progress(progress, f"{target.name:<11} warm-up: {shown} (not counted)")
    for round_index in range(runs):
        order = targets if round_index % 2 == 0 else list(reversed(targets))  # ABBA
        for target in order:
            result = time_first_paint(target)
            summary = summaries[target.name]
            if result.seconds is None:
                summary.failures.append(f"run {round_index + 1}: {result.error}")
                report_progress(progress, f"{target.name:<11} run {round_index + 1:>3}: FAILED {result.error}")
            else:
                summary.times_ms.append(result.seconds * 1000)
                if result.cpu_seconds is not None:
                    summary.cpu_ms.append(result.cpu_seconds * 1000)
                report_progress(progress, f"{target.name:<11} run {round_index + 1:>3}: {result.seconds * 1000:7.1f} ms")
    return summaries


def report_progress(enabled: bool, line: str) -> None:
    if enabled:
        print(line, file=sys.stderr, flush=True)


def ratio_of_medians(summaries: dict[str, Summary], name: str = "newsreader") -> float | None:
    bare = summaries["bare"].stats()["median_ms"]
    app = summaries[name].stats()["median_ms"]
    if not bare or app is None:
        return None
    return app / bare


def print_table(summaries: dict[str, Summary], library: str, runs: int, marker: str) -> None:
    print(f"First useful paint in a {COLUMNS}x{LINES} pty, {runs} run(s) each, library: {library}")
    print(f"markers: newsreader {marker!r}, bare {BARE_MARKER!r}")
    print(f"python: {sys.executable}")
    print()
    header = f"{'app':<11} {'ok':>4} {'min ms':>8} {'median ms':>10} {'p90 ms':>8} {'max ms':>8} {'cpu ms':>7}"
    print(header)
    print("-" * len(header))
    for summary in summaries.values():
        stats = summary.stats()
        cells = [format_ms(stats[key]) for key in ("min_ms", "median_ms", "p90_ms", "max_ms")]
        cpu = format_ms(statistics.median(summary.cpu_ms) if summary.cpu_ms else None)
        print(f"{summary.name:<11} {stats['runs']:>4} {cells[0]:>8} {cells[1]:>10} {cells[2]:>8} {cells[3]:>8} {cpu:>7}")
    ratio = ratio_of_medians(summaries)
    print()
    print(f"median ratio newsreader/bare: {ratio:.2f}x" if ratio else "median ratio newsreader/bare: n/a")
    if "baseline" in summaries and (ratio := ratio_of_medians(summaries, "baseline")):
        print(f"median ratio baseline/bare:   {ratio:.2f}x")
    for summary in summaries.values():
        for failure in summary.failures:
            print(f"FAILED {summary.name} {failure}")


def format_ms(value: float | int | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def json_report(summaries: dict[str, Summary], library: str, runs: int, marker: str) -> dict[str, object]:
    report: dict[str, object] = {
        "terminal": {"columns": COLUMNS, "lines": LINES, "term": "xterm-256color"},
        "python": sys.executable,
        "library": library,
        "runs_per_app": runs,
        "bytecode_cache": str(PYCACHE),
        "apps": {
            name: {
                **{key: round(value, 2) if isinstance(value, float) else value for key, value in summary.stats().items()},
                "times_ms": [round(t, 2) for t in summary.times_ms],
                "cpu_median_ms": round(statistics.median(summary.cpu_ms), 1) if summary.cpu_ms else None,
                "failures": summary.failures,
            }
            for name, summary in summaries.items()
        },
        "median_ratio_newsreader_over_bare": ratio_of_medians(summaries),
        "markers": {"newsreader": marker, "bare": BARE_MARKER},
    }
    if "baseline" in summaries:
        report["median_ratio_baseline_over_bare"] = ratio_of_medians(summaries, "baseline")
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="library directory (default: a fresh seed library in a temp dir)")
    parser.add_argument("--runs", type=int, default=15, help="runs per app (default 15)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs per app first (default 1)")
    parser.add_argument("--baseline-repo", type=Path, help="also time `python -m tui` from this checkout (its .venv)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.library is not None and not args.library.is_dir():
        parser.error(f"--library {args.library} is not a directory")
    if args.baseline_repo is not None and not (args.baseline_repo / ".venv" / "bin" / "python").exists():
        parser.error(f"--baseline-repo {args.baseline_repo} has no .venv/bin/python")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="first-paint-") as temp:
        temp_dir = Path(temp)
        library = args.library.resolve() if args.library else build_seed_library(temp_dir)
        baseline = args.baseline_repo.resolve() if args.baseline_repo else None
        targets = make_targets(write_bare_app(temp_dir), library, baseline)
        summaries = run_benchmark(targets, args.runs, progress=not args.json, warmup=args.warmup)
    label = str(library) if args.library else "temporary seed library"
    if args.json:
        print(json.dumps(json_report(summaries, label, args.runs, targets[1].marker), indent=2))
    else:
        print_table(summaries, label, args.runs, targets[1].marker)
    failed = any(summary.failures for summary in summaries.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
