"""The stories list's records: dates, outlets and counts kept as articles are
grouped, filtered and sorted in the index, without reading the articles."""

from __future__ import annotations

from datetime import date

import pytest

from index.api import STORY_SORT_NAMES, STORY_SORTS, Library, StoryNotFound, select_stories
from index.stories.dates import date_range
from index.stories.listing import SORT_NAMES, SORTS
from index.stories.members import MEMBERS_FILE, read_members


@pytest.fixture
def story_library(story_library_dir):
    library = Library.open(story_library_dir)
    yield library
    library.close()


def by_title(library: Library, words: str):
    [record] = [r for r in library.story_listing() if r.title.startswith(words)]
    return record


def test_each_story_has_its_dates_outlets_and_count(story_library):
    volcano = by_title(story_library, "Volcano erupts")
    assert (volcano.first, volcano.last) == (date(2025, 7, 3), date(2025, 7, 5))
    assert volcano.dates == "3–5 Jul 2025"
    assert volcano.outlets == ("Harbour Herald", "Valley Times", "Coast Wire")
    assert volcano.count == 3
    assert by_title(story_library, "Museum returns").dates == "8 Jul 2025"
    data = volcano.to_json()
    assert data["first"] == "2025-07-03" and data["count"] == 3 and len(data["articles"]) == 3


def test_newest_first_by_default_then_by_articles_or_outlets(story_library):
    titles = [r.title for r in story_library.story_listing()]
    assert titles[0] == "Cycling race rerouted by roadworks"  # 28 July
    assert titles[-1].startswith("Russia Pioneers")  # the seeds are undated: last
    by_articles = story_library.story_listing(sort="articles")
    assert by_articles[0].title.startswith("Russia Pioneers")  # five articles
    by_outlets = story_library.story_listing(sort="outlets")
    assert [len(r.outlets) for r in by_outlets] == sorted((len(r.outlets) for r in by_outlets), reverse=True)
    with pytest.raises(ValueError):
        story_library.story_listing(sort="random")
    assert STORY_SORTS == SORTS and STORY_SORT_NAMES == SORT_NAMES


def test_filter_by_words_of_titles_and_outlets(story_library):
    def titles(query: str, **options) -> list[str]:
        return [r.title for r in story_library.story_listing(query=query, **options)]

    assert titles("shutdown") == ["Government shutdown ends after budget deal"]
    assert titles("SHUT") == titles("shutdown")  # any case, a word's start
    assert titles("hut") == []  # not inside a word
    assert titles("coast wire", min_outlets=2) == [
        "Teenager wins Oslo chess championship",
        "Government shutdown ends after budget deal",
        "Volcano erupts near Reykjavik, grounding flights",
    ]
    assert titles("report valley") != []  # an article's own title ("… (Valley report)")
    assert titles("oslo flood") == []  # every word must match
    assert len(titles("", min_outlets=2)) == 6  # five events and the seeds
    assert titles("museum", min_outlets=2) == []


def test_select_stories_filters_a_list_already_fetched(story_library):
    records = story_library.story_listing()
    assert [r.title for r in select_stories(records, query="danube")] == ["Floods close the Danube river port at Galati"]


def test_story_members_and_record(story_library):
    record = by_title(story_library, "Lumen Rail")
    members = story_library.story_members(record.id)
    assert [m.outlet for m in members] == ["Harbour Herald", "Valley Times"]
    assert [m.date for m in members] == ["14 Jul 2025", "15 Jul 2025"]
    assert story_library.story_record(record.id) == record
    with pytest.raises(StoryNotFound):
        story_library.story_record("s999")


def test_listing_reads_no_article_once_recorded(story_library, monkeypatch):
    from index.library import Library as Core

    def no_reading(*args, **kwargs):
        raise AssertionError("the listing read the stored articles")

    monkeypatch.setattr(Core, "summaries", no_reading)
    monkeypatch.setattr(Core, "get", no_reading)
    assert len(story_library.story_listing()) == 9


def _stored_members(directory) -> int:
    import sqlite3

    connection = sqlite3.connect(directory / "stories.sqlite3")
    try:
        return connection.execute("SELECT COUNT(*) FROM members").fetchone()[0]
    finally:
        connection.close()


def test_an_old_library_without_member_records_gets_them_once(story_library):
    from .legacy import make_legacy

    expected = story_library.story_listing()
    make_legacy(story_library.directory, members=False)
    fresh = Library.open(story_library.directory)
    assert fresh.story_listing() == expected
    assert by_title(fresh, "Volcano erupts").outlets == ("Harbour Herald", "Valley Times", "Coast Wire")
    assert _stored_members(story_library.directory) == 21  # written to the side file for next time
    assert not (story_library.directory / "signatures.jsonl").exists()  # migrated
    fresh.close()


def test_an_old_librarys_member_lines_are_migrated_without_the_damaged_ones(story_library):
    from .legacy import make_legacy

    expected = story_library.story_listing()
    make_legacy(story_library.directory)
    path = story_library.directory / MEMBERS_FILE
    path.write_bytes(path.read_bytes() + b'{"id": "x", "title": 3}\nnot json\n{"id": "y"')
    assert len(read_members(story_library.directory)) == 21
    fresh = Library.open(story_library.directory)
    assert fresh.story_listing() == expected
    assert by_title(fresh, "Volcano erupts").count == 3
    assert not path.exists() and _stored_members(story_library.directory) == 21
    fresh.close()


def test_the_listing_follows_a_removal(story_library):
    record = by_title(story_library, "Government shutdown")
    assert len(story_library.story_listing()) == 9  # cached from here on
    removed = story_library.remove_story(record.id)
    assert sorted(removed) == sorted(record.articles)
    assert story_library.story_listing(query="shutdown") == []
    assert len(story_library.story_listing()) == 8
    assert story_library.count() == 18


def test_the_listing_follows_an_add(story_library, tmp_path):
    from ..conftest import write_article

    write_article(tmp_path / "more", "kite.md", "Kite festival fills the beach at Scheveningen",
                  "Thousands flew kites at Scheveningen.", source="Dune Daily", published="2025-07-30")
    assert len(story_library.story_listing()) == 9
    story_library.add_paths([tmp_path / "more"])
    newest = story_library.story_listing()[0]
    assert (newest.title, newest.outlets, newest.dates) == (
        "Kite festival fills the beach at Scheveningen", ("Dune Daily",), "30 Jul 2025")


def test_date_ranges():
    assert date_range(date(2025, 7, 3), date(2025, 7, 3)) == "3 Jul 2025"
    assert date_range(date(2025, 7, 3), date(2025, 7, 5)) == "3–5 Jul 2025"
    assert date_range(date(2025, 6, 30), date(2025, 7, 2)) == "30 Jun–2 Jul 2025"
    assert date_range(date(2024, 12, 30), date(2025, 1, 2)) == "30 Dec 2024–2 Jan 2025"
    assert date_range(date(2024, 12, 30), date(2025, 1, 2), short=True) == "30 Dec–2 Jan 2025"
    assert date_range(None, None) == ""


def test_cli_lists_stories_newest_first_with_dates_and_outlets(capsys, story_library_dir):
    from ..conftest import run_cli

    code, out, _ = run_cli(capsys, "--library", str(story_library_dir), "stories")
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("s")]
    assert "20–22 Jul 2025  Teenager wins Oslo chess championship  (3: Harbour Herald, Valley Times, Coast Wire)" in heads[1]
    assert "Harbour Herald  3 Jul 2025  Volcano erupts near Reykjavik, grounding flights" in out
    assert "3 articles stand alone, each in a story of its own" in out


def test_cli_stories_query_outlets_and_sort(capsys, story_library_dir):
    import json

    from ..conftest import run_cli

    directory = str(story_library_dir)
    code, out, _ = run_cli(capsys, "--library", directory, "stories", "--query", "bakery")
    assert code == 0 and "1 Jul 2025  Bakery chain opens in Tromso  (1: Valley Times)" in out
    code, out, _ = run_cli(capsys, "--library", directory, "stories", "--outlets", "3", "--json")
    titles = [s["title"] for s in json.loads(out)["stories"]]
    assert len(titles) == 4 and titles[0] == "Teenager wins Oslo chess championship"  # the seeds' five last: undated
    code, out, _ = run_cli(capsys, "--library", directory, "stories", "--sort", "articles", "--json")
    first = json.loads(out)["stories"][0]
    assert first["count"] == 5 and first["first"] is None
    code, out, _ = run_cli(capsys, "--library", directory, "stories", "-q", "nothing like this")
    assert code == 0 and "No story matches." in out


def test_a_new_process_reads_the_kept_listing_without_regrouping(story_library, monkeypatch):
    from index.library import Library as Core

    expected = story_library.story_listing()

    def no_regrouping(*args, **kwargs):
        raise AssertionError("the listing was built again")

    monkeypatch.setattr(Core, "stories", no_regrouping)
    fresh = Library.open(story_library.directory)
    assert fresh.story_listing() == expected
    assert fresh.story_members(expected[0].id)[0].outlet == "Valley Times"
    fresh.close()


def test_a_damaged_side_file_is_set_aside_and_the_listing_built_again(story_library):
    expected = story_library.story_listing()
    story_library.close()
    (story_library.directory / "stories.sqlite3").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (story_library.directory / f"stories.sqlite3{suffix}").unlink(missing_ok=True)
    fresh = Library.open(story_library.directory)
    assert fresh.story_listing() == expected
    assert list(story_library.directory.glob("stories.sqlite3.damaged-*"))
    fresh.close()


def test_ungrouped_counts_articles_no_story_lists(story_library):
    from index.stories.files import STORIES_FILE

    assert story_library.ungrouped() == 0
    (story_library.directory / STORIES_FILE).unlink()
    fresh = Library.open(story_library.directory)
    assert fresh.ungrouped() == 21 and fresh.story_listing() == []
    fresh.group_stories()
    assert fresh.ungrouped() == 0 and len(fresh.story_listing()) == 9
    fresh.close()


def test_cli_lists_at_most_ten_articles_under_a_story(capsys, story_library_dir):
    from index.stories.listing import StoryRecord
    from index.stories.members import Member
    from tui.cli.output import print_stories

    record = StoryRecord("s1", "Big", None, None, ("A",), tuple(f"a{i}" for i in range(12)), " big ")
    members = {"s1": [Member(f"a{i}", f"Title {i}", "A", None) for i in range(12)]}
    print_stories([record], members)
    out = capsys.readouterr().out
    assert "Title 9" in out and "Title 10" not in out and "… and 2 more (`--json` lists every one)" in out


def test_an_outlet_counts_once_whatever_its_case():
    from index.stories.files import Story
    from index.stories.listing import story_record
    from index.stories.members import Member

    members = {"a": Member("a", "One", "NYT", 1), "b": Member("b", "Two", "nyt", 2), "c": Member("c", "Three", "Fox", 3)}
    assert story_record(Story("s1", "One", ["a", "b", "c"]), members).outlets == ("NYT", "Fox")
