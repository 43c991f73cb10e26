"""A bulk add streams: each article goes to the writer as it is read, stories
are grouped a batch at a time, and Whoosh's sub-writers come from a fork
server. The library it makes must be the one an add of one article at a
time makes; Ctrl-C, crashes and failing sub-writers behave as before."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from index import Library
from index.ingest import read_articles
from index.library import adding, subwriters
from index.library.forkserver import ForkServer
from index.library.subwriters import SubWriterFailed

from .conftest import ROOT, SHARED_DATA, interrupt_nth_document, make_articles

SEED_COUNT = 5
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
BBC = SHARED_DATA / "bbc"


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def small_bulk(monkeypatch):
    """The bulk path at a size a test can afford: several commits, several story batches."""
    monkeypatch.setattr(adding, "MULTIPROCESS_THRESHOLD", 10)
    monkeypatch.setattr(adding, "BULK_CHUNK_SIZE", 9)
    monkeypatch.setattr(adding, "STORY_BATCH", 4)


def _corpus(directory: Path) -> Path:
    """BBC articles with a repeat of one (a duplicate), the same page twice in
    one add, and a near copy: every kind of skip and pairing."""
    files = sorted((BBC / "politics").glob("*.txt"))[:14] + sorted((BBC / "business").glob("*.txt"))[:10]
    directory.mkdir(parents=True)
    for number, path in enumerate(files):
        shutil.copy(path, directory / f"a{number:03d}.txt")
    shutil.copy(files[3], directory / "z-again.txt")
    text = files[5].read_text(encoding="utf-8", errors="replace")
    (directory / "z-near.txt").write_text(text + "\nAdditional reporting by staff.\n", encoding="utf-8")
    return directory


def _contents(library_dir: Path) -> dict:
    """Everything an add writes: each document's stored fields, the stories,
    and every row of the side stores (stories, names, near copies)."""
    from whoosh.index import open_dir

    ix = open_dir(str(library_dir / "index"))
    with ix.searcher() as searcher:
        documents = {fields["id"]: fields for fields in searcher.all_stored_fields()}
    ix.close()
    found: dict = {"documents": documents, "stories.json": json.loads((library_dir / "stories.json").read_text())}
    for path in sorted(library_dir.glob("*.sqlite3")):
        if path.name.startswith("state"):
            continue  # read marks and the time each article was added
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                if table == "meta":
                    continue  # the index generation the rows were synced at: one per commit
                found[f"{path.name}:{table}"] = sorted(map(repr, connection.execute(f"SELECT * FROM {table}")))
        finally:
            connection.close()
    return found


def test_a_streamed_bulk_add_makes_the_library_one_at_a_time_makes(tmp_path, library_dir, small_bulk):
    corpus = _corpus(tmp_path / "in")
    one_by_one = tmp_path / "one-by-one"
    shutil.copytree(library_dir, one_by_one)
    single = Library.open(one_by_one)
    skipped_single = []
    try:
        for item in read_articles([corpus]):
            if not hasattr(item, "reason"):
                skipped_single += [f.path for f in single.add_articles([item]).skipped]
    finally:
        single.close()
    bulk = Library.open(library_dir)
    try:
        report = bulk.add_paths([corpus], expected=26)
    finally:
        bulk.close()
    assert len(report.added) == 25 and not report.failed
    assert sorted(f.path for f in report.skipped) == sorted(skipped_single) == [str(corpus / "z-again.txt")]
    ours, theirs = _contents(library_dir), _contents(one_by_one)
    assert ours.keys() == theirs.keys()
    for key in ours:
        assert ours[key] == theirs[key], key
    assert len(ours["documents"]) == SEED_COUNT + 25


def test_a_bulk_add_of_articles_in_hand_gives_the_same_skips(library, small_bulk, tmp_path):
    """add_articles itself (no reader processes): a clash of ids within the
    add and a repeat of its own text are settled as one at a time would."""
    make_articles(tmp_path / "in", 20, prefix="own")
    articles = [a for a in read_articles([tmp_path / "in"]) if not hasattr(a, "reason")]
    again = [a for a in read_articles([tmp_path / "in" / "own-00002.txt"]) if not hasattr(a, "reason")]
    report = library.add_articles(articles + again, expected=21)
    assert len(report.added) == 20 and len(report.skipped) == 1
    assert library.count() == SEED_COUNT + 20 and library.ungrouped() == 0


def _interrupted_after(articles: list, count: int):
    yield from articles[:count]
    raise KeyboardInterrupt


def test_ctrl_c_in_a_bulk_add_keeps_what_was_read(library_dir, tmp_path, small_bulk):
    make_articles(tmp_path / "in", 24, prefix="cut")
    articles = [a for a in read_articles([tmp_path / "in"]) if not hasattr(a, "reason")]
    library = Library.open(library_dir)
    try:
        # Past one commit (9) and into a second chunk's story batches.
        report = library.add_articles(_interrupted_after(articles, 14), expected=24)
    finally:
        library.close()
    assert report.interrupted and len(report.added) == 14
    library = Library.open(library_dir)
    try:
        assert library.count() == SEED_COUNT + 14
        assert library.ungrouped() == 0
        again = library.add_articles([a for a in read_articles([tmp_path / "in"]) if not hasattr(a, "reason")])
        assert (len(again.added), len(again.skipped), again.interrupted) == (10, 14, False)
    finally:
        library.close()


def test_ctrl_c_while_a_bulk_add_writes_keeps_the_article_in_hand(library, tmp_path, small_bulk, monkeypatch):
    make_articles(tmp_path / "in", 12, prefix="mid")
    articles = [a for a in read_articles([tmp_path / "in"]) if not hasattr(a, "reason")]
    interrupt_nth_document(monkeypatch, 3)
    report = library.add_articles(iter(articles), expected=12)
    assert report.interrupted and len(report.added) == 3  # the third, in hand, is kept
    assert library.count() == SEED_COUNT + 3 and library.ungrouped() == 0


def test_the_first_ctrl_c_stops_reading_and_the_add_commits(library, tmp_path, small_bulk):
    make_articles(tmp_path / "in", 20, prefix="sig")
    articles = [a for a in read_articles([tmp_path / "in"]) if not hasattr(a, "reason")]
    told = []

    def drawn():
        for number, article in enumerate(articles):
            if number == 12:
                os.kill(os.getpid(), signal.SIGINT)  # handled: a request to stop
            yield article

    report = library.add_articles(drawn(), expected=20, on_stop=lambda: told.append(True))
    assert told == [True] and report.interrupted and len(report.added) == 13
    assert library.count() == SEED_COUNT + 13


# -- the fork server ------------------------------------------------------------------

ORPHANING_PARENT = textwrap.dedent(
    """
    import os, signal, sys, time
    from index.library.forkserver import ForkServer

    def sleeper():
        time.sleep(300)
        return 0

    server = ForkServer()
    child = server.start(sleeper, (), [])
    print(server.pid, child, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes through /proc")
def test_the_fork_server_and_its_children_do_not_outlive_the_add(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(ORPHANING_PARENT)
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=ENV, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    server, child = map(int, result.stdout.split())
    try:
        assert _wait(lambda: not _alive(server) and not _alive(child), 5), "the fork server outlived its parent"
    finally:
        for pid in (server, child):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_fork_server_ends_when_closed_and_runs_no_main_script(tmp_path):
    marker = tmp_path / "ran"
    script = tmp_path / "main_script.py"
    script.write_text(textwrap.dedent(
        f"""
        from pathlib import Path
        Path({str(marker)!r}).open("a").write("ran\\n")  # each run of this script leaves a line
        from index.library.forkserver import ForkServer
        from index.library.subwriters import run_subwriter  # noqa: F401 (as an add imports it)
        if __name__ == "__main__":
            server = ForkServer()
            server.start(int, (), [])  # a child that returns int(): exit code 0
            server.close()
            print(server.pid, flush=True)
        """
    ))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=ENV, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not _alive(int(result.stdout))
    assert marker.read_text() == "ran\n"  # once: neither the server nor its child ran the script again


def _failing_job(writer, filename, count):
    raise ValueError("disk on fire")


def _dying_job(writer, filename, count):
    os._exit(3)


@pytest.mark.parametrize("job", [_failing_job, _dying_job], ids=["raises", "dies"])
def test_a_failing_sub_writer_is_an_error_not_a_hang(library, tmp_path, small_bulk, monkeypatch, job):
    make_articles(tmp_path / "in", 30, prefix="fail")
    # The sub-writers are forked (through the server) from this process: they see the patch.
    monkeypatch.setattr(subwriters, "_index_job_file", job)
    monkeypatch.setattr(subwriters.ServedMpWriter, "__init__", _small_batches(subwriters.ServedMpWriter.__init__))
    outcome: list = []

    def add() -> None:
        try:
            outcome.append(library.add_paths([tmp_path / "in"], expected=30))
        except BaseException as error:  # noqa: BLE001 (the test reads it)
            outcome.append(error)

    thread = threading.Thread(target=add, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the add hung on a failed sub-writer"
    assert isinstance(outcome[0], SubWriterFailed), outcome
    assert library.count() == SEED_COUNT  # nothing of the failed chunk
    assert library.add_articles([]).added == []  # the lock was released


def _small_batches(real):
    def init(self, *args, **kwargs):
        real(self, *args, **kwargs)
        self.batchsize = 2  # job files from the first documents on

    return init


def test_a_server_that_is_closed_refuses_to_start():
    server = ForkServer()
    server.close()
    assert not server.alive
    with pytest.raises(RuntimeError):
        server.start(int, (), [])


def _children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid and _alive(int(entry.name)):
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches processes through /proc")
def test_a_bulk_add_from_a_thread_as_the_app_runs_it(library, tmp_path, small_bulk):
    """The app adds from a worker thread: the fork server is forked there,
    and is gone, with its children, when the add returns."""
    make_articles(tmp_path / "in", 20, prefix="app")
    before = _children_of(os.getpid())
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(library.add_paths([tmp_path / "in"], expected=20)))
    thread.start()
    thread.join(120)
    assert not thread.is_alive() and len(outcome[0].added) == 20
    assert library.count() == SEED_COUNT + 20 and library.ungrouped() == 0
    assert _wait(lambda: _children_of(os.getpid()) <= before, 5)
