"""At 80x24 every screen's footer starts with `? Help`, and on the compare and
feeds screens every key it lists is whole on screen (none cut off at the edge)."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.app import NewsReaderApp

from .conftest import settle


def footer_keys(app) -> tuple[list[FooterKey], FooterKey | None]:
    """The footer's keys, left to right, and the command palette's key (docked right)."""
    keys = list(app.screen.query_one(Footer).query(FooterKey))
    palette = next((key for key in keys if key.has_class("-command-palette")), None)
    return [key for key in keys if key is not palette], palette


def assert_fits(app) -> None:
    keys, palette = footer_keys(app)
    right = palette.region.x if palette is not None else app.size.width
    cut = [f"{key.key_display} {key.description}" for key in keys if key.region.right > right]
    assert not cut, f"cut off the footer at {app.size.width} columns: {cut}"


async def open_screen(app, pilot, *keys: str) -> None:
    await settle(pilot)
    if keys:
        await pilot.press(*keys)
        await settle(pilot)
    await pilot.pause()


@pytest.mark.parametrize("keys", [(), ("enter",), ("c",), ("S",), ("F",), ("f",), ("a",)],
                         ids=["library", "reader", "compare", "stories", "feeds", "facets", "add"])
async def test_help_is_the_first_key_in_every_footer(library_dir, keys):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, *keys)
        if keys == ("a",):
            await pilot.press("tab")  # off the address field, which takes `?` as typing
            await pilot.pause()
        shown, _palette = footer_keys(app)
        # The add dialog's text box takes `?` as typing, so its footer offers f1 (and `?` works off the box).
        assert (shown[0].key, shown[0].description) == ("f1" if keys == ("a",) else "question_mark", "Help")
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


@pytest.mark.parametrize("view", ["1", "2", "3", "4"])
async def test_compare_footer_fits_80_columns_in_every_view(library_dir, view):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "c", view)
        assert_fits(app)
        shown = [key.key for key in footer_keys(app)[0]]
        assert "v" in shown and "escape" in shown


async def test_compare_footer_names_what_L_will_do(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "c")
        descriptions = {key.key: key.description for key in footer_keys(app)[0]}
        assert descriptions["L"] == "Unlock"
        await pilot.press("L")
        await pilot.pause()
        await pilot.pause()
        descriptions = {key.key: key.description for key in footer_keys(app)[0]}
        assert descriptions["L"] == "Lock"


async def test_feeds_footer_fits_80_columns(library_dir, monkeypatch):
    from index.api import Library

    from .test_snapshots_feeds import FEEDS

    monkeypatch.setattr(Library, "feeds", lambda self: list(FEEDS))
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "F")
        assert_fits(app)
        shown = [key.key for key in footer_keys(app)[0]]
        assert shown[0] == "question_mark" and {"enter", "r", "R", "E", "d", "escape"} <= set(shown)


@pytest.mark.parametrize("keys", [("slash",), ("S", "slash")], ids=["library search", "stories filter"])
async def test_a_text_box_offers_help_on_f1(library_dir, keys):
    """`?` is typing in a text box: its footer says f1, and f1 opens help."""
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, *keys)
        shown, _palette = footer_keys(app)
        assert ("f1", "Help") in [(key.key, key.description) for key in shown]
        await pilot.press("f1")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
