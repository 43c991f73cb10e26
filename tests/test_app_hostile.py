"""Every browsing screen with the hostile corpus: markup shows as typed,
nothing crashes, and no escape or link reaches the terminal."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from index.api import Facet, Library, name_query
from tui.app import NewsReaderApp
from tui.screens.facets import FacetScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.analysis_panel import AnalysisPanel
from tui.widgets.article_view import ArticleView
from tui.widgets.result_list import ResultList

from .conftest import settle
from .hostile import (
    CLOSING_TITLE,
    MARKUP_TITLE,
    STRAY_SOURCE,
    UPDATED_TITLE,
    VISIBLE,
    assert_terminal_safe,
    write_hostile_corpus,
)

HOSTILE_TITLES = (MARKUP_TITLE, UPDATED_TITLE, CLOSING_TITLE)


@pytest.fixture
def hostile_dir(library_dir, tmp_path):
    write_hostile_corpus(tmp_path / "hostile")
    library = Library.open(library_dir)
    try:
        library.add_paths([tmp_path / "hostile"])
    finally:
        library.close()
    return library_dir


def rendered(widget) -> str:
    """What a widget draws, as plain text."""
    visual = widget.render()
    return getattr(visual, "plain", str(visual))


def list_text(options) -> str:
    """Every option prompt of an OptionList (or every loaded row of the result list), as plain text."""
    if isinstance(options, ResultList):
        return "\n".join(options.row_text(index, width=300) for index in sorted(options.rows))
    prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
    return "\n".join(getattr(prompt, "plain", str(prompt)) for prompt in prompts)


def status(app) -> str:
    return rendered(app.screen.query_one("#library-status", Static))


def article_text(view: ArticleView) -> str:
    return "\n".join(rendered(block.widget) for block in view.blocks)


async def highlight(app, pilot, title: str) -> None:
    results = app.screen.query_one(ResultList)
    for index in sorted(results.rows):
        if results.rows[index].title == title:
            results.set_cursor(index)
            await settle(pilot)
            return
    raise AssertionError(f"{title!r} is not in the list")


async def test_the_list_and_preview_show_markup_as_typed(hostile_dir):
    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        listed = list_text(app.screen.query_one(ResultList))
        for text in VISIBLE:
            assert text in listed
        assert "Evil [link=http://evil.example]Times[/link]" in listed
        assert_terminal_safe(listed)
        assert "9 articles in the library" in status(app)
        preview = app.screen.query_one("#preview", ArticleView)
        for title in HOSTILE_TITLES:
            await highlight(app, pilot, title)
            shown = article_text(preview)
            assert shown.startswith(title)
            assert "[bold]good[/bold]" in shown and "[i]a step[/i]" in shown and "open [/] for now" in shown
            assert_terminal_safe(shown)
        await highlight(app, pilot, UPDATED_TITLE)
        assert STRAY_SOURCE in rendered(preview.blocks[1].widget)


@pytest.mark.parametrize("query", ["kabul [/]", "[bold]x", "[Updated] Kabul", "[link=http://evil.example]"])
async def test_the_search_box_takes_markup(hostile_dir, query):
    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *query)
        await settle(pilot)
        assert app.screen.query_one(Input).value == query
        # The status line quotes the query as typed, or says what is wrong with it.
        shown = status(app) + rendered(app.screen.query_one("#library-empty", Static))
        assert query in shown or "query" in shown
        assert_terminal_safe(shown + list_text(app.screen.query_one(ResultList)))


async def test_updated_title_is_found_and_shown_whole(hostile_dir):
    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"updated kabul")
        await settle(pilot)
        assert UPDATED_TITLE in list_text(app.screen.query_one(ResultList))
        assert "for updated kabul" in status(app)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
async def test_the_reader_and_its_panel(hostile_dir, title):
    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await highlight(app, pilot, title)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one("#reader", ArticleView)
        shown = article_text(view)
        assert shown.startswith(title)
        assert "[bold]good[/bold]" in shown
        assert_terminal_safe(shown)
        # The header shows the title as written.
        assert app.screen.sub_title == title
        from textual.widgets._header import HeaderTitle

        assert title in rendered(app.screen.query_one(HeaderTitle))
        # The side panel: names and quotes as plain labels.
        panel = app.screen.query_one(AnalysisPanel)
        assert panel.display
        labels = [row.text for row in panel.rows]  # drawn as plain Content, never markup
        assert any("[bold]good[/bold]" in label for label in labels)
        assert_terminal_safe("\n".join(labels))
        # Toggles and the panel keys work on it.
        await pilot.press("e", "quotation_mark", "tab", "j", "G", "g", "enter")
        await pilot.pause()
        assert "Legend" in rendered(app.screen.query_one("#reader-legend", Static))


async def test_the_facets_screen_shows_names_as_typed(hostile_dir, monkeypatch):
    hostile = [Facet("PERSON", "[bold red]x[/] Putin", 3), Facet("PERSON", "Stray [/bold] Lavrov", 2)]
    real_facets = Library.facets

    def with_hostile_names(self, *args, **kwargs):
        facets = real_facets(self, *args, **kwargs)
        return {**facets, "PERSON": hostile + facets["PERSON"]}

    monkeypatch.setattr(Library, "facets", with_hostile_names)
    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FacetScreen)
        options = app.screen.query_one("#facet-list")
        shown = list_text(options)
        assert "[bold red]x[/] Putin  (3)" in shown and "Stray [/bold] Lavrov  (2)" in shown
        assert_terminal_safe(shown)
        await pilot.press("j", "k", "g")  # the title line is disabled: g lands on the first name
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        # The filter is the facade's query for that name (its words, so no
        # character of a name can act as query syntax), and it runs as a
        # search (these facets are made up: no article names them).
        query = name_query("PERSON", "[bold red]x[/] Putin")
        assert app.screen.query_one(Input).value == query
        assert status(app).startswith(f"0 results for {query}")


@pytest.mark.parametrize(("typed", "title"), [("open: Updated Kabul", UPDATED_TITLE), ("open: bold red", MARKUP_TITLE)])
async def test_the_palette_opens_hostile_titles(hostile_dir, typed, title):
    from textual.command import CommandList

    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *typed)
        await pilot.pause(0.5)
        shown = list_text(app.screen.query_one(CommandList))
        assert f"open: {title}" in shown
        assert_terminal_safe(shown)
        commands = app.screen.query_one(CommandList)
        for index in range(commands.option_count):
            if f"open: {title}" in commands.get_option_at_index(index).prompt.plain:
                commands.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert article_text(app.screen.query_one("#reader", ArticleView)).startswith(title)


async def test_help_over_a_hostile_library(hostile_dir):
    app = NewsReaderApp(library_dir=hostile_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("G", "g", "space", "escape")
        assert isinstance(app.screen, LibraryScreen)
        assert CLOSING_TITLE in list_text(app.screen.query_one(ResultList))
