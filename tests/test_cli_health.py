"""`newsreader check` and `newsreader repair` on the command line: damage is
one line naming the repair, check finds it, repair recovers."""

from __future__ import annotations

import json

from .conftest import run_cli


def _truncate_postings(library_dir) -> None:
    postings = next((library_dir / "index").glob("*.pst"))
    postings.write_bytes(postings.read_bytes()[: postings.stat().st_size // 2])


def test_a_healthy_library_checks_clean_and_needs_no_repair(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "check")
    assert code == 0 and "is healthy: 5 articles checked" in out
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "repair")
    assert code == 0 and "nothing to repair" in out


def test_damage_is_one_line_check_finds_it_and_repair_recovers(capsys, library_dir):
    _truncate_postings(library_dir)
    code, out, err = run_cli(capsys, "--library", str(library_dir), "search", "taliban")
    assert code == 1 and err.count("\n") == 1
    assert "is damaged" in err and "run `newsreader repair`" in err and "Traceback" not in err

    code, out, _ = run_cli(capsys, "--library", str(library_dir), "check", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and any(p["part"].endswith(".pst") for p in report["problems"])
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "check")
    assert code == 1 and "Run `newsreader repair`" in out

    code, out, _ = run_cli(capsys, "--library", str(library_dir), "repair")
    assert code == 0 and "rebuilt the index from 5 surviving articles" in out
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "taliban", "--json")
    assert code == 0 and json.loads(out)["total"] == 5
    code, _, _ = run_cli(capsys, "--library", str(library_dir), "check")
    assert code == 0


def test_check_of_a_missing_library_is_one_line(capsys, tmp_path):
    code, _, err = run_cli(capsys, "--library", str(tmp_path / "nowhere"), "check")
    assert code == 1 and "no library at" in err and err.count("\n") == 1


def test_a_damaged_feed_database_is_found_and_set_aside(capsys, library_dir):
    (library_dir / "state.sqlite3").write_bytes(b"this is not a database" * 100)
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "check", "--json")
    assert code == 1 and [p["part"] for p in json.loads(out)["problems"]] == ["state.sqlite3"]
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "repair")
    assert code == 0 and "set aside the damaged feed database" in out
    assert not (library_dir / "state.sqlite3").exists()
    assert list(library_dir.glob("damaged-*/state.sqlite3"))
    code, _, _ = run_cli(capsys, "--library", str(library_dir), "check")
    assert code == 0
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "feeds", "list", "--json")
    assert code == 0 and json.loads(out)["feeds"] == []
