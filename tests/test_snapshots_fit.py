"""Snapshots of the compare screen's views, the feeds screen, the help and the
facets dialog at 80x24, the smallest usual terminal: the footer shows
`? Help` first, the legend and status lines fit, nothing is cut mid-word.

Update after an intended UI change with
`pytest tests/test_snapshots_fit.py --snapshot-update`, and look at them.
"""

from __future__ import annotations

import pytest

from tui.app import NewsReaderApp
from tui.screens.library import LibraryScreen

from .test_snapshots import open_compare, settle

SMALL = (80, 24)


@pytest.fixture
def app(library_dir, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    return NewsReaderApp(library_dir=library_dir)


def in_compare(*keys: str):
    async def run_before(pilot):
        await open_compare(pilot)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)
        await pilot.pause()

    return run_before


class TestCompareAt80x24:
    def test_columns(self, snap_compare, app):
        """The legend abbreviated to fit; the status line in two whole lines."""
        assert snap_compare(app, terminal_size=SMALL, run_before=in_compare())

    def test_findings(self, snap_compare, app):
        assert snap_compare(app, terminal_size=SMALL, run_before=in_compare("2"))

    def test_matrix(self, snap_compare, app):
        assert snap_compare(app, terminal_size=SMALL, run_before=in_compare("3"))

    def test_quote_ledger(self, snap_compare, app):
        assert snap_compare(app, terminal_size=SMALL, run_before=in_compare("4"))

    def test_unlocked_with_a_finding(self, snap_compare, app):
        """A conflict's description first; what does not fit two lines is left out whole."""
        assert snap_compare(app, terminal_size=SMALL, run_before=in_compare("L", "n"))


class TestCompareAt120x36:
    def test_columns(self, snap_compare, app):
        """The legend in full words."""
        assert snap_compare(app, terminal_size=(120, 36), run_before=in_compare())


class TestDialogsAt80x24:
    def test_help_at_the_library_section(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SMALL, run_before=run_before)

    def test_help_at_the_compare_section(self, snap_compare, app):
        assert snap_compare(app, terminal_size=SMALL, run_before=in_compare("question_mark"))

    def test_facets(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("f")
            await settle(pilot)

        assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
