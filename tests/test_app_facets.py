"""The facets dialog (f): it opens at once, shows that it is counting, then
the names; at 80x24 it fits, with `? Help` in its footer."""

from __future__ import annotations

import threading

from textual.widgets import Footer, OptionList

from index.api import Library
from tui.app import NewsReaderApp
from tui.screens.facets import FacetScreen

from .conftest import settle


def option_texts(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_dialog_opens_at_once_and_shows_it_is_counting(library_dir, monkeypatch):
    release = threading.Event()
    real_facets = Library.facets

    def slow_facets(self, *args, **kwargs):
        release.wait(10)
        return real_facets(self, *args, **kwargs)

    monkeypatch.setattr(Library, "facets", slow_facets)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FacetScreen)  # up before the counting is done
        options = app.screen.query_one(OptionList)
        assert options.loading and options.option_count == 0
        release.set()
        await settle(pilot)
        assert not options.loading
        shown = option_texts(options)
        assert "People" in shown and any("Fawzia Koofi" in text for text in shown)
        assert options.highlighted is not None and not options.get_option_at_index(options.highlighted).disabled


async def test_the_dialog_fits_80x24_with_help_in_its_footer(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FacetScreen)
        box = screen.query_one("#facet-box").region
        assert box.x >= 0 and box.y >= 0 and box.right <= 80 and box.bottom <= 23  # above the footer
        keys = {binding.key for (_, binding, enabled, _) in screen.active_bindings.values() if enabled}
        assert "question_mark" in keys
        footer = screen.query_one(Footer)
        assert footer.region.bottom == 24
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_library_naming_no_one_says_so(library_dir, monkeypatch):
    monkeypatch.setattr(Library, "facets", lambda self, *args, **kwargs: {"PERSON": [], "ORG": []})
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert option_texts(app.screen.query_one(OptionList)) == ["No people, organisations or places are named."]
