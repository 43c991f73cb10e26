"""The stories and compare screens on a hostile corpus: titles, sources,
quotes and names full of markup and terminal escapes show exactly as
written, style nothing, link nowhere and crash nothing."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import DataTable

from tui.app import NewsReaderApp
from tui.screens.compare import CompareScreen
from tui.screens.stories import StoriesScreen, StoriesTree
from tui.widgets.compare_column import CompareColumn

from .conftest import settle
from .hostile import (
    CLOSING_TITLE,
    MARKUP_TITLE,
    STRAY_SOURCE,
    UPDATED_TITLE,
    VISIBLE,
    hostile_ids,
    write_hostile_corpus,
)
from .test_app import result_ids

ID = hostile_ids()

SOURCES = {
    ID["hostile-markup"]: "Evil [link=http://evil.example]Times[/link]",
    ID["hostile-updated"]: STRAY_SOURCE,
    ID["hostile-closing"]: "[bold]Bold[/bold] Daily",
    ID["hostile-escapes"]: "Plain Wire",
}
TITLES = {
    ID["hostile-markup"]: MARKUP_TITLE,
    ID["hostile-updated"]: UPDATED_TITLE,
    ID["hostile-closing"]: CLOSING_TITLE,
    ID["hostile-escapes"]: "Escapes red in Kabul",  # the escapes are stripped on the way in
}
QUOTE = "We want [bold]good[/bold] relations with every country,"


@pytest.fixture
def hostile_library(library_dir, tmp_path):
    """The seed library with the four hostile articles added (they join the seeds' story)."""
    from index.api import Library

    write_hostile_corpus(tmp_path / "hostile")
    library = Library.open(library_dir)
    report = library.add_paths([tmp_path / "hostile"])
    library.close()
    assert sorted(report.added) == sorted(SOURCES)
    return library_dir


def terminal_output(app) -> tuple[str, str]:
    """What the screen sends to the terminal: (its text, the raw bytes with escapes)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True,
        color_system="truecolor", record=True, legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    raw = console.file.getvalue()
    return console.export_text(styles=False), raw


def assert_shown_as_written(app, *expected: str) -> str:
    """Each `expected` string is on screen verbatim, and no markup was obeyed:
    no hyperlink, clipboard write, bidi override or C1 control reached the terminal."""
    text, raw = terminal_output(app)
    for string in expected:
        assert string in text, f"{string!r} is not on screen"
    for forbidden in ("\x1b]8;", "\x1b]52;", "\u202e", "\x9b"):
        assert forbidden not in raw, f"{forbidden!r} reached the terminal"
    return text


async def open_stories(app, pilot) -> StoriesScreen:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    assert isinstance(app.screen, StoriesScreen)
    for story in app.screen.query_one(StoriesTree).root.children:
        story.expand()  # its articles, listed under it
    await settle(pilot)
    return app.screen


def leaf(screen: StoriesScreen, article_id: str):
    tree = screen.query_one(StoriesTree)
    return next(
        node for story in tree.root.children for node in story.children if node.data.id == article_id
    )


async def test_the_stories_tree_shows_hostile_titles_and_sources_as_written(hostile_library):
    app = NewsReaderApp(library_dir=hostile_library)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_stories(app, pilot)
        # Every article row shows its title and source exactly as the files wrote them.
        assert_shown_as_written(app, *TITLES.values(), *SOURCES.values(), *VISIBLE)
        for article_id in SOURCES:
            label = leaf(screen, article_id).label
            assert TITLES[article_id] in label.plain and SOURCES[article_id] in label.plain
            # Nothing styled by the title's markup: only the row's own dim and bold.
            assert {str(span.style) for span in label.spans} <= {"dim", "bold"}


async def test_correcting_hostile_stories_in_the_app(hostile_library):
    app = NewsReaderApp(library_dir=hostile_library)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_stories(app, pilot)
        tree = screen.query_one(StoriesTree)
        # Split the markup-titled article off: its story is named by that title.
        tree.move_cursor(leaf(screen, ID["hostile-markup"]))
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        assert sorted(len(a) for a in screen.stories.values()) == [1, 8]
        own = next(story for story, articles in screen.stories.items() if articles == [ID["hostile-markup"]])
        own_row = next(node for node in screen.query_one(StoriesTree).root.children if node.data.id == own)
        assert MARKUP_TITLE in own_row.label.plain and own_row.label.plain.rstrip().endswith("· 1")
        assert_shown_as_written(app, MARKUP_TITLE)
        # Pick up the article whose source has a stray closing tag: the status names its title.
        for story in tree.root.children:
            story.expand()
        await settle(pilot)
        tree.move_cursor(leaf(screen, ID["hostile-updated"]))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert_shown_as_written(app, f"Moving {UPDATED_TITLE}: go to a story and press p")
        # Put it with the markup-titled article.
        story_node = next(node for node in tree.root.children if node.data.id == own)
        tree.move_cursor(story_node)
        await pilot.pause()
        await pilot.press("p")
        await settle(pilot)
        assert sorted(screen.stories[own]) == sorted([ID["hostile-markup"], ID["hostile-updated"]])
        assert f"Moved into story {own}" in [n.message for n in app._notifications]
        # Pick the hostile article with `m` too: a title of `[bold red]x[/] … [link=…]` once crashed here.
        for story in tree.root.children:
            story.expand()
        await settle(pilot)
        tree.move_cursor(leaf(screen, ID["hostile-markup"]))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert_shown_as_written(app, f"Moving {MARKUP_TITLE}", STRAY_SOURCE, UPDATED_TITLE)
        await pilot.press("escape")  # puts it down, stays on the stories
        assert isinstance(app.screen, StoriesScreen)


async def test_comparing_a_hostile_story_from_the_stories_screen(hostile_library):
    app = NewsReaderApp(library_dir=hostile_library)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_stories(app, pilot)
        screen.query_one(StoriesTree).move_cursor(leaf(screen, ID["hostile-updated"]))
        await pilot.pause()
        await pilot.press("c")  # compare the story, from this article
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        column = app.screen.query(CompareColumn).first()
        assert column.info.id == ID["hostile-updated"]
        assert_shown_as_written(app, f"─ {STRAY_SOURCE} ─")  # the column's border title, once a crash


async def mark_and_compare(app, pilot, article_ids: list[str]) -> CompareScreen:
    """Mark the articles in the library list (space) and compare them (c)."""
    await settle(pilot)
    ids = result_ids(app)
    position = 0
    for index in sorted(ids.index(article_id) for article_id in article_ids):
        await pilot.press(*["j"] * (index - position), "space")
        position = index
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    await pilot.pause()
    return app.screen


async def test_comparing_hostile_articles_in_every_view(hostile_library):
    app = NewsReaderApp(library_dir=hostile_library)
    # Wide enough that each column's title fits on one line.
    async with app.run_test(size=(420, 50)) as pilot:
        screen = await mark_and_compare(app, pilot, list(SOURCES))
        columns = list(screen.query(CompareColumn))
        assert sorted(c.info.id for c in columns) == sorted(SOURCES)
        # Columns: outlets in the border titles, titles at the top, the legend.
        text = assert_shown_as_written(
            app, *(f"─ {SOURCES[c.info.id]} ─" for c in columns), *TITLES.values(), "reported by others"
        )
        assert "1 shared quote" in text
        # Findings: there are none in four copies of one text, and saying so breaks nothing.
        await pilot.press("n")
        await pilot.pause()
        assert any("No conflicts or unique passages" in n.message for n in app._notifications)
        await pilot.press("2")
        await pilot.pause()
        assert_shown_as_written(app, "Nothing to report")
        # The coverage matrix: outlet heads (cut to fit) and names as plain text.
        await pilot.press("3")
        await pilot.pause()
        table = screen.query_one("#matrix", DataTable)
        heads = [column.label.plain for column in table.ordered_columns]
        cut = {i: name if len(name) <= 14 else name[:13].rstrip() + "…" for i, name in SOURCES.items()}
        assert heads == ["mentions", *(cut[c.info.id] for c in columns)]
        assert_shown_as_written(app, *heads, "quoted: Amir Khan Muttaqi")
        # The quote ledger: the quote keeps its brackets; the outlets are named as written.
        await pilot.press("4")
        await pilot.pause()
        assert_shown_as_written(app, f"“{QUOTE}”", *SOURCES.values(), "Amir Khan Muttaqi")
        await pilot.press("c")
        assert isinstance(app.focused, CompareColumn)
