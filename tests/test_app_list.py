"""The library list: every article reachable by scrolling (paged in from the
index), compact lines or cards (`v`, remembered), sorts (`O`), removing (`d`),
marks that outlive searches, and a status line that reads right."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from index.api import Library
from tui.app import NewsReaderApp
from tui.config import get_setting
from tui.screens.feed_dialogs import ConfirmScreen
from tui.screens.library import LibraryScreen, status_text
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.result_list import PAGE_SIZE, ResultList

from .conftest import settle, write_article

ARTICLES = 1000


@pytest.fixture(scope="module")
def _big_template(tmp_path_factory) -> Path:
    """1,000 dated articles, one a day (number 0 the oldest), and nothing else."""
    directory = tmp_path_factory.mktemp("big") / "library"
    files = tmp_path_factory.mktemp("big-files")
    library = Library.open(directory)
    library.remove([summary.id for summary in library.summaries()])  # no seeds: only the dated articles
    paths = [
        write_article(
            files, f"day-{i:04d}.txt", f"Daily bulletin number {i}", f"Harbour news of day {i}.",
            published=(date(2020, 1, 1) + timedelta(days=i)).isoformat(),
            source=f"Outlet {'ABC'[i % 3]}",
        )
        for i in range(ARTICLES)
    ]
    library.add_paths(paths)
    library.close()
    return directory


@pytest.fixture
def big_library(tmp_path, _big_template) -> Path:
    directory = tmp_path / "library"
    shutil.copytree(_big_template, directory)
    return directory


def listing(app) -> ResultList:
    return app.screen.query_one(ResultList)


def status(app) -> str:
    return str(app.screen.query_one("#library-status", Static).render())


def question(app) -> str:
    """What the confirmation dialog asks."""
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one(".feed-dialog-title", Static).render())


def on_screen(app, text: str) -> bool:
    lines = listing(app)
    return any(text in lines.render_line(y).text for y in range(lines.size.height))


def newest_first(library_dir: Path) -> list[str]:
    library = Library.open(library_dir)
    try:
        return [summary.title for summary in library.summaries()]
    finally:
        library.close()


class TestScrollingTheWholeLibrary:
    async def test_G_reaches_the_last_article_and_g_the_first(self, big_library):
        titles = newest_first(big_library)
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            assert rows.total == ARTICLES
            assert len(rows.rows) == PAGE_SIZE  # only the first page is read
            assert "1,000 articles in the library" in status(app)
            assert "showing" not in status(app)
            await pilot.press("G")
            await settle(pilot)
            assert rows.cursor == ARTICLES - 1
            assert on_screen(app, titles[-1]) and titles[-1] == "Daily bulletin number 0"
            assert rows.highlighted_id is not None
            assert len(rows.rows) == 2 * PAGE_SIZE  # the first page and the last, nothing between
            await pilot.press("g")
            await settle(pilot)
            assert rows.cursor == 0 and on_screen(app, titles[0])

    async def test_scrolling_pages_in_more_rows(self, big_library):
        titles = newest_first(big_library)
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            while rows.cursor < PAGE_SIZE + 10:
                await pilot.press("pagedown")
            await settle(pilot)
            assert PAGE_SIZE + 10 in rows.rows
            assert on_screen(app, titles[rows.cursor])
            await pilot.press("j", "j", "k")
            await settle(pilot)
            assert on_screen(app, titles[rows.cursor])

    async def test_the_outlet_sort_reaches_the_end_too(self, big_library):
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("O")
            await settle(pilot)
            assert "by outlet" in status(app)
            await pilot.press("G")
            await settle(pilot)
            assert "Outlet C" in listing(app).row_text(ARTICLES - 1)
            assert "Outlet A" in listing(app).row_text(0)


    async def test_end_and_home_do_what_G_and_g_do_and_the_preview_follows(self, big_library):
        titles = newest_first(big_library)
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            await pilot.press("end")
            await settle(pilot)
            assert rows.cursor == ARTICLES - 1 and on_screen(app, titles[-1])
            preview = app.screen.query_one("#preview", ArticleView)
            assert preview.article is not None and preview.article.title == titles[-1]
            await pilot.press("home")
            await settle(pilot)
            assert rows.cursor == 0 and on_screen(app, titles[0])
            assert preview.article is not None and preview.article.title == titles[0]

    async def test_G_and_g_in_cards(self, big_library):
        titles = newest_first(big_library)
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(130, 40)) as pilot:
            await settle(pilot)
            rows = listing(app)
            assert not rows.compact  # 120 columns or more: cards
            await pilot.press("G")
            await settle(pilot)
            assert rows.cursor == ARTICLES - 1 and on_screen(app, titles[-1])
            await pilot.press("g")
            await settle(pilot)
            assert rows.cursor == 0 and on_screen(app, titles[0])

    async def test_G_reaches_the_last_of_a_searchs_ranked_results(self, big_library):
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"bulletin", "enter")
            await settle(pilot)
            rows = listing(app)
            assert "by relevance" in status(app) and rows.total == ARTICLES
            await pilot.press("G")
            await settle(pilot)
            last = rows.hit_at(ARTICLES - 1)
            assert rows.cursor == ARTICLES - 1 and last is not None and on_screen(app, last.title)
            assert len({hit.id for hit in rows.rows.values()}) == len(rows.rows)  # no article twice
            await pilot.press("g")
            await settle(pilot)
            assert rows.cursor == 0 and rows.hit_at(0) is not None and on_screen(app, rows.hit_at(0).title)


class TestViews:
    async def test_compact_under_120_columns_cards_above(self, library_dir):
        for size, compact in (((80, 24), True), ((130, 36), False)):
            app = NewsReaderApp(library_dir=library_dir)
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                assert listing(app).compact is compact
                assert len(listing(app).row_text(0).splitlines()) == (1 if compact else 4)

    async def test_until_v_is_used_the_view_follows_the_width(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(130, 36)) as pilot:
            await settle(pilot)
            assert not listing(app).compact
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert listing(app).compact
            await pilot.press("v")  # cards, chosen: they stay at any width
            await pilot.resize_terminal(100, 30)
            await settle(pilot)
            assert not listing(app).compact

    async def test_v_switches_and_the_choice_outlives_the_app(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("v")
            await settle(pilot)
            assert not listing(app).compact
            assert on_screen(app, "A historic shift as Russia becomes")  # a card's lede
        assert get_setting("list_view") == "cards"
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert not listing(app).compact
            await pilot.press("v")
        assert get_setting("list_view") == "compact"

    async def test_cards_show_snippets_with_matches_made_as_they_come_into_view(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(130, 36)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"courageous")
            await settle(pilot)
            rows = listing(app)
            assert all(rows.rows[i].snippet for i in rows.rows)
            assert "courageous" in rows.row_text(0).lower()

    async def test_story_marker_when_other_outlets_cover_the_story(self, library_dir, tmp_path):
        library = Library.open(library_dir)
        seeds = library.summaries()
        body = "Russia recognised the Taliban government in Afghanistan, the foreign ministry said."
        library.add_paths([
            write_article(tmp_path, f"{name}.txt", seeds[0].title, body, source=name) for name in ("Alpha", "Beta")
        ])
        library.group_stories()
        outlets = library.other_outlets([s.id for s in library.summaries()])
        library.close()
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            marked = [rows.row_text(i) for i in sorted(rows.rows) if rows.rows[i].id in outlets]
            assert marked and all(f"◆{outlets[rows.rows[i].id]}" in rows.row_text(i) for i in sorted(rows.rows)
                                  if rows.rows[i].id in outlets)


class TestSorting:
    async def test_O_cycles_relevance_newest_outlet_and_says_so(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert "newest first" in status(app)
            await pilot.press("O")
            await settle(pilot)
            assert "by outlet" in status(app)
            await pilot.press("O")
            await settle(pilot)
            assert "newest first" in status(app)  # without a query there is nothing to rank by
            await pilot.press("slash", *"taliban", "enter")
            await settle(pilot)
            assert "newest first" in status(app)  # the chosen order holds for a query
            await pilot.press("O")
            await settle(pilot)
            assert "by outlet" in status(app)
            await pilot.press("O")
            await settle(pilot)
            assert "by relevance" in status(app)
            scores = [listing(app).rows[i].score for i in sorted(listing(app).rows)]
            assert scores == sorted(scores, reverse=True) and scores[0] > 0


class TestRemoving:
    async def test_d_asks_with_the_count_and_n_keeps_the_article(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert question(app) == "Remove 1 article from the library? y/n"
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, LibraryScreen)
            assert listing(app).total == 5

    async def test_d_then_y_removes_the_marked_articles_and_everything_follows(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            gone = rows.loaded_ids[:2]
            await pilot.press("space", "j", "m", "d")
            await settle(pilot)
            assert question(app) == "Remove 2 articles from the library? y/n"
            await pilot.press("y")
            await settle(pilot)
            await settle(pilot)
            assert rows.total == 3 and not set(gone) & set(rows.loaded_ids)
            assert not rows.marked
            assert "3 articles in the library" in status(app)
            assert app.sub_title.startswith("3 articles")
        library = Library.open(library_dir)
        assert library.count() == 3 and all(library.get(i) is None for i in gone)
        library.close()

    async def test_d_in_the_reader_removes_its_article_and_goes_back(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            first = listing(app).highlighted_id
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ReaderScreen)
            await pilot.press("d")
            await settle(pilot)
            assert question(app) == "Remove 1 article from the library? y/n"
            await pilot.press("y")
            await settle(pilot)
            await settle(pilot)
            assert isinstance(app.screen, LibraryScreen)
            assert first not in listing(app).loaded_ids and listing(app).total == 4


class TestMarksAndSearching:
    async def test_marks_outlive_new_searches(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"koofi", "enter")
            await settle(pilot)
            first = listing(app).highlighted_id
            await pilot.press("space")
            box = app.screen.query_one(Input)
            box.value = "courageous"
            await settle(pilot)
            rows = listing(app)
            other = next(i for i in rows.loaded_ids if i != first)
            assert rows.highlight_id(other)
            await pilot.press("m")
            box.value = ""
            await settle(pilot)
            assert set(rows.marked) == {first, other}
            assert "2 marked" in status(app)
            assert rows.text_of(first)[1] == "✓" and rows.text_of(other)[1] == "✓"

    async def test_an_accepted_suggestion_leaves_the_cursor_at_the_end(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"goverment")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press(*"XYZ")
            assert app.screen.query_one(Input).value == "governmentXYZ"


class TestStatusLine:
    async def test_plurals_and_an_empty_query(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert status(app).startswith("5 articles in the library")
            await pilot.press("slash", *"koofi")
            await settle(pilot)
            assert status(app).startswith("1 result for koofi")
            await pilot.press(*["backspace"] * 5)
            await settle(pilot)
            assert "results for" not in status(app)

    def test_long_status_lines_drop_whole_parts_never_a_word(self):
        parts = ["12 results for a long query", "Did you mean: something else?", "3 marked (c compares, d removes,"
                 " escape clears)", "by relevance (O sorts)", "search stopped after 1.5 s; results may be incomplete"]
        text = status_text(parts, 76)
        assert text.startswith(parts[0])
        kept = text.split("  ·  ")
        assert kept == parts[: len(kept)]  # whole parts, in order of importance
        import textwrap

        assert len(textwrap.wrap(text, 76)) <= 2

    async def test_the_footer_shows_help_at_80_columns(self, library_dir):
        from textual.widgets._footer import FooterKey

        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            keys = {key.key: key for key in app.screen.query(FooterKey)}
            assert "question_mark" in keys
            assert keys["question_mark"].region.right <= 80 - len("^p palette")


class TestOptionalColumns:
    """The compact list keeps its date and outlet columns only where the
    result set's first page fills them; an outlet never repeats the title."""

    async def test_the_demo_library_shows_titles_without_blank_columns(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)  # the bundled seeds: no dates, no outlets
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            assert rows.total == 5
            first = rows.row_text(0)
            title = rows.hit_at(0).title
            assert first[4:].startswith(title[:40])  # marks, a space, then the title at once
            assert first.count(title.split()[0]) == 1  # no short title in an outlet column

    async def test_dated_articles_with_outlets_keep_both_columns(self, big_library):
        app = NewsReaderApp(library_dir=big_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            first = listing(app).row_text(0)
            assert "2022-09-26" in first and "Outlet " in first and "Daily bulletin number 999" in first

    async def test_an_article_without_an_outlet_leaves_its_cell_blank(self, tmp_path):
        files = tmp_path / "files"
        paths = [
            write_article(files, "named.txt", "Harbour council meets", "The harbour council met.", source="Harbour Times", published="2024-05-01"),
            write_article(files, "bare.txt", "Quayside market reopens", "The market reopened.", published="2024-05-02"),
        ]
        directory = tmp_path / "library"
        library = Library.open(directory)
        library.remove([summary.id for summary in library.summaries()])
        library.add_paths(paths)
        library.close()
        app = NewsReaderApp(library_dir=directory)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            rows = listing(app)
            bare, named = rows.row_text(0), rows.row_text(1)
            assert "Harbour Times" in named and "2024-05-01" in named
            assert "2024-05-02" in bare and bare.count("Quayside") == 1
            assert bare.index("Quayside") == named.index("Harbour council")  # the title column lines up
