"""Keys that arrive in one burst (a paste, a fast typist, tmux send-keys):
those after `/` land in the search or filter box, not on the list, where
they are commands."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.app import NewsReaderApp

from .conftest import settle


def _burst(app: NewsReaderApp, text: str) -> None:
    """Queue every key before any is handled, as the terminal driver does."""
    names = {"/": "slash", " ": "space"}
    for character in text:
        app.post_message(events.Key(names.get(character, character), character))


async def test_a_burst_after_slash_goes_into_the_search_box(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _burst(app, "/courageous")
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "courageous"
        _burst(app, " a/b")  # in the box, `/` is typing
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "courageous a/b"


async def test_a_burst_after_slash_goes_into_the_stories_filter(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        _burst(app, "/russia")
        await settle(pilot)
        assert app.screen.query_one("#stories-filter", Input).value == "russia"
