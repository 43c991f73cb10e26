"""`newsreader remove`: by id, by story, by search; the confirmation that
says how many; what follows (stories, facets, counts)."""

from __future__ import annotations

import io
import json

import pytest

from .conftest import run_cli


class _Terminal(io.StringIO):
    """Standard input that is a terminal, with the user's answer typed in."""

    def isatty(self) -> bool:
        return True


def _ids(capsys, library_dir) -> list[str]:
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    return [a["id"] for a in json.loads(out)["articles"]]


def _biggest_story(capsys, library_dir) -> dict:
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "--json")
    return max(json.loads(out)["stories"], key=lambda s: len(s["articles"]))


def test_remove_by_query_asks_with_the_count_and_yes_removes(capsys, library_dir, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    code, out, err = run_cli(capsys, "--library", str(library_dir), "remove", "--query", "courageous")
    assert code == 0
    assert "Remove 3 articles? [y/N] " in err
    assert out.endswith("Removed 3 articles.\n") and out.count("Removed ") == 4
    assert len(_ids(capsys, library_dir)) == 2
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "courageous", "--json")
    assert json.loads(out)["total"] == 0


@pytest.mark.parametrize("answer", ["n\n", "\n", ""])
def test_anything_but_yes_removes_nothing(capsys, library_dir, monkeypatch, answer):
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    first = _ids(capsys, library_dir)[0]
    code, out, err = run_cli(capsys, "--library", str(library_dir), "remove", first)
    assert code == 1 and out == ""
    assert "Remove 1 article? [y/N] " in err and err.endswith("Nothing removed.\n")
    assert len(_ids(capsys, library_dir)) == 5


def test_without_a_terminal_it_needs_yes(capsys, library_dir, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # piped: never read as an answer
    code, out, err = run_cli(capsys, "--library", str(library_dir), "remove", "--query", "taliban")
    assert code == 2 and out == ""
    assert err == (
        "newsreader: this would remove 5 articles; add --yes to confirm "
        "(standard input is not a terminal to ask on)\n"
    )
    assert len(_ids(capsys, library_dir)) == 5


def test_remove_a_story_and_stories_facets_and_counts_follow(capsys, library_dir):
    story = _biggest_story(capsys, library_dir)
    assert len(story["articles"]) >= 2
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--json", "--limit", "100")
    people_before = {p["name"]: p["articles"] for p in json.loads(out)["person"]}

    code, out, _ = run_cli(capsys, "--library", str(library_dir), "remove", "--story", story["id"], "--yes", "--json")
    data = json.loads(out)
    assert code == 0 and sorted(data["removed_all"]) == sorted(story["articles"])
    assert data["count"] == len(story["articles"])

    left = _ids(capsys, library_dir)
    assert len(left) == 5 - len(story["articles"]) and not set(left) & set(story["articles"])
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "--json")
    listed = {a for s in json.loads(out)["stories"] for a in s["articles"]}
    assert listed == set(left)
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--json", "--limit", "100")
    people_after = {p["name"]: p["articles"] for p in json.loads(out)["person"]}
    assert sum(people_after.values()) < sum(people_before.values())
    assert all(people_after[name] <= people_before.get(name, 0) for name in people_after)


def test_remove_needs_exactly_one_way_of_choosing(capsys, library_dir):
    code, _, err = run_cli(capsys, "--library", str(library_dir), "remove")
    assert code == 2 and err == "newsreader: give article ids, --story STORY or --query Q (one of them)\n"
    first = _ids(capsys, library_dir)[0]
    code, _, _ = run_cli(capsys, "--library", str(library_dir), "remove", first, "--query", "x", "--yes")
    assert code == 2
    code, _, err = run_cli(capsys, "--library", str(library_dir), "remove", "--query", "  ", "--yes")
    assert code == 2 and "--query needs a search" in err


def test_a_query_that_finds_nothing_or_an_unknown_story(capsys, library_dir):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "remove", "--query", "zzzunknownword", "--yes")
    assert code == 3 and out == "" and err == "newsreader: no article matches the query 'zzzunknownword'; nothing removed\n"
    code, out, err = run_cli(capsys, "--library", str(library_dir), "remove", "--story", "s999", "--yes")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert len(_ids(capsys, library_dir)) == 5


def test_the_question_lists_the_titles_going(capsys, library_dir, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal("no\n"))
    run_cli(capsys, "--library", str(library_dir), "remove", "--query", "courageous")
    code, _, err = run_cli(capsys, "--library", str(library_dir), "remove", "--query", "courageous")
    assert code == 1
    titles = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(titles) == 3 and all("Taliban" in t or "Russia" in t for t in titles)


def test_a_story_that_loses_its_title_article_takes_the_next_title(capsys, library_dir):
    story = _biggest_story(capsys, library_dir)
    assert len(story["articles"]) >= 2
    first, second = story["articles"][:2]
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "show", second, "--json")
    second_title = json.loads(out)["title"]
    run_cli(capsys, "--library", str(library_dir), "remove", first, "--yes")
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "stories", "--json")
    now = next(s for s in json.loads(out)["stories"] if s["id"] == story["id"])
    assert now["articles"] == story["articles"][1:] and now["title"] == second_title


def test_a_large_removal_writes_the_stories_once(capsys, library_dir, monkeypatch):
    from index.stories import store as store_module

    writes: list[str] = []
    real = store_module.write_atomically
    monkeypatch.setattr(store_module, "write_atomically", lambda path, text: (writes.append(path.name), real(path, text)))
    code, _, _ = run_cli(capsys, "--library", str(library_dir), "remove", "--query", "taliban", "--yes")
    assert code == 0 and writes.count("stories.json") == 1
