"""A library damaged on disk: the app says so in one line and what to do,
never a traceback or an endless "Opening library…"."""

from __future__ import annotations

from textual.widgets import Static

from tui.app import NewsReaderApp

from .conftest import settle
from .test_app import status


async def test_damaged_postings_show_the_repair_hint(library_dir):
    # The second half of the postings: the words late in the alphabet.
    postings = next((library_dir / "index").glob("*.pst"))
    postings.write_bytes(postings.read_bytes()[: postings.stat().st_size // 2])
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "5 articles in the library" in status(app)  # listing needs no postings
        await pilot.press("slash", *"taliban")
        await settle(pilot)
        assert "is damaged" in status(app) and "run `newsreader repair`" in status(app)
        empty = str(app.screen.query_one("#library-empty", Static).render())
        assert "Quit (q) and run `newsreader repair`" in empty
