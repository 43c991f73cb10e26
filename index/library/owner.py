"""Who holds the write lock: a record beside it, so that a lock kept by the
orphaned children of a dead writer is recognised and taken over safely.

The record names the owner process and its worker processes, each with its
start time (Linux `/proc`), so a pid reused by an unrelated process is never
mistaken for ours. Nothing is killed unless the owner is verifiably dead and
the child is verifiably the very process the owner started.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REAP_WAIT_SECONDS = 3.0


@dataclass(frozen=True)
class ProcessId:
    pid: int
    start: int | None
    """Start time in clock ticks since boot; None where /proc is missing."""


@dataclass
class LockOwner:
    host: str
    process: ProcessId
    children: list[ProcessId] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> LockOwner:
        return cls(
            host=str(data["host"]),
            process=ProcessId(int(data["process"]["pid"]), _optional_int(data["process"]["start"])),
            children=[ProcessId(int(c["pid"]), _optional_int(c["start"])) for c in data["children"]],
        )


def _optional_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


# -- processes ------------------------------------------------------------------


def _proc_stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) from /proc, or None if there is no such process."""
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after it.
    fields = data[data.rindex(")") + 2 :].split()
    return int(fields[1]), int(fields[19])


def _have_proc() -> bool:
    return Path(f"/proc/{os.getpid()}/stat").exists()


def identify(pid: int) -> ProcessId:
    stat = _proc_stat(pid)
    return ProcessId(pid, stat[1] if stat else None)


def is_running(process: ProcessId) -> bool:
    """True if this very process (not a later one with its pid) is alive."""
    if process.start is not None and _have_proc():
        stat = _proc_stat(process.pid)
        return stat is not None and stat[1] == process.start
    try:
        os.kill(process.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def this_process(children: list[int]) -> LockOwner:
    return LockOwner(socket.gethostname(), identify(os.getpid()), [identify(pid) for pid in children])


# -- the record -------------------------------------------------------------------


def write_record(path: Path, owner: LockOwner) -> None:
    """Replace the record in one rename. Best effort: without a record the
    lock still works, only a stale one cannot be taken over."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".owner-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(owner.to_json(), file)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass


def read_record(path: Path) -> LockOwner | None:
    try:
        return LockOwner.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record, or a torn one: nothing can be verified


def clear_record(path: Path) -> None:
    """Remove the record if it is this process's."""
    owner = read_record(path)
    if owner is not None and owner.process.pid == os.getpid():
        try:
            path.unlink()
        except OSError:
            pass


def reap_stale(path: Path) -> bool:
    """If the recorded owner is dead, kill its leftover children (only those
    verifiably the processes it started, now orphaned) and return True: the
    lock should be free again. False when the owner lives or is unknown."""
    owner = read_record(path)
    if owner is None or owner.host != socket.gethostname() or not _have_proc():
        return False
    if owner.process.start is None or is_running(owner.process):
        return False
    leftovers = [child for child in owner.children if child.start is not None and _orphan_of(child, owner)]
    for child in leftovers:
        try:
            os.kill(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + REAP_WAIT_SECONDS
    while any(is_running(child) for child in leftovers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return True


def _orphan_of(child: ProcessId, owner: LockOwner) -> bool:
    """The same process the owner started (same pid and start time), whose
    parent is no longer the owner: re-parented to init or a subreaper."""
    stat = _proc_stat(child.pid)
    return stat is not None and stat[1] == child.start and stat[0] != owner.process.pid
