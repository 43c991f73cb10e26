""""Also published by X, Y": near copies shown in `show`, the library list,
the preview and the reader."""

from __future__ import annotations

import json

import pytest

from index.api import Library
from tui.app import NewsReaderApp
from tui.widgets.article_view import ArticleView
from tui.widgets.result_list import ResultList

from .conftest import SEED_IDS, run_cli, settle
from .test_dupes import add, copy, original


@pytest.fixture
def wire_library(library_dir):
    library = Library.open(library_dir)
    add(library, original(), copy(), copy("gazette-copy", "Coast Gazette", day=5, cut_last=False, dateline=""))
    library.close()
    return library_dir


def test_also_published_by_many_names_other_outlets_first_published_first(wire_library):
    library = Library.open(wire_library)
    try:
        copies = library.also_published_by(["wire-original", "herald-copy", SEED_IDS[0]])
        assert copies == {
            "wire-original": ["Metro Herald", "Coast Gazette"],
            "herald-copy": ["Reuters", "Coast Gazette"],
        }
        assert library.also_published("gazette-copy") == ["Reuters", "Metro Herald"]
    finally:
        library.close()


def test_show_says_who_else_published_it(capsys, wire_library):
    code, out, _ = run_cli(capsys, "--library", str(wire_library), "show", "wire-original")
    assert code == 0 and "Also published by Metro Herald, Coast Gazette" in out
    code, out, _ = run_cli(capsys, "--library", str(wire_library), "show", "--json", "herald-copy")
    data = json.loads(out)
    assert data["also_published"] == ["Reuters", "Coast Gazette"]
    assert set(data["near_duplicates"]) == {"wire-original", "gazette-copy"}
    code, out, _ = run_cli(capsys, "--library", str(wire_library), "show", "--json", SEED_IDS[0])
    assert json.loads(out)["also_published"] == []


async def test_list_preview_and_reader_say_also_published_by(wire_library):
    app = NewsReaderApp(library_dir=wire_library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.search_for("Valmora")
        await settle(pilot)
        results = screen.query_one(ResultList)
        results.compact = False  # cards say who else published an article
        await settle(pilot)
        assert "also published by Metro Herald, Coast Gazette" in results.row_text(results.index_of("wire-original"), width=200)
        assert results.highlight_id("wire-original")
        await settle(pilot)
        assert "Also published by Metro Herald, Coast Gazette" in str(screen.query_one("#preview", ArticleView)._byline())
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == "wire-original"
        assert "Also published by Metro Herald, Coast Gazette" in str(view._byline())
