"""Compare in the app: mark articles, compare them, move through the columns."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable, Static

from tui.app import NewsReaderApp
from tui.screens.compare import CompareScreen
from tui.screens.library import LibraryScreen
from tui.screens.stories import StoriesScreen
from tui.widgets.compare_column import CompareColumn
from tui.widgets.quote_ledger import QuoteLedger
from tui.widgets.result_list import ResultList

from .conftest import SEED_IDS, settle
from .test_app import result_ids, status


def compare_status(app) -> str:
    return str(app.screen.query_one("#compare-status", Static).render())


def columns(app) -> list[CompareColumn]:
    return list(app.screen.query(CompareColumn))


async def open_compare(app, pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    await pilot.pause()


async def test_mark_two_articles_and_compare_them(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        first, second = result_ids(app)[:2]
        await pilot.press("space", "j", "m")
        assert list(results.marked) == [first, second]
        assert "2 marked (c compares" in status(app)
        assert results.row_text(0)[1] == "✓"
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert [c.info.id for c in columns(app)] == [first, second]
        # No outlet given: each column is headed by the start of its title, never an id.
        assert all(c.border_title.startswith("Russia") and c.border_title not in SEED_IDS for c in columns(app))
        assert "shared quotes" in compare_status(app)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("m", "c")  # one marked: a hint, no comparison
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("Mark one more" in n.message for n in app._notifications)
        await pilot.press("escape")  # clears the marks
        assert not results.marked and "marked" not in status(app)


async def test_compare_without_marks_opens_the_story_of_the_selected_article(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_compare(app, pilot, "c")
        assert sorted(c.info.id for c in columns(app)) == sorted(SEED_IDS)
        assert all(c.display for c in columns(app))  # five fit side by side at 200 columns


async def test_columns_line_up_by_alignment(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        source = app.focused
        assert isinstance(source, CompareColumn)
        screen = app.screen
        # Walk down to a passage several lines in that others also report.
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        await pilot.pause()
        index = source.cursor
        for _ in range(len(source.passages)):  # at most to the end of the article
            if source.marks[index].group is not None:
                break
            await pilot.press("j")
            await pilot.pause()
            index = source.cursor
        assert source.marks[index].group is not None, "no aligned passage below the twelfth"
        await pilot.pause()
        lined_up = 0
        for column in columns(app):
            if column is source or not column.display:
                continue
            target = screen._counterpart(source, index, column)
            if target is None:
                continue
            assert target in column.linked
            # Level with the cursor passage, even when the counterpart is
            # nearer its article's top (then the cursor's column moves up).
            assert column.offset_on_screen(target) == source.offset_on_screen(index)
            lined_up += 1
        assert lined_up >= 1
        assert 0 <= source.offset_on_screen(index) < source.scrollable_content_region.height


async def test_every_passage_lines_up_with_its_counterparts(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_compare(app, pilot, "c")
        source = app.focused
        screen = app.screen
        checked = 0
        for _ in range(len(source.passages) - 1):
            await pilot.press("j")
            await pilot.pause()
            index = source.cursor
            counterparts = [
                (column, screen._counterpart(source, index, column)) for column in columns(app) if column is not source
            ]
            for column, target in counterparts:
                if target is not None:
                    assert column.offset_on_screen(target) == source.offset_on_screen(index), (index, column.id)
                    checked += 1
        assert source.cursor == len(source.passages) - 1  # walked the whole article
        # The five seeds report one event: many passages have counterparts, and all were checked.
        assert checked >= 10


async def test_tab_and_wrapping_findings_keep_the_cursor_in_view(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "c")
        findings = len(app.screen._ranked())
        for _ in range(findings + 1):  # all the way round, back to the first
            await pilot.press("n")
            await pilot.pause()
            column = app.focused
            assert column.display and column.cursor_visible(), column.id
        await pilot.press("G", "tab")
        await pilot.pause()
        await pilot.pause()
        assert app.focused.cursor_visible()


async def test_tab_lands_on_the_counterpart_passage(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_compare(app, pilot, "c")
        source = app.focused
        screen = app.screen
        await pilot.press(*["j"] * 8)
        for _ in range(len(source.passages)):  # at most to the end of the article
            if screen._counterpart(source, source.cursor, columns(app)[1]) is not None:
                break
            await pilot.press("j")
        await pilot.pause()
        expected = screen._counterpart(source, source.cursor, columns(app)[1])
        assert expected is not None, "no passage after the eighth has a counterpart in the second column"
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is columns(app)[1] and app.focused.cursor == expected
        assert app.focused.cursor_visible()


async def test_unlocked_columns_do_not_follow(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("L")
        assert "scrolling unlocked (L)" in compare_status(app)
        others = [c for c in columns(app) if c is not app.focused and c.display]
        before = [c.scroll_y for c in others]
        await pilot.press(*["j"] * 15)
        await pilot.pause()
        assert [c.scroll_y for c in others] == before


async def test_tab_moves_between_columns_and_pages_on_a_narrow_terminal(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "c")
        assert [c.display for c in columns(app)] == [True, True, False, False, False]
        assert "columns 1–2 of 5" in compare_status(app)
        await pilot.press("tab", "tab")
        assert app.focused is columns(app)[2]
        assert [c.display for c in columns(app)] == [False, True, True, False, False]
        assert "columns 2–3 of 5" in compare_status(app)
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert app.focused is columns(app)[4]  # wraps round


async def test_next_finding_visits_findings_in_rank_order(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        findings = app.screen.comparison.findings
        shown = [f for f in findings if not f.trivial]
        assert len(shown) >= 3
        kinds = []
        for _ in range(len(shown)):
            await pilot.press("n")
            await pilot.pause()
            column = app.focused
            marks, passage = column.marks[column.cursor], column.passages[column.cursor]
            assert marks.conflicts or (marks.unique and not marks.trivial) or marks.facts
            finding = findings[app.screen.finding_index]
            assert column.info.id == finding.spans[0].article
            assert passage.start <= finding.spans[0].start < passage.end
            kinds.append(finding.kind)
        # Conflicts first, then facts, then passages: not the columns' order.
        assert kinds == sorted(kinds, key=["conflict", "fact", "passage"].index)
        assert kinds[0] == "conflict" and "fact" in kinds and kinds[-1] == "passage"
        await pilot.press("N")
        await pilot.pause()
        assert findings[app.screen.finding_index] is shown[-2]


async def test_conflict_and_unique_fact_are_styled_in_the_columns(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        by_article = {c.info.id: c for c in columns(app)}
        column = by_article[SEED_IDS[3]]
        conflicting = [p.text for p, m in zip(column.passages, column.marks, strict=True) if m.conflicts]
        assert any("April 2024" in text for text in conflicting)
        ambassador = by_article[SEED_IDS[4]]
        texts = [p.text for p, m in zip(ambassador.passages, ambassador.marks, strict=True) if m.facts]
        assert any("Gul Hassan Hassan" in t for t in texts)


async def test_matrix_and_quote_ledger_views(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("3")
        table = app.screen.query_one("#matrix", DataTable)
        assert app.focused is table and table.row_count > 20
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "quoted: Amir Khan Muttaqi" in labels and "person: Gul Hassan Hassan" in labels
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("escape")  # back to the columns, not out of the comparison
        assert isinstance(app.screen, CompareScreen) and isinstance(app.focused, CompareColumn)
        await pilot.press("4")
        ledger = app.screen.query_one(QuoteLedger)
        assert app.focused is ledger
        text = " ".join(str(s.render()) for s in ledger.query(Static))
        assert "stage full" in text and "phase" in text and "Mariam Solaimankhil" in text
        # Column keys are neither shown nor active outside the columns view.
        assert app.screen.check_action("next_finding", ()) is False
        assert not app.screen.query_one("#compare-legend").display
        await pilot.press("c")
        assert isinstance(app.focused, CompareColumn)
        assert app.screen.check_action("next_finding", ()) is True


async def test_the_matrix_keeps_its_names_in_view_while_it_scrolls_sideways(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "c", "3")
        table = app.screen.query_one("#matrix", DataTable)
        assert table.fixed_columns == 1
        await pilot.press(*["right"] * 6)
        await pilot.pause()
        assert table.scroll_x > 0
        name = str(table.get_row_at(0)[0])
        assert name in table.render_line(1).text  # the first row's name, still drawn


async def test_enter_reads_the_current_column(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("tab", "j", "j", "enter")
        await settle(pilot)
        assert app.screen.article_id == columns_ids(app)[1]
        compare = next(s for s in app.screen_stack if isinstance(s, CompareScreen))
        column = list(compare.query(CompareColumn))[1]
        passage = column.passages[column.cursor]
        from tui.widgets.article_view import ArticleView

        assert app.screen.query_one(ArticleView).focus_span == (passage.start, passage.end)


def columns_ids(app) -> list[str]:
    compare = next(s for s in app.screen_stack if isinstance(s, CompareScreen))
    return [c.info.id for c in compare.query(CompareColumn)]


async def test_stories_screen_compares_a_story(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        assert "1 story · 1 covered by 2+ outlets" in str(app.screen.query_one("#stories-status").render())
        await pilot.press("enter")
        await settle(pilot)  # the story's articles are chosen in a worker
        await settle(pilot)  # then compared in another
        assert isinstance(app.screen, CompareScreen)
        assert sorted(c.info.id for c in columns(app)) == sorted(SEED_IDS)


async def test_correct_stories_in_the_app(library_dir):
    from index.api import Library

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        await pilot.press("l")  # the story's articles
        await settle(pilot)
        await pilot.press("down", "down")  # the story's second article
        item = screen._current()
        assert item.kind == "article"
        await pilot.press("x")
        await settle(pilot)
        assert sorted(len(a) for a in screen.stories.values()) == [1, 4]
        assert "2 stories" in str(screen.query_one("#stories-status").render())
        # Pick the lone article up and put it back into the big story.
        tree = screen.query_one("#stories-list")
        for node in tree.root.children:
            node.expand()
        await settle(pilot)
        lone = next(n for n in tree.root.children if len(n.children) == 1)
        tree.move_cursor(lone.children[0])
        await pilot.pause()
        assert screen._current().kind == "article"
        await pilot.press("m")
        assert "Moving" in str(screen.query_one("#stories-status").render())
        big = next(n for n in tree.root.children if len(n.children) == 4)
        tree.move_cursor(big)
        await pilot.pause()
        await pilot.press("p")
        await settle(pilot)
        assert [len(a) for a in screen.stories.values()] == [5], [n.message for n in app._notifications]
    library = Library.open(library_dir)
    assert [len(s.articles) for s in library.stories()] == [5]  # kept on disk
    library.close()


async def test_compare_commands_in_the_palette(library_dir):
    from tui.commands import NewsCommands

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        provider = NewsCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        assert {"compare: Coverage matrix", "compare: Quote ledger", "compare: Next finding",
                "compare: Findings"} <= set(titles)


# -- failures: no spinner left behind -------------------------------------------------------


def failing(*args, **kwargs):
    raise RuntimeError("disk on fire [/] [link=http://evil.example]x[/link]")


def error_messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


async def test_an_unexpected_error_in_compare_closes_the_screen(library_dir, monkeypatch):
    from index.api import Library

    monkeypatch.setattr(Library, "compare", failing)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("space", "j", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)  # no "Comparing…" left spinning
        assert error_messages(app) == ["Something went wrong: disk on fire [/] [link=http://evil.example]x[/link]"]
        assert not any(widget.loading for widget in app.screen.query("*"))


async def test_a_library_error_in_compare_says_why_and_closes(library_dir, monkeypatch):
    from index.api import Library, LibraryError

    def gone(*args, **kwargs):
        raise LibraryError("no article [/] here")

    monkeypatch.setattr(Library, "compare", gone)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("space", "j", "space", "c")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert error_messages(app) == ["no article [/] here"]


async def test_an_unexpected_error_loading_stories_closes_the_screen(library_dir, monkeypatch):
    from index.api import Library

    monkeypatch.setattr(Library, "story_listing", failing)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert error_messages(app) == ["Something went wrong: disk on fire [/] [link=http://evil.example]x[/link]"]


async def test_an_unexpected_error_saving_a_correction_keeps_the_stories(library_dir, monkeypatch):
    from index.api import Library

    monkeypatch.setattr(Library, "split_story", failing)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        screen = app.screen
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("down", "down", "x")  # the story's second article: its own story
        await settle(pilot)
        assert app.screen is screen
        assert error_messages(app) == ["Something went wrong: disk on fire [/] [link=http://evil.example]x[/link]"]
        tree = screen.query_one("#stories-list")
        assert not tree.loading and [len(node.children) for node in tree.root.children] == [5]
        assert "1 story · 1 covered by 2+ outlets" in str(screen.query_one("#stories-status").render())


async def test_the_status_line_follows_findings_and_sync(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        assert "  ·  ".join(app.screen.comparison.summary()) in compare_status(app)
        await pilot.press("n")
        await pilot.pause()
        total = len(app.screen._ranked())
        first = re.split(r"  ·  |\n", compare_status(app))[0]  # parts go on the next line when they do not fit
        assert re.fullmatch(rf"1 of {total}: Dates differ: .*", first)
        await pilot.press("j")  # leaving the finding clears it
        await pilot.pause()
        await pilot.pause()
        assert f"1 of {total}" not in compare_status(app)
        await pilot.press("L")
        assert "scrolling unlocked (L)" in compare_status(app)
        await pilot.press("3")
        assert "c: back to the columns" in compare_status(app)


async def test_marking_past_the_compare_limit_warns_once(library_dir, tmp_path):
    from index.api import MAX_COMPARED, Library

    from .conftest import make_articles

    library = Library.open(library_dir)
    library.add_paths(make_articles(tmp_path / "more", MAX_COMPARED + 3 - len(SEED_IDS)))
    library.close()
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        for _ in range(MAX_COMPARED + 3):
            await pilot.press("m", "j")
        await settle(pilot)
        warnings = [n.message for n in app._notifications if "up to" in n.message]
        assert len(app.screen.query_one(ResultList).marked) == MAX_COMPARED + 3
        assert warnings == [f"Compare shows up to {MAX_COMPARED} articles at once; unmark one"]


@pytest.mark.parametrize("size", [(80, 24), (140, 45)])
async def test_a_comparison_opens_with_every_title_whole(library_dir, size):
    """Titles wrap to different heights; lining up the first passages must not
    scroll the cursor's column's title off the top (the others may come down
    to meet it)."""
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=size) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.pause()
        source = app.focused
        assert isinstance(source, CompareColumn) and source.cursor == 0
        assert round(source.scroll_y) == 0
