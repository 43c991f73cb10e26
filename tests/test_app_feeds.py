"""The feeds screen (`F`), against a local server: each feed with its counts,
last refresh and status; refresh, rename and remove; a feed's articles; a
feed failing five refreshes in a row marked FAILING; hostile titles as typed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import Input, Static

from index.api import FeedInfo, Library
from tui.app import NewsReaderApp
from tui.screens import feeds as feeds_screen
from tui.screens.feed_dialogs import ConfirmScreen, RenameScreen
from tui.screens.feeds import FeedArticleList, FeedsScreen, FeedTable, relative_time
from tui.screens.reader import ReaderScreen

from .conftest import settle, write_article
from .hostile import BIDI_OVERRIDE, MARKUP_TITLE, assert_terminal_safe
from .test_refresh import STORIES, cli, rss, serve_news
from .webserver import serve


def rows(app) -> list[list[str]]:
    """The feeds table as the user reads it: one list of cell texts per row."""
    table = app.screen.query_one(FeedTable)
    return [[getattr(cell, "plain", str(cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(widget: Static) -> str:
    visual = widget.render()
    return getattr(visual, "plain", str(visual))


def article_lines(app) -> list[str]:
    pane = app.screen.query_one(FeedArticleList)
    return [pane.get_option_at_index(i).prompt.plain for i in range(pane.option_count)]


async def open_feeds(app, pilot) -> None:
    await settle(pilot)
    await pilot.press("F")
    await settle(pilot)
    assert isinstance(app.screen, FeedsScreen)


async def refresh(pilot, key: str = "r") -> None:
    await pilot.press(key)
    await settle(pilot)
    await settle(pilot)  # the app's refresh, then the screen's reload


async def test_a_feed_with_its_counts_and_r_refreshes_it(capsys, library_dir):
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_feeds(app, pilot)
            assert rows(app) == [["Coast Gazette", "0", "0", "never", "not refreshed yet"]]
            await refresh(pilot)
            assert rows(app) == [["Coast Gazette", "2", "2", "just now", "ok"]]
            await refresh(pilot, "R")
            assert rows(app) == [["Coast Gazette", "2", "2", "just now", "not modified"]]
            assert "1 feed" in text_of(app.screen.query_one("#feeds-status", Static))


async def test_five_failed_refreshes_in_a_row_mark_a_feed_failing(capsys, library_dir):
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        server.routes["/feed.xml"] = lambda request: request.respond(500, b"down")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_feeds(app, pilot)
            for _ in range(4):
                await refresh(pilot)
            (row,) = rows(app)
            assert "500" in row[4] and "FAILING" not in row[4]
            await refresh(pilot)
            (row,) = rows(app)
            assert row[4].startswith("FAILING ×5 ") and "500" in row[4]
            assert "1 failing" in text_of(app.screen.query_one("#feeds-status", Static))
            serve_news(server)  # back up: one good refresh clears the mark
            await refresh(pilot)
            assert rows(app)[0][4] == "ok"


async def test_rename_refuses_an_empty_name_and_persists(capsys, library_dir):
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_feeds(app, pilot)
            await pilot.press("E")
            await settle(pilot)
            assert isinstance(app.screen, RenameScreen)
            field = app.screen.query_one(Input)
            assert field.value == "Coast Gazette"
            field.value = "   "
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, RenameScreen)
            assert "cannot be empty" in text_of(app.screen.query_one("#rename-status", Static))
            field.value = ""
            await pilot.press(*"Harbour News", "enter")
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen)
            assert rows(app)[0][0] == "Harbour News"
            await pilot.press("E", "escape")
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen) and rows(app)[0][0] == "Harbour News"
    library = Library.open(library_dir)
    assert [feed.title for feed in library.feeds()] == ["Harbour News"]
    library.close()


async def test_remove_asks_first_and_the_articles_stay(capsys, library_dir):
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        cli(capsys, library_dir, "refresh")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_feeds(app, pilot)
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "Unsubscribe from Coast Gazette? Its 2 articles stay" in text_of(app.screen.query(Static).first())
            await pilot.press("n")
            await settle(pilot)
            assert len(rows(app)) == 1
            await pilot.press("d", "y")
            await settle(pilot)
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen)
            assert "No feeds yet: press a to subscribe" in text_of(app.screen.query_one("#feeds-status", Static))
            assert not app.screen.query_one(FeedTable).display
    library = Library.open(library_dir)
    assert library.feeds() == [] and library.count() == 7
    library.close()


async def test_enter_lists_the_feeds_articles_and_reads_one(capsys, library_dir):
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        cli(capsys, library_dir, "refresh")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_feeds(app, pilot)
            await pilot.press("enter")
            await settle(pilot)
            lines = article_lines(app)
            assert sorted(line.split(" · ")[0] for line in lines) == sorted(f"● {t}" for t, _, _ in STORIES.values())
            assert all(line.endswith("· Coast Gazette · 2025-07-04") for line in lines)
            assert "Coast Gazette: 2 articles" in text_of(app.screen.query_one("#feed-articles-title", Static))
            assert app.screen.focused is app.screen.query_one(FeedArticleList)
            first = lines[0].split(" · ")[0][2:]
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ReaderScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen) and first in article_lines(app)[0]
            await pilot.press("escape")  # closes the pane
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen) and not app.screen.query_one(FeedArticleList).display
            await pilot.press("q")
            await settle(pilot)
            assert not isinstance(app.screen, FeedsScreen)


async def test_a_feeds_articles_are_newest_first_and_undated_last(library_dir, tmp_path, monkeypatch):
    body = "The council met on the harbour wall and agreed the cost and the timetable for the work."
    files = [
        write_article(tmp_path / "in", "a.txt", "Middle story", body, published="2025-03-01"),
        write_article(tmp_path / "in", "b.txt", "Undated story", body),
        write_article(tmp_path / "in", "c.txt", "Newest story", body, published="2025-06-01"),
        write_article(tmp_path / "in", "d.txt", "Oldest story", body, published="2024-12-01"),
    ]
    library = Library.open(library_dir)
    report = library.add([str(path) for path in files])
    library.close()
    assert len(report.added) == 4, report
    feed = FeedInfo("f1", "https://x.example/feed.xml", "X Daily", "", "auto", 4, 4, None, None, None, 0)
    monkeypatch.setattr(Library, "feeds", lambda self: [feed])
    # In the order added (the ids' order says nothing of the dates).
    monkeypatch.setattr(Library, "feed_articles", lambda self, name: sorted(report.added))
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_feeds(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        titles = [line[2:].split(" · ")[0] for line in article_lines(app)]
        assert titles == ["Newest story", "Middle story", "Oldest story", "Undated story"]


async def test_columns_fit_80_columns_from_the_first_paint(library_dir, monkeypatch):
    feeds = [
        FeedInfo("f1", "https://x.example/feed.xml", "Daily Harbour and Coast Gazette Evening", "", "auto",
                 12, 3, None, "error", "the server answered 500 Internal Server Error; try again later", 1),
        FeedInfo("f2", "https://y.example/rss", "Y", "", "auto", 1, 0, None, "not-modified", None, 0),
    ]  # fmt: skip
    monkeypatch.setattr(Library, "feeds", lambda self: list(feeds))
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_feeds(app, pilot)
        table = app.screen.query_one(FeedTable)
        widths = [column.width for column in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= 80 - 4  # border and scroll bar
        assert widths[1:4] == [8, 6, 12]  # the counts and times whole
        assert rows(app)[1] == ["Y", "1", "0", "never", "not modified"]
        name, *_, status = rows(app)[0]
        assert name.startswith("Daily Harbour") and name.endswith("…") and len(name) == widths[0]
        assert status.startswith("the server answered") and status.endswith("…")
        await pilot.resize_terminal(120, 24)
        await settle(pilot)
        assert rows(app)[0][0] == "Daily Harbour and Coast Gazette Evening"  # room for it now


async def test_no_feeds_says_how_to_subscribe(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_feeds(app, pilot)
        status = text_of(app.screen.query_one("#feeds-status", Static))
        assert status == "No feeds yet: press a to subscribe, or run `newsreader feeds add URL`"
        await pilot.press("r", "d", "E", "enter")  # nothing to act on: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)


async def test_a_hostile_feed_title_shows_as_typed(capsys, library_dir):
    with serve() as server:
        # (XML cannot carry ESC; a bidi override it can)
        server.add("/evil.xml", rss(MARKUP_TITLE + BIDI_OVERRIDE, []), "application/rss+xml")
        code, _, err = cli(capsys, library_dir, "feeds", "add", server.url("/evil.xml"))
        assert code == 0, err
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(160, 36)) as pilot:
            await open_feeds(app, pilot)
            name = rows(app)[0][0]
            assert name.startswith(MARKUP_TITLE[: feeds_screen.NAME_WIDTH - 1])
            assert_terminal_safe(name)
            await pilot.press("d")
            await settle(pilot)
            question = text_of(app.screen.query(Static).first())
            assert "[bold red]x[/] Kabul talks" in question
            assert_terminal_safe(question)
            await pilot.press("n", "enter")
            await settle(pilot)
            title = text_of(app.screen.query_one("#feed-articles-title", Static))
            assert title.startswith(MARKUP_TITLE) and ": 0 articles" in title
            assert_terminal_safe(title)


def test_relative_times():
    at = datetime(2025, 7, 4, 12, 0, tzinfo=timezone.utc)
    assert relative_time(None, at) == "never"
    assert relative_time(at - timedelta(seconds=20), at) == "just now"
    assert relative_time(at - timedelta(minutes=5), at) == "5 min ago"
    assert relative_time(at - timedelta(hours=3, minutes=59), at) == "3 h ago"
    assert relative_time(at - timedelta(days=1), at) == "1 day ago"
    assert relative_time(at - timedelta(days=40), at) == "2025-05-25"
