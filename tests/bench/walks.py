"""Whole-library commands against a baseline, in the same run: seconds to
the first byte of output, seconds in all and peak RSS of each command.

    python tests/bench/walks.py LIBRARY --base /work/wt-base/.venv/bin/newsreader \\
        [--runs 3] [--command "list --json" --command "list" --command check]

Runs this checkout's `newsreader` (the one beside this Python) and the
baseline alternately, quotes medians, and checks that both print the same
(`check` prints its own timing, so only its first line's start is compared).
Run by hand; not collected by pytest. Commands should only read the library
(the same library is used by both).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_COMMANDS = ("list --json", "list", "check")


@dataclass
class Run:
    first_byte: float
    seconds: float
    peak_mb: float
    digest: str


def run(program: str, command: str, library: Path) -> Run:
    args = [program, *shlex.split(command), "--library", str(library)]
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    first = process.stdout.read(1)
    first_byte = time.perf_counter() - started
    digest = hashlib.sha256(first)
    while chunk := process.stdout.read(1 << 16):
        digest.update(chunk if not command.startswith("check") else b"")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        print(f"  {command!r} exited with status {status}", file=sys.stderr)
    return Run(first_byte, seconds, usage.ru_maxrss / 1024, digest.hexdigest()[:12])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library", type=Path)
    parser.add_argument("--base", required=True, help="the baseline's newsreader program")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", action="append", help="a newsreader command (repeatable)")
    args = parser.parse_args()
    this = str(Path(sys.executable).with_name("newsreader"))
    programs = {"this": this, "base": args.base}
    for command in args.command or DEFAULT_COMMANDS:
        runs: dict[str, list[Run]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, program in programs.items():
                runs[name].append(run(program, command, args.library))
        print(f"{command}:")
        for name, done in runs.items():
            print(
                f"  {name}: first byte {statistics.median(r.first_byte for r in done):6.2f} s, "
                f"all {statistics.median(r.seconds for r in done):6.2f} s, "
                f"peak {statistics.median(r.peak_mb for r in done):6.0f} MB  (output {done[0].digest})"
            )
        this_s = statistics.median(r.seconds for r in runs["this"])
        base_s = statistics.median(r.seconds for r in runs["base"])
        same = runs["this"][0].digest == runs["base"][0].digest
        print(f"  this/base: {this_s / base_s:.2f}x time; output {'same' if same else 'DIFFERS'}")


if __name__ == "__main__":
    main()
