"""`newsreader list` streams the library: the same output as when it held
every article at once (the order, the JSON byte for byte, the flags), with
the articles read as they are printed."""

from __future__ import annotations

import json

import pytest

from index.api import Library
from index.library import core as core_module
from tui.cli import flags as flags_module

from .conftest import run_cli
from .test_summaries import EXPECTED, FIRST, SECOND, _add


@pytest.fixture
def library_path(tmp_path, monkeypatch):
    """The dated library of test_summaries, one article read and one starred;
    `Library.summaries()` (the whole library at once) fails if called."""
    directory = tmp_path / "library"
    library = Library.open(directory, seed=False)
    _add(library, tmp_path / "first", FIRST)
    _add(library, tmp_path / "second", SECOND)
    by_title = {s.title: s.id for s in library.summaries()}
    library.close()

    def whole_library(self):
        raise AssertionError("list held the whole library")

    monkeypatch.setattr(core_module.Library, "summaries", whole_library)
    return directory, by_title


def _cli(capsys, directory, *args: str) -> str:
    code, out, err = run_cli(capsys, "--library", str(directory), *args)
    assert (code, err) == (0, "")
    return out


def _expected_json(directory, keep=lambda article: True) -> str:
    """What `list --json` printed when it built the whole list and dumped it at once."""
    library = Library.open(directory, seed=False)
    summaries = list(library.newest_summaries())
    flags = library.flags(s.id for s in summaries)
    library.close()
    articles = [
        {**s.to_json(), "url": s.url, "read": flags[s.id].read, "starred": flags[s.id].starred, "feed": None}
        for s in summaries
    ]
    articles = [a for a in articles if keep(a)]
    return json.dumps({"total": len(articles), "articles": articles}, ensure_ascii=False, indent=2) + "\n"


def test_list_json_is_byte_for_byte_the_whole_list_dumped_at_once(capsys, library_path):
    directory, by_title = library_path
    _cli(capsys, directory, "read", by_title["The oldest"])
    _cli(capsys, directory, "star", by_title["Mango undated"])
    out = _cli(capsys, directory, "list", "--json")
    assert out == _expected_json(directory)
    assert [a["title"] for a in json.loads(out)["articles"]] == EXPECTED


@pytest.mark.parametrize("spool", [flags_module.SPOOL_IN_MEMORY, 10])  # in memory; in a file
def test_filtered_list_json_counts_first_as_before(capsys, library_path, monkeypatch, spool):
    monkeypatch.setattr(flags_module, "SPOOL_IN_MEMORY", spool)
    directory, by_title = library_path
    _cli(capsys, directory, "unread", *by_title.values())
    _cli(capsys, directory, "read", by_title["The oldest"], by_title["Zulu undated"])
    _cli(capsys, directory, "star", by_title["Mango undated"], by_title["The oldest"])
    out = _cli(capsys, directory, "list", "--json", "--unread")
    assert out == _expected_json(directory, lambda a: not a["read"])
    assert json.loads(out)["total"] == 7
    out = _cli(capsys, directory, "list", "--json", "--starred", "--unread")
    assert out == _expected_json(directory, lambda a: a["starred"] and not a["read"])
    assert [a["title"] for a in json.loads(out)["articles"]] == ["Mango undated"]


def test_an_empty_list_in_json(capsys, tmp_path):
    Library.open(tmp_path / "empty", seed=False).close()
    for flags in ([], ["--starred"]):
        out = _cli(capsys, tmp_path / "empty", "list", "--json", *flags)
        assert out == '{\n  "total": 0,\n  "articles": []\n}\n'


def test_piped_list_is_newest_first_ties_by_title_undated_last(capsys, library_path):
    directory, by_title = library_path
    _cli(capsys, directory, "unread", by_title["The newest"])
    _cli(capsys, directory, "read", by_title["Zulu undated"])
    lines = _cli(capsys, directory, "list").splitlines()
    assert [line.split("\t")[1] for line in lines] == EXPECTED
    assert lines[0] == f"{by_title['The newest']}\tThe newest\tThe newest\t2025-06-01\t●"
    assert lines[-1].split("\t")[3:] == ["", ""]  # undated, read


def test_the_list_is_read_as_it_is_printed(library_path, monkeypatch):
    directory, _ = library_path
    monkeypatch.setattr(flags_module, "LISTED_BATCH", 2)
    batches = []
    library = Library.open(directory, seed=False)
    original = Library.flags
    monkeypatch.setattr(Library, "flags", lambda self, ids: batches.append(list(ids)) or original(self, batches[-1]))
    walk = flags_module.listed_articles(library)
    assert walk.total == 9 and batches == []
    assert next(iter(walk)).summary.title == "The newest"
    assert len(batches) == 1 and len(batches[0]) == 2  # one batch read so far
    assert [item.summary.title for item in walk][-1] == "Zulu undated"
    library.close()
