"""Snapshot tests of the feeds screen and the add dialog (pytest-textual-snapshot).

The feeds are fixed records and "now" is frozen, so relative times never
vary. Update after an intended UI change with
`pytest tests/test_snapshots_feeds.py --snapshot-update`, and look at them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input

from index.api import FeedInfo, Library
from tui.app import NewsReaderApp
from tui.screens import feeds as feeds_screen
from tui.screens.library import LibraryScreen

from .conftest import settle as settle_app

NOW = datetime(2025, 7, 4, 12, 0, tzinfo=timezone.utc)

FEEDS = [
    FeedInfo("coast-gazette", "https://coast.example/feed.xml", "Coast Gazette", "", "auto",
             12, 3, NOW - timedelta(minutes=5), "ok", None, 0),
    FeedInfo("world-wire", "https://wire.example/rss", "World Wire", "Wire Service", "auto",
             40, 0, NOW - timedelta(hours=2), "not-modified", None, 0),
    FeedInfo("harbour-news", "https://harbour.example/atom.xml", "Harbour News", "", "auto",
             7, 1, NOW - timedelta(days=1), "error",
             "https://harbour.example/atom.xml answered 500 Internal Server Error; try again later", 5),
    FeedInfo("new-feed", "https://new.example/feed", "", "", "auto", 0, 0, None, None, None, 0),
]  # fmt: skip


@pytest.fixture
def app(library_dir, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    monkeypatch.setattr(feeds_screen, "now", lambda: NOW)
    return NewsReaderApp(library_dir=library_dir)


@pytest.fixture
def fixed_feeds(monkeypatch, library_dir):
    """Four feeds (one failing, one never refreshed) whose articles are the seeds."""
    library = Library.open(library_dir)
    seeds = sorted(summary.id for summary in library.summaries())
    library.close()
    monkeypatch.setattr(Library, "feeds", lambda self: list(FEEDS))
    monkeypatch.setattr(Library, "feed_articles", lambda self, name: seeds)


async def settle(pilot) -> None:
    """Settle, and stop the cursor blinking: snapshots must not vary."""
    await settle_app(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


async def open_feeds(pilot) -> None:
    await settle(pilot)
    await pilot.press("F")
    await settle(pilot)


class TestFeedsScreen:
    def test_feeds_one_failing(self, snap_compare, app, fixed_feeds):
        async def run_before(pilot):
            await open_feeds(pilot)
            await pilot.press("j", "j")  # onto the failing feed: its error in full below
            await settle(pilot)

        assert snap_compare(app, terminal_size=(120, 24), run_before=run_before)

    def test_feeds_at_80_columns(self, snap_compare, app, fixed_feeds):
        """The narrowest usual terminal: the name and status columns share what is
        left, cut with "…", the same on every first paint."""
        assert snap_compare(app, terminal_size=(80, 24), run_before=open_feeds)

    def test_a_feeds_articles(self, snap_compare, app, fixed_feeds):
        async def run_before(pilot):
            await open_feeds(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(130, 30), run_before=run_before)

    def test_no_feeds(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(100, 20), run_before=open_feeds)

    def test_remove_asks_first(self, snap_compare, app, fixed_feeds):
        async def run_before(pilot):
            await open_feeds(pilot)
            await pilot.press("G", "d")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(100, 24), run_before=run_before)


class TestAddDialog:
    def test_add_dialog(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)

    def test_a_failed_item_in_one_line(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("a", *"/nonexistent/story.txt", "enter")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
