"""The state database: schema, feeds, seen entries, URLs, flags, and its faults."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timezone

import pytest

from index import state
from index.errors import (
    AmbiguousFeed,
    FeedExists,
    FeedNotFound,
    LibraryBusy,
    LibraryDamaged,
    LibraryReadOnly,
    LibraryTooNew,
)
from index.state import StateDB

from .conftest import ROOT


@pytest.fixture
def db(tmp_path):
    with StateDB(tmp_path) as opened:
        yield opened


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message and message
    return message


def test_schema_is_created_versioned_in_wal_with_foreign_keys(db, tmp_path):
    state.list_feeds(db)
    assert (tmp_path / "state.sqlite3").exists()
    connection = db.connection()
    assert connection.execute("PRAGMA user_version").fetchone()[0] == state.SCHEMA_VERSION
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"feeds", "articles", "entries", "urls"} <= tables
    assert state.check_state(tmp_path) == []


def test_reopening_keeps_the_data_and_does_not_migrate_again(tmp_path):
    with StateDB(tmp_path) as first:
        state.add_feed(first, "https://example.com/feed.xml", title="Example")
    with StateDB(tmp_path) as second:
        assert [feed.title for feed in state.list_feeds(second)] == ["Example"]


def test_add_feed_gives_short_stable_ids_never_reused(db):
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    first = state.add_feed(db, "https://a.example/rss", title="A", source="Agency", full_text="always", at=at)
    second = state.add_feed(db, "https://b.example/rss")
    assert (first.id, second.id) == ("f1", "f2")
    assert first.url == "https://a.example/rss" and first.source == "Agency" and first.full_text == "always"
    assert first.added_at == at and first.outlet == "Agency" and second.full_text == "auto"
    assert first.fetch == state.FetchState(None, None, None, None, None, 0)
    state.remove_feed(db, second)
    assert state.add_feed(db, "https://c.example/rss").id == "f3"


def test_a_url_already_subscribed_is_one_line_naming_the_feed(db):
    state.add_feed(db, "https://www.example.com/feed/?utm_source=x", title="Example")
    with pytest.raises(FeedExists) as error:
        state.add_feed(db, "http://example.com/feed")
    assert "f1" in one_line(error) and "Example" in str(error.value)
    assert len(state.list_feeds(db)) == 1


def test_bad_full_text_mode_is_refused(db):
    with pytest.raises(ValueError):
        state.add_feed(db, "https://a.example/rss", full_text="sometimes")


def test_find_feed_by_id_url_title_and_prefix(db):
    bbc = state.add_feed(db, "https://bbc.example/rss", title="BBC World")
    state.add_feed(db, "https://bbc.example/sport", title="BBC Sport")
    reuters = state.add_feed(db, "https://reuters.example/rss", title="Reuters")
    assert state.find_feed(db, "f1") == bbc
    assert state.find_feed(db, "http://www.bbc.example/rss/") == bbc
    assert state.find_feed(db, "bbc world") == bbc
    assert state.find_feed(db, "reu") == reuters
    assert state.get_feed(db, "f3") == reuters
    with pytest.raises(AmbiguousFeed) as error:
        state.find_feed(db, "BBC")
    assert "f1" in one_line(error) and "f2" in str(error.value)
    with pytest.raises(FeedNotFound):
        state.find_feed(db, "nothing")
    with pytest.raises(FeedNotFound):
        state.get_feed(db, "f9")


def test_rename_set_source_and_full_text(db):
    feed = state.add_feed(db, "https://a.example/rss", title="Old")
    assert state.rename_feed(db, feed, " New ").title == "New"
    updated = state.set_source(db, feed.id, "The Outlet")
    assert updated.source == "The Outlet" and updated.outlet == "The Outlet"
    assert state.set_source(db, feed, "").outlet == "New"
    assert state.set_full_text(db, feed, "never").full_text == "never"
    with pytest.raises(FeedNotFound):
        state.rename_feed(db, "f7", "x")


def test_record_fetch_keeps_validators_and_counts_failures_to_failing(db):
    feed = state.add_feed(db, "https://a.example/rss")
    at = datetime(2026, 5, 1, tzinfo=timezone.utc)
    feed = state.record_fetch(db, feed, "ok", etag='"v1"', last_modified="Mon, 01 Jan 2026", title="Feed Title", at=at)
    assert (feed.fetch.etag, feed.fetch.last_modified, feed.fetch.last_status) == ('"v1"', "Mon, 01 Jan 2026", "ok")
    assert feed.fetch.last_refresh == at and feed.title == "Feed Title"
    feed = state.record_fetch(db, feed, "not-modified", title="Another title")
    assert feed.fetch.etag == '"v1"' and feed.title == "Feed Title" and feed.fetch.last_status == "not-modified"
    for count in range(1, state.FAILING_AFTER + 1):
        assert not feed.failing
        feed = state.record_fetch(db, feed, "error", error="HTTP 500 from https://a.example/rss")
        assert feed.fetch.failures == count
    assert feed.failing and feed.fetch.last_error == "HTTP 500 from https://a.example/rss"
    assert feed.fetch.etag == '"v1"' and feed.fetch.last_status == "error"
    feed = state.record_fetch(db, feed, "not-modified")
    assert not feed.failing and feed.fetch.failures == 0 and feed.fetch.last_error is None
    feed = state.record_fetch(db, feed, "ok")  # a 200 without validators drops the old ones
    assert feed.fetch.etag is None
    with pytest.raises(ValueError):
        state.record_fetch(db, feed, "fine")


def test_entries_are_known_by_guid_or_link(db):
    feed = state.add_feed(db, "https://a.example/rss")
    other = state.add_feed(db, "https://b.example/rss")
    keys = state.entry_keys("urn:1", "https://www.a.example/story?utm_medium=rss")
    assert keys == ("guid:urn:1", "link:https://a.example/story")
    assert state.entry_keys(None, " ") == ()
    state.add_article(db, "a1", feed)
    state.mark_seen(db, feed, keys, "a1")
    known = state.known_keys(db, feed)
    assert state.is_known(known, state.entry_keys("urn:1", "https://elsewhere.example/"))
    assert state.is_known(known, state.entry_keys("urn:changed", "https://a.example/story"))
    assert not state.is_known(known, state.entry_keys("urn:2", "https://a.example/other"))
    assert state.known_keys(db, other) == set()
    state.mark_all_seen(db, feed, [(state.entry_keys("urn:2", None), None), (state.entry_keys("urn:3", None), None)])
    assert {"guid:urn:2", "guid:urn:3"} <= state.known_keys(db, feed)


def test_mark_seen_refuses_an_untracked_article(db):
    feed = state.add_feed(db, "https://a.example/rss")
    with pytest.raises(sqlite3.IntegrityError):
        state.mark_seen(db, feed, ["guid:x"], "no-such-article")
    assert state.known_keys(db, feed) == set()  # the failed transaction left nothing


def test_urls_map_to_the_first_article_holding_them(db):
    assert state.article_for_url(db, "https://a.example/story") is None
    state.add_article(db, "a1")
    assert state.remember_url(db, "https://www.a.example/story/?fbclid=1#top", "a1") == "a1"
    assert state.article_for_url(db, "http://a.example/story") == "a1"
    state.add_article(db, "a2")
    assert state.remember_url(db, "https://a.example/story", "a2") == "a1"
    assert state.article_urls(db, "a1") == ["https://a.example/story"]
    # An article from before the state database is tracked as read when its URL is remembered.
    assert state.remember_url(db, "https://old.example/page", "old") == "old"
    assert state.flags(db, ["old"])["old"] == state.Flags(read=True, starred=False)
    state.forget_articles(db, ["a1"])
    assert state.article_for_url(db, "https://a.example/story") is None


def test_flags_defaults_and_changes(db):
    state.add_article(db, "new1")
    state.add_article(db, "new2")
    assert state.unread_ids(db) == {"new1", "new2"}
    assert state.flags(db, ["new1", "legacy"]) == {
        "new1": state.Flags(read=False, starred=False),
        "legacy": state.Flags(read=True, starred=False),  # older than the state database
    }
    state.set_read(db, ["new1"])
    state.set_starred(db, ["new2", "legacy"])
    assert state.unread_ids(db) == {"new2"}
    assert state.starred_ids(db) == {"new2", "legacy"}
    assert state.flags(db, ["legacy"])["legacy"] == state.Flags(read=True, starred=True)
    state.set_read(db, ["new1", "other"], False)
    assert state.unread_ids(db) == {"new1", "new2", "other"}
    state.set_starred(db, ["new2"], False)
    assert state.starred_ids(db) == {"legacy"}
    state.add_article(db, "new1")  # tracking again keeps the flags
    assert "new1" in state.unread_ids(db)


def test_flags_of_many_ids_at_once(db):
    ids = [f"id{number}" for number in range(2000)]
    state.set_read(db, ids, False)
    assert len(state.unread_ids(db)) == 2000
    assert all(not flag.read for flag in state.flags(db, ids).values())


def test_counts_per_feed_and_feed_articles(db):
    feed = state.add_feed(db, "https://a.example/rss")
    empty = state.add_feed(db, "https://b.example/rss")
    for article_id in ("a1", "a2", "a3"):
        state.add_article(db, article_id, feed)
    state.add_article(db, "loose")
    state.set_read(db, ["a2"])
    assert state.feed_counts(db) == {feed.id: state.FeedCounts(3, 2), empty.id: state.FeedCounts(0, 0)}
    assert state.feed_articles(db, feed) == ["a1", "a2", "a3"]
    assert state.unread_ids(db, feed) == {"a1", "a3"}
    assert state.article_feeds(db) == {"a1": feed.id, "a2": feed.id, "a3": feed.id}


def test_removing_a_feed_keeps_its_articles_flags_and_urls(db, tmp_path):
    feed = state.add_feed(db, "https://a.example/rss")
    state.add_article(db, "a1", feed)
    state.add_article(db, "a2", feed)
    state.set_starred(db, ["a1"])
    state.remember_url(db, "https://a.example/one", "a1")
    state.mark_seen(db, feed, ["guid:1"], "a1")
    state.remove_feed(db, feed)
    assert state.list_feeds(db) == []
    assert state.flags(db, ["a1", "a2"]) == {
        "a1": state.Flags(read=False, starred=True),
        "a2": state.Flags(read=False, starred=False),
    }
    assert state.unread_ids(db) == {"a1", "a2"}
    assert state.article_for_url(db, "https://a.example/one") == "a1"
    assert state.article_feeds(db) == {}
    assert db.connection().execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    assert state.check_state(tmp_path, ["a1", "a2"]) == []
    with pytest.raises(FeedNotFound):
        state.remove_feed(db, feed)


def test_forgetting_an_article_keeps_its_entry_seen(db):
    feed = state.add_feed(db, "https://a.example/rss")
    state.add_article(db, "a1", feed)
    state.mark_seen(db, feed, ["guid:1"], "a1")
    state.forget_articles(db, ["a1"])
    assert state.known_keys(db, feed) == {"guid:1"}
    assert state.flags(db, ["a1"])["a1"] == state.Flags(read=True, starred=False)
    assert state.feed_counts(db)[feed.id] == state.FeedCounts(0, 0)


def test_nested_writes_are_one_transaction(db):
    feed = state.add_feed(db, "https://a.example/rss")
    with pytest.raises(RuntimeError):
        with db.writing():
            state.add_article(db, "a1", feed)
            state.remember_url(db, "https://a.example/1", "a1")
            raise RuntimeError("the refresh failed half-way")
    assert state.flags(db, ["a1"])["a1"].read and state.article_for_url(db, "https://a.example/1") is None
    with db.writing():
        state.add_article(db, "a1", feed)
        state.mark_seen(db, feed, ["guid:1"], "a1")
    assert state.known_keys(db, feed) == {"guid:1"}


def test_threads_write_at_once(db):
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            ids = [f"t{number}-{item}" for item in range(30)]
            for article_id in ids:
                state.add_article(db, article_id)
            state.set_starred(db, ids[:10])
        except BaseException as error:  # noqa: B036 -- reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(state.unread_ids(db)) == 180 and len(state.starred_ids(db)) == 60


WRITER = """
import sys
from pathlib import Path
from index import state
with state.StateDB(Path(sys.argv[1])) as db:
    for number in range(100):
        state.add_article(db, f"child{number}")
"""


def test_a_second_process_writes_at_the_same_time(db, tmp_path):
    state.list_feeds(db)
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], cwd=ROOT)
    for number in range(100):
        state.add_article(db, f"parent{number}")
    assert child.wait(timeout=60) == 0
    assert len(state.unread_ids(db)) == 200


def test_a_writer_held_up_too_long_is_one_line_busy(tmp_path):
    with StateDB(tmp_path) as holder, StateDB(tmp_path, busy_timeout=0.2) as waiter:
        state.list_feeds(waiter)
        with holder.writing():
            state.add_article(holder, "held")
            with pytest.raises(LibraryBusy) as error:
                state.add_article(waiter, "waiting")
            assert "another newsreader process" in one_line(error)
            assert state.flags(waiter, ["held"])["held"].read  # readers are not blocked (WAL)
        state.add_article(waiter, "waiting")
        assert state.unread_ids(waiter) == {"held", "waiting"}


def test_a_garbage_file_is_one_line_damaged(tmp_path):
    (tmp_path / "state.sqlite3").write_bytes(b"this is not a database at all\n" * 200)
    with StateDB(tmp_path) as db:
        with pytest.raises(LibraryDamaged) as error:
            state.list_feeds(db)
    message = one_line(error)
    assert "state.sqlite3" in message and "newsreader repair" in message
    assert state.check_state(tmp_path) == ["is not an SQLite database"]


def test_a_truncated_database_is_one_line_damaged(tmp_path):
    with StateDB(tmp_path) as db:
        state.add_feed(db, "https://a.example/rss")
        state.set_read(db, [f"article-{number:05}-" + "x" * 100 for number in range(3000)], False)
        db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "state.sqlite3"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with StateDB(tmp_path) as db:
        with pytest.raises(LibraryDamaged) as error:
            state.unread_ids(db)
            state.set_read(db, ["another"], False)
    assert "newsreader repair" in one_line(error)
    assert state.check_state(tmp_path)


def test_a_newer_schema_is_refused(tmp_path):
    with StateDB(tmp_path) as db:
        db.connection().execute(f"PRAGMA user_version = {state.SCHEMA_VERSION + 1}")
    with StateDB(tmp_path) as db:
        with pytest.raises(LibraryTooNew) as error:
            state.list_feeds(db)
    assert "newer newsreader" in one_line(error)
    assert state.check_state(tmp_path) == [f"has schema version {state.SCHEMA_VERSION + 1}, not {state.SCHEMA_VERSION}"]


@pytest.fixture
def read_only(monkeypatch):
    """A library this process may not write (root passes permission checks, so say so)."""
    monkeypatch.setattr("index.state.db.library_writable", lambda directory: False)


def test_a_read_only_library_reads_state_and_refuses_writes(tmp_path, request):
    with StateDB(tmp_path) as db:
        feed = state.add_feed(db, "https://a.example/rss", title="A")
        state.add_article(db, "a1", feed)
    request.getfixturevalue("read_only")
    with StateDB(tmp_path) as db:
        assert [feed.title for feed in state.list_feeds(db)] == ["A"]
        assert state.unread_ids(db) == {"a1"}
        with pytest.raises(LibraryReadOnly) as error:
            state.set_read(db, ["a1"])
        assert "read-only" in one_line(error)
        with pytest.raises(LibraryReadOnly):
            state.add_feed(db, "https://b.example/rss")
    assert state.check_state(tmp_path) == []


def test_a_read_only_library_without_state_reads_as_empty(tmp_path, read_only):
    with StateDB(tmp_path) as db:
        assert state.list_feeds(db) == [] and state.unread_ids(db) == set()
        assert state.flags(db, ["old"]) == {"old": state.Flags(read=True, starred=False)}
        with pytest.raises(LibraryReadOnly):
            state.set_starred(db, ["old"])
    assert not (tmp_path / "state.sqlite3").exists()


def test_a_read_only_file_in_a_writable_directory_is_read_only(tmp_path):
    with StateDB(tmp_path) as db:
        state.add_article(db, "a1")
        db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    uri = (tmp_path / "state.sqlite3").resolve().as_uri()
    with StateDB(tmp_path) as db:
        # What SQLite says when the file itself refuses writing.
        db._local.pid = os.getpid()
        db._local.depth = 0
        db._local.connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        with pytest.raises(LibraryReadOnly) as error:
            state.set_read(db, ["a1"])
    assert "read-only" in one_line(error)


def test_check_state_reports_orphans_and_untracked_articles(tmp_path):
    assert state.check_state(tmp_path) == []  # no state yet is no problem
    with StateDB(tmp_path) as db:
        feed = state.add_feed(db, "https://a.example/rss")
        state.add_article(db, "a1", feed)
        state.add_article(db, "gone", feed)
        connection = db.connection()
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("INSERT INTO entries VALUES ('f9', 'guid:x', NULL, '2026-01-01T00:00:00+00:00')")
    problems = state.check_state(tmp_path, ["a1"])
    assert problems == [
        "1 row(s) of entries refer to missing rows",
        "tracks 1 article(s) the library does not hold (e.g. gone)",
    ]
