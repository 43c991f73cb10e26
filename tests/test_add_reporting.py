"""What `add` tells: progress with every file, files of other types and empty
directories, warnings, the exit code, and Ctrl-C keeping what was added."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

from index.api import Library
from index.library import adding

from .conftest import ROOT, make_articles, run_cli, write_article


def _mixed(directory):
    write_article(directory, "good.txt", "A good headline", "A good body.")
    write_article(directory / "sub", "also.md", "Another headline", "Another body.")
    (directory / "report.pdf").write_bytes(b"%PDF-1.4")
    (directory / "notes.docx").write_bytes(b"PK")
    (directory / "sub" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (directory / "empty").mkdir()
    (directory / "hidden-only").mkdir()
    (directory / "hidden-only" / ".DS_Store").write_bytes(b"x")


def test_other_files_and_empty_directories_get_one_line_each(capsys, tmp_path):
    _mixed(tmp_path / "in")
    code, out, err = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"))
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "Added 2 articles."
    assert (
        "Skipped 3 files of other types (.pdf 2, .docx 1); newsreader reads .txt .md .markdown .html .htm "
        "(--verbose lists them)."
    ) in out
    assert "Skipped 2 empty directories (--verbose lists them)." in out
    assert "report.pdf" not in out


def test_verbose_lists_the_paths(capsys, tmp_path):
    _mixed(tmp_path / "in")
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"), "--verbose")
    assert code == 0
    for name in ("report.pdf", "notes.docx", "scan.pdf", "empty", "hidden-only"):
        assert re.search(rf"^  skipped .*{name}: ", out, re.M), name
    assert "Skipped 2 empty directories:" in out


def test_nothing_added_exits_1(capsys, tmp_path):
    (tmp_path / "in" / "empty").mkdir(parents=True)
    (tmp_path / "in" / "a.pdf").write_bytes(b"%PDF")
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"))
    assert code == 1 and out.startswith("Added 0 articles.\n")
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in" / "empty"))
    assert code == 1 and "Skipped 1 empty directory" in out


def test_adding_again_is_not_a_failure(capsys, tmp_path):
    write_article(tmp_path / "in", "good.txt", "A good headline", "A good body.")
    run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"))
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"))
    assert code == 0 and out.startswith("Added 0 articles; 1 duplicate already in the library.")


def test_json_lists_ignored_and_warnings(capsys, tmp_path):
    _mixed(tmp_path / "in")
    write_article(tmp_path / "in", "dated.txt", "Dated headline", "Body.", published="03/07/2025")
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"), "--json")
    data = json.loads(out)
    assert code == 0 and len(data["added"]) == 3
    kinds = sorted(item["kind"] for item in data["ignored"])
    assert kinds == ["empty directory"] * 2 + ["unsupported"] * 3
    assert [w["path"].endswith("dated.txt") for w in data["warnings"]] == [True]


def test_dates_warn_and_date_order_reads_them(capsys, tmp_path):
    write_article(tmp_path / "in", "a.txt", "Ambiguous date", "Body one.", published="03/07/2025")
    write_article(tmp_path / "in", "b.txt", "Unreadable date", "Body two.", published="the third of July")
    lib = str(tmp_path / "lib")
    code, out, err = run_cli(capsys, "--library", lib, "add", str(tmp_path / "in"))
    assert code == 0 and out.startswith("Added 2 articles.")
    warnings = [line for line in err.splitlines() if line.startswith("  warning ")]
    assert len(warnings) == 2
    assert "a.txt: its date '03/07/2025' could be read day first or month first" in warnings[0]
    assert "b.txt: its date 'the third of July' is not one newsreader reads" in warnings[1]
    _, out, _ = run_cli(capsys, "--library", lib, "list", "--json")
    assert all(a["published"] is None for a in json.loads(out)["articles"])

    code, out, err = run_cli(capsys, "--library", str(tmp_path / "lib2"), "add", str(tmp_path / "in" / "a.txt"),
                             "--date-order", "dmy")  # fmt: skip
    assert code == 0 and "warning" not in err
    _, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib2"), "list", "--json")
    assert json.loads(out)["articles"][0]["published"].startswith("2025-07-03")


def test_unclosed_front_matter_warns_and_is_not_the_title(capsys, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "open.txt").write_text("---\ntitle: Real headline\nsource: Daily\n\nThe body.\n")
    code, out, err = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"))
    assert code == 0 and "is not closed with a `---` line" in err
    _, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "list", "--json")
    (article,) = json.loads(out)["articles"]
    assert article["title"] == "Real headline" and article["source"] == "Daily"


def test_progress_moves_with_every_file_before_anything_is_committed(tmp_path, monkeypatch):
    make_articles(tmp_path / "in", 30)
    (tmp_path / "in" / "skip.pdf").write_bytes(b"%PDF")
    seen: list[int] = []
    at_commit: list[int] = []
    real = adding.Writing._add_chunk

    def add_chunk(self, chunk, **options):
        at_commit.append(len(seen))
        return real(self, chunk, **options)

    monkeypatch.setattr(adding.Writing, "_add_chunk", add_chunk)
    library = Library.open(tmp_path / "lib")
    report = library.add([str(tmp_path / "in")], progress=seen.append)
    library.close()
    assert len(report.added) == 30
    assert seen == [1] * 30  # one step per file read; the skipped file is not a step
    assert at_commit == [30]  # every step came before the (only) commit


def test_ctrl_c_keeps_what_was_added_and_says_how_many(tmp_path):
    """A real SIGINT to a real add: it stops, commits, says how many, exits 130;
    the library then opens with exactly that many."""
    make_articles(tmp_path / "in", 1200)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tui", "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"), "--engine", "builtin"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait until the library exists and reading has had time to start.
    deadline = time.monotonic() + 60
    while not (tmp_path / "lib" / "index").is_dir() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=300)
    if process.returncode == 0:  # the machine was fast enough to finish first
        assert out.startswith("Added 1200 articles.")
        return
    assert process.returncode == 130, err
    assert err.startswith("Stopping: keeping what was read so far")  # said at once, before the commit
    kept = int(re.search(r"interrupted; kept the (\d+) articles? added before it", err).group(1))
    assert kept < 1200 and out.startswith(f"Added {kept} article")
    library = Library.open(tmp_path / "lib")
    assert library.count() == kept
    library.close()
    # Adding again carries on: the rest arrive, nothing twice.
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.startswith(f"Added {1200 - kept} articles; {kept} duplicates")
