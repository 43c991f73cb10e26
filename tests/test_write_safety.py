"""The write path under stress: kill -9 of a large add, stale locks, Ctrl-C,
read-only libraries and failing writes. Nothing a library holds is lost."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import Library
from index.errors import LibraryBusy, LibraryReadOnly, LibraryWriteError
from index.ingest import read_articles
from index.library import adding
from index.library import locking as locking_module
from index.library import owner as owners
from tui.cli import main

from .conftest import ROOT, SEED_IDS, file_id, interrupt_nth_document, make_articles, stem_ids, write_article

SEED_COUNT = 5
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _children(pid: int) -> set[int]:
    """Every live descendant of `pid` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie is dead, only not yet reaped


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _articles(directory: Path, count: int, prefix: str) -> list:
    make_articles(directory, count, prefix=prefix)
    return [a for a in read_articles([directory]) if not hasattr(a, "reason")]


# -- kill -9 of a large add ---------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """Enough files for the large-add path: worker processes, bulk chunks."""
    directory = tmp_path_factory.mktemp("many")
    make_articles(directory, adding.MULTIPROCESS_THRESHOLD + 100, prefix="bulk")
    return directory


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to watch the worker processes")
def test_killing_a_large_add_leaves_no_orphans_and_no_lock(library_dir, tmp_path, many):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "add", str(many), "--library", str(library_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
    )
    workers: set[int] = set()
    try:
        # Two readers/analysers, the fork server, and its sub-writers (descendants all).
        assert _wait(lambda: len(_children(proc.pid)) >= 4, 120), "the large add never started its writers"
        workers = _children(proc.pid)
        proc.kill()
        proc.wait()
        assert _wait(lambda: not any(_alive(pid) for pid in workers), 5), "worker processes outlived the add"
    finally:
        proc.kill()
        for pid in workers:  # on failure, leave no strays behind the test
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    write_article(tmp_path / "one", "late.txt", "A late headline", "Added after the kill.")
    lib = Library.open(library_dir)
    try:
        started = time.monotonic()
        report = lib.add_paths([tmp_path / "one"])
        assert time.monotonic() - started < 5
        assert report.added == [file_id(tmp_path / "one" / "late.txt")]
        summaries = lib.summaries()
        assert len(summaries) == lib.count() >= SEED_COUNT + 1
        for summary in summaries:
            assert lib.get(summary.id).title == summary.title
    finally:
        lib.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to watch the worker processes")
def test_ctrl_c_during_a_large_add_commits_what_was_read(library_dir, many):
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "add", str(many), "--library", str(library_dir), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )
    assert _wait(lambda: len(_children(proc.pid)) >= 2, 60), "the large add never started its readers"
    time.sleep(1.5)  # some articles read and analysed, none committed yet
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGINT)  # a terminal sends it to the workers too
    for pid in workers:
        os.kill(pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    report = json.loads(out)
    # Reading may finish before the signal lands (a fast machine): the Ctrl-C then
    # meets the last commit, which completes. Either way what was read is kept.
    total = adding.MULTIPROCESS_THRESHOLD + 100
    assert report["added"] and (report["interrupted"] or len(report["added"]) == total), err
    assert _wait(lambda: not any(_alive(pid) for pid in workers), 5)
    lib = Library.open(library_dir)
    try:
        assert lib.count() == SEED_COUNT + len(report["added"])
        assert lib.ungrouped() == 0
    finally:
        lib.close()


# -- a stale lock --------------------------------------------------------------------

ORPHANING_LOCK_HOLDER = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from index import Library
    from index.library import locking, owner
    lib = Library.open(Path(sys.argv[1]))
    lock = locking.acquire(lib._ix, lib.directory)
    child = os.fork()      # a worker of an older version: keeps the lock's descriptor
    if child == 0:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 1)  # let the test read the parent's output to its end
        os.dup2(devnull, 2)
        time.sleep(300)
        os._exit(0)
    owner.write_record(lock.record, owner.this_process([child]))
    print(child, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _orphan_holding_the_lock(library_dir: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", ORPHANING_LOCK_HOLDER, str(library_dir)],
        capture_output=True, text=True, env=ENV, timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    return int(result.stdout)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="ownership is verified through /proc")
def test_a_lock_kept_by_a_dead_writers_orphan_is_taken_over_at_once(library, tmp_path):
    orphan = _orphan_holding_the_lock(library.directory)
    try:
        assert _alive(orphan)
        assert not library._ix.lock("WRITELOCK").acquire()  # the orphan keeps it
        write_article(tmp_path, "next.txt", "The next headline", "Added despite the orphan.")
        started = time.monotonic()
        report = library.add_paths([tmp_path])
        assert time.monotonic() - started < 5  # not the 20 s wait
        assert report.added == [file_id(tmp_path / "next.txt")]
        assert _wait(lambda: not _alive(orphan), 5)
        assert not (library.directory / "index" / "MAIN_WRITELOCK.owner").exists()
    finally:
        if _alive(orphan):
            os.kill(orphan, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="ownership is verified through /proc")
def test_a_process_is_killed_only_if_verifiably_the_dead_owners(tmp_path):
    record = tmp_path / "MAIN_WRITELOCK.owner"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_id = owners.identify(dead.pid)
    dead.wait()
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        real = owners.identify(bystander.pid)
        # The same pid, started at another time: a reused pid, not the worker.
        reused = owners.ProcessId(real.pid, (real.start or 0) + 1)
        owners.write_record(record, owners.LockOwner(owners.this_process([]).host, dead_id, [reused]))
        assert owners.reap_stale(record)  # the owner is dead...
        assert bystander.poll() is None  # ...but the stranger survives
        # A live owner: nothing is touched.
        owners.write_record(record, owners.this_process([bystander.pid]))
        assert not owners.reap_stale(record)
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def test_a_live_writer_is_waited_for_not_taken_over(library, monkeypatch, tmp_path):
    monkeypatch.setattr(locking_module, "LOCK_WAIT_SECONDS", 0.5)
    holder = locking_module.acquire(library._ix, library.directory)
    try:
        assert owners.read_record(holder.record).process.pid == os.getpid()
        write_article(tmp_path, "late.txt", "Late headline", "Late body.")
        with pytest.raises(LibraryBusy):
            library.add_paths([tmp_path])
    finally:
        holder.release()
    assert not holder.record.exists()
    assert library.add_paths([tmp_path]).added == [file_id(tmp_path / "late.txt")]


# -- Ctrl-C --------------------------------------------------------------------------


def _interrupted_after(articles: list, count: int) -> Iterator:
    yield from articles[:count]
    raise KeyboardInterrupt


def test_ctrl_c_while_reading_commits_what_was_read(library_dir, tmp_path):
    articles = _articles(tmp_path / "in", 10, "cut")
    library = Library.open(library_dir)
    report = library.add_articles(_interrupted_after(articles, 4), expected=10)
    library.close()
    assert report.interrupted and len(report.added) == 4
    library = Library.open(library_dir)
    try:
        assert library.count() == SEED_COUNT + 4
        assert library.ungrouped() == 0  # their stories were kept too
        again = library.add_articles(_articles(tmp_path / "in", 10, "cut"))
        assert (len(again.added), len(again.skipped), again.interrupted) == (6, 4, False)
    finally:
        library.close()


def test_ctrl_c_after_a_chunk_keeps_that_chunk(library, tmp_path, monkeypatch):
    monkeypatch.setattr(adding, "CHUNK_SIZE", 5)
    make_articles(tmp_path / "in", 12, prefix="chunk")

    read: list[int] = []

    def progress(done: int) -> None:  # told of each file as it is read
        read.append(done)
        if len(read) == 6:  # the first chunk of 5 is committed by then
            raise KeyboardInterrupt

    report = library.add_paths([tmp_path / "in"], progress=progress)
    assert report.interrupted and len(report.added) == 5
    assert library.count() == SEED_COUNT + 5


def test_ctrl_c_while_writing_commits_the_chunk(library, tmp_path, monkeypatch):
    articles = _articles(tmp_path / "in", 6, "mid")
    interrupt_nth_document(monkeypatch, 3)
    report = library.add_articles(articles)
    assert report.interrupted and len(report.added) == 6
    assert library.count() == SEED_COUNT + 6
    assert library.add_articles(articles[:1]).skipped  # the lock was released


def test_the_report_says_it_was_interrupted():
    report = adding.AddReport(added=["a"], interrupted=True)
    assert report.to_json()["interrupted"] is True


# -- read-only libraries and failing writes ---------------------------------------


def _stamps(directory: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in directory.rglob("*")}


def test_a_read_only_library_reads_and_refuses_writes_in_one_line(library, tmp_path, monkeypatch):
    monkeypatch.setattr(locking_module, "library_writable", lambda directory: False)
    before = _stamps(library.directory)
    assert library.read_only
    assert library.count() == SEED_COUNT and len(library.summaries()) == SEED_COUNT
    assert len(library.stories().stories) == 1
    assert library.group_ungrouped() == 0
    write_article(tmp_path / "in", "new.txt", "New headline", "New body.")
    for attempt in (
        lambda: library.add_paths([tmp_path / "in"]),
        lambda: library.remove(SEED_IDS[4]),
        lambda: library.remove([SEED_IDS[4][:4]]),
        lambda: library.change_stories(lambda store: None),
    ):
        with pytest.raises(LibraryReadOnly, match=r"^library .* is read-only; ") as caught:
            attempt()
        assert "\n" not in str(caught.value)
    assert _stamps(library.directory) == before


def test_the_cli_says_read_only_in_one_line(library_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(locking_module, "library_writable", lambda directory: False)
    write_article(tmp_path / "in", "new.txt", "New headline", "New body.")
    for args in (["add", str(tmp_path / "in")], ["remove", SEED_IDS[4]]):
        code = main(["--library", str(library_dir), *args])
        err = capsys.readouterr().err
        assert code != 0
        assert err.count("\n") == 1 and "is read-only" in err and "Traceback" not in err


def _can_mount_read_only(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount --bind -o ro {probe} {probe} && ! touch {probe}/x"],
        capture_output=True,
    )
    return result.returncode == 0


def test_a_really_read_only_mount(library_dir, tmp_path):
    if not _can_mount_read_only(tmp_path):
        pytest.skip("needs a private read-only bind mount (unshare -m as root)")
    write_article(tmp_path / "in", "new.txt", "New headline", "New body.")
    base = [sys.executable, "-m", "tui", "--library", str(library_dir)]
    script = (
        f"mount --bind -o ro {library_dir} {library_dir} && "
        f"{' '.join(base)} search courageous >/dev/null && {' '.join(base)} add {tmp_path / 'in'}"
    )
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "is read-only" in result.stderr, result.stderr


def test_a_failing_write_is_one_line_and_loses_nothing(library, tmp_path, monkeypatch):
    from index.stories.store import StoryStore

    def disk_full(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    write_article(tmp_path / "in", "new.txt", "New headline", "New body.")
    with monkeypatch.context() as patch:
        patch.setattr(StoryStore, "save", disk_full)
        with pytest.raises(LibraryWriteError, match=r"^could not write to library .*No space left on device"):
            library.add_paths([tmp_path / "in"])
        with pytest.raises(LibraryWriteError):
            library.remove([SEED_IDS[4][:4]])
    assert library.count() == SEED_COUNT
    assert library.add_paths([tmp_path / "in"]).added == list(stem_ids(tmp_path / "in").values())  # the lock is free


def test_a_permission_error_while_writing_reads_as_read_only(library, tmp_path, monkeypatch):
    from index.stories.store import StoryStore

    def denied(self) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(StoryStore, "save", denied)
    with pytest.raises(LibraryReadOnly, match="is read-only"):
        library.remove([SEED_IDS[4][:4]])
    assert library.get(SEED_IDS[4]) is not None
