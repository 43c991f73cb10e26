"""The add dialog at 80x24 (pytest-textual-snapshot): empty, and after an
add that met files of other types, an empty directory and a date it could
not read. Update with `pytest tests/test_snapshots_add.py --snapshot-update`
and look at the SVGs."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tui.app import NewsReaderApp
from tui.screens.library import LibraryScreen

from .conftest import settle as settle_app
from .conftest import write_article


@pytest.fixture
def app(library_dir, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    return NewsReaderApp(library_dir=library_dir)


async def settle(pilot) -> None:
    await settle_app(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


class TestAddScreen80x24:
    def test_empty_dialog(self, snap_compare, app):
        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_after_an_add_with_skipped_files(self, snap_compare, app, tmp_path, monkeypatch):
        inbox = tmp_path / "in"
        write_article(inbox, "harbour.txt", "Harbour strike ends", "Dockers returned to work on Monday.")
        (inbox / "minutes.pdf").write_bytes(b"%PDF-1.4")
        (inbox / "empty").mkdir()
        monkeypatch.chdir(tmp_path)  # relative paths: the same lines on every machine

        async def run_before(pilot):
            await settle(pilot)
            await pilot.press("a", *"in", "enter")
            await settle(pilot)
            await settle(pilot)

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
