"""Summaries without walking the whole library at once: every article newest
first, read as iterated (`newest_summaries`), some articles by id in the
same order (`summaries_of`), titles (`_titles`), and the story corrections
that need only a few of them."""

from __future__ import annotations

from datetime import datetime

import pytest
from whoosh import fields
from whoosh.filedb.filestore import FileStorage

from index.api import Library
from index.library import core as core_module
from index.library import summaries as summaries_module

from .conftest import SEED_IDS, write_article

BODY = "The council met on the harbour wall and agreed the cost and the timetable for the work {}."

# (file, title, published): ties on a date and among the undated are put in
# title order (casefolded), equal titles in the order added.
FIRST = [
    ("a", "beta on the second", "2025-03-02"),
    ("b", "Zulu undated", None),
    ("c", "Alpha on the second", "2025-03-02"),
    ("d", "The newest", "2025-06-01"),
    ("e", "apple undated", None),
]
SECOND = [
    ("f", "ALPHA ON THE SECOND", "2025-03-02"),
    ("g", "Mango undated", None),
    ("h", "The oldest", "2024-01-01"),
    ("i", "Apple undated", None),
]
EXPECTED = [
    "The newest",
    "Alpha on the second", "ALPHA ON THE SECOND", "beta on the second",
    "The oldest",
    "apple undated", "Apple undated", "Mango undated", "Zulu undated",
]  # fmt: skip


def _add(library: Library, directory, articles) -> list[str]:
    paths = []
    for name, title, published in articles:
        front = {"published": published} if published else {}
        paths.append(write_article(directory, f"{name}.txt", title, BODY.format(name), **front))
    report = library.add([str(path) for path in paths])
    assert len(report.added) == len(articles), report
    return list(report.added)


@pytest.fixture
def dated(tmp_path):
    """A library of the articles above, added in two commits (two segments)."""
    library = Library.open(tmp_path / "library", seed=False)
    _add(library, tmp_path / "first", FIRST)
    _add(library, tmp_path / "second", SECOND)
    yield library
    library.close()


def _titles(summaries) -> list[str]:
    return [s.title for s in summaries]


def test_newest_summaries_are_newest_first_ties_by_title_undated_last(dated):
    walk = dated.newest_summaries()
    assert walk.total == 9
    listed = list(walk)
    assert _titles(listed) == EXPECTED
    assert listed == dated.summaries()  # the order, and the records, of the whole-library list


def test_newest_summaries_decode_each_article_as_it_is_reached(dated, monkeypatch):
    reads = []
    original = summaries_module.summary_from_fields
    monkeypatch.setattr(summaries_module, "summary_from_fields", lambda stored: reads.append(1) or original(stored))
    walk = iter(dated.newest_summaries())
    assert reads == []
    assert next(walk).title == "The newest" and len(reads) == 1  # a date of its own: read alone
    assert next(walk).title == "Alpha on the second" and len(reads) == 4  # its date's three, to order them


def test_newest_summaries_of_an_empty_library(tmp_path):
    library = Library.open(tmp_path / "empty", seed=False)
    walk = library.newest_summaries()
    assert walk.total == 0 and list(walk) == []
    library.close()


@pytest.mark.parametrize("share", [summaries_module.LOOKUP_SHARE, 0])  # looked up one by one; found by a walk
def test_summaries_of_some_ids_in_the_library_order(dated, monkeypatch, share):
    monkeypatch.setattr(summaries_module, "LOOKUP_SHARE", share)
    by_title = {s.title: s.id for s in dated.summaries()}
    wanted = [by_title[t] for t in ("Zulu undated", "The oldest", "ALPHA ON THE SECOND", "beta on the second", "The newest")]
    found = dated.summaries_of([*wanted, wanted[0], "nosuchid"])  # repeated and unknown ids
    assert _titles(found) == ["The newest", "ALPHA ON THE SECOND", "beta on the second", "The oldest", "Zulu undated"]
    assert dated.summaries_of([]) == []


def test_summaries_of_reads_only_the_ids_given(dated, monkeypatch):
    def whole_library(self):
        raise AssertionError("walked the whole library")

    monkeypatch.setattr(core_module.Library, "summaries", whole_library)
    some = [s.id for s in list(dated.newest_summaries())[:2]]
    assert [s.id for s in dated.summaries_of(some)] == some


def test_titles_of_some_or_every_article(dated):
    everything = {s.id: s.title for s in dated.summaries()}
    assert dated._titles() == everything
    some = list(everything)[:3]
    assert dated._titles([*some, "nosuchid"]) == {i: everything[i] for i in some}


def test_dates_come_from_stored_fields_where_a_segment_has_no_date_column(tmp_path):
    """A library made before `published` was sortable: the order is the same."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True), title=fields.TEXT(stored=True), published=fields.DATETIME(stored=True)
    )
    index = FileStorage(str(tmp_path)).create_index(schema)
    writer = index.writer()
    writer.add_document(id="u", title="undated")
    writer.add_document(id="o", title="old", published=datetime(2020, 1, 1))
    writer.add_document(id="n", title="new", published=datetime(2025, 1, 1))
    writer.add_document(id="n2", title="New too", published=datetime(2025, 1, 1))
    writer.commit()
    with index.searcher() as searcher:
        assert [s.id for s in summaries_module.newest_first(searcher)] == ["n", "n2", "o", "u"]
        assert [s.id for s in summaries_module.summaries_of(searcher, ["u", "o", "n2"])] == ["n2", "o", "u"]


# -- story corrections read only the titles they use ----------------------------------


@pytest.fixture
def seeds(library_dir):
    library = Library.open(library_dir)
    yield library
    library.close()


def _no_whole_library_walk(monkeypatch) -> None:
    def walked(*args):
        raise AssertionError("walked the whole library")

    monkeypatch.setattr(core_module.Library, "summaries", walked)
    monkeypatch.setattr(summaries_module, "all_titles", walked)


def test_split_story_retitles_what_is_left_after_its_first_article(seeds, monkeypatch):
    _no_whole_library_walk(monkeypatch)
    story = seeds.story_of(SEED_IDS[0])
    assert story is not None and story.articles[:3] == SEED_IDS[:3]
    new = seeds.split_story(story.id, SEED_IDS[:2])
    assert new.title == seeds.get(SEED_IDS[0]).title
    assert seeds.story(story.id).title == seeds.get(SEED_IDS[2]).title


def test_move_to_story_retitles_the_story_left(seeds, monkeypatch):
    _no_whole_library_walk(monkeypatch)
    story = seeds.story_of(SEED_IDS[0])
    assert story is not None and story.articles[:2] == SEED_IDS[:2]
    own = seeds.move_to_story(SEED_IDS[0], None)
    assert own.articles == [SEED_IDS[0]] and own.title == seeds.get(SEED_IDS[0]).title
    assert seeds.story(story.id).title == seeds.get(SEED_IDS[1]).title


def test_rebuild_stories_keeps_every_article_and_a_split(seeds):
    story = seeds.story_of(SEED_IDS[0])
    assert story is not None
    new = seeds.split_story(story.id, SEED_IDS[:2])
    seeds.rebuild_stories()
    assert seeds.story_of(SEED_IDS[0]).articles == SEED_IDS[:2]
    assert seeds.story_of(SEED_IDS[0]).title == new.title
    grouped = {article for s in seeds.stories() for article in s.articles}
    assert grouped == set(SEED_IDS)
