"""Drive the app as a person would, and check what is on screen."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tui.app import NewsReaderApp
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.result_list import ResultList

from .conftest import COURAGEOUS_SEEDS, SEED_IDS, settle


def result_ids(app) -> list[str]:
    return app.screen.query_one(ResultList).loaded_ids


def status(app) -> str:
    return str(app.screen.query_one("#library-status", Static).render())


async def test_opens_on_every_article_with_the_list_focused(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert isinstance(app.focused, ResultList)
        assert len(result_ids(app)) == 5
        assert "5 articles in the library" in status(app)
        # The preview shows the highlighted article.
        assert app.screen.query_one(ArticleView).article.id == result_ids(app)[0]


async def test_type_a_query_open_a_result_go_back_and_quit(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"courageous")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "courageous"
        assert set(result_ids(app)) == COURAGEOUS_SEEDS
        assert "3 results for courageous" in status(app)
        await pilot.press("enter")  # into the list
        assert isinstance(app.focused, ResultList)
        await pilot.press("j", "k", "G")
        last = result_ids(app)[-1]
        await pilot.press("enter")  # open the reader
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == last
        assert len(view.matches) >= 1
        await pilot.press("n")
        assert "Match 1 of" in str(app.screen.query_one("#reader-status", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_down_arrow_leaves_the_search_box(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "k", "o", "o", "f", "i")
        await settle(pilot)
        assert result_ids(app) == [SEED_IDS[1]]
        await pilot.press("down")
        assert isinstance(app.focused, ResultList)


async def test_suggestion_is_offered_and_enter_applies_it(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"goverment")
        await settle(pilot)
        assert result_ids(app) == []
        assert "Did you mean: government?" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "government"
        assert len(result_ids(app)) == 5


async def test_a_bad_query_shows_a_message(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"published:xx")
        await settle(pilot)
        assert "cannot understand the query" in status(app)


async def test_help_screen_and_palette(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        # Open an article by title from the command palette.
        await pilot.press("ctrl+p")
        await pilot.press(*"open: Russia Pioneers")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(ArticleView).article.id == SEED_IDS[0]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_small_and_large_terminals(library_dir, size):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        preview = app.screen.query_one("#preview-pane")
        assert preview.display is (size[0] >= 100)
        assert len(result_ids(app)) == 5
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(ArticleView)
        assert reader.size.width <= 84
        assert reader.article is not None


async def test_an_unusable_library_exits_with_a_message(tmp_path, capfd):
    target = tmp_path / "file"
    target.write_text("x")
    app = NewsReaderApp(library_dir=target)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    printed = " ".join("".join(capfd.readouterr()).split())
    assert f"newsreader: library {target} is a file, not a directory" in printed


async def test_an_unexpected_error_opening_the_library_exits_with_it(library_dir, monkeypatch, capfd):
    """A damaged index may fail in ways no one foresaw: the app says so and
    leaves, never sits at "Opening library…"; the message is printed as typed."""
    from index.api import Library

    def damaged(*args, **kwargs):
        raise RuntimeError("segment _MAIN_1.trm is [bold]truncated[/]")

    monkeypatch.setattr(Library, "open", damaged)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert "newsreader: segment _MAIN_1.trm is [bold]truncated[/]" in "".join(capfd.readouterr())


def toasts(app) -> list[str]:
    """The notifications on screen (run_test needs `notifications=True`)."""
    from textual.widgets._toast import Toast

    return [str(toast.render()) for toast in app.screen.query(Toast)]


def loading(app) -> list:
    return [widget for widget in app.screen.query("*") if widget.loading]


@pytest.mark.parametrize(
    ("method", "keys"),
    [("facets", ["f"]), ("get", ["enter"]), ("search_pages", ["slash", "x"]), ("coverage", ["c"])],
)
async def test_a_failing_worker_says_so_and_stops_loading(library_dir, monkeypatch, method, keys):
    from index.api import Library

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)

        def broken(*args, **kwargs):
            raise RuntimeError(f"{method} broke [/]")

        monkeypatch.setattr(Library, method, broken)
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.pause(0.1)
        assert any(f"Something went wrong: {method} broke [/]" in toast for toast in toasts(app))
        assert loading(app) == []
        if method == "get":  # the reader stays, saying why it is empty
            assert isinstance(app.screen, ReaderScreen)
            assert "could not be loaded" in str(app.screen.query_one("#reader-status", Static).render())
        await pilot.press("escape")  # the app still answers
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_a_library_damaged_while_open_is_reported_once(library_dir, monkeypatch):
    from index.api import Library, LibraryError

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)

        def damaged(self):
            raise LibraryError("the library index is damaged: run `newsreader repair`")

        monkeypatch.setattr(Library, "refresh", damaged)
        app.screen._check_for_changes()
        await settle(pilot)
        await pilot.pause(0.1)
        assert toasts(app) == ["Library\nthe library index is damaged: run `newsreader repair`"]
        app.screen._check_for_changes()  # the timer is stopped, and a stray tick does nothing
        await settle(pilot)
        await pilot.pause(0.1)
        assert len(toasts(app)) == 1
        assert len(result_ids(app)) == 5  # what was found stays usable


async def test_compare_this_story_notices_grouping_and_compares(library_dir, monkeypatch):
    from index.api import Library
    from tui.screens.compare import CompareScreen

    monkeypatch.setattr(Library, "ungrouped", lambda self: 5000)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.screen, CompareScreen)
        assert any("Grouping 5000 articles into stories" in toast for toast in toasts(app))


async def test_help_scrolls_with_vim_keys(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert body.scroll_y > 1
        top = body.scroll_y
        await pilot.press("j")
        await pilot.pause()
        assert body.scroll_y == top + 1
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_a_new_query_selects_the_top_hit(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await pilot.press("slash", *"taliban")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert results.highlighted_id == result_ids(app)[0]


async def test_no_matches_and_errors_say_so(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzzzqqq")
        await settle(pilot)
        assert "No articles match zzzzqqq." in str(app.screen.query_one("#library-empty", Static).render())
        await pilot.press(*" foo:bar")
        await settle(pilot)
        assert "unknown field 'foo'" in status(app)
        assert result_ids(app) == []


async def test_opening_from_the_palette_in_the_reader_replaces_it(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+p", *"open: Russia Takes Historic")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).article.id == SEED_IDS[2]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_title_and_standfirst_matches_are_navigable(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"historic", "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        kinds = {view.blocks[m.block].widget.classes for m in view.matches}
        assert any("headline" in k or "standfirst" in k for k in kinds)


async def test_articles_added_by_another_process_appear(library_dir, tmp_path):
    from index.api import Library

    from .conftest import write_article

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        other = Library.open(library_dir)
        [late] = other.add_paths([write_article(tmp_path, "late.txt", "A late arrival", "Added from elsewhere.")]).added
        other.close()
        app.screen._check_for_changes()
        await settle(pilot)
        assert late in result_ids(app)
        assert app.sub_title == "6 articles · 1 unread"  # an added article starts unread


async def test_reader_highlights_entities_and_quotes_with_a_panel(library_dir):
    from tui.widgets.analysis_panel import AnalysisPanel

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"koofi", "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        classes = {mark[2] for block in view.blocks for mark in block.marks or ()}
        assert {"article-view--person", "article-view--org", "article-view--place", "article-view--quote"} <= classes
        assert "Legend" in str(app.screen.query_one("#reader-legend", Static).render())
        panel = app.screen.query_one(AnalysisPanel)
        headings = [row.text for row in panel.rows if row.kind == "heading"]
        assert headings[0].startswith("People") and headings[-1] == "Quotes (11)"
        speakers = [row.text for row in panel.rows if row.kind == "speaker"]
        assert "Mao Ning (1)" in speakers and "Fawzia Koofi (2)" in speakers
        # Toggles: the highlighting goes from what is drawn, not only the flag.
        def drawn_spans() -> int:
            return sum(len(block.widget.render().spans) for block in view.blocks)

        everything = drawn_spans()
        await pilot.press("e")
        assert not view.show_entities
        without_entities = drawn_spans()
        assert 0 < without_entities < everything
        await pilot.press("quotation_mark")
        assert not view.show_quotes
        assert drawn_spans() < without_entities
        await pilot.press("e", "quotation_mark")
        assert drawn_spans() == everything
        await pilot.press("e", "quotation_mark")
        # Choose a person in the panel: the reader jumps to the mention.
        await pilot.press("tab")
        assert app.focused is panel
        koofi = next(i for i, row in enumerate(panel.rows) if row.kind == "name" and row.text.startswith("Fawzia Koofi"))
        panel.highlighted = koofi
        await pilot.press("enter")
        await pilot.pause()
        start, end = view.focus_span
        assert view.article.body[start:end] == "Fawzia Koofi"
        # `/` searches the library for that person.
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(Input).value == 'person:"Fawzia Koofi"'
        assert result_ids(app) == [SEED_IDS[1]]


async def test_filter_results_by_an_entity_facet(library_dir):
    from textual.widgets import OptionList

    from tui.screens.facets import FacetScreen

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FacetScreen)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert 'person:"Fawzia Koofi"' in ids
        first = options.highlighted
        await pilot.press("j")
        assert options.highlighted > first
        await pilot.press("k")
        assert options.highlighted == first
        options.highlighted = ids.index('person:"Fawzia Koofi"')
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(Input).value == 'person:"Fawzia Koofi"'
        assert result_ids(app) == [SEED_IDS[1]]
