"""Stories: grouping articles about one event, incrementally, with corrections that persist."""

from __future__ import annotations

import json

import pytest

from index import Library
from index.stories import StoryError

from .conftest import SEED_IDS, SHARED_DATA, file_id, run_cli, stem_ids, write_article

RELATED = (
    "Moscow formally recognises the Taliban government in Afghanistan",
    "Russia on Thursday became the first country to formally recognise the Taliban government of Afghanistan. "
    "Foreign Minister Amir Khan Muttaqi met the Russian ambassador Dmitry Zhirnov in Kabul and called the "
    "recognition of the Taliban by Russia a courageous decision for Afghanistan.",
)
UNRELATED = (
    "Harbour council approves dredging of the north channel",
    "The harbour council voted on Monday to dredge the north channel before the autumn storms, "
    "after fishermen complained that silt had stranded three trawlers at low tide.",
)


def _stories(library) -> dict[str, list[str]]:
    return {s.id: s.articles for s in library.stories().stories.values()}


def test_the_five_seeds_form_one_story(library):
    stories = _stories(library)
    assert list(stories.values()) == [SEED_IDS]


def test_grouping_is_incremental(library, tmp_path):
    write_article(tmp_path / "in", "related.txt", *RELATED)
    write_article(tmp_path / "in", "harbour.txt", *UNRELATED)
    library.add_paths([tmp_path / "in"])
    ids = stem_ids(tmp_path / "in")
    stories = _stories(library)
    assert len(stories) == 2
    seeds_story = next(a for a in stories.values() if SEED_IDS[0] in a)
    assert seeds_story == SEED_IDS + [ids["related"]]  # earlier assignments stay put
    assert [ids["harbour"]] in stories.values()


def test_corrections_persist_and_survive_rebuild(library_dir):
    library = Library.open(library_dir)
    moved = library.change_stories(lambda store: store.move(SEED_IDS[4], None, "Alone"))
    library.close()
    library = Library.open(library_dir)
    stories = _stories(library)
    assert stories[moved.id] == [SEED_IDS[4]]
    titles = {s.id: s.title for s in library.summaries()}
    library.change_stories(lambda store: store.rebuild(titles))
    stories = _stories(library)
    assert [SEED_IDS[4]] in stories.values()
    assert SEED_IDS[:4] in stories.values()
    library.close()


def test_rebuild_keeps_story_ids_and_split_retitles(library):
    story = library.stories().story_of(SEED_IDS[0]).id
    titles = {s.id: s.title for s in library.summaries()}
    library.change_stories(lambda store: store.rebuild(titles))
    assert library.stories().story_of(SEED_IDS[0]).id == story
    new = library.change_stories(lambda store: store.split(story, SEED_IDS[:2], titles[SEED_IDS[0]], titles))
    stories = library.stories().stories
    assert stories[story].title == titles[SEED_IDS[2]]  # named after its first article now
    assert stories[new.id].title == titles[SEED_IDS[0]]
    library.change_stories(lambda store: store.rebuild(titles))
    stories = library.stories().stories
    assert stories[story].articles == SEED_IDS[2:] and stories[new.id].articles == SEED_IDS[:2]


def test_merge_and_split(library):
    main_story = library.stories().story_of(SEED_IDS[0]).id
    new = library.change_stories(lambda store: store.split(main_story, SEED_IDS[3:], "Split off"))
    stories = _stories(library)
    assert stories[main_story] == SEED_IDS[:3] and stories[new.id] == SEED_IDS[3:]
    library.change_stories(lambda store: store.merge(main_story, new.id))
    assert _stories(library) == {main_story: SEED_IDS}
    with pytest.raises(StoryError, match="no story with id 'nope'"):
        library.change_stories(lambda store: store.merge(main_story, "nope"))
    with pytest.raises(StoryError, match="at least one article"):
        library.change_stories(lambda store: store.split(main_story, SEED_IDS, "All"))


def test_separated_articles_are_not_grouped_again(library, tmp_path):
    story = library.stories().story_of(SEED_IDS[0]).id
    library.change_stories(lambda store: store.move(SEED_IDS[1], None, "Apart"))
    titles = {s.id: s.title for s in library.summaries()}
    library.change_stories(lambda store: store.rebuild(titles))
    store = library.stories()
    assert store.story_of(SEED_IDS[1]).id != store.story_of(SEED_IDS[0]).id
    assert story  # the original story id may be renumbered by a rebuild; the separation holds


def test_removed_articles_leave_their_story(library):
    library.remove(SEED_IDS[2])
    assert list(_stories(library).values()) == [SEED_IDS[:2] + SEED_IDS[3:]]


def test_a_library_without_stories_is_grouped_on_first_use(library_dir):
    for name in ("stories.json", "stories.sqlite3", "stories.sqlite3-wal", "stories.sqlite3-shm", "signatures.jsonl"):
        (library_dir / name).unlink(missing_ok=True)
    library = Library.open(library_dir)
    assert _stories(library) == {}  # stories() only reads
    assert library.group_ungrouped() == 5
    assert [sorted(a) for a in _stories(library).values()] == [sorted(SEED_IDS)]
    library.close()


def test_cli_stories_json_and_corrections(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "--json")
    assert code == 0
    [story] = json.loads(out)["stories"]
    assert {"id", "title", "articles", "first", "last", "outlets", "count"} == set(story) and story["articles"] == SEED_IDS
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "move", SEED_IDS[4][:4], "new", "--json")
    data = json.loads(out)
    assert code == 0 and [SEED_IDS[4]] in [s["articles"] for s in data["stories"]]
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "merge", story["id"], data["changed"], "--json")
    assert code == 0 and [s["articles"] for s in json.loads(out)["stories"]] == [SEED_IDS]
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "split", story["id"], SEED_IDS[3][:4], SEED_IDS[4][:4])
    assert code == 0 and "changed" in out
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "compare", "--story", story["id"], "--json")
    assert code == 0 and [a["id"] for a in json.loads(out)["articles"]] == SEED_IDS[:3]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["stories", "move", SEED_IDS[4]], 2, "usage: newsreader stories move"),
        (["stories", "merge", "s1", "s99"], 3, "no story with id 's99'"),
        (["stories", "move", "nope", "new"], 3, "no article with id 'nope'"),
        (["compare", "--story", "s99"], 3, "no story with id 's99'"),
        (["compare", "--story", "s1", SEED_IDS[0]], 2, "either article ids or --story"),
    ],
)
def test_cli_story_errors_are_one_line(capsys, library_dir, args, code, message):
    got, out, err = run_cli(capsys, "--library", str(library_dir), *args)
    assert got == code and message in err and err.count("\n") == 1


DAMAGED_STORIES = {
    "not json": b"{not json",
    "a list": b"[]",
    "stories a number": b'{"stories": 5}',
    "story without articles": b'{"stories": {"s1": {"title": "x"}}}',
    "articles not strings": b'{"stories": {"s1": {"title": "x", "articles": [1, null]}}}',
    "bad story id": b'{"stories": {"foo": {"title": "x", "articles": ["a"]}}}',
    "pinned a string": b'{"pinned": "abc", "stories": {}}',
    "apart not pairs": b'{"apart": [["a"], 5], "stories": {}}',
    "next not a number": b'{"next": "x", "stories": {}}',
    "invalid utf-8": b'{"stories": {"s1": {"title": "\xff\xfe", "articles": []}}}',
    "empty file": b"",
}


@pytest.mark.parametrize("content", DAMAGED_STORIES.values(), ids=DAMAGED_STORIES.keys())
def test_no_stories_json_shape_gives_a_traceback(capsys, library_dir, tmp_path, content):
    (library_dir / "stories.json").write_bytes(content)
    code, _, err = run_cli(capsys, "--library", str(library_dir), "stories")
    assert code == 1 and "stories.json is damaged" in err and "newsreader repair" in err and err.count("\n") == 1
    # Adding never fails on it: the articles are added, the damaged file is kept aside.
    write_article(tmp_path / "in", "harbour.txt", *UNRELATED)
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "add", "--json", str(tmp_path / "in"))
    assert code == 0 and len(json.loads(out)["added"]) == 1
    assert (library_dir / "stories.json.damaged").read_bytes() == content
    (library_dir / "stories.json").write_bytes(content)
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "rebuild", "--json")
    assert code == 0
    assert sorted(len(s["articles"]) for s in json.loads(out)["stories"]) == [1, 5]


def test_add_on_a_damaged_stories_file_keeps_the_corrections_that_validate(library, tmp_path):
    library.change_stories(lambda store: store.move(SEED_IDS[0], None, "Alone"))
    data = json.loads((library.directory / "stories.json").read_text())
    data["stories"]["s99"] = {"title": "broken", "articles": "not a list"}
    (library.directory / "stories.json").write_text(json.dumps(data))
    write_article(tmp_path / "in", "harbour.txt", *UNRELATED)
    library.add_paths([tmp_path / "in"])
    kept = json.loads((library.directory / "stories.json").read_text())
    assert SEED_IDS[0] in kept["pinned"] and len(kept["apart"]) == 4
    alone = [s for s in kept["stories"].values() if s["articles"] == [SEED_IDS[0]]]
    assert alone and "s99" not in kept["stories"]
    assert len(_stories(library)) == 3


def test_a_torn_signature_line_of_an_old_library_does_not_break_later_adds(library_dir, tmp_path):
    from index.stories.files import read_signatures

    from .stories.legacy import make_legacy

    make_legacy(library_dir)
    signatures = library_dir / "signatures.jsonl"
    line = json.dumps({"id": "torn", "day": None, "terms": {"café": 1.0}}, ensure_ascii=False).encode()
    signatures.write_bytes(signatures.read_bytes() + line[: line.index(b"\xc3") + 1])  # cut inside é
    assert len(read_signatures(library_dir).bad_lines) == 1
    library = Library.open(library_dir)
    write_article(tmp_path / "in", "related.txt", *RELATED)
    report = library.add_paths([tmp_path / "in"])
    assert report.added and not report.failed
    write_article(tmp_path / "in2", "harbour.txt", *UNRELATED)
    assert library.add_paths([tmp_path / "in2"]).added
    assert not signatures.exists()  # migrated into the side file
    stories = _stories(library)
    assert any(report.added[0] in s and SEED_IDS[0] in s for s in stories.values())
    assert [file_id(tmp_path / "in2" / "harbour.txt")] in stories.values()
    library.close()


BASIL = SHARED_DATA / "basil-dev"


@pytest.mark.skipif(not BASIL.is_dir(), reason="BASIL data not available")
def test_basil_events_group_by_event():
    from tests.bench.stories import adjusted_rand, group, pairwise, read_basil

    articles, gold = read_basil()
    predicted = group(articles)
    scores = pairwise(predicted, gold)
    assert scores["f1"] >= 0.9 and adjusted_rand(predicted, gold) >= 0.9


def test_pick_coverage_prefers_the_chosen_article_and_distinct_outlets():
    from index.stories.pick import pick_coverage

    articles = ["a1", "a2", "b1", "c1", "a3", "d1", "e1"]
    sources = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "c1": "C", "d1": "D", "e1": "E"}
    assert pick_coverage(articles, sources, "e1", 5) == ["e1", "a1", "b1", "c1", "d1"]
    assert pick_coverage(articles, sources, None, 3) == ["a1", "b1", "c1"]
    assert pick_coverage(["x", "y"], {}, None, 5) == ["x", "y"]
