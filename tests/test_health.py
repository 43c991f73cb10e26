"""Damaged libraries: `check` finds each kind of damage, reads say so in one
line, and `repair` recovers what survives (and names what it could not)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from index import Library
from index.errors import LibraryBusy, LibraryDamaged
from index.facets import library_facets
from index.health import repair as repair_module
from index.health.check import check_library
from index.health.damage import damage_guard, is_damage
from index.health.repair import repair_library
from index.search import search

from .conftest import COURAGEOUS_SEEDS, SEED_IDS, write_article


def _file(library_dir: Path, suffix: str) -> Path:
    found = [p for p in (library_dir / "index").iterdir() if p.name.endswith(suffix)]
    assert len(found) == 1, found
    return found[0]


def _half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble(path: Path) -> None:
    data = path.read_bytes()
    start = len(data) // 3
    noise = bytes(random.Random(1).randrange(256) for _ in range(64))
    path.write_bytes(data[:start] + noise + data[start + 64:])


DAMAGE: dict[str, tuple[str, Callable[[Path], None], bool]] = {
    # name: (file suffix, damage, whether ordinary reads fail on it)
    "half .trm": (".trm", _half, True),
    "deleted .pst": (".pst", Path.unlink, True),
    "half .pst": (".pst", _half, True),
    "garbled .trm": (".trm", _garble, False),
    "garbled .pst": (".pst", _garble, False),
    "garbled _stored.col": ("_stored.col", _garble, True),
    "half _body_len.col": ("_body_len.col", _half, True),
    "half TOC": (".toc", _half, True),
    "deleted TOC": (".toc", Path.unlink, True),
}


def _read_everything(directory: Path) -> None:
    library = Library.open(directory)
    try:
        library.count()
        search(library, "taliban")
        search(library, "")
        library.summaries()
        library_facets(library)
        library.get(SEED_IDS[0])
    finally:
        library.close()


@pytest.mark.parametrize("kind", DAMAGE, ids=DAMAGE.keys())
def test_each_kind_of_damage_is_found_reported_in_one_line_and_repaired(library_dir, kind):
    suffix, damage, reads_fail = DAMAGE[kind]
    library = Library.open(library_dir)
    library.change_stories(lambda store: store.move(SEED_IDS[0], None, "Alone"))
    library.close()
    damage(_file(library_dir, suffix))

    report = check_library(library_dir)
    assert not report.ok and report.index_damaged
    assert any(suffix.lstrip("_") in str(p) for p in report.problems), report.problems

    try:
        with damage_guard(library_dir):
            _read_everything(library_dir)
    except LibraryDamaged as error:
        message = str(error)
        assert "newsreader repair" in message and "\n" not in message and str(library_dir) in message
    else:
        assert not reads_fail, "reads should have met the damage"

    repaired = repair_library(library_dir)
    assert repaired.needed and repaired.set_aside and repaired.set_aside.is_dir()
    assert check_library(library_dir).ok
    _read_everything(library_dir)
    library = Library.open(library_dir)
    lost = {a.id for a in repaired.lost}
    assert library.count() == 5 - len(lost) == repaired.articles
    assert {h.id for h in search(library, "courageous").hits} == COURAGEOUS_SEEDS - lost
    stories = {s.id: s.articles for s in library.stories().stories.values()}
    if SEED_IDS[0] not in lost:  # the correction made by hand survives
        assert [SEED_IDS[0]] in stories.values()
    assert sorted(a for members in stories.values() for a in members) == sorted(set(SEED_IDS) - lost)
    library.close()


def test_lost_articles_are_named_with_their_story(library_dir):
    _half(_file(library_dir, "_stored.col"))
    report = repair_library(library_dir)
    assert report.lost and all(a.id in SEED_IDS and a.story for a in report.lost)
    library = Library.open(library_dir)
    assert library.count() == 5 - len(report.lost)
    library.close()


def test_a_healthy_library_needs_no_repair_and_is_not_changed(library_dir):
    before = {p: p.read_bytes() for p in library_dir.rglob("*") if p.is_file()}
    report = check_library(library_dir)
    assert report.ok and report.articles == 5
    repaired = repair_library(library_dir)
    assert not repaired.needed and not repaired.actions and repaired.set_aside is None
    assert {p: p.read_bytes() for p in library_dir.rglob("*") if p.is_file()} == before


def test_opening_a_damaged_library_says_run_repair(library_dir):
    _half(_file(library_dir, ".trm"))
    with pytest.raises(LibraryDamaged, match="newsreader repair"):
        Library.open(library_dir)
    _file(library_dir, ".toc").unlink()
    with pytest.raises(LibraryDamaged, match="table of contents is missing.*newsreader repair"):
        Library.open(library_dir)


def test_a_damaged_stories_file_is_repaired_keeping_what_validates(library):
    library.change_stories(lambda store: store.move(SEED_IDS[0], None, "Alone"))
    library.change_stories(lambda store: store.move(SEED_IDS[1], None, "Also alone"))
    path = library.directory / "stories.json"
    data = json.loads(path.read_text())
    broken = next(s for s, item in data["stories"].items() if item["articles"] == [SEED_IDS[1]])
    data["stories"][broken]["articles"] = "garbled"
    path.write_text(json.dumps(data))
    report = check_library(library.directory)
    assert not report.ok and not report.index_damaged
    assert any(p.part == "stories.json" for p in report.problems)

    repaired = repair_library(library.directory)
    assert any(SEED_IDS[1] in line for line in repaired.corrections_lost)
    assert not any(SEED_IDS[0] in line for line in repaired.corrections_lost)
    assert check_library(library.directory).ok
    stories = {s.id: s.articles for s in library.stories().stories.values()}
    assert [SEED_IDS[0]] in stories.values()
    assert sorted(a for members in stories.values() for a in members) == sorted(SEED_IDS)


def test_an_earlier_damaged_copy_is_reported_then_set_aside(library, tmp_path):
    library.change_stories(lambda store: store.move(SEED_IDS[0], None, "Alone"))
    path = library.directory / "stories.json"
    data = json.loads(path.read_text())
    alone = next(s for s, item in data["stories"].items() if item["articles"] == [SEED_IDS[0]])
    data["stories"][alone]["articles"] = 5
    path.write_text(json.dumps(data))
    write_article(tmp_path / "in", "harbour.txt", "Harbour council meets", "The harbour council met on Monday.")
    assert library.add_paths([tmp_path / "in"]).added
    assert (library.directory / "stories.json.damaged").exists()
    repaired = repair_library(library.directory)
    assert any(SEED_IDS[0] in line and "stories.json.damaged" in line for line in repaired.corrections_lost)
    assert not (library.directory / "stories.json.damaged").exists()
    assert repaired.set_aside and (repaired.set_aside / "stories.json.damaged").exists()
    assert check_library(library.directory).ok


def test_a_torn_signatures_line_of_an_old_library_is_found_and_repaired(library):
    from .stories.legacy import make_legacy

    make_legacy(library.directory)  # signatures.jsonl, as before stories.sqlite3
    path = library.directory / "signatures.jsonl"
    line = json.dumps({"id": "x", "day": None, "terms": {"café": 1.0}}, ensure_ascii=False).encode()
    path.write_bytes(path.read_bytes() + line[: line.index(b"\xc3") + 1])
    report = check_library(library.directory)
    assert [p.what for p in report.problems] == ["the last line is cut short (an interrupted add)"]
    repaired = repair_library(library.directory)
    assert repaired.needed and any("signatures.jsonl" in a for a in repaired.actions)
    assert check_library(library.directory).ok
    assert not path.exists()  # migrated into stories.sqlite3, without the torn line
    connection = sqlite3.connect(library.directory / "stories.sqlite3")
    signed = {row[0] for row in connection.execute("SELECT article FROM signatures")}
    connection.close()
    assert signed == set(SEED_IDS)


def test_repair_waits_for_the_write_lock(library, monkeypatch):
    monkeypatch.setattr(repair_module, "LOCK_WAIT_SECONDS", 0.2)
    (library.directory / "stories.json").write_bytes(b"[]")
    with library.locked(), pytest.raises(LibraryBusy):
        repair_library(library.directory)


def test_only_errors_from_reading_whoosh_files_count_as_damage(library_dir):
    try:
        {}["missing"]
    except KeyError as error:
        assert not is_damage(error)
    _half(_file(library_dir, "_stored.col"))
    library = Library.open(library_dir)
    with pytest.raises(LibraryDamaged, match=r"_stored\.col"), damage_guard(library_dir):
        library.summaries()
    library.close()
