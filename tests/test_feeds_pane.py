"""The feeds screen's article pane reads only that feed's articles, never
the whole library, and lists them in the library's order."""

from __future__ import annotations

from index.api import FeedInfo, Library
from index.library import core as core_module
from tui.app import NewsReaderApp

from .conftest import settle
from .test_app_feeds import article_lines, open_feeds
from .test_summaries import FIRST, SECOND, _add


async def test_a_feeds_pane_reads_only_its_articles_in_the_library_order(tmp_path, monkeypatch):
    directory = tmp_path / "library"
    library = Library.open(directory, seed=False)
    ids = _add(library, tmp_path / "first", FIRST) + _add(library, tmp_path / "second", SECOND)
    by_title = {s.title: s.id for s in library.summaries()}
    library.close()
    in_feed = ["Zulu undated", "beta on the second", "The oldest", "apple undated", "Alpha on the second"]
    feed = FeedInfo("f1", "https://x.example/feed.xml", "X Daily", "", "auto", 5, 5, None, None, None, 0)
    monkeypatch.setattr(Library, "feeds", lambda self: [feed])
    monkeypatch.setattr(Library, "feed_articles", lambda self, name: sorted(by_title[t] for t in in_feed))

    def whole_library(self):
        raise AssertionError("the pane read the whole library")

    monkeypatch.setattr(core_module.Library, "summaries", whole_library)
    assert len(ids) == 9
    app = NewsReaderApp(library_dir=directory)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_feeds(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        titles = [line[2:].split(" · ")[0] for line in article_lines(app)]
        assert titles == ["Alpha on the second", "beta on the second", "The oldest", "apple undated", "Zulu undated"]
