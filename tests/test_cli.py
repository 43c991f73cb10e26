"""The command line: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui.cli import main

from .conftest import COURAGEOUS_SEEDS, ROOT, SEED_IDS, file_id, run_cli, write_article


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
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", SEED_IDS[1], "--json")
    data = json.loads(out)
    assert code == 0
    assert {"id", "title", "standfirst", "source", "url", "author", "published", "body", "word_count", "content_hash"} <= set(data)
    assert data["title"] == "Russia becomes first country to recognize Taliban regime"
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", SEED_IDS[1])
    assert code == 0 and "Mao Ning" in out


def test_show_unknown_id(capsys, library_dir):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "show", "nope")
    assert code == 3 and out == ""
    assert err == "newsreader: no article with id 'nope'; `newsreader list` shows the ids\n"


def test_an_id_with_a_line_break_is_still_one_line(capsys, library_dir):
    code, _, err = run_cli(capsys, "--library", str(library_dir), "show", "no\npe")
    assert code == 3 and err.count("\n") == 1 and err.startswith("newsreader: no article with id")


def test_list_json(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 5 == len(data["articles"])
    assert {"id", "title", "source", "published", "standfirst", "word_count"} <= set(data["articles"][0])
    assert {a["id"] for a in data["articles"]} >= COURAGEOUS_SEEDS


def test_list_piped_is_one_tab_separated_line_per_article(capsys, library_dir, tmp_path):
    write_article(tmp_path / "in", "tabs.txt", "A title\twith a tab", "Body about the harbour.", source="Wire\tService")
    run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "in"))
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "list")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and len(rows) == 6 and all(len(row) == 5 for row in rows)  # the last: unread/star marks
    tabs = file_id(tmp_path / "in" / "tabs.txt")
    assert [tabs, "A title with a tab", "Wire Service", ""] in [row[:4] for row in rows]


def test_add_reports_added_skipped_failed(capsys, library_dir, tmp_path):
    write_article(tmp_path, "new.txt", "Fresh headline", "Fresh body text.")
    (tmp_path / "blank.md").write_text("   \n")
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path), str(ROOT / "seeds"), "--json")
    data = json.loads(out)
    assert code == 1  # something could not be read; the rest was added
    assert data["added"] == [file_id(tmp_path / "new.txt")]
    assert len(data["skipped"]) == 5
    assert [f["reason"] for f in data["failed"]] == ["is empty"]


def test_add_text_summary(capsys, library_dir, tmp_path):
    write_article(tmp_path, "new.txt", "Fresh headline", "Fresh body text.")
    code, out, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "new.txt"), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "Added 1 article; 1 file or page could not be added." in out
    assert "missing.txt: does not exist; check the path" in err


def test_add_only_failures_exits_non_zero(capsys, library_dir, tmp_path):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "missing.txt"))
    assert code == 1 and "does not exist" in err
    assert out.startswith("Added 0 articles;")
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    assert json.loads(out)["total"] == 5


def test_remove(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "remove", SEED_IDS[4], "--json", "--yes")
    assert code == 0
    assert json.loads(out) == {"removed": SEED_IDS[4], "removed_all": [SEED_IDS[4]], "count": 1}
    code, out, err = run_cli(capsys, "--library", str(library_dir), "remove", SEED_IDS[4], "--yes")
    assert code == 3 and out == "" and f"no article with id '{SEED_IDS[4]}'" in err
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    assert json.loads(out)["total"] == 4


def test_remove_takes_unique_prefixes_and_several_ids(capsys, library_dir):
    code, out, _ = run_cli(
        capsys, "--library", str(library_dir), "remove", SEED_IDS[3][:4], SEED_IDS[1], SEED_IDS[3][:6], "--yes"
    )
    assert code == 0 and out == f"Removed {SEED_IDS[3]}\nRemoved {SEED_IDS[1]}\nRemoved 2 articles.\n"
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "remove", SEED_IDS[0][:4], SEED_IDS[2][:4], "--json", "--yes")
    assert code == 0 and json.loads(out) == {"removed_all": [SEED_IDS[0], SEED_IDS[2]], "count": 2}
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    assert [a["id"] for a in json.loads(out)["articles"]] == [SEED_IDS[4]]


@pytest.mark.parametrize("ids, code, message, lines", [
    ([SEED_IDS[0], "nope"], 3, "no article with id 'nope'", 1),
    ([SEED_IDS[0], "7"], 2, "matches several articles", 3),  # the error, then 771f… and 7955…
])
def test_remove_checks_every_id_before_removing_any(capsys, library_dir, ids, code, message, lines):
    got, out, err = run_cli(capsys, "--library", str(library_dir), "remove", *ids, "--yes")
    assert got == code and out == "" and message in err and err.count("\n") == lines
    _, out, _ = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    assert json.loads(out)["total"] == 5


def test_bad_library_is_one_line(capsys, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    code, _, err = run_cli(capsys, "--library", str(target), "list")
    assert code == 1 and err.count("\n") == 1 and "is a file" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["search"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err == "newsreader: the following arguments are required: query (see `newsreader search --help`)\n"
    with pytest.raises(SystemExit):
        main(["stories", "\x1b[2Jnope"])
    err = capsys.readouterr().err
    assert err.startswith("newsreader: argument action: invalid choice") and "\x1b" not in err
    code, out, err = run_cli(capsys, "search", "x", "--limit", "0")
    assert code == 2 and out == "" and err == "newsreader: --limit must be at least 1\n"


def test_python_dash_m_and_no_escape_codes_in_bodies(tmp_path):
    write_article(tmp_path / "in", "evil.txt", "Evil \x1b[2Jheadline", "Body \x1b]0;title\x07text.")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEWSREADER_LIBRARY": str(tmp_path / "lib")}
    subprocess.run([sys.executable, "-m", "tui", "add", str(tmp_path / "in")], check=True, env=env, capture_output=True)
    shown = subprocess.run([sys.executable, "-m", "tui", "show", "evil"], env=env, capture_output=True, text=True)
    assert shown.returncode == 0
    assert "Evil headline" in shown.stdout and "\x1b]" not in shown.stdout and "\x1b[2J" not in shown.stdout


def _interrupted_add(report_interrupted: bool):
    """A facade `add` that adds the files, then reports (or raises) a Ctrl-C."""
    from index.api import Library

    real = Library.add

    def add(self, sources, **options):
        report = real(self, sources, **options)
        if not report_interrupted:
            raise KeyboardInterrupt
        report.interrupted = True
        return report

    return add


def test_ctrl_c_during_add_says_what_was_kept(capsys, library_dir, tmp_path, monkeypatch):
    from index.api import Library

    write_article(tmp_path / "in", "kept.txt", "Kept headline", "Kept body text.")
    monkeypatch.setattr(Library, "add", _interrupted_add(report_interrupted=True))
    code, out, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "in"))
    assert code == 130 and out.startswith("Added 1 article.")
    assert err == "newsreader: interrupted; kept the 1 article added before it\n"
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "in"), "--json")
    assert code == 130 and json.loads(out)["interrupted"] is True


def test_ctrl_c_before_the_add_reports_is_one_line(capsys, library_dir, tmp_path, monkeypatch):
    from index.api import Library

    write_article(tmp_path / "in", "kept.txt", "Kept headline", "Kept body text.")
    monkeypatch.setattr(Library, "add", _interrupted_add(report_interrupted=False))
    code, out, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "in"))
    assert code == 130 and out == "" and err == "newsreader: interrupted\n"


@pytest.mark.parametrize("args", [["list"], ["search", "taliban"], ["compare", SEED_IDS[0], SEED_IDS[1]], ["show", SEED_IDS[1], "--json"]])
def test_a_closed_pipe_is_not_an_error(library_dir, args):
    """`newsreader list | head` that stops reading: exit 0 and nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-m", "tui", "--library", str(library_dir), *args],
                              stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=60)
    finally:
        os.close(write_end)
    assert done.returncode == 0 and done.stderr == b""


def test_extract_cleans_its_input_as_ingest_does(capsys, monkeypatch):
    import io

    raw = "Mao Ning\x1b[2J said on Friday \x1b]52;c;SGVsbG8=\x07that China welcomes it.\r\nLine two.\x9b31m"
    clean = "Mao Ning said on Friday that China welcomes it.\nLine two."
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BytesIO(raw.encode())})())
    code, out, _ = run_cli(capsys, "extract", "--engine", "builtin", "--json")
    assert code == 0 and "\x1b" not in out and "\x9b" not in out
    entities = json.loads(out)["entities"]
    assert ("Mao Ning", "PERSON") in {(e["text"], e["label"]) for e in entities}
    # The offsets point into the cleaned text, which the text output prints.
    assert all(clean[e["start"]:e["end"]] == e["text"] for e in entities)
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BytesIO(raw.encode())})())
    code, out, _ = run_cli(capsys, "extract", "--engine", "builtin")
    assert code == 0 and out.startswith(clean)


def test_extract_errors_are_one_line(capsys, tmp_path, monkeypatch):
    from tui.cli import commands

    code, out, err = run_cli(capsys, "extract", str(tmp_path / "missing.txt"))
    assert code == 1 and out == "" and "missing.txt: cannot be read" in err and err.count("\n") == 1
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    code, _, err = run_cli(capsys, "extract", str(tmp_path / "binary.bin"))
    assert code == 1 and err.startswith("newsreader: ") and "binary.bin" in err and err.count("\n") == 1
    monkeypatch.setattr(commands, "EXTRACT_MAX_BYTES", 10)
    (tmp_path / "big.txt").write_text("Eleven bytes and more.")
    code, _, err = run_cli(capsys, "extract", str(tmp_path / "big.txt"))
    assert code == 1 and "is larger than" in err and err.count("\n") == 1
