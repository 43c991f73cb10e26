"""Read and starred flags, the original page and feed refresh in the app:
marks in the list, `u` `s` `o` `y` `r` `R` `S`, in the library and the reader.

Articles of the seeded library have no flags and count as read, so each test
makes the ones it needs unread through the facade first."""

from __future__ import annotations

from index.api import Library
from tui.app import NewsReaderApp
from tui.screens.articles import NO_ADDRESS, NOT_FROM_A_FEED
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.stories import StoriesScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.result_list import ResultList

from .conftest import SEED_IDS, settle, write_article
from .test_app import result_ids
from .test_app_refresh import notifications
from .test_refresh import cli, serve_news
from .webserver import serve

FIRST = SEED_IDS[0]
SECOND = SEED_IDS[1]
HARBOUR_URL = "https://news.example.org/2025/07/harbour-wall"


def prompt(app, article_id: str) -> str:
    """A row of the result list as the user reads it."""
    return app.screen.query_one(ResultList).text_of(article_id)


def marks(app, article_id: str) -> str:
    """The marks before a row's date and title: unread `●`, marked `✓`, starred `★`."""
    return prompt(app, article_id)[:3].replace(" ", "")


def byline(app) -> str:
    view = app.screen.query_one(ArticleView)
    return str(view.blocks[1].widget.render())


async def select(app, pilot, article_id: str) -> None:
    assert app.screen.query_one(ResultList).highlight_id(article_id)
    await settle(pilot)


def set_unread(library_dir, *ids: str) -> None:
    library = Library.open(library_dir)
    try:
        library.mark_read(list(ids), read=False)
    finally:
        library.close()


def add_harbour_article(library_dir, tmp_path) -> str:
    """An article from a file whose front matter gives its web address."""
    path = write_article(
        tmp_path / "files", "harbour.txt", "Harbour council approves sea wall",
        "The council voted on Tuesday to build a sea wall after the northern quay flooded twice.",
        url=HARBOUR_URL, source="Example Times",
    )  # fmt: skip
    library = Library.open(library_dir)
    try:
        (article_id,) = library.add_paths([path]).added
    finally:
        library.close()
    return article_id


async def test_an_unread_article_is_marked_until_it_is_opened(library_dir):
    set_unread(library_dir, FIRST)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "●" in marks(app, FIRST)
        assert "●" not in marks(app, SECOND)
        assert "1 unread" in app.sub_title
        await select(app, pilot, FIRST)
        assert byline(app).startswith("● unread")  # the preview says so too
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert "unread" not in byline(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "●" not in marks(app, FIRST)
        assert "unread" not in app.sub_title
    library = Library.open(library_dir)
    assert library.flags([FIRST])[FIRST].read
    library.close()


async def test_u_toggles_read_in_the_list_for_marked_articles_and_in_the_reader(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(app, pilot, FIRST)
        await pilot.press("u")
        await settle(pilot)
        assert "●" in marks(app, FIRST)
        assert "1 unread" in app.sub_title
        assert notifications(app)[-1] == "Marked unread"
        await pilot.press("u")
        await settle(pilot)
        assert "●" not in marks(app, FIRST)
        assert "unread" not in app.sub_title
        # With articles marked for comparing, `u` acts on all of them.
        await pilot.press("space")
        await select(app, pilot, SECOND)
        await pilot.press("space", "u")
        await settle(pilot)
        assert marks(app, FIRST) == "●✓" and marks(app, SECOND) == "●✓"
        assert "2 unread" in app.sub_title and notifications(app)[-1] == "2 articles marked unread"
        await pilot.press("escape", "u")  # marks cleared: the selected article only
        await settle(pilot)
        assert "●" not in marks(app, SECOND) and "●" in marks(app, FIRST)
        # The reader marks its article read; `u` there makes it unread again.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("u")
        await settle(pilot)
        assert byline(app).startswith("● unread")
        await pilot.press("escape")
        await settle(pilot)
        assert "●" in marks(app, SECOND)


async def test_a_star_shows_in_list_and_reader_and_is_kept(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(app, pilot, SECOND)
        await pilot.press("s")
        await settle(pilot)
        assert marks(app, SECOND) == "★"
        assert notifications(app)[-1] == "Starred"
        await pilot.press("enter")
        await settle(pilot)
        assert byline(app).startswith("★ starred")
        await pilot.press("s")  # unstar in the reader, and star again
        await settle(pilot)
        assert "★" not in byline(app)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert marks(app, SECOND) == "★"
    # Flags live in the library's state database: a new session shows the star.
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert marks(app, SECOND) == "★"
        assert "★" not in marks(app, FIRST)


async def test_o_opens_the_original_page_or_says_there_is_none(library_dir, tmp_path, monkeypatch):
    article_id = add_harbour_article(library_dir, tmp_path)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: opened.append(url) or True)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(app, pilot, article_id)
        await pilot.press("o")
        await settle(pilot)
        assert opened == [HARBOUR_URL]
        assert notifications(app)[-1] == f"Opening {HARBOUR_URL} in the browser"
        await select(app, pilot, FIRST)
        await pilot.press("o")
        await settle(pilot)
        assert opened == [HARBOUR_URL]
        assert notifications(app)[-1] == NO_ADDRESS
        # In the reader too, where the byline shows the address as plain text.
        await select(app, pilot, article_id)
        await pilot.press("enter")
        await settle(pilot)
        assert byline(app).splitlines()[-1] == HARBOUR_URL
        await pilot.press("o")
        await settle(pilot)
        assert opened == [HARBOUR_URL, HARBOUR_URL]


async def test_o_without_a_browser_says_what_to_do(library_dir, tmp_path, monkeypatch):
    article_id = add_harbour_article(library_dir, tmp_path)
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: False)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(app, pilot, article_id)
        await pilot.press("o")
        await settle(pilot)
        assert notifications(app)[-1] == "No web browser found: set $BROWSER, or copy the address with y"


async def test_y_copies_the_address(library_dir, tmp_path):
    article_id = add_harbour_article(library_dir, tmp_path)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(app, pilot, FIRST)
        await pilot.press("y")
        await settle(pilot)
        assert notifications(app)[-1] == NO_ADDRESS
        assert app.clipboard == ""
        await select(app, pilot, article_id)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == HARBOUR_URL
        assert notifications(app)[-1] == f"Copied URL: {HARBOUR_URL}"
        app.copy_to_clipboard("")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == HARBOUR_URL


async def test_R_brings_new_unread_articles_into_the_list_and_r_refreshes_one_feed(capsys, library_dir):
    with serve() as server:
        code, _, err = cli(capsys, library_dir, "feeds", "add", serve_news(server))
        assert code == 0, err
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert len(result_ids(app)) == 5
            await pilot.press("r")  # a seed article came from no feed
            await settle(pilot)
            assert notifications(app)[-1] == NOT_FROM_A_FEED
            await pilot.press("R")
            await settle(pilot)
            await settle(pilot)
            ids = result_ids(app)
            new = [i for i in ids if i not in SEED_IDS]
            assert len(ids) == 7 and len(new) == 2
            assert all("●" in marks(app, i) for i in new)
            assert "7 articles · 2 unread · 2 new" in app.sub_title
            await select(app, pilot, new[0])
            await pilot.press("r")
            await settle(pilot)
            await settle(pilot)
            assert notifications(app)[-1].startswith("0 new articles from 1 feed")


async def test_S_opens_the_stories(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)


async def test_the_palette_offers_the_new_actions(library_dir):
    from tui.commands import NewsCommands

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [title for title, _, _ in NewsCommands(app.screen)._commands()]
        for wanted in ("Toggle read", "Star", "Open original", "Copy URL", "Refresh all feeds", "Refresh this", "Stories"):
            assert any(wanted.lower() in t.lower() for t in titles if t.startswith(("library:", "app:"))), wanted
        await pilot.press("enter")
        await settle(pilot)
        titles = [title for title, _, _ in NewsCommands(app.screen)._commands()]
        for wanted in ("Toggle read", "Star", "Open original", "Copy URL"):
            assert any(wanted.lower() in t.lower() for t in titles if t.startswith("reader:")), wanted


async def test_an_address_that_is_not_a_web_page_is_neither_opened_nor_copied(library_dir, tmp_path, monkeypatch):
    """Front matter can give any address; only http(s) goes to the browser, and it shows as written."""
    hostile = 'javascript:alert("[bold]x[/]")'
    path = write_article(tmp_path / "files", "evil.txt", "Evil link", "A body long enough to be an article.", url=hostile)
    library = Library.open(library_dir)
    (article_id,) = library.add_paths([path]).added
    library.close()
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *args, **kwargs: opened.append(url) or True)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(app, pilot, article_id)
        assert byline(app).splitlines()[-1] == hostile
        for key in ("o", "y"):
            await pilot.press(key)
            await settle(pilot)
            assert notifications(app)[-1] == f"This article's address is not a web page: {hostile}"
        assert opened == [] and app.clipboard == ""
