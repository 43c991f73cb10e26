"""`is:unread`, `is:read`, `is:starred` and `feed:NAME` in search queries."""

from __future__ import annotations

import json

import pytest

from index.api import Library, QueryError
from index.library import locking as locking_module
from index.search import docnums as docnums_module
from index.state import add_article, add_feed

from .conftest import COURAGEOUS_SEEDS, SEED_IDS, run_cli, stem_ids, write_article

A = SEED_IDS[0]
B = SEED_IDS[1]
C = SEED_IDS[2]
SEEDS = {A, B, C, SEED_IDS[3], SEED_IDS[4]}


@pytest.fixture
def library(library_dir):
    """The seeds, through the facade."""
    opened = Library.open(library_dir)
    yield opened
    opened.close()


@pytest.fixture
def flagged(library):
    """The seeds with A and B unread, B and C starred, and a feed holding C and D."""
    library.mark_read([A, B], read=False)
    library.mark_starred([B, C])
    db = library._state()
    world = add_feed(db, "http://127.0.0.1:9/world.xml", title="BBC News World")
    add_feed(db, "http://127.0.0.1:9/business.xml", title="BBC News Business")
    add_feed(db, "http://127.0.0.1:9/empty.xml", title="Quiet [b]Feed[/b]")
    add_article(db, C, world, read=True)
    add_article(db, SEED_IDS[4], world, read=True)
    return library


def found(library: Library, text: str) -> set[str]:
    results = library.search(text, limit=None)
    assert results.total == len(results.hits)
    return {hit.id for hit in results.hits}


@pytest.mark.parametrize("text, expected", [
    ("is:unread", {A, B}),
    ("is:starred", {B, C}),
    ("is:read", SEEDS - {A, B}),  # untracked articles count as read
    ("IS:UNREAD", {A, B}),
    ("is:Unread", {A, B}),
    ("NOT is:unread", SEEDS - {A, B}),
    ("-is:unread", SEEDS - {A, B}),
    ("is:unread is:starred", {B}),
    ("is:unread AND is:starred", {B}),
    ("is:unread OR is:starred", {A, B, C}),
    ("(is:unread OR is:starred) -is:read", {A, B}),
    ("courageous is:starred", COURAGEOUS_SEEDS & {B, C}),
    ("courageous -is:starred", COURAGEOUS_SEEDS - {B, C}),
    ("courageous OR is:unread", COURAGEOUS_SEEDS | {A, B}),
    ("title:taliban is:unread", {A, B}),
    ("feed:f1", {C, SEED_IDS[4]}),
    ('feed:"BBC News World"', {C, SEED_IDS[4]}),
    ("feed:http://127.0.0.1:9/world.xml", {C, SEED_IDS[4]}),
    ('feed:"bbc news w" is:starred', {C}),
    ("NOT feed:f1 is:read", SEEDS - {A, B, C, SEED_IDS[4]}),
    ('feed:"Quiet [b]Feed[/b]"', set()),
])
def test_filters_combine_with_the_query_syntax(flagged, text, expected):
    assert found(flagged, text) == expected


def test_a_filter_alone_lists_its_articles_newest_first(flagged, tmp_path):
    write_article(tmp_path / "in", "old.txt", "Old harbour story", "Harbour body.", published="2020-01-01")
    write_article(tmp_path / "in", "new.txt", "New harbour story", "Harbour body again.", published="2024-01-01")
    flagged.add_paths([tmp_path / "in"])
    S = stem_ids(tmp_path / "in")
    flagged.mark_read([S["old"], S["new"]], read=False)
    results = flagged.search("is:unread", limit=3)
    assert results.total == 4 and results.query == "is:unread"
    assert [hit.id for hit in results.hits][:2] == [S["new"], S["old"]]  # dated first, newest first
    assert len(results.hits) == 3


def test_a_word_and_a_filter_rank_as_the_word_does(flagged):
    plain = [hit.id for hit in flagged.search("courageous", limit=None).hits]
    filtered = [hit.id for hit in flagged.search("courageous is:starred", limit=None).hits]
    assert filtered == [article_id for article_id in plain if article_id in {B, C}]
    hit = flagged.search("courageous is:starred").hits[0]
    assert hit.snippet is not None and "courageous" in hit.snippet.text.lower()


@pytest.mark.parametrize("text, message", [
    ("feed:nope", "no feed is named 'nope' in feed:nope; `newsreader feeds` lists them"),
    ('taliban feed:"No Such Feed"', "no feed is named 'No Such Feed'"),
    ("feed:world", "no feed is named 'world'"),  # a title or its prefix, not a word of it
    ("feed:BBC", "feed:BBC is ambiguous"),
    ("is:bogus", "unknown filter is:bogus; use is:unread, is:read or is:starred"),
    ('feed:""', "feed: needs a feed's name"),
    ("flag:unread", "unknown field 'flag'"),
])
def test_bad_filters_are_one_line_query_errors(flagged, text, message):
    with pytest.raises(QueryError) as error:
        flagged.search(text)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_filters_follow_changes_and_removals(flagged):
    assert found(flagged, "is:unread") == {A, B}
    flagged.mark_read([A])
    assert found(flagged, "is:unread") == {B}
    flagged.remove([B])
    assert found(flagged, "is:unread") == set() == found(flagged, "is:starred") - {C}


@pytest.mark.parametrize("walk", [True, False])
def test_ids_map_to_documents_across_segments_and_deletions(library, tmp_path, monkeypatch, walk):
    # Force one way of finding documents: walking each segment's ids, or looking each id up.
    monkeypatch.setattr(docnums_module, "WALK_SHARED_BY", 10**9 if walk else 0)
    monkeypatch.setattr(docnums_module, "_maps", {})
    for batch in range(3):  # three adds, three segments
        for number in range(4):
            write_article(tmp_path / f"b{batch}", f"art{batch}{number}.txt", f"Story {batch} {number}",
                          f"Body of story {batch} {number} about the harbour.")
        library.add_paths([tmp_path / f"b{batch}"])
    S = stem_ids(*(tmp_path / f"b{batch}" for batch in range(3)))
    library.mark_read([S[f"art{b}{n}"] for b in range(3) for n in range(4)])  # added articles start unread
    wanted = {S["art00"], S["art13"], S["art21"], S["art23"], A, "not-in-the-index"}
    library.mark_read(wanted - {"not-in-the-index"}, read=False)
    assert found(library, "is:unread") == wanted - {"not-in-the-index"}
    library.remove([S["art13"], A])  # deleted documents stay in their segments until a merge
    assert found(library, "is:unread") == {S["art00"], S["art21"], S["art23"]}
    assert found(library, "harbour is:unread") == {S["art00"], S["art21"], S["art23"]}
    assert found(library, "harbour -is:unread") == {S[f"art{b}{n}"] for b in range(3) for n in range(4)} - {
        S["art00"], S["art21"], S["art23"], S["art13"]
    }


def test_filters_work_on_a_read_only_library(flagged, monkeypatch):
    flagged.close()
    monkeypatch.setattr(locking_module, "library_writable", lambda directory: False)
    monkeypatch.setattr("index.state.db.library_writable", lambda directory: False)
    library = Library.open(flagged.directory)
    assert library.read_only
    assert found(library, "is:unread") == {A, B}
    assert found(library, 'feed:"BBC News World" is:starred') == {C}
    library.close()


def test_the_cli_searches_with_filters_and_reports_flags(capsys, library_dir):
    run_cli(capsys, "--library", str(library_dir), "unread", SEED_IDS[0], SEED_IDS[1])
    run_cli(capsys, "--library", str(library_dir), "star", SEED_IDS[1])
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "is:unread", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 2 and {hit["id"] for hit in data["hits"]} == {A, B}
    flags = {hit["id"]: (hit["read"], hit["starred"]) for hit in data["hits"]}
    assert flags == {A: (False, False), B: (False, True)}
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "--json", "--", "-is:unread")
    assert code == 0 and {hit["id"] for hit in json.loads(out)["hits"]} == SEEDS - {A, B}
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "courageous", "is:starred")
    assert code == 0 and out.startswith("1 result for courageous is:starred")


def test_the_cli_names_an_unknown_feed_in_one_line(capsys, library_dir):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "search", 'feed:"[bold]x\x1b[2J"')
    assert code == 1 and out == "" and err.count("\n") == 1 and "\x1b" not in err
    assert err.startswith("newsreader: no feed is named '[bold]x")


def _listed(library: Library, text: str) -> list[str]:
    """Every hit's id, in order, repeats kept; the total must count them."""
    results = library.search(text, limit=None)
    ids = [hit.id for hit in results.hits]
    assert results.total == len(ids), (text, results.total, ids)
    return ids


@pytest.mark.parametrize("walk", [True, False])
def test_filters_alone_list_an_article_once_after_it_is_removed_and_added_again(library, tmp_path, monkeypatch, walk):
    monkeypatch.setattr(docnums_module, "WALK_SHARED_BY", 10**9 if walk else 0)
    monkeypatch.setattr(docnums_module, "_maps", {})
    for name, day in (("first", "01"), ("second", "02"), ("third", "03")):
        write_article(tmp_path / "in", f"{name}.txt", f"The {name} harbour story", f"Harbour body {name}.",
                      published=f"2024-01-{day}")
    library.add_paths([tmp_path / "in"])  # one segment: first, second, third
    S = stem_ids(tmp_path / "in")
    library.mark_read([S["first"]])
    library.mark_starred([S["second"], S["third"]])
    assert _listed(library, "is:starred") == [S["third"], S["second"]]  # once each, newest first
    db = library._state()
    feed = add_feed(db, "http://127.0.0.1:9/f2.xml", title="f2")
    add_article(db, S["second"], feed, read=False)
    add_article(db, S["third"], feed, read=False)
    library.remove([S["third"]])  # its document stays, deleted, in the first segment
    library.add_paths([tmp_path / "in" / "third.txt"])  # and comes back in a new one
    library.mark_starred([S["third"]])
    add_article(db, S["third"], feed, read=False)
    seeds_and_first = sorted(SEEDS | {S["first"]})
    for text, expected in [
        ("is:starred", sorted([S["second"], S["third"]])),
        ("feed:f2", sorted([S["second"], S["third"]])),
        ("is:unread", sorted([S["second"], S["third"]])),
        ("is:read", seeds_and_first),
        ("-is:starred", seeds_and_first),
        ("is:starred OR is:read", sorted(SEEDS | {S["first"], S["second"], S["third"]})),
    ]:
        assert sorted(_listed(library, text)) == expected, text
    assert _listed(library, "is:starred")[:2] == [S["third"], S["second"]]
    # Words never repeated, but `x ANDNOT y` let y's first match through.
    assert sorted(_listed(library, "harbour ANDNOT is:starred")) == [S["first"]]
    assert sorted(_listed(library, "harbour -is:starred")) == [S["first"]]


@pytest.mark.parametrize("walk", [True, False])
def test_not_skips_a_removed_article_past_the_last_one_it_excludes(library, tmp_path, monkeypatch, walk):
    monkeypatch.setattr(docnums_module, "WALK_SHARED_BY", 10**9 if walk else 0)
    monkeypatch.setattr(docnums_module, "_maps", {})
    for number in (1, 2, 3):
        write_article(tmp_path / "in", f"x{number}.txt", f"Story {number}", f"Body {number}.")
    library.add_paths([tmp_path / "in"])  # undated, all three unread, x3 last in its segment
    S = stem_ids(tmp_path / "in")
    library.mark_read([S["x3"]])
    assert sorted(_listed(library, "is:read")) == sorted(SEEDS | {S["x3"]})
    library.remove([S["x3"]])  # deleted but kept in its segment
    assert any(leaf.has_deletions() for leaf, _ in library._core.searcher().reader().leaf_readers())
    assert sorted(_listed(library, "is:read")) == sorted(SEEDS)
    assert sorted(_listed(library, "NOT is:unread")) == sorted(SEEDS)
    assert _listed(library, "is:unread") == [S["x1"], S["x2"]]


def test_the_cli_lists_a_filtered_article_once(capsys, library_dir, tmp_path):
    write_article(tmp_path / "in", "a.txt", "Alpha harbour", "Alpha body.", published="2024-01-01")
    write_article(tmp_path / "in", "b.txt", "Beta harbour", "Beta body.", published="2024-01-02")
    write_article(tmp_path / "in", "c.txt", "Gamma harbour", "Gamma body.", published="2024-01-03")
    lib = ["--library", str(library_dir)]
    assert run_cli(capsys, *lib, "add", str(tmp_path / "in"))[0] == 0
    S = stem_ids(tmp_path / "in")
    run_cli(capsys, *lib, "star", S["b"], S["c"])
    run_cli(capsys, *lib, "remove", S["c"])
    run_cli(capsys, *lib, "add", str(tmp_path / "in" / "c.txt"))
    run_cli(capsys, *lib, "star", S["c"])
    for query_text in ("is:starred", "is:unread", "is:read", "-is:starred"):
        code, out, _ = run_cli(capsys, *lib, "search", query_text, "--json", "--limit", "50")
        data = json.loads(out)
        ids = [hit["id"] for hit in data["hits"]]
        assert code == 0 and len(ids) == len(set(ids)) == data["total"], (query_text, data["total"], ids)


@pytest.mark.parametrize("args", [
    ["-is:unread"],
    ["-is:unread", "--json"],
    ["--json", "-is:unread", "--limit", "50"],
    ["--limit=50", "-is:unread", "--json"],
    ["--json", "--", "-is:unread"],
    ["NOT", "is:unread", "--json"],
])
def test_the_cli_takes_a_query_starting_with_a_dash(capsys, library_dir, args):
    run_cli(capsys, "--library", str(library_dir), "unread", SEED_IDS[0], SEED_IDS[1])
    code, out, err = run_cli(capsys, "--library", str(library_dir), "search", *args)
    assert code == 0 and err == ""
    if "--json" in args:
        data = json.loads(out)
        assert data["query"] == "-is:unread" or data["query"] == "NOT is:unread"
        assert {hit["id"] for hit in data["hits"]} == SEEDS - {A, B} and data["total"] == 3
    else:
        assert out.startswith("3 results for -is:unread")


def test_the_cli_keeps_search_options_and_words_apart(capsys, library_dir):
    lib = ["--library", str(library_dir)]
    run_cli(capsys, *lib, "star", SEED_IDS[1], SEED_IDS[2])
    code, out, _ = run_cli(capsys, *lib, "search", "courageous", "-is:starred", "--limit", "1", "--json")
    data = json.loads(out)
    assert code == 0 and data["query"] == "courageous -is:starred" and data["total"] == 1 and len(data["hits"]) == 1
    assert [hit["id"] for hit in data["hits"]] == [A]
    code, out, _ = run_cli(capsys, *lib, "search", "--json", "--", "--json")  # after --, words
    assert code == 0 and json.loads(out)["query"] == "--json"
    code, out, err = run_cli(capsys, *lib, "search", "-is:read", "--limit", "0")
    assert code == 2 and "--limit must be at least 1" in err
    for args, message in [
        (["-is:read", "--jsn"], "unrecognized arguments: --jsn"),  # a mistyped option is still named
        (["--json"], "the following arguments are required: query"),
        (["-is:read", "--limit"], "argument --limit: expected one argument"),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            run_cli(capsys, *lib, "search", *args)
        _, err = capsys.readouterr()
        assert exit_info.value.code == 2 and message in err and err.count("\n") == 1, (args, err)
