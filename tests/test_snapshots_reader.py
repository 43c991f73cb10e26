"""Snapshots of the reader at 80x24 (alone and with the side panel) and
120x36, in the dark and light themes (pytest-textual-snapshot).

Update after an intended change with `--snapshot-update`, and look at them."""

from __future__ import annotations

import pytest

from tui.app import NewsReaderApp
from tui.screens.library import LibraryScreen

from .test_snapshots import settle


@pytest.fixture
def app(library_dir, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    return NewsReaderApp(library_dir=library_dir)


def reading(*keys: str, theme: str = "textual-dark"):
    """Open the article that quotes Fawzia Koofi (found by searching), then press `keys`."""

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        await pilot.press("slash", *"koofi", "enter", "enter")
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_reader_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=reading())


def test_reader_80x24_with_the_panel(snap_compare, app):
    """`p` opens the panel; `G` goes to its last quote, wrapped under its indent."""
    assert snap_compare(app, terminal_size=(80, 24), run_before=reading("p", "G"))


def test_reader_80x24_light_theme(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=reading(theme="textual-light"))


def test_reader_120x36(snap_compare, app):
    assert snap_compare(app, terminal_size=(120, 36), run_before=reading())


def test_reader_120x36_light_theme_with_the_panel_on_the_quotes(snap_compare, app):
    assert snap_compare(app, terminal_size=(120, 36), run_before=reading("tab", "G", theme="textual-light"))
