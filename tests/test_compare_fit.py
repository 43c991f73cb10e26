"""The compare screen at 80 columns: the legend whole (in short words), the
status line in two lines broken between its parts, never inside one."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tui.app import NewsReaderApp
from tui.screens.compare import LEGEND

from .conftest import settle


async def open_compare(app, pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press("c", *keys)
    await settle(pilot)
    await pilot.pause()
    await pilot.pause()


def legend(app) -> list[str]:
    return [str(item.render()).strip() for item in app.screen.query(".legend-item").results(Static)]


def status_lines(app) -> list[str]:
    return str(app.screen.query_one("#compare-status", Static).render()).split("\n")


@pytest.mark.parametrize(("width", "words"), [(80, 2), (120, 1)])
async def test_the_legend_fits_in_short_words_or_full(library_dir, width, words):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(width, 24)) as pilot:
        await open_compare(app, pilot)
        assert legend(app) == [entry[words] for entry in LEGEND]
        items = list(app.screen.query(".legend-item"))
        assert items[-1].region.right <= width  # the last one whole on screen


@pytest.mark.parametrize("keys", [(), ("n",), ("L", "tab"), ("2",), ("3",)],
                         ids=["columns", "conflict", "unlocked", "findings", "matrix"])
async def test_the_status_line_breaks_between_parts(library_dir, keys):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, *keys)
        lines = status_lines(app)
        status = app.screen.query_one("#compare-status")
        finding = keys == ("n",)  # a finding's own words may be longer than a line: the Static wraps them
        assert 1 <= len(lines) <= 2 + finding
        assert all(len(line) <= status.content_region.width for line in lines[finding:])
        assert status.region.height <= 2 + finding  # nothing was left below the line
        assert all(not line.startswith("·") and not line.endswith("·") for line in lines)
        # Every part is whole: a count keeps its number with its noun on one line.
        pieces = [piece for line in lines for piece in line.split("  ·  ")]
        summary = app.screen.comparison.summary()
        starts = ("columns ", "scrolling ", "1 of ", "enter: ", "c: back")
        if finding:
            assert pieces[1].startswith("columns ")  # which columns hold the values, under the finding
        assert all(piece in summary or piece.startswith(starts) or "findings: " in piece for piece in pieces), pieces
