"""The app's feed refresh (`NewsReaderApp.refresh_feeds`), against a local server:
new articles reach the list and the title bar without a restart, and a failing
feed is one line in a notification."""

from __future__ import annotations

from tui.app import NewsReaderApp

from .conftest import settle
from .test_app import result_ids
from .test_refresh import cli, serve_news
from .webserver import serve


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_refresh_brings_new_articles_into_the_list_and_counts_them(capsys, library_dir):
    with serve() as server:
        code, _, err = cli(capsys, library_dir, "feeds", "add", serve_news(server))
        assert code == 0, err
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert len(result_ids(app)) == 5
            app.refresh_feeds()
            assert "refreshing feeds" in app.sub_title
            await settle(pilot)
            await settle(pilot)
            assert len(result_ids(app)) == 7
            assert "2 new articles from 1 feed" in notifications(app)[-1]
            assert app.sub_title.startswith("7 articles") and "2 new" in app.sub_title
            assert not app.refreshing
            # Reading a new article: it is no longer new (nor unread).
            assert app.screen.query_one("#results").highlight_id(sorted(app.new_articles)[0])
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("escape")
            for _ in range(40):  # marking read, then recounting: a message and a worker each
                await settle(pilot)
                if "1 unread · 1 new" in app.sub_title:
                    break
            assert "1 unread · 1 new" in app.sub_title


async def test_a_failing_feed_is_one_line_and_the_good_one_still_arrives(capsys, library_dir):
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        server.add("/broken.xml", b'<rss version="2.0"><channel><title>Broken</title></channel></rss>', "application/rss+xml")
        code, _, err = cli(capsys, library_dir, "feeds", "add", server.url("/broken.xml"))
        assert code == 0, err
        server.routes["/broken.xml"] = lambda request: request.respond(500, b"down")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.refresh_feeds()
            await settle(pilot)
            await settle(pilot)
            assert len(result_ids(app)) == 7
            message = notifications(app)[-1]
            assert message.startswith("2 new articles from 2 feeds")
            (failure,) = message.splitlines()[1:]
            assert server.url("/broken.xml") in failure and "500" in failure


async def test_refresh_without_feeds_says_how_to_add_one(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.refresh_feeds()
        await settle(pilot)
        assert "No feeds yet" in notifications(app)[-1]
        assert not app.refreshing


def test_a_stopped_refresh_indexes_and_records_nothing(capsys, library_dir):
    from index.api import Library

    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        library = Library.open(library_dir)
        try:
            report = library.refresh_feeds(stop=lambda: True)
            assert report.added == [] and report.feeds == []
            (feed,) = library.feeds()
            assert feed.articles == 0 and feed.last_status is None  # not even the fetch was recorded
            report = library.refresh_feeds()  # the next refresh does it all
            assert len(report.added) == 2
        finally:
            library.close()


async def test_quitting_during_a_refresh_does_not_wait_for_every_page(capsys, library_dir):
    import threading
    import time

    release = threading.Event()
    with serve() as server:
        cli(capsys, library_dir, "feeds", "add", serve_news(server))
        pages = ["/news/harbour-wall.html", "/news/rail-strike.html"]  # the feed's two entries
        for path in pages:
            body = server.routes[path]

            def slow(request, body=body) -> None:
                release.wait(3)  # each page takes 3 s unless released
                body(request)

            server.routes[path] = slow
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.refresh_feeds()
            await pilot.pause(0.3)
            started = time.monotonic()
        workers = [t for t in threading.enumerate() if t.name.startswith("ThreadPoolExecutor")]
        for thread in workers:
            thread.join(10)
        assert time.monotonic() - started < 5  # at most the page in flight, not both
        release.set()


async def test_marks_changed_by_another_process_show_up(capsys, library_dir):
    from tui.widgets.result_list import ResultList

    from .conftest import run_cli

    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen._check_for_changes()  # the first look notes how the state database is
        await settle(pilot)
        first = result_ids(app)[0]
        code, _, err = run_cli(capsys, "--library", str(library_dir), "unread", first)  # "another shell"
        assert code == 0, err
        for _ in range(20):
            app.screen._check_for_changes()
            await settle(pilot)
            if "1 unread" in app.sub_title:
                break
        assert app.sub_title == "5 articles · 1 unread"
        assert app.screen.query_one(ResultList).text_of(first).startswith("●")
