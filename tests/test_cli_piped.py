"""Output into a pipe keeps its information as plain text, and counts read
as English ("1 result", "3 results", no "result(s)")."""

from __future__ import annotations

import io
import json
import re

from .conftest import run_cli

TEXT = (
    "Vladimir Putin met Amir Khan Muttaqi in Moscow on 3 July, the Russian Foreign Ministry said. "
    '"It is a courageous step," Muttaqi said.\n'
)


def test_piped_extract_names_what_the_colours_mark(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    code, out, _ = run_cli(capsys, "extract", "--engine", "builtin")
    assert code == 0 and "\x1b" not in out
    lines = out.splitlines()
    assert lines[0] == TEXT.strip()
    assert "People: Vladimir Putin; Amir Khan Muttaqi (Muttaqi)" in lines
    assert "Organisations: Russian Foreign Ministry" in lines
    assert "Places: Moscow" in lines
    assert "Dates: 3 July" in lines
    assert "  Amir Khan Muttaqi: “It is a courageous step,”" in lines


def test_piped_show_ends_with_the_names(capsys, library):
    article = next(s for s in library.summaries() if "first country to recognize" in s.title)
    code, out, _ = run_cli(capsys, "--library", str(library.directory), "show", article.id)
    assert code == 0 and "\x1b" not in out
    people = next(line for line in out.splitlines() if line.startswith("People: "))
    assert "Fawzia Koofi" in people and "Amir Khan Muttaqi (Muttaqi)" in people
    assert any(line.startswith("Places: ") and "Kabul" in line for line in out.splitlines())


def test_search_counts_and_the_empty_query(capsys, library_dir):
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "")
    assert out.splitlines()[0] == "5 articles, newest first"
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "courageous")
    assert out.splitlines()[0] == "3 results for courageous"
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "Koofi")
    assert out.splitlines()[0] == "1 result for Koofi"
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "zzznothing")
    assert out.splitlines()[0] == "0 results for zzznothing"


def test_entities_limit_and_an_empty_library(capsys, library_dir, tmp_path):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "entities", "--limit", "0")
    assert code == 2 and out == "" and err == "newsreader: --limit must be at least 1\n"
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "empty"), "entities")
    assert code == 0 and out == "No people, organisations, places or quoted speakers in the library yet.\n"
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--limit", "1")
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings == ["People", "Organisations", "Places", "Quoted"]


def test_no_output_says_a_count_with_brackets(capsys, library_dir, tmp_path):
    """Across the commands a person pipes most, no '(s)' plural is left."""
    lib = str(library_dir)
    outputs = [
        run_cli(capsys, "--library", lib, *args)[1]
        for args in (["search", "taliban"], ["list"], ["entities"], ["stories"], ["feeds"], ["demo"])
    ]
    assert not [o for o in outputs if re.search(r"\w\(s\)", o)]
    _, out, _ = run_cli(capsys, "--library", lib, "list", "--json")
    assert json.loads(out)["total"] == 5
