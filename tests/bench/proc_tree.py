"""Sample a process tree through /proc: every descendant's CPU and peak RSS.

`os.wait4` reports only the processes a parent waited for, and its RSS is
one number for all of them. A bulk add's sub-writers are children of a fork
server, not of the add, so the add's own rusage cannot say which process was
the largest. This samples every process of the tree (found by parent pid)
every INTERVAL seconds: the last CPU time seen of each, and its VmHWM (the
kernel's own high-water mark of its RSS, so a peak between samples is still
seen, as long as the process is sampled once before it exits).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 0.1
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROC = Path("/proc")


@dataclass
class Seen:
    """One process of the tree, as last sampled."""

    name: str
    cpu_s: float = 0.0
    peak_rss_mb: float = 0.0


@dataclass
class TreeUsage:
    processes: dict[int, Seen] = field(default_factory=dict)

    @property
    def cpu_s(self) -> float:
        return sum(seen.cpu_s for seen in self.processes.values())

    @property
    def peak_rss_mb(self) -> float:
        return max((seen.peak_rss_mb for seen in self.processes.values()), default=0.0)

    def largest(self) -> tuple[int, Seen] | None:
        if not self.processes:
            return None
        return max(self.processes.items(), key=lambda item: item[1].peak_rss_mb)


def available() -> bool:
    return (PROC / "self" / "stat").exists()


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(name, parent pid, user + system CPU seconds) of a live process."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    if fields[0] == "Z":
        return None  # a zombie: its numbers are gone
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class TreeSampler:
    """Samples the tree of `root` from a thread until `stop()`."""

    def __init__(self, root: int, interval: float = INTERVAL) -> None:
        self.root = root
        self.interval = interval
        self.usage = TreeUsage()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> TreeUsage:
        self._stopping.set()
        self._thread.join()
        return self.usage

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stopping.wait(self.interval):
                return

    def sample(self) -> None:
        stats: dict[int, tuple[str, int, float]] = {}
        for entry in PROC.iterdir():
            if entry.name.isdigit():
                stat = _stat(int(entry.name))
                if stat is not None:
                    stats[int(entry.name)] = stat
        tree = {self.root} if self.root in stats else set()
        grew = True
        while grew:  # every process whose parent is in the tree
            found = {pid for pid, (_, parent, _) in stats.items() if parent in tree and pid not in tree}
            tree |= found
            grew = bool(found)
        for pid in tree:
            name, _, cpu = stats[pid]
            seen = self.usage.processes.setdefault(pid, Seen(name))
            seen.cpu_s = max(seen.cpu_s, cpu)
            seen.peak_rss_mb = max(seen.peak_rss_mb, _peak_rss_mb(pid))
