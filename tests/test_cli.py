"""The command line: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui.cli import main

from .conftest import COURAGEOUS_SEEDS, ROOT, run_cli, write_article


def test_search_json(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "courageous", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "total_exact", "suggestion", "notes", "hits"}
    assert data["total"] == 3 and data["suggestion"] is None
    assert {h["id"] for h in data["hits"]} == COURAGEOUS_SEEDS
    for hit in data["hits"]:
        assert {"id", "title", "source", "published", "score", "snippet"} <= set(hit)
        assert "courageous" in hit["snippet"].lower()


def test_library_option_after_the_subcommand(capsys, library_dir):
    code, out, _ = run_cli(capsys, "search", "Koofi", "--library", str(library_dir), "--json")
    assert code == 0 and json.loads(out)["total"] == 1


def test_environment_variable_selects_the_library(capsys, library_dir, monkeypatch):
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(library_dir))
    code, out, _ = run_cli(capsys, "list", "--json")
    assert code == 0 and json.loads(out)["total"] == 5


def test_search_suggestion_and_limit(capsys, library_dir):
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "goverment", "--json")
    assert json.loads(out)["suggestion"] == "government"
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "taliban", "--limit", "2", "--json")
    data = json.loads(out)
    assert len(data["hits"]) == 2 and data["total"] == 5


def test_bad_query_is_one_line_on_stderr(capsys, library_dir):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "search", "published:[x to y]")
    assert code == 1 and out == ""
    assert err.startswith("newsreader: cannot understand the query") and err.count("\n") == 1


def test_show_json_and_text(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", "001_45ab43f7df5b0445", "--json")
    data = json.loads(out)
    assert code == 0
    assert {"id", "title", "standfirst", "source", "url", "author", "published", "body", "word_count", "content_hash"} <= set(data)
    assert data["title"] == "Russia becomes first country to recognize Taliban regime"
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", "001_45ab43f7df5b0445")
    assert code == 0 and "Mao Ning" in out


def test_show_unknown_id(capsys, library_dir):
    code, _, err = run_cli(capsys, "--library", str(library_dir), "show", "nope")
    assert code == 3 and "no article with id 'nope'" in err


def test_list_json(capsys, library_dir):
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    data = json.loads(out)
    assert data["total"] == 5
    assert {"id", "title", "source", "published"} <= set(data["articles"][0])


def test_add_reports_added_skipped_failed(capsys, library_dir, tmp_path):
    write_article(tmp_path, "new.txt", "Fresh headline", "Fresh body text.")
    (tmp_path / "blank.md").write_text("   \n")
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path), str(ROOT / "seeds"), "--json")
    data = json.loads(out)
    assert code == 1  # something could not be read; the rest was added
    assert data["added"] == ["new"]
    assert len(data["skipped"]) == 5
    assert [f["reason"] for f in data["failed"]] == ["is empty"]


def test_add_text_summary(capsys, library_dir, tmp_path):
    write_article(tmp_path, "new.txt", "Fresh headline", "Fresh body text.")
    code, out, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "new.txt"), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "Added 1 article(s); 0 duplicate(s) already in the library; 1 file(s) could not be read." in out
    assert "missing.txt: does not exist; check the path" in err


def test_add_only_failures_exits_non_zero(capsys, library_dir, tmp_path):
    code, _, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "missing.txt"))
    assert code == 1 and "does not exist" in err


def test_remove(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "remove", "004_db9fd82546c56745", "--json")
    assert code == 0 and json.loads(out) == {"removed": "004_db9fd82546c56745"}
    code, _, err = run_cli(capsys, "--library", str(library_dir), "remove", "004_db9fd82546c56745")
    assert code == 3


def test_bad_library_is_one_line(capsys, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    code, _, err = run_cli(capsys, "--library", str(target), "list")
    assert code == 1 and err.count("\n") == 1 and "is a file" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["search"])
    assert exit_info.value.code == 2


def test_python_dash_m_and_no_escape_codes_in_bodies(tmp_path):
    write_article(tmp_path / "in", "evil.txt", "Evil \x1b[2Jheadline", "Body \x1b]0;title\x07text.")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSREADER_LIBRARY": str(tmp_path / "lib")}
    subprocess.run([sys.executable, "-m", "tui", "add", str(tmp_path / "in")], check=True, env=env, capture_output=True)
    shown = subprocess.run([sys.executable, "-m", "tui", "show", "evil"], env=env, capture_output=True, text=True)
    assert shown.returncode == 0
    assert "Evil headline" in shown.stdout and "\x1b]" not in shown.stdout and "\x1b[2J" not in shown.stdout
