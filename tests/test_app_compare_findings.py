"""Findings in the compare screen: `n` / `N` in rank order, a conflict's
readings side by side, and the findings view (`f`)."""

from __future__ import annotations

import pytest

from tui.app import NewsReaderApp
from tui.screens.compare import CompareScreen
from tui.widgets.compare_column import CompareColumn
from tui.widgets.findings_list import TRIVIAL_ID, FindingsList

from .conftest import settle, stem_ids, write_article
from .test_app_compare import compare_status, open_compare
from .test_app_compare_hostile import assert_shown_as_written, mark_and_compare, terminal_output


def columns(app) -> list[CompareColumn]:
    return list(app.screen.query(CompareColumn))


def on_screen(column: CompareColumn, index: int) -> bool:
    """Passage `index` of a shown column is wholly inside its visible lines."""
    start, end = column.passage_span(index)
    top = round(column.scroll_y)
    return column.display and top <= start and end <= top + column.scrollable_content_region.height


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_n_on_the_conflict_shows_every_reading_at_once(library_dir, size):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=size) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        finding = screen.comparison.findings[screen.finding_index]
        assert finding.kind == "conflict"
        # Both values on the screen together, and in the status line.
        text, _ = terminal_output(app)
        assert "April this year" in text and "April 2024" in text
        status = compare_status(app)
        assert status.startswith("1 of ") and "April this year" in status and "April 2024" in status
        # Each column with a reading shows it, highlighted; at 80 columns, which fit
        # two, one column per value is shown (not the neighbours).
        by_id = {column.info.id: column for column in columns(app)}
        shown_values = set()
        for span in finding.spans:
            column = by_id[span.article]
            if not column.display:
                continue
            assert (span.start, span.end) in column.highlighted
            assert on_screen(column, column.cursor), column.id
            passage = column.passages[column.cursor]
            assert passage.start <= span.start < passage.end
            shown_values.add(span.text)
        assert shown_values == {"April this year", "April 2024"}
        # They stay there: alignment does not pull them back to counterparts.
        await pilot.pause(0.1)
        for span in finding.spans:
            column = by_id[span.article]
            if column.display:
                assert on_screen(column, column.cursor)


async def test_leaving_the_conflict_lets_the_columns_line_up_again(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("n")
        await pilot.pause()
        assert "columns 1, 4 of 5" in compare_status(app)  # 000 (April this year) beside 003 (April 2024)
        await pilot.press("j")
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.readings_held and "1 of " not in compare_status(app)
        assert all(not column.highlighted for column in columns(app))
        await pilot.press("tab")  # back to paging through neighbours
        await pilot.pause()
        assert "columns 1–2 of 5" in compare_status(app) or "columns 2–3 of 5" in compare_status(app)
        assert app.focused.cursor_visible()


async def test_n_and_N_walk_the_ranked_findings_and_wrap(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_compare(app, pilot, "c")
        screen = app.screen
        ranked = screen._ranked()
        await pilot.press("N")  # from nowhere, backwards: the last
        await pilot.pause()
        assert screen.finding_index == ranked[-1]
        assert compare_status(app).startswith(f"{len(ranked)} of {len(ranked)}: Only ")
        await pilot.press("n")  # wraps round to the first
        await pilot.pause()
        assert screen.finding_index == ranked[0]
        await pilot.press("n", "n")
        await pilot.pause()
        finding = screen.comparison.findings[screen.finding_index]
        assert finding.kind == "fact"
        column = app.focused
        assert column.info.id == finding.spans[0].article
        assert (finding.spans[0].start, finding.spans[0].end) in column.highlighted
        assert column.cursor_visible()


async def test_findings_view_lists_the_ranked_findings_and_enter_shows_one(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_compare(app, pilot, "c")
        screen = app.screen
        await pilot.press("2")
        await pilot.pause()
        findings = screen.query_one(FindingsList)
        assert app.focused is findings and screen.view == "findings"
        assert screen.check_action("next_finding", ()) is False  # column keys are off here
        prompts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        shown = [f for f in screen.comparison.findings if not f.trivial]
        collapsed = len(screen.comparison.findings) > len(shown)
        assert len(prompts) == len(shown) + collapsed  # trivial ones behind one line
        assert prompts[0].startswith("  1 ≠ Dates differ: April this year")
        gul = next(p for p in prompts if "◆ Only Russia Has Become… names Gul Hassan Hassan" in p)  # 004, by its title
        assert "ambassador, Gul Hassan Hassan" in gul  # a fact comes with its words
        assert "findings: 1 conflict" in compare_status(app)
        await pilot.press("G")
        assert findings.highlighted == findings.option_count - 1
        await pilot.press("g", "j", "j", "k", "j", "enter")
        await pilot.pause()
        await pilot.pause()
        # Exactly as `n` three times would: the third finding, in the columns.
        assert screen.view == "columns" and screen.finding_index == 2
        third = screen.comparison.findings[screen._ranked()[2]]
        assert compare_status(app).startswith(f"3 of {len(screen._ranked())}: {third.description[:30]}")
        column = app.focused
        assert isinstance(column, CompareColumn) and column.info.id == third.spans[0].article
        passage = column.passages[column.cursor]
        assert passage.start <= third.spans[0].start < passage.end
        await pilot.press("n")
        await pilot.pause()
        assert screen.finding_index == 3
        await pilot.press("2")  # the list follows what `n` showed
        await pilot.pause()
        assert findings.highlighted == 3
        await pilot.press("escape")
        assert screen.view == "columns" and isinstance(screen, CompareScreen)


@pytest.fixture
def small_library(library_dir, tmp_path):
    """The seeds and two short reports of one vote: one signs off with furniture
    (a trivial finding), the other quotes a name written like markup."""
    from index.api import Library

    write_article(tmp_path / "vote", "harbour-a.txt", "Harbour council votes to dredge the channel",
                  "The harbour council voted on Monday to dredge the channel at a cost of 4 million pounds.\n\n"
                  "Read more at Harbour News.", source="Harbour News")
    write_article(tmp_path / "vote", "harbour-b.txt", "Channel to be dredged after harbour vote",
                  "On Monday the harbour council voted to dredge the channel, at a cost of 5 million pounds.\n\n"
                  "The mayor [bold]Jo Bloggs[/bold] said the work would start in spring and take two years.",
                  source="Coast [link=http://evil.example]Post[/link]")
    library = Library.open(library_dir)
    library.add_paths([tmp_path / "vote"])
    library.close()
    return library_dir


async def test_trivial_findings_are_collapsed_and_shown_on_t(small_library):
    app = NewsReaderApp(library_dir=small_library)
    async with app.run_test(size=(120, 30)) as pilot:
        ids = stem_ids(small_library.parent / "vote")
        screen = await mark_and_compare(app, pilot, [ids["harbour-a"], ids["harbour-b"]])
        findings = screen.comparison.findings
        trivial = [n for n, f in enumerate(findings) if f.trivial]
        assert trivial and findings[-1].trivial  # ranked last
        # n never lands on a trivial one.
        for _ in range(len(findings) + 1):
            await pilot.press("n")
            await pilot.pause()
            assert not findings[screen.finding_index].trivial
        await pilot.press("2")
        await pilot.pause()
        view = screen.query_one(FindingsList)
        assert_shown_as_written(app, "1 trivial finding", "(t to show)", "[bold]Jo Bloggs[/bold]")
        assert view.option_count == len(findings) - len(trivial) + 1
        await pilot.press("t")
        assert view.option_count == len(findings) + 1
        text = assert_shown_as_written(app, "(t to hide)", "Read more at Harbour News")
        assert text.index("(t to hide)") < text.index("Read more at Harbour News")
        await pilot.press("G", "enter")  # a trivial one can still be shown in the columns
        await pilot.pause()
        assert screen.view == "columns" and screen.finding_index == trivial[-1]
        assert compare_status(app).startswith("A trivial finding: Only Harbour News: Read more")
        await pilot.press("2")
        await pilot.pause()
        view.highlighted = view.get_option_index(TRIVIAL_ID)
        await pilot.press("enter")  # enter on the collapsed line folds them again
        assert view.option_count == len(findings) - len(trivial) + 1


async def test_findings_view_fits_a_narrow_terminal(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("2")
        await pilot.pause()
        await settle(pilot)
        text, _ = terminal_output(app)
        lines = text.splitlines()
        assert any("1 ≠ Dates differ: April this year" in line for line in lines)
        assert all(len(line) <= 80 for line in lines)
        # One line a finding: the second is on the line after the first.
        first = next(n for n, line in enumerate(lines) if "1 ≠ Dates differ" in line)
        assert "2 ◆ Only Russia" in lines[first + 1]


async def test_the_next_finding_after_a_conflict_pages_columns_again(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_compare(app, pilot, "c")
        await pilot.press("n")
        await pilot.pause()
        assert [c.display for c in columns(app)] == [True, False, False, True, False]
        await pilot.press("n")  # a fact of the same first column: neighbours again
        await pilot.pause()
        await pilot.pause()
        assert [c.display for c in columns(app)] == [True, True, False, False, False]
        assert "columns 1–2 of 5" in compare_status(app)
        assert compare_status(app).startswith("2 of ") and app.focused.cursor_visible()


async def test_the_status_line_names_a_conflicts_values_whatever_its_description(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_compare(app, pilot, "c")
        conflict = app.screen.comparison.findings[0]
        conflict.description = "Dates differ: removal of the group from the list [bold]x[/bold]"
        await pilot.press("n")
        await pilot.pause()
        status = compare_status(app)
        assert status.startswith("1 of ") and "[bold]x[/bold] (April this year vs April 2024)" in status
