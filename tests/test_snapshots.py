"""Snapshot tests of the screens (pytest-textual-snapshot).

Update after an intended UI change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from index.api import Library
from tui.app import NewsReaderApp
from tui.screens.library import LibraryScreen

from .conftest import SEED_IDS
from .conftest import settle as settle_app
from .hostile import write_hostile_corpus


@pytest.fixture
def app(library_dir, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    return NewsReaderApp(library_dir=library_dir)


async def settle(pilot) -> None:
    """Settle, and stop the cursor blinking: snapshots must not vary."""
    await settle_app(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


class TestLibraryScreen:
    def test_all_articles(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(120, 36), run_before=settle)

    def test_search_results(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("slash", *"courageous")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)

    def test_narrow_terminal(self, snap_compare, app):
        assert snap_compare(app, terminal_size=(80, 24), run_before=settle)

    def test_unread_and_starred_marks(self, snap_compare, library_dir, monkeypatch):
        """`●` before unread titles, `★` before starred ones, `✓` before those marked for comparing."""
        monkeypatch.setattr(LibraryScreen, "show_timings", False)
        library = Library.open(library_dir)
        library.mark_read([SEED_IDS[0], SEED_IDS[2]], read=False)
        library.mark_starred([SEED_IDS[1], SEED_IDS[2]])
        library.close()

        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("j", "j", "space")
            await settle(pilot)

        assert snap_compare(NewsReaderApp(library_dir=library_dir), terminal_size=(120, 36), run_before=run_before)


    def test_hostile_titles_as_written(self, snap_compare, library_dir, tmp_path, monkeypatch):
        """Markup in titles and sources shows as typed: `[Updated]`, `[/]`, `[link=…]`."""
        monkeypatch.setattr(LibraryScreen, "show_timings", False)
        library = Library.open(library_dir)
        library.add_paths(write_hostile_corpus(tmp_path / "hostile"))
        library.close()

        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("slash", *"kabul")
            await settle(pilot)

        assert snap_compare(NewsReaderApp(library_dir=library_dir), terminal_size=(120, 36), run_before=run_before)


class TestDialogs:
    def test_facets(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("f")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(100, 36), run_before=run_before)

    def test_help(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("question_mark")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(100, 36), run_before=run_before)


class TestReaderScreen:
    def test_reader_with_current_match(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("slash", *"taliban", "enter", "enter")
            await settle(pilot)
            await pilot.press("n", "n")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)

    def test_reader_with_entities_quotes_and_panel(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("slash", *"koofi", "enter", "enter")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(140, 40), run_before=run_before)


async def open_compare(pilot) -> None:
    await settle(pilot)
    await pilot.press("c")  # nothing marked: the story of the selected article
    await settle(pilot)
    await pilot.pause()


class TestCompareScreen:
    def test_five_outlets_side_by_side(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press(*["j"] * 4)
            await pilot.pause()

        assert snap_compare(app, terminal_size=(200, 45), run_before=run_before)

    def test_narrow_terminal_pages_columns(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press("tab", "tab")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_conflict(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press("n")  # the first finding: the conflict, every reading in view
            await pilot.pause()

        assert snap_compare(app, terminal_size=(140, 40), run_before=run_before)

    def test_conflict_on_a_narrow_terminal(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press("n")  # one column per value, side by side
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_findings_view(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press("2", "j", "j")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)

    def test_quote_ledger(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press("4")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)

    def test_coverage_matrix(self, snap_compare, app):
        async def run_before(pilot):
            await open_compare(pilot)
            await pilot.press("3")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
