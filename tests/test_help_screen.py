"""`?`: the key map, opened at the current screen's section, scrolled with
the keys it documents."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown

from tui.app import NewsReaderApp
from tui.screens.help import HelpScreen, section_for
from tui.screens.library import LibraryScreen

from .conftest import settle


def heading(help_screen: HelpScreen, title: str):
    markdown = help_screen.query_one(Markdown)
    heading_id = next(id for _level, text, id in markdown.table_of_contents if text == title)
    return help_screen.query_one(f"#{heading_id}")


async def open_help(app, pilot) -> HelpScreen:
    await pilot.press("question_mark")
    await settle(pilot)
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return app.screen


@pytest.mark.parametrize(
    ("keys", "title"),
    [
        ((), "Library"),
        (("enter",), "Reader"),
        (("c",), "Compare"),
        (("S",), "Stories"),
        (("F",), "Feeds"),
    ],
)
async def test_help_opens_at_the_current_screens_section(library_dir, keys, title):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        screen = await open_help(app, pilot)
        body = screen.query_one("#help-body")
        shown = heading(screen, title)
        assert body.scroll_y > 0
        # The section's heading is the first thing in view (its margin above it aside).
        assert 0 <= shown.region.y - body.content_region.y <= 2
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def test_a_dialog_opens_the_section_of_the_screen_under_it():
    class FacetScreen: ...

    class CompareScreen: ...

    assert section_for([LibraryScreen.__new__(LibraryScreen)]) == "Library"
    assert section_for([CompareScreen(), FacetScreen()]) == "Compare"
    assert section_for([FacetScreen()]) is None


async def test_help_scrolls_with_the_keys_it_documents(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_help(app, pilot)
        body = screen.query_one("#help-body")
        page = body.scrollable_content_region.height

        async def press(key: str) -> float:
            await pilot.press(key)
            await pilot.pause()
            return body.scroll_y

        start = body.scroll_y  # the Library section
        assert await press("g") == 0
        assert await press("G") == body.max_scroll_y > page
        assert await press("home") == 0
        assert await press("end") == body.max_scroll_y
        assert await press("g") == 0
        assert await press("j") == 1
        assert await press("down") == 2
        assert await press("k") == 1
        assert await press("up") == 0
        assert await press("space") >= page - 1
        top = body.scroll_y
        assert await press("space") >= top + page - 1
        assert await press("b") == top
        assert await press("pagedown") > top
        assert await press("pageup") == top
        assert start > 0
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)
        await open_help(app, pilot)
        await pilot.press("question_mark")  # `?` closes it too
        assert isinstance(app.screen, LibraryScreen)


def test_help_lists_each_key_on_a_line_of_its_own():
    """A two-column table wraps its key cells into tall rows in a terminal: help shows lists."""
    from tui.help_keys import help_as_lists, sections

    shown = help_as_lists()
    assert not any(line.startswith("|") for line in shown.splitlines())
    for section in sections():
        for row in section.rows:
            assert f"- {row.keys}: {row.action}" in shown
