"""Run one benchmark phase as a child process: wall time, peak RSS, output.

Shared by tests/bench/scale.py's phases and tests/bench/ingest_tree.py. Every
phase runs in a process of its own so one phase's memory and caches never
colour the next one's numbers.

CPU and peak RSS cover the child's whole process tree, sampled through /proc
(`proc_tree`): a bulk add's sub-writers are forked by a fork server, not by
the add, and wait4 alone cannot tell which process was the largest.

Bytecode: children run with PYTHONPYCACHEPREFIX set to BENCH_PYCACHE and
without PYTHONDONTWRITEBYTECODE (this machine sets it), so compiled modules
are cached as on any installed system, not compiled again by every run, and
no checkout gets a __pycache__ written into it (as first_paint.py does).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from proc_tree import TreeSampler, TreeUsage, available

ROOT = Path(__file__).resolve().parents[2]
BENCH_PYCACHE = Path(tempfile.gettempdir()) / "bench-pycache"
"""Compiled modules of every child run (PYTHONPYCACHEPREFIX), kept between runs."""


@dataclass(frozen=True)
class ChildRun:
    """What one child process cost and printed."""

    seconds: float
    rss_mb: float  # peak RSS of the largest process in the child's tree (/proc's VmHWM, or wait4's)
    cpu_s: float  # user + system CPU of the child's whole tree
    stdout: str
    stderr: str
    code: int
    tree: TreeUsage | None = None
    """Each process of the tree as sampled (None without /proc)."""


class PhaseFailed(RuntimeError):
    """A child exited non-zero; the message carries the end of its stderr."""


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child run: bytecode cached (see the module's note)."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BENCH_PYCACHE)
    return env


def run_child(args: list[str], *, check: bool = True, cwd: Path = ROOT, env: dict[str, str] | None = None) -> ChildRun:
    """Run a process to its end; time it and read its tree's CPU and peak RSS."""
    # Output goes to files, not pipes: a child writing more than a pipe
    # holds would block while we wait for it.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out_file, stderr=err_file, cwd=cwd, env=child_env(env))
        sampler = TreeSampler(proc.pid).start() if available() else None
        try:
            # The child is reaped only after the sampler's last look at it:
            # a process's numbers vanish from /proc when it is reaped.
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        finally:
            tree = sampler.stop() if sampler is not None else None
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out_file.seek(0)
        err_file.seek(0)
        # wait4 counts every descendant reaped down the line (the fork server
        # reaps its children); the samples miss a process's last moments.
        waited_cpu = usage.ru_utime + usage.ru_stime
        run = ChildRun(
            elapsed,
            max(usage.ru_maxrss / 1024, tree.peak_rss_mb if tree else 0.0),
            max(waited_cpu, tree.cpu_s if tree else 0.0),
            out_file.read().decode(),
            err_file.read().decode(),
            proc.returncode,
            tree,
        )
    if check and run.code != 0:
        raise PhaseFailed(f"{' '.join(str(a) for a in args[:5])}… exited {run.code}: {run.stderr.strip()[-500:]}")
    return run


def directory_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
