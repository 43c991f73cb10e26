"""tui/help.md is the key map: every key it lists for a screen must be bound
on that screen (the screen, its focusable widgets, or, for the screens that
are not dialogs, the app), so the help cannot promise a key that does nothing.
"""

from __future__ import annotations

import asyncio
import shutil

import pytest

from tui.app import NewsReaderApp
from tui.help_keys import KeyRow, sections

from .conftest import settle

SCREENS = ("Library", "Reader", "Compare", "Stories", "Feeds", "Adding", "Help")
"""help.md's sections that document a screen, each opened below."""



def bound(screen, *, with_app: bool) -> set[str]:
    """Every key bound on `screen`: its own, its focusable widgets' and (for a
    full screen, where the app's keys reach) the app's."""
    keys = set(screen._bindings.key_to_bindings)
    for widget in screen.query("*"):
        if widget.can_focus:
            keys |= set(widget._bindings.key_to_bindings)
    if with_app:
        keys |= set(screen.app._bindings.key_to_bindings)
    return keys


async def _collect(library_dir) -> dict[str, set[str]]:
    """Open every screen in turn and note the keys bound on it."""
    found: dict[str, set[str]] = {}
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 36)) as pilot:

        async def visit(name: str, *keys: str, modal: bool = False) -> None:
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.pause()
            found[name] = bound(app.screen, with_app=not modal)
            found[f"{name}:class"] = {type(app.screen).__name__}

        await settle(pilot)
        found["Library"] = bound(app.screen, with_app=True)
        found["Library:class"] = {type(app.screen).__name__}
        await visit("Help", "question_mark", modal=True)
        await visit("Adding", "escape", "a", modal=True)
        await pilot.press("escape")
        await visit("Reader", "enter")
        await visit("Compare", "escape", "c")
        await visit("Stories", "escape", "S")
        await visit("Feeds", "escape", "F")
    return found


@pytest.fixture(scope="module")
def bound_keys(tmp_path_factory, _seed_library_template) -> dict[str, set[str]]:
    library_dir = tmp_path_factory.mktemp("keymap") / "library"
    shutil.copytree(_seed_library_template, library_dir)
    return asyncio.run(_collect(library_dir))


def missing(rows: tuple[KeyRow, ...], keys: set[str]) -> list[str]:
    return [f"{name} ({row.action})" for row in rows for name in row.key_names() if name not in keys]


def test_help_md_documents_every_screen():
    titles = [section.title for section in sections()]
    assert titles[0] == "Everywhere"
    for title in SCREENS:
        assert title in titles
        assert next(s for s in sections() if s.title == title).rows, f"{title} has no key table"


def test_every_screen_was_opened(bound_keys):
    expected = {"Library": "LibraryScreen", "Reader": "ReaderScreen", "Compare": "CompareScreen",
                "Stories": "StoriesScreen", "Feeds": "FeedsScreen", "Adding": "AddScreen", "Help": "HelpScreen"}
    assert {title: next(iter(bound_keys[f"{title}:class"])) for title in SCREENS} == expected


@pytest.mark.parametrize(
    "title",
    [
        "Library",
        "Reader",
        "Compare",
        "Stories",
        "Feeds",
        "Adding",
        "Help",
    ],
)
def test_every_key_help_lists_is_bound_on_its_screen(bound_keys, title):
    rows = next(s for s in sections() if s.title == title).rows
    assert not missing(rows, bound_keys[title]), f"help.md lists keys the {title} screen does not bind"


def test_every_key_listed_everywhere_is_bound(bound_keys):
    """The keys under *Everywhere* work on every screen that has something for
    them to do: each is bound by the app or on at least one screen."""
    everywhere = next(s for s in sections() if s.title == "Everywhere").rows
    anywhere = set().union(*(bound_keys[title] for title in SCREENS))
    assert not missing(everywhere, anywhere)


def test_app_keys_are_bound_by_the_app():
    """`?`, `a`, `F`, `S` and the palette reach every full screen."""
    keys = set(NewsReaderApp()._bindings.key_to_bindings)
    assert {"question_mark", "a", "F", "S", "ctrl+p", "ctrl+q"} <= keys


def test_key_cells_are_read_as_textual_key_names():
    row = KeyRow('`j` `k` / `↓` `↑`, `"`, `?`, `/`, `space` `b` / page keys', "")
    assert row.key_names() == ["j", "k", "down", "up", "quotation_mark", "question_mark", "slash",
                               "space", "b", "pageup", "pagedown"]
