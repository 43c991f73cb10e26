"""Snapshots of the stories screen at 80x24 and 120x36 (pytest-textual-snapshot).

Update after an intended change with `--snapshot-update`, and look at the SVGs.
"""

from __future__ import annotations

from tui.app import NewsReaderApp
from tui.screens.library import LibraryScreen

from ..test_snapshots import settle


async def open_stories(pilot) -> None:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    await settle(pilot)


def stories_app(directory, monkeypatch) -> NewsReaderApp:
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    return NewsReaderApp(library_dir=directory)


def test_stories_80x24(snap_compare, story_library_dir, monkeypatch):
    assert snap_compare(stories_app(story_library_dir, monkeypatch), terminal_size=(80, 24), run_before=open_stories)


def test_stories_120x36(snap_compare, story_library_dir, monkeypatch):
    async def run_before(pilot):
        await open_stories(pilot)
        await pilot.press("l")  # the newest story's articles
        await settle(pilot)

    assert snap_compare(stories_app(story_library_dir, monkeypatch), terminal_size=(120, 36), run_before=run_before)


def test_stories_filtered_80x24(snap_compare, story_library_dir, monkeypatch):
    async def run_before(pilot):
        await open_stories(pilot)
        await pilot.press("f", "slash", *"wire")
        await settle(pilot)

    assert snap_compare(stories_app(story_library_dir, monkeypatch), terminal_size=(80, 24), run_before=run_before)
