"""Story rows fit their line: titles cut at a word, outlets as many as fit and `+N`."""

from __future__ import annotations

from datetime import date

from index.api import StoryRecord
from tui.widgets.story_rows import date_cell, fit, outlet_names, story_row


def test_fit_cuts_at_a_word():
    assert fit("Trump announces deal to end partial government shutdown", 30) == "Trump announces deal to end…"
    assert fit("Short", 30) == "Short"
    assert fit("Supercalifragilistic", 8) == "Superca…"


def test_outlets_as_many_as_fit():
    assert outlet_names(("fox", "nyt", "hpo"), 13) == "fox, nyt, hpo"
    assert outlet_names(("fox", "nyt", "hpo"), 12) == "fox, nyt +1"
    assert len(outlet_names(tuple(f"A long outlet name {i}" for i in range(14)), 12)) <= 12


def test_a_long_range_keeps_its_end():
    assert date_cell("30 Jun–2 Jul 2025", 14) == "…2 Jul 2025   "
    assert date_cell("3–5 Jul 2025", 14) == "3–5 Jul 2025  "


def test_a_row_never_passes_its_width():
    names = tuple(f"Outlet number {i}" for i in range(20))
    record = StoryRecord("s1", "A headline " * 12, date(2025, 7, 3), date(2025, 7, 5), names,
                         tuple(f"a{i}" for i in range(120)), " ")
    assert len(story_row(record, 20, 14).plain) <= 20  # too narrow for outlets: the title alone
    for width in (40, 70, 110, 200):
        text = story_row(record, width, 14).plain
        assert len(text) <= width and text.endswith("· 120"), (width, text)
