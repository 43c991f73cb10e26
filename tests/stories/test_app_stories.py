"""The stories screen as a user meets it: one line per story with its dates,
outlets and count; `/` filters as you type, `f` keeps the stories two or
more outlets cover, `O` sorts, `d` removes a story's articles once confirmed."""

from __future__ import annotations

from tui.app import NewsReaderApp
from tui.screens.compare import CompareScreen
from tui.screens.feed_dialogs import ConfirmScreen
from tui.screens.stories import StoriesScreen, StoriesTree
from tui.widgets.compare_column import CompareColumn

from ..conftest import settle


async def open_stories(app, pilot) -> StoriesScreen:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    await settle(pilot)  # the listing, then its filter
    assert isinstance(app.screen, StoriesScreen)
    return app.screen


def rows(screen: StoriesScreen) -> list[str]:
    """The story rows as shown."""
    return [node.label.plain for node in screen.query_one(StoriesTree).root.children]


def status(screen: StoriesScreen) -> str:
    return str(screen.query_one("#stories-status").render())


def row_of(screen: StoriesScreen, words: str) -> str:
    [row] = [r for r in rows(screen) if words in r]
    return row


async def test_each_story_shows_dates_title_outlets_and_count_newest_first(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stories(app, pilot)
        volcano = row_of(screen, "Volcano erupts")
        assert volcano.startswith("3–5 Jul 2025")
        assert volcano.rstrip().endswith("Harbour Herald, Valley Times, Coast Wire · 3")
        assert row_of(screen, "Museum returns").startswith("8 Jul 2025")
        assert "Cycling race" in rows(screen)[0] and "Russia" in rows(screen)[-1]  # newest first, undated last
        assert status(screen) == "9 stories · 6 covered by 2+ outlets · newest first"


async def test_typing_a_filter_narrows_the_list_as_you_type(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("slash", *"gov")
        await settle(pilot)
        assert len(rows(screen)) == 2  # the shutdown, and the seeds' "Taliban Government"
        await pilot.press(*"ernment shut")
        await settle(pilot)
        [row] = rows(screen)
        assert row.startswith("10–11 Jul 2025  Government shutdown ends")
        assert status(screen).startswith("1 of 9 stories · matching “government shut”")
        await pilot.press(*"x")
        await settle(pilot)
        assert rows(screen) == []
        assert "0 of 9 stories" in status(screen) and "none" in status(screen)
        await pilot.press("ctrl+u", *"coast")
        await settle(pilot)
        assert len(rows(screen)) == 3  # an outlet's name finds its stories


async def test_f_shows_only_stories_two_outlets_cover(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stories(app, pilot)
        assert len(rows(screen)) == 9
        await pilot.press("f")
        await settle(pilot)
        assert len(rows(screen)) == 6 and not any("Museum" in r for r in rows(screen))
        assert status(screen) == "6 of 9 stories · covered by 2+ outlets · newest first"
        await pilot.press("f")
        await settle(pilot)
        assert len(rows(screen)) == 9


async def test_O_cycles_newest_most_articles_most_outlets(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("O")
        await settle(pilot)
        assert "most articles" in status(screen) and "Russia" in rows(screen)[0]  # five articles
        await pilot.press("O")
        await settle(pilot)
        assert "most outlets" in status(screen) and "Russia" in rows(screen)[0]
        assert "Bakery" in rows(screen)[-1]  # one outlet, oldest
        await pilot.press("O")
        await settle(pilot)
        assert "newest first" in status(screen) and "Cycling" in rows(screen)[0]
    # The order is remembered.
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press()
        screen = await open_stories(app, pilot)
        assert "newest first" in status(screen)


async def test_d_removes_a_storys_articles_after_asking(story_library_dir):
    from index.api import Library

    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("slash", *"volcano", "enter")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".feed-dialog-title").render())
        assert question == "Remove the 3 articles of “Volcano erupts near Reykjavik, grounding flights” from the library?"
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert app.screen is screen and len(rows(screen)) == 1
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert app.screen is screen
        assert rows(screen) == [] and "0 of 8 stories" in status(screen)
        assert "Removed 3 articles from the library" in [str(n.message) for n in app._notifications]
        assert "18 articles" in app.sub_title
    library = Library.open(story_library_dir)
    assert library.count() == 18 and library.story_listing(query="volcano") == []
    library.close()


async def test_d_on_an_article_removes_only_it(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("slash", *"danube", "enter", "l")
        await settle(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        assert "Remove “Floods close the Danube river port at Galati” from the library?" == str(
            app.screen.query_one(".feed-dialog-title").render())
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert row_of(screen, "Danube").rstrip().endswith("Valley Times · 1")


async def test_finding_a_story_and_comparing_it_in_a_few_keys(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stories(app, pilot)
        await pilot.press("slash", *"shutdown", "enter", "enter")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        outlets = {column.info.source for column in app.screen.query(CompareColumn)}
        assert outlets == {"Harbour Herald", "Valley Times", "Coast Wire"}


async def test_a_storys_articles_show_under_it_on_l(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("slash", *"lumen", "down", "l")
        await settle(pilot)
        tree = screen.query_one(StoriesTree)
        [story] = tree.root.children
        leaves = [leaf.label.plain for leaf in story.children]
        assert leaves[0].startswith("14 Jul 2025") and leaves[0].rstrip().endswith("Harbour Herald")
        assert leaves[1].startswith("15 Jul 2025") and leaves[1].rstrip().endswith("Valley Times")
        await pilot.press("down", "enter")  # reads the article
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen"


async def test_space_picks_up_and_p_puts(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("slash", *"museum", "enter", "space")
        assert "Moving story" in status(screen)
        await pilot.press("slash", "ctrl+u", *"bakery", "enter", "p")
        await settle(pilot)
        await settle(pilot)
        assert any(n.message.startswith("Merged story") for n in app._notifications)
        assert row_of(screen, "Bakery").rstrip().endswith("Valley Times · 2")


async def test_the_filter_box_hands_back_to_the_list(story_library_dir):
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_stories(app, pilot)
        await pilot.press("slash", *"flood", "escape")
        await settle(pilot)
        assert isinstance(app.focused, StoriesTree) and len(rows(screen)) == 1  # the filter stays
        await pilot.press("slash", "down")
        assert isinstance(app.focused, StoriesTree)
        await pilot.press("escape")
        assert not isinstance(app.screen, StoriesScreen)


async def test_rows_are_added_as_the_cursor_nears_the_end(story_library_dir, monkeypatch):
    import tui.screens.stories as stories

    monkeypatch.setattr(stories, "CHUNK", 2)
    monkeypatch.setattr(stories, "NEAR_END", 1)
    app = NewsReaderApp(library_dir=story_library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_stories(app, pilot)
        assert len(rows(screen)) == 2
        await pilot.press("j")
        await settle(pilot)
        assert len(rows(screen)) == 4
        await pilot.press("G")
        await settle(pilot)
        assert len(rows(screen)) == 9
        assert screen._current_story() == screen.shown[-1].id
