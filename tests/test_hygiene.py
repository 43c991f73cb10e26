"""Layering: the domain package never imports the UI, and startup stays lean."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT, SEEDS


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    return set(out.split())


def test_index_does_not_import_textual_or_tui():
    loaded = modules_after("import index, index.search, index.ingest, index.library")
    assert not any(m == "textual" or m.startswith(("textual.", "tui")) for m in loaded)


def test_cli_search_does_not_import_textual():
    loaded = modules_after("import tui.cli")
    assert "textual" not in loaded


def test_wheel_ships_the_seeds_inside_the_index_package(tmp_path):
    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("newsreader-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in SEEDS.glob("*.txt"):
        assert f"index/seeds/{seed.name}" in names
        assert zipfile.ZipFile(wheel).read(f"index/seeds/{seed.name}") == seed.read_bytes()
    assert "tui/newsreader.tcss" in names and "tui/help.md" in names
    for style in (ROOT / "tui" / "styles").glob("*.tcss"):
        assert f"tui/styles/{style.name}" in names
    assert "index/analysis/gazetteer.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "newsreader = tui.cli:entry_point" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_seeds_are_the_shared_seeds_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not present")
    for path in shared.glob("*.txt"):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_the_app_paints_without_importing_whoosh():
    """Whoosh is imported by the worker that opens the library, after first paint."""
    loaded = modules_after("import tui.app, tui.cli")
    assert not any(m == "whoosh" or m.startswith("whoosh.") for m in loaded)
    assert "markdown_it" not in loaded
    assert "spacy" not in loaded


def test_story_grouping_does_not_import_the_compare_package():
    """An add groups stories; comparison is never needed there (about 35 ms of each add's start)."""
    loaded = modules_after("import index.stories.store")
    assert "index.compare" not in loaded


def test_reading_articles_does_not_import_markdown_it_until_it_parses():
    """Plain lines skip the Markdown parser, so an add of .txt files never loads it."""
    loaded = modules_after("import index.ingest, index.library")
    assert "markdown_it" not in loaded


def test_json_commands_start_without_rich():
    """`add --json` and `search --json` print JSON only: Rich (about 40 ms to import) is not loaded."""
    loaded = modules_after("import tui.cli.commands, tui.cli.main")
    assert not any(m == "rich" or m.startswith("rich.") for m in loaded)
