"""Facets read from the names file (LIBRARY/names.sqlite3) give exactly what
reading every stored document gave, and the file stays trustworthy: kept
on add and removal, made again when missing, damaged, torn or behind."""

from __future__ import annotations

import logging
import random
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from index import Library
from index import facets as facets_module
from index.facets import count_names, index_facets, library_facets
from index.names_store import connection as files
from index.names_store import store

from .conftest import write_article

PEOPLE = [
    "Tony Blair", "Cherie Blair", "Gordon Brown", "Hillary Clinton", "Bill Clinton", "George W. Bush",
    "George Bush", "Michael Howard", "Charles Kennedy", "Helena Kennedy", "Jack Straw",
]
ORGS = ["British Telecom (BT)", "the BBC", "General Motors", "the Department of Homeland Security (DHS)"]
PLACES = ["London", "Paris", "the United States", "the U.S.", "Kabul"]
SHORT = ["Blair", "Clinton", "Brown", "Kennedy", "BT", "DHS", "GM"]


def generated_articles(directory, count: int, seed: int = 7) -> None:
    """Articles naming people in full and by surname, acronyms beside and
    apart from their expansions, and quoted speakers: what merging decides."""
    rng = random.Random(seed)
    for i in range(count):
        people = rng.sample(PEOPLE, rng.randint(1, 3))
        org, place, short = rng.choice(ORGS), rng.choice(PLACES), rng.choice(SHORT)
        body = (
            f"{people[0]} met officials from {org} in {place} on Monday. "
            f"{short} said the talks went well. "
            f'"We will not give up," said {people[-1]}. '
            f"Later {' and '.join(people)} visited {rng.choice(PLACES)}."
        )
        write_article(directory, f"gen{i:03}.txt", f"Talks number {i} in {place}", body)


def old_results_facets(library, ids, limit=None):
    """Facets of a result set as they were read before the names file: from Whoosh's stored documents."""
    searcher = library.searcher()
    return count_names(((searcher.document(id=i) or {}).get("names") for i in dict.fromkeys(ids)), limit)


def fresh_process(library) -> None:
    """Forget what this process remembers, as a new process would."""
    facets_module._memo.clear()


def assert_same_as_reading_every_document(library) -> None:
    expected = index_facets(library.searcher())
    assert library_facets(library) == expected
    fresh_process(library)
    assert library_facets(library) == expected  # from the cached result in the file
    assert library_facets(library, limit=5) == {label: items[:5] for label, items in expected.items()}
    some = sorted(s.id for s in library.summaries())[::3]
    assert library_facets(library, some, limit=8) == old_results_facets(library, some, 8)


@pytest.fixture
def big_library(library, tmp_path):
    generated_articles(tmp_path / "gen", 60)
    library.add_paths([tmp_path / "gen"])
    return library


def test_facets_from_the_names_file_equal_reading_every_document(big_library):
    people = {f.name for f in library_facets(big_library)["PERSON"]}
    assert "Tony Blair" in people and "Fawzia Koofi" in people  # generated articles and seeds both counted
    assert_same_as_reading_every_document(big_library)


def test_facets_follow_removals_and_adds(big_library, tmp_path):
    library = big_library
    before = library_facets(library)
    gone = [s.id for s in library.summaries() if s.title.startswith("Talks number 1")]
    library.remove(gone)
    assert library_facets(library) != before
    assert_same_as_reading_every_document(library)
    generated_articles(tmp_path / "more", 12, seed=11)
    library.add_paths([tmp_path / "more"])
    assert_same_as_reading_every_document(library)


def recorded_ids(directory) -> set[str]:
    with files.opened(directory, write=False) as connection:
        return store.ids(connection) if connection is not None else set()


def test_adding_and_removing_keep_the_file_in_step(library, tmp_path):
    write_article(tmp_path / "one", "a.txt", "Blair in Paris", "Tony Blair visited Paris on Monday.")
    added = library.add_paths([tmp_path / "one"]).added
    assert set(added) <= recorded_ids(library.directory)
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}
    library.remove(added)
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}


def test_a_missing_file_is_made_again_from_the_index(big_library):
    library = big_library
    expected = index_facets(library.searcher())
    files.names_path(library.directory).unlink()
    fresh_process(library)
    assert library_facets(library) == expected
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}


def test_a_file_that_fell_behind_is_reconciled(big_library):
    """A crash between the index's commit and the file's, or an older
    newsreader adding: rows missing, rows of removed articles, a stale cache."""
    library = big_library
    expected = index_facets(library.searcher())
    with sqlite3.connect(files.names_path(library.directory)) as connection:
        connection.execute("DELETE FROM articles WHERE num % 3 = 0")
        connection.execute("""INSERT INTO articles (id, names) VALUES ('gone', '{"PERSON":["Nobody Atall"]}')""")
        connection.execute("UPDATE meta SET value = 'an older index' WHERE key = 'synced'")
    fresh_process(library)
    assert library_facets(library) == expected
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}


def test_a_damaged_file_is_set_aside_and_made_again(big_library, caplog):
    library = big_library
    expected = index_facets(library.searcher())
    files.names_path(library.directory).write_bytes(b"this is not a database" * 100)
    fresh_process(library)
    with caplog.at_level(logging.WARNING):
        assert library_facets(library) == expected
    assert "damaged" in caplog.text
    assert list(library.directory.glob("names.sqlite3.damaged-*"))
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}


def test_a_damaged_row_is_damage_too(big_library):
    library = big_library
    expected = index_facets(library.searcher())
    with sqlite3.connect(files.names_path(library.directory)) as connection:
        connection.execute("UPDATE articles SET names = '{not json' WHERE num = 1")
        connection.execute("DELETE FROM cache")
    fresh_process(library)
    assert library_facets(library) == expected


def test_a_write_cut_short_never_shows(big_library, caplog):
    """A process killed mid-transaction leaves a hot journal: rolled back on the next open."""
    library = big_library
    expected = index_facets(library.searcher())
    path = files.names_path(library.directory)
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"  # spill to the file before the commit
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute('DELETE FROM articles')\n"
        "c.executemany('INSERT INTO articles (id, names) VALUES (?, ?)', [(f'torn{i}', '{}') for i in range(5000)])\n"
        "c.execute('UPDATE cache SET payload = \\'{}\\'')\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert path.with_name(path.name + "-journal").exists()
    fresh_process(library)
    with caplog.at_level(logging.WARNING):
        assert library_facets(library) == expected
    assert caplog.text == ""  # rolled back and read, not worked around
    assert not recorded_ids(library.directory) & {"torn0", "torn4999"}


def test_a_read_only_library_reads_the_index(library, monkeypatch):
    expected = index_facets(library.searcher())
    files.names_path(library.directory).unlink()
    fresh_process(library)
    monkeypatch.setattr(facets_module.os, "access", lambda *args: False)
    assert library_facets(library) == expected
    some = [s.id for s in library.summaries()][:2]
    assert library_facets(library, some) == old_results_facets(library, some)
    assert not files.names_path(library.directory).exists()


def test_a_file_from_a_newer_newsreader_is_left_alone(library, caplog):
    expected = index_facets(library.searcher())
    with sqlite3.connect(files.names_path(library.directory)) as connection:
        connection.execute(f"PRAGMA user_version = {files.VERSION + 1}")
    fresh_process(library)
    with caplog.at_level(logging.WARNING):
        assert library_facets(library) == expected
    assert "newer" in caplog.text
    assert files.names_path(library.directory).exists()


def test_another_process_adding_shows_up(library, library_dir, tmp_path):
    """Another writer's add changes the index: the next facets count it, whether or not its hook ran."""
    before = {f.name: f.articles for f in library_facets(library)["PERSON"]}
    other = Library.open(library_dir)
    write_article(tmp_path / "x", "x.txt", "Koofi again", "Fawzia Koofi spoke in Kabul on Monday.")
    other.add_paths([tmp_path / "x"])
    other.close()
    after = {f.name: f.articles for f in library_facets(library)["PERSON"]}
    assert after["Fawzia Koofi"] == before["Fawzia Koofi"] + 1
    assert library_facets(library) == index_facets(library.searcher())


def test_a_second_writer_holding_the_file_is_waited_for(library):
    files.names_path(library.directory).unlink()  # the next read must write
    fresh_process(library)
    holder = sqlite3.connect(files.names_path(library.directory), isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    started = time.monotonic()
    assert library_facets(library) == index_facets(library.searcher())
    assert time.monotonic() - started >= 0.25
    holder.close()
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}


def test_unknown_ids_count_nothing(library):
    assert library_facets(library, ["no-such-id"]) == {label: [] for label in facets_module.FACET_LABELS}


def test_a_garbled_cache_is_counted_again(big_library, caplog):
    library = big_library
    expected = index_facets(library.searcher())
    assert library_facets(library) == expected  # the cache made
    with sqlite3.connect(files.names_path(library.directory)) as connection:
        assert connection.execute("UPDATE cache SET payload = '{\"PERSON\": 3}'").rowcount == 1
    fresh_process(library)
    with caplog.at_level(logging.WARNING):
        assert library_facets(library) == expected
    assert caplog.text == ""  # counted again from the file, not read from the index instead


def test_a_failed_recording_never_costs_the_add(library, tmp_path, monkeypatch, caplog):
    """The names file unwritable at add time: the add stands, and the next read catches up."""
    real_opened = files.opened

    def refusing(directory, *, write):
        if write:
            raise sqlite3.OperationalError("disk I/O error")
        return real_opened(directory, write=write)

    monkeypatch.setattr(files, "opened", refusing)
    write_article(tmp_path / "one", "a.txt", "Blair in Paris", "Tony Blair visited Paris on Monday.")
    with caplog.at_level(logging.WARNING):
        added = library.add_paths([tmp_path / "one"]).added
    assert added and "disk I/O error" in caplog.text
    monkeypatch.undo()
    fresh_process(library)
    assert library_facets(library) == index_facets(library.searcher())
    assert set(added) <= recorded_ids(library.directory)


def test_an_add_or_removal_leaves_the_file_in_step(library, tmp_path, monkeypatch):
    """The add's own commit is recorded with the index state it made, so the
    next read neither reconciles nor scans every id."""
    from index.names_store import sync

    library_facets(library)
    write_article(tmp_path / "one", "a.txt", "Blair in Paris", "Tony Blair visited Paris on Monday.")
    added = library.add_paths([tmp_path / "one"]).added
    fresh_process(library)
    monkeypatch.setattr(facets_module, "reconcile", lambda *args: pytest.fail("reconciled after an add"))
    assert library_facets(library) == index_facets(library.searcher())
    library.remove(added)
    fresh_process(library)
    assert library_facets(library) == index_facets(library.searcher())
    with files.opened(library.directory, write=False) as connection:
        assert store.synced(connection) == sync.index_token(library.searcher())


def test_a_commit_the_file_did_not_see_is_still_reconciled(library, library_dir, tmp_path):
    """Another writer's commit, its names unrecorded, then this one's: two
    commits since the file was in step, so the next read reconciles."""
    from index.library import adding

    library_facets(library)
    other = Library.open(library_dir)
    write_article(tmp_path / "x", "x.txt", "Koofi again", "Fawzia Koofi spoke in Kabul on Monday.")
    real = adding.record_names
    adding.record_names = lambda *args: True  # its hook never ran (a crash)
    try:
        other.add_paths([tmp_path / "x"])
    finally:
        adding.record_names = real
    other.close()
    write_article(tmp_path / "y", "y.txt", "Blair in Paris", "Tony Blair visited Paris on Monday.")
    library.add_paths([tmp_path / "y"])
    fresh_process(library)
    assert library_facets(library) == index_facets(library.searcher())
    assert recorded_ids(library.directory) == {s.id for s in library.summaries()}
