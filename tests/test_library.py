"""The library: creation from seeds, incremental adds, duplicates, safety."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from index import Library, LibraryBusy, LibraryError
from index.errors import AmbiguousId, ArticleNotFound
from index.library import locking as locking_module

from .conftest import COURAGEOUS_SEEDS, ROOT, SEED_IDS, SEEDS, file_id, make_articles, stem_ids, write_article


def test_new_library_is_built_from_the_seeds(tmp_path):
    lib = Library.open(tmp_path / "new", seed=True)
    try:
        assert {s.id for s in lib.summaries()} == set(SEED_IDS)
        assert lib.count() == 5
        assert not any(p.name.startswith(".index-building") for p in (tmp_path / "new").iterdir())
    finally:
        lib.close()


def test_reopening_does_not_rebuild(library_dir):
    index_dir = library_dir / "index"
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    Library.open(library_dir).close()
    after = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    assert before == after


def test_get_returns_the_full_clean_article(library):
    article = library.get(SEED_IDS[1])
    assert article.title == "Russia becomes first country to recognize Taliban regime"
    assert article.word_count > 400
    assert len(article.content_hash) == 32
    assert library.get("nope") is None


def test_add_is_incremental_and_skips_duplicates(library, tmp_path):
    paths = make_articles(tmp_path / "in", 3)
    report = library.add_paths([tmp_path / "in"])
    assert sorted(report.added) == sorted(file_id(p) for p in paths)
    assert library.count() == 8
    # The same text again, under another name, is a duplicate.
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "copy.txt").write_bytes(paths[0].read_bytes())
    report = library.add_paths([tmp_path / "again", SEEDS])
    assert report.added == []
    assert len(report.skipped) == 6
    assert all("duplicate" in f.reason for f in report.skipped)
    assert library.count() == 8


def test_same_file_name_different_text_gets_unrelated_clean_ids(library, tmp_path):
    first = write_article(tmp_path / "a", "story.txt", "First story", "Alpha text body.")
    second = write_article(tmp_path / "b", "story.txt", "Second story", "Beta text body.")
    report = library.add_paths([tmp_path / "a", tmp_path / "b"])
    assert report.added == [file_id(first), file_id(second)]
    assert all(re.fullmatch(r"[0-9a-f]{10}", i) for i in report.added)
    assert report.added[0][:4] != report.added[1][:4]
    assert library.get(report.added[1]).title == "Second story"
    assert [library.get(i).slug for i in report.added] == ["first-story", "second-story"]


def test_remove(library):
    assert library.remove(SEED_IDS[4])
    assert library.get(SEED_IDS[4]) is None
    assert library.count() == 4
    assert not library.remove(SEED_IDS[4])


def test_remove_takes_unique_prefixes_in_one_commit(library):
    generation = library._ix.latest_generation()
    assert library.remove([SEED_IDS[4][:4], SEED_IDS[3][:5], SEED_IDS[4]]) == [SEED_IDS[4], SEED_IDS[3]]
    assert library._ix.latest_generation() == generation + 1
    assert library.count() == 3
    assert all(SEED_IDS[3] not in s.articles for s in library.stories().stories.values())


@pytest.mark.parametrize(("ids", "error", "message"), [
    ([SEED_IDS[4], "nope"], ArticleNotFound, "no article with id 'nope'"),
    ([SEED_IDS[4], "7"], AmbiguousId, "id '7' matches several articles"),  # 771f… and 7955…
])
def test_remove_checks_every_id_before_removing_any(library, ids, error, message):
    with pytest.raises(error, match=message):
        library.remove(ids)
    assert library.count() == 5


def test_stories_only_read_and_stragglers_are_grouped_on_request(library_dir):
    for name in ("stories.json", "stories.sqlite3", "stories.sqlite3-wal", "stories.sqlite3-shm"):
        (library_dir / name).unlink(missing_ok=True)
    library = Library.open(library_dir)
    try:
        assert library.stories().stories == {}
        assert not (library_dir / "stories.json").exists()
        assert library.ungrouped() == 5
        assert library.group_ungrouped() == 5
        assert library.group_ungrouped() == 0
        assert [len(s.articles) for s in library.stories().stories.values()] == [5]
    finally:
        library.close()


def test_failures_are_reported_not_raised(library, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    write_article(tmp_path, "ok.txt", "Fine headline", "Fine body text.")
    report = library.add_paths([tmp_path])
    assert report.added == [file_id(tmp_path / "ok.txt")]
    assert [Path(f.path).name for f in report.failed] == ["empty.txt"]


def test_a_file_where_the_library_should_be_is_a_clear_error(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(LibraryError, match="is a file, not a directory"):
        Library.open(target)


def test_a_directory_with_other_files_is_not_taken_over(tmp_path):
    (tmp_path / "notes.txt").write_text("my notes")
    with pytest.raises(LibraryError, match="is not a newsreader library and is not empty"):
        Library.open(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_stored_paths_are_absolute(library, tmp_path, monkeypatch):
    write_article(tmp_path / "rel", "a.txt", "Headline here", "Body here.")
    monkeypatch.chdir(tmp_path)
    [added] = library.add_paths([Path("rel")]).added
    assert library.get(added).path == str(tmp_path / "rel" / "a.txt")


def test_a_corrupt_library_is_a_clear_error(tmp_path):
    index_dir = tmp_path / "lib" / "index"
    index_dir.mkdir(parents=True)
    (index_dir / "_MAIN_1.toc").write_bytes(b"garbage")
    with pytest.raises(LibraryError, match="could not be read"):
        Library.open(tmp_path / "lib")


def test_busy_library_gives_a_clear_message(library, monkeypatch, tmp_path):
    monkeypatch.setattr(locking_module, "LOCK_WAIT_SECONDS", 0.3)
    holder = library._ix.writer()  # another writer holds the lock
    try:
        write_article(tmp_path, "late.txt", "Late headline", "Late body.")
        started = time.monotonic()
        with pytest.raises(LibraryBusy, match="being written by another newsreader process"):
            library.add_paths([tmp_path])
        assert time.monotonic() - started < 5
    finally:
        holder.cancel()
    assert library.get("late") is None


ADD_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from index import Library
    lib = Library.open(Path(sys.argv[1]))
    report = lib.add_paths([Path(sys.argv[2])])
    print(len(report.added))
    """
)


def test_two_processes_adding_at_once_lose_nothing(library_dir, tmp_path):
    make_articles(tmp_path / "a", 150, prefix="alpha")
    make_articles(tmp_path / "b", 150, prefix="beta")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_SCRIPT, str(library_dir), str(tmp_path / name)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    lib = Library.open(library_dir)
    try:
        assert lib.count() == 305
        ids = {s.id for s in lib.summaries()}
        assert set(stem_ids(tmp_path / "a").values()) <= ids and len(stem_ids(tmp_path / "a")) == 150
        assert set(stem_ids(tmp_path / "b").values()) <= ids and len(stem_ids(tmp_path / "b")) == 150
    finally:
        lib.close()


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from index import Library
    from index.ingest import read_articles
    from index.library.locking import open_writer
    lib = Library.open(Path(sys.argv[1]))
    lib.add_paths([Path(sys.argv[2])])          # committed
    writer = open_writer(lib._ix, lib.directory)  # an add in flight...
    for article in read_articles([Path(sys.argv[3])]):
        writer.add_document(id=article.id, title=article.title, body=article.body,
                            content_hash=article.content_hash)
    print("writing", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)        # ...killed before it commits
    """
)


def test_a_writer_killed_mid_add_loses_nothing_committed(library_dir, tmp_path):
    make_articles(tmp_path / "committed", 20, prefix="kept")
    make_articles(tmp_path / "inflight", 20, prefix="lost")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(library_dir), str(tmp_path / "committed"), str(tmp_path / "inflight")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    lib = Library.open(library_dir)
    try:
        ids = {s.id for s in lib.summaries()}
        assert ids == set(SEED_IDS) | set(stem_ids(tmp_path / "committed").values())
        # The dead writer's lock is gone: the library takes new articles at once.
        report = lib.add_paths([tmp_path / "inflight"])
        assert len(report.added) == 20
        assert lib.count() == 45
    finally:
        lib.close()


def test_a_writer_killed_at_a_random_moment_leaves_a_readable_library(library_dir, tmp_path):
    make_articles(tmp_path / "many", 600, prefix="bulk")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "add", str(tmp_path / "many"), "--library", str(library_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    time.sleep(1.5)
    proc.kill()
    proc.wait()
    lib = Library.open(library_dir)
    try:
        summaries = lib.summaries()
        assert set(SEED_IDS) <= {s.id for s in summaries}
        for summary in summaries:
            assert lib.get(summary.id).title == summary.title
        report = lib.add_paths([tmp_path / "many"])
        assert lib.count() == 605
        assert len(report.added) + len(report.skipped) == 600
    finally:
        lib.close()


def test_seeds_search_from_fresh_library(library):
    from index.search import search

    assert {h.id for h in search(library, "courageous").hits} == COURAGEOUS_SEEDS


def test_empty_query_lists_newest_first_up_to_the_limit(library, tmp_path):
    from index.search import search

    write_article(tmp_path, "old.txt", "Old news", "Old body.", published="2020-01-01")
    write_article(tmp_path, "new.txt", "New news", "New body.", published="2025-06-01")
    library.add_paths([tmp_path])
    results = search(library, "", limit=3)
    assert results.total == 7 and len(results.hits) == 3
    assert [h.id for h in results.hits[:2]] == [file_id(tmp_path / "new.txt"), file_id(tmp_path / "old.txt")]


def test_titles_matching_takes_a_half_typed_last_word(library):
    assert [s.id for s in library.titles_matching("Russia Pio")] == [SEED_IDS[0]]
    assert library.titles_matching("") == []
