"""The add dialog (`a`), against a local server: a page URL is added with
progress and reaches the list; bad input is one line in the dialog and
loses nothing; a feed address subscribes and its first refresh runs; an add
still running when the dialog closes finishes in the background."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input, ProgressBar, RadioSet, Static

from index.api import Library
from tui.add_input import InputProblem, Kind, describe, looks_like_feed, parse_items, resolve
from tui.app import NewsReaderApp
from tui.screens.add import AddScreen
from tui.screens.feeds import FeedsScreen

from .conftest import settle, write_article
from .hostile import MARKUP_TITLE
from .test_app import result_ids
from .test_app_refresh import notifications
from .test_refresh import rss, serve_news, story_page
from .webserver import serve


def text_of(widget: Static) -> str:
    visual = widget.render()
    return getattr(visual, "plain", str(visual))


def summary(app) -> str:
    return text_of(app.screen.query_one("#add-summary", Static))


def hint(app) -> str:
    return text_of(app.screen.query_one("#add-hint", Static))


def problems(app) -> list[str]:
    return [text_of(line) for line in app.screen.query("#add-problems Static").results(Static)]


async def open_dialog(app, pilot) -> None:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, AddScreen)
    assert app.screen.focused is app.screen.query_one("#add-input", Input)


async def type_and_add(pilot, text: str) -> None:
    pilot.app.screen.query_one("#add-input", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_a_page_url_is_added_with_progress_and_reaches_the_list(library_dir):
    with serve() as server:
        server.add("/news/port.html", story_page("Port authority opens new ferry terminal", "it cost 40 million"))
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_dialog(app, pilot)
            await pilot.press(*server.url("/news/port.html"))
            assert hint(app) == "enter adds 1 page or file"
            await pilot.press("enter")
            await settle(pilot)
            assert summary(app) == "1 added"
            bar = app.screen.query_one(ProgressBar)
            assert bar.display and bar.total == 1 and bar.progress == 1
            assert problems(app) == []
            assert app.screen.query_one("#add-input", Input).value == ""  # ready for more
            await pilot.press("escape")
            await settle(pilot)
            assert len(result_ids(app)) == 6
            assert "1 new" in app.sub_title


async def test_bad_input_is_one_line_and_nothing_is_lost(library_dir, tmp_path):
    good = write_article(tmp_path / "in", "kept.txt", "Harbour wall approved", "The council approved the wall.")
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_dialog(app, pilot)
        await type_and_add(pilot, "   ")
        assert summary(app).startswith("type a web page's or a feed's address")
        await type_and_add(pilot, '"/tmp/no closing quote')
        assert summary(app) == "a quote is not closed; put a path with spaces in matching quotes"
        await type_and_add(pilot, f"http://127.0.0.1:9/story.html {tmp_path}/missing.txt {good}")
        assert summary(app) == "1 added, 2 failed"
        lines = problems(app)
        assert len(lines) == 2 and all("\n" not in line for line in lines)
        assert any(line.startswith("not added: http://127.0.0.1:9/story.html: ") for line in lines)
        assert f"not added: {tmp_path}/missing.txt: does not exist; check the path" in lines
        await type_and_add(pilot, str(good))
        assert summary(app) == "0 added, 1 already in the library"
        assert problems(app) == [f"skipped: {good}: duplicate of an article already in the library"]
        assert isinstance(app.screen, AddScreen)
        assert "Traceback" not in summary(app)
    library = Library.open(library_dir)
    assert library.count() == 6
    library.close()


async def test_a_feed_address_subscribes_and_fetches_its_articles(library_dir):
    with serve() as server:
        feed_url = serve_news(server)
        server.add("/plain.html", b"<html><head><title>x</title></head><body><p>No feed here.</p></body></html>")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)  # F waits for the library to open
            await pilot.press("F")
            await settle(pilot)
            await open_dialog(app, pilot)
            await pilot.press(*feed_url)
            assert hint(app) == "enter subscribes to 1 feed"
            await pilot.press("enter")
            await settle(pilot)
            assert summary(app).startswith("Subscribed to Coast Gazette; fetching the articles")
            await settle(pilot)
            await settle(pilot)
            assert any("2 new articles from 1 feed" in n for n in notifications(app))
            # Not a feed, said to be one: one line, nothing subscribed.
            app.screen.query_one(RadioSet).query("RadioButton").last().value = True
            await type_and_add(pilot, server.url("/plain.html"))
            assert summary(app) == "Not subscribed: 1 feed failed"
            assert app.screen.query_one("#add-summary").has_class("-error")
            (line,) = problems(app)
            assert line.startswith(f"not added: {server.url('/plain.html')}: ") and "no feed link" in line
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, FeedsScreen)
            from .test_app_feeds import rows

            assert [row[:3] for row in rows(app)] == [["Coast Gazette", "2", "2"]]
            # Subscribing again: skipped, not a failure.
            await open_dialog(app, pilot)
            await type_and_add(pilot, feed_url)
            assert summary(app) == "Already subscribed to Coast Gazette"
            assert not app.screen.query_one("#add-summary").has_class("-error")
            assert problems(app) == [f"skipped: {feed_url}: already subscribed as Coast Gazette"]
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert len(result_ids(app)) == 7


async def test_auto_subscribes_to_feeds_and_adds_the_rest(library_dir, tmp_path):
    with serve() as server:
        feed_url = serve_news(server)  # .../feed.xml: reads as a feed
        server.add("/napa.html", story_page("Napa vineyards count the cost of the fire", "losses reach 9 million"))
        server.add("/latest", rss("Valley Times", []), "application/rss+xml")  # a feed at a page-like address
        server.add(
            "/home.html",
            '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            "</head><body><p>Home</p></body></html>",
        )
        missing = f"{tmp_path}/no/such/path"
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_dialog(app, pilot)
            pilot.app.screen.query_one("#add-input", Input).value = f"{feed_url} {server.url('/napa.html')} {missing}"
            await settle(pilot)
            assert hint(app) == "enter subscribes to 1 feed and adds 2 pages or files"
            await pilot.press("enter")
            await settle(pilot)
            assert summary(app).startswith("Subscribed to Coast Gazette; fetching the articles")
            assert summary(app).endswith(" · 1 added, 1 failed")
            bar = app.screen.query_one(ProgressBar)
            assert bar.total == 3 and bar.progress == 3
            assert problems(app) == [f"not added: {missing}: does not exist; check the path"]
            await settle(pilot)
            await settle(pilot)
            assert any("2 new articles from 1 feed" in n for n in notifications(app))
            # Pages that are feeds, or link one, say to subscribe instead.
            await type_and_add(pilot, f"{server.url('/latest')} {server.url('/home.html')}")
            assert summary(app) == "0 added, 2 failed"
            assert problems(app) == [
                f"not added: {server.url('/latest')}: the server sent application/rss+xml, not a web page; "
                "it is a feed: choose Subscribe to feed",
                f"not added: {server.url('/home.html')}: has no article text (only 1 word of text found); "
                "if it links a feed: choose Subscribe to feed",
            ]
            await pilot.press("escape")
            await settle(pilot)
            assert len(result_ids(app)) == 5 + 1 + 2  # the seeds, the page, the feed's two


async def test_enter_on_the_page_or_feed_choice_adds(library_dir):
    with serve() as server:
        server.add("/latest.xml", rss("Valley Times", []), "application/rss+xml")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_dialog(app, pilot)
            await pilot.press(*server.url("/latest.xml"))
            assert hint(app) == "enter subscribes to 1 feed"
            await pilot.press("tab", "down")  # onto the choice; highlight "Web page or file(s)"
            await settle(pilot)
            assert isinstance(app.screen.focused, RadioSet)
            await pilot.press("enter")  # picks it, and adds
            await settle(pilot)
            assert app.screen.query_one(RadioSet).pressed_index == 1
            assert summary(app) == "0 added, 1 failed"
            (line,) = problems(app)
            assert line.endswith("not a web page; it is a feed: choose Subscribe to feed")
            await pilot.press("down", "enter")  # "Subscribe to feed"
            await settle(pilot)
            assert app.screen.query_one(RadioSet).pressed_index == 2
            assert summary(app).startswith("Subscribed to Valley Times")


async def test_closing_while_adding_finishes_in_the_background(library_dir):
    release = threading.Event()
    with serve() as server:
        page = story_page("Ferry timetable changes for the winter", "sailings drop to four a day")

        def slow(request) -> None:
            release.wait(10)
            request.respond(200, page, {"Content-Type": "text/html; charset=utf-8"})

        server.routes["/slow.html"] = slow
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_dialog(app, pilot)
            await pilot.press(*server.url("/slow.html"), "enter")
            await pilot.pause()
            assert app.screen.running and summary(app) == "Reading 1 item…"
            await pilot.press("x")  # typing never waits on the add
            assert app.screen.query_one("#add-input", Input).value.endswith("x")
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, AddScreen)
            release.set()
            # The worker went with the dialog; its thread did not: wait for its word.
            for _ in range(100):
                if any(n.startswith("1 added") for n in notifications(app)):
                    break
                await pilot.pause(0.1)
            await settle(pilot)
            assert any(n.startswith("1 added") for n in notifications(app)), notifications(app)
            assert len(result_ids(app)) == 6


async def test_a_hostile_name_in_a_failure_shows_as_typed(library_dir, tmp_path):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_dialog(app, pilot)
        await type_and_add(pilot, f'"{tmp_path}/{MARKUP_TITLE}.txt"')
        (line,) = problems(app)
        # (as a path: the markup's "//" reads as one "/")
        assert line == f"not added: {tmp_path / (MARKUP_TITLE + '.txt')}: does not exist; check the path"
        assert "[bold red]x[/] Kabul talks [link=http:" in line
        await type_and_add(pilot, "")
        assert problems(app) == []  # the last run's lines go with it


def test_what_the_input_means():
    assert parse_items("a.txt 'my notes/b.md'\nhttp://x.org/p") == ["a.txt", "my notes/b.md", "http://x.org/p"]
    assert all(map(looks_like_feed, ["https://x.org/feed", "http://x.org/news/rss.xml", "https://x.org/a/atom/"]))
    assert not any(map(looks_like_feed, ["https://x.org/", "https://x.org/story.html", "feed.xml"]))
    assert resolve("https://x.org/feed.xml", Kind.AUTO).feeds
    assert not resolve("https://x.org/feed.xml", Kind.PAGES).feeds
    mixed = resolve("https://x.org/feed.xml notes.txt https://x.org/story.html", Kind.AUTO)
    assert mixed.feeds == ["https://x.org/feed.xml"] and mixed.pages == ["notes.txt", "https://x.org/story.html"]
    assert describe(mixed) == "enter subscribes to 1 feed and adds 2 pages or files"
    assert describe(resolve("https://x.org/feed.xml https://x.org/rss", Kind.AUTO)) == "enter subscribes to 2 feeds"
    assert resolve("https://x.org/news", Kind.FEEDS).feeds
    with pytest.raises(InputProblem, match="notes.txt is not a web address"):
        resolve("notes.txt", Kind.FEEDS)


async def test_skipped_files_warnings_and_per_file_progress_in_the_dialog(library_dir, tmp_path, monkeypatch):
    inbox = tmp_path / "in"
    for number in range(4):
        write_article(inbox, f"story-{number}.txt", f"Harbour report {number}", f"The harbour story number {number}.")
    write_article(inbox, "dated.txt", "Dated harbour report", "Body of the dated one.", published="03/07/2025")
    (inbox / "minutes.pdf").write_bytes(b"%PDF-1.4")
    (inbox / "empty").mkdir()
    steps: list[int] = []
    real = Library.add

    def add(self, sources, *, progress=None, **options):
        def step(count):
            steps.append(count)
            progress(count)

        return real(self, sources, progress=step, **options)

    monkeypatch.setattr(Library, "add", add)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        await type_and_add(pilot, str(inbox))
        await settle(pilot)
        assert summary(app) == "5 added, 1 not an article, 1 empty directory, 1 warning"
        lines = problems(app)
        assert lines[0].startswith(f"warning: {inbox}/dated.txt: its date '03/07/2025' could be read day first")
        assert f"skipped: {inbox}/minutes.pdf: is not an article file; newsreader reads .txt, .md, .markdown, .html, .htm" in lines
        assert f"skipped: {inbox}/empty: is an empty directory" in lines
        bar = app.screen.query_one(ProgressBar)
        assert bar.total == 5 and bar.progress == 5
    assert steps == [1] * 5  # the bar was told of every file as it was read
