"""Run one benchmark phase as a child process: wall time, peak RSS, output.

Shared by tests/bench/scale.py's phases. Every phase runs in a process of its
own so one phase's memory and caches never colour the next one's numbers.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ChildRun:
    """What one child process cost and printed."""

    seconds: float
    rss_mb: float  # peak RSS of the largest process in the child's tree (wait4's ru_maxrss)
    cpu_s: float  # user + system CPU of the child and every descendant it waited for
    stdout: str
    stderr: str
    code: int


class PhaseFailed(RuntimeError):
    """A child exited non-zero; the message carries the end of its stderr."""


def run_child(args: list[str], *, check: bool = True, cwd: Path = ROOT, env: dict[str, str] | None = None) -> ChildRun:
    """Run a process to its end; time it and read its peak RSS."""
    # Output goes to files, not pipes: a child writing more than a pipe
    # holds would block while we wait for it.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out_file, stderr=err_file, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_file.seek(0)
        err_file.seek(0)
        run = ChildRun(
            elapsed,
            usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime,
            out_file.read().decode(),
            err_file.read().decode(),
            proc.returncode,
        )
    if check and run.code != 0:
        raise PhaseFailed(f"{' '.join(str(a) for a in args[:5])}… exited {run.code}: {run.stderr.strip()[-500:]}")
    return run


def directory_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
