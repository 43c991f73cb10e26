"""The library list's first screen, kept from the last start: shown in the
app's first frame when nothing it depends on changed, and never when
something did (an add, a removal, a story correction); flags always fresh."""

from __future__ import annotations

import json
import threading

from index.api import Library, first_screen
from index.first_screen import FIRST_SCREEN_FILE
from tui.app import NewsReaderApp
from tui.screens.library import LibraryScreen
from tui.widgets.result_list import ResultList

from .conftest import settle, write_article


def keep_opening_listing(directory) -> list[str]:
    """What the app does when it lists the library on opening; returns the titles, in order."""
    library = Library.open(directory)
    try:
        pages = library.search_pages("", first=100)
        ids = [hit.id for hit in pages.results.hits]
        library.keep_first_screen(pages, library.also_published_by(ids), library.other_outlets(ids))
        return [hit.title for hit in pages.results.hits]
    finally:
        library.close()


class TestKeptRows:
    def test_a_library_never_listed_has_none(self, library_dir):
        assert first_screen(library_dir) is None

    def test_the_rows_come_back_as_listed_with_their_order_and_total(self, library_dir):
        titles = keep_opening_listing(library_dir)
        kept = first_screen(library_dir)
        assert kept is not None
        assert [hit.title for hit in kept.hits] == titles
        assert kept.total == len(titles) and kept.sort == "newest"
        assert set(kept.flags) == {hit.id for hit in kept.hits}

    def test_adding_an_article_makes_them_stale(self, library_dir, tmp_path):
        keep_opening_listing(library_dir)
        library = Library.open(library_dir)
        library.add_paths([write_article(tmp_path / "new", "a.txt", "Fresh harbour news", "Boats came in.")])
        library.close()
        assert first_screen(library_dir) is None
        assert "Fresh harbour news" in keep_opening_listing(library_dir)  # and the next listing keeps the new rows
        assert first_screen(library_dir) is not None

    def test_removing_an_article_makes_them_stale(self, library_dir):
        keep_opening_listing(library_dir)
        library = Library.open(library_dir)
        library.remove([library.summaries()[0].id])
        library.close()
        assert first_screen(library_dir) is None

    def test_a_story_file_changed_makes_them_stale(self, library_dir):
        keep_opening_listing(library_dir)
        stories = library_dir / "stories.json"
        stories.write_text(stories.read_text(encoding="utf-8") + " ", encoding="utf-8")
        assert first_screen(library_dir) is None

    def test_flags_are_read_fresh_not_kept(self, library_dir):
        keep_opening_listing(library_dir)
        kept = first_screen(library_dir)
        first = kept.hits[0].id
        library = Library.open(library_dir)
        library.mark_read([first], read=False)
        library.mark_starred([first])
        library.close()
        again = first_screen(library_dir)
        assert again is not None
        assert (again.flags[first].read, again.flags[first].starred) == (False, True)

    def test_a_garbled_or_foreign_file_is_ignored(self, library_dir):
        keep_opening_listing(library_dir)
        path = library_dir / FIRST_SCREEN_FILE
        kept = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**kept, "version": 999}), encoding="utf-8")
        assert first_screen(library_dir) is None
        path.write_text("{not json", encoding="utf-8")
        assert first_screen(library_dir) is None
        path.write_text(json.dumps({**kept, "rows": [{"title": "no id"}]}), encoding="utf-8")
        assert first_screen(library_dir) is None

    def test_kept_once_then_left_alone(self, library_dir):
        keep_opening_listing(library_dir)
        path = library_dir / FIRST_SCREEN_FILE
        written = path.stat().st_mtime_ns
        keep_opening_listing(library_dir)
        assert path.stat().st_mtime_ns == written

    def test_rows_kept_before_their_story_markers_get_them_after(self, library_dir):
        library = Library.open(library_dir)
        try:
            pages = library.search_pages("", first=100)
            ids = [hit.id for hit in pages.results.hits]
            library.keep_first_screen(pages, {}, None)
            assert first_screen(library_dir).outlets == {}
            outlets = library.other_outlets(ids)
            assert outlets  # the seeds' stories span outlets
            library.keep_first_screen(pages, {}, outlets)
            assert first_screen(library_dir).outlets == outlets
            library.keep_first_screen(pages, {}, None)  # never back to rows without markers
            assert first_screen(library_dir).outlets == outlets
        finally:
            library.close()

    def test_a_search_is_never_kept(self, library_dir):
        library = Library.open(library_dir)
        try:
            library.keep_first_screen(library.search_pages("taliban"), {}, {})
        finally:
            library.close()
        assert not (library_dir / FIRST_SCREEN_FILE).exists()

    def test_a_missing_library_has_none(self, tmp_path):
        assert first_screen(tmp_path / "nowhere") is None


def listing(app) -> ResultList:
    return app.screen.query_one(ResultList)


def status(app) -> str:
    return str(app.screen.query_one("#library-status").render())


def held_open(monkeypatch) -> threading.Event:
    """The app's library opens only once the returned event is set."""
    release = threading.Event()
    real_open = Library.open.__func__

    def slow_open(cls, *args, **kwargs):
        release.wait(30)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Library, "open", classmethod(slow_open))
    return release


class TestTheAppsFirstFrame:
    async def test_the_kept_rows_show_before_the_library_opens_then_the_real_ones_replace_them(
        self, library_dir, monkeypatch
    ):
        titles = keep_opening_listing(library_dir)
        release = held_open(monkeypatch)
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            rows = listing(app)
            assert app.library is None  # still opening
            assert [rows.rows[i].title for i in range(len(titles))] == titles
            assert f"{len(titles)} articles in the library" in status(app) and "newest first" in status(app)
            await pilot.press("j")  # the cursor moves among the kept rows
            assert rows.cursor == 1
            release.set()
            await settle(pilot)
            assert app.library is not None
            screen = app.screen
            assert isinstance(screen, LibraryScreen) and screen.pages is not None
            assert [rows.rows[i].title for i in range(len(titles))] == titles
            assert rows.cursor == 1  # the real rows did not move it

    async def test_stale_rows_are_not_shown(self, library_dir, monkeypatch, tmp_path):
        keep_opening_listing(library_dir)
        library = Library.open(library_dir)
        library.add_paths([write_article(tmp_path / "new", "a.txt", "Fresh harbour news", "Boats came in.")])
        library.close()
        release = held_open(monkeypatch)
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.library is None and not listing(app).rows
            release.set()
            await settle(pilot)
            assert any(hit.title == "Fresh harbour news" for hit in listing(app).rows.values())

    async def test_the_app_keeps_its_opening_listing_for_the_next_start(self, library_dir):
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            shown = [hit.title for _, hit in sorted(listing(app).rows.items())]
        kept = first_screen(library_dir)
        assert kept is not None and [hit.title for hit in kept.hits] == shown


def test_a_side_store_rewritten_unchanged_keeps_them(library_dir):
    """A WAL checkpoint rewrites the stories and near-copy databases when a
    reader closes them; the kept rows must survive that, or they never show."""
    keep_opening_listing(library_dir)
    for name in ("stories.sqlite3", "dupes.sqlite3"):
        path = library_dir / name
        if path.exists():
            with path.open("ab") as grown:
                grown.write(b"\0" * 4096)
    assert first_screen(library_dir) is not None
