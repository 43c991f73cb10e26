"""Snapshots of the library list in both views at 80x24 and 120x36, with
marks, a story marker, dates and outlets, and the remove confirmation.

Update after an intended UI change with `pytest tests/test_snapshots_list.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import pytest

from index.api import Library
from tui.app import NewsReaderApp
from tui.config import set_setting
from tui.screens.library import LibraryScreen

from .conftest import write_article
from .test_snapshots import settle

OUTLETS = ("Harbour Times", "Coast Gazette", "Metro Herald")


@pytest.fixture
def news_dir(library_dir, tmp_path, monkeypatch):
    """The seeds, plus three outlets' dated reports of one story and an unread, starred one."""
    monkeypatch.setattr(LibraryScreen, "show_timings", False)
    body = (
        "The port authority of Valmora said on Tuesday it would close its northern container terminal "
        "for six weeks of storm repairs, diverting ships to the southern quays."
    )
    paths = [
        write_article(
            tmp_path / "news", f"valmora-{i}.txt", f"Valmora port to shut northern terminal for repairs ({outlet})",
            body, source=outlet, published=f"2026-03-0{i + 2}",
        )
        for i, outlet in enumerate(OUTLETS)
    ]
    library = Library.open(library_dir)
    library.add_paths(paths)
    library.group_stories()
    ids = {s.title: s.id for s in library.summaries()}
    coast = next(i for title, i in ids.items() if "Coast Gazette" in title)
    library.mark_read(list(ids.values()), True)
    library.mark_read([coast], False)
    library.mark_starred([coast])
    library.close()
    return library_dir


def marked_one(view: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "space")
        await settle(pilot)

    set_setting("list_view", view)
    return run_before


class TestLibraryList:
    @pytest.mark.parametrize("view", ["compact", "cards"])
    def test_80x24(self, snap_compare, news_dir, view):
        assert snap_compare(NewsReaderApp(library_dir=news_dir), terminal_size=(80, 24), run_before=marked_one(view))

    @pytest.mark.parametrize("view", ["compact", "cards"])
    def test_120x36(self, snap_compare, news_dir, view):
        assert snap_compare(NewsReaderApp(library_dir=news_dir), terminal_size=(120, 36), run_before=marked_one(view))

    def test_search_sorted_by_outlet_in_cards(self, snap_compare, news_dir):
        async def run_before(pilot) -> None:
            await settle(pilot)
            await pilot.press("slash", *"valmora", "enter", "O", "O")
            await settle(pilot)

        set_setting("list_view", "cards")
        assert snap_compare(NewsReaderApp(library_dir=news_dir), terminal_size=(80, 24), run_before=run_before)

    def test_remove_asks_with_the_count(self, snap_compare, news_dir):
        async def run_before(pilot) -> None:
            await settle(pilot)
            await pilot.press("space", "j", "space", "j", "space", "d")
            await settle(pilot)

        assert snap_compare(NewsReaderApp(library_dir=news_dir), terminal_size=(80, 24), run_before=run_before)
