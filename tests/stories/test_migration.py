"""A library from before stories.sqlite3 (signatures.jsonl, story-members.jsonl)
is migrated on first use, keeping the user's corrections and the groups."""

from __future__ import annotations

import json

from index import Library
from index.api import Library as ApiLibrary

from ..conftest import SEED_IDS, stem_ids, write_article
from ..test_stories import RELATED, UNRELATED
from .legacy import make_legacy


def _stories(library) -> list[list[str]]:
    return sorted(s.articles for s in library.stories().stories.values())


def test_an_old_library_keeps_its_corrections_through_migration(library_dir, tmp_path):
    library = Library.open(library_dir)
    library.change_stories(lambda store: store.move(SEED_IDS[4], None, "Alone"))
    before = json.loads((library_dir / "stories.json").read_text())
    library.close()
    make_legacy(library_dir)
    assert (library_dir / "signatures.jsonl").is_file() and not (library_dir / "stories.sqlite3").exists()

    library = Library.open(library_dir)
    write_article(tmp_path / "in", "related.txt", *RELATED)
    write_article(tmp_path / "in", "harbour.txt", *UNRELATED)
    library.add_paths([tmp_path / "in"])  # the first write migrates
    ids = stem_ids(tmp_path / "in")
    assert not (library_dir / "signatures.jsonl").exists() and (library_dir / "stories.sqlite3").is_file()
    after = json.loads((library_dir / "stories.json").read_text())
    assert after["pinned"] == before["pinned"] and after["apart"] == before["apart"]
    assert _stories(library) == sorted([SEED_IDS[:4] + [ids["related"]], [SEED_IDS[4]], [ids["harbour"]]])

    titles = {s.id: s.title for s in library.summaries()}
    library.change_stories(lambda store: store.rebuild(titles))
    assert [SEED_IDS[4]] in _stories(library)  # the separation outlives a regrouping
    library.close()


def test_a_migrated_library_groups_as_one_that_never_was(tmp_path, library_dir):
    import shutil

    legacy = tmp_path / "legacy"
    shutil.copytree(library_dir, legacy)
    make_legacy(legacy)
    for directory in (library_dir, legacy):
        write_article(tmp_path / "in", "related.txt", *RELATED)
        write_article(tmp_path / "in", "harbour.txt", *UNRELATED)
        library = Library.open(directory)
        library.add_paths([tmp_path / "in"])
        library.close()
    assert json.loads((legacy / "stories.json").read_text()) == json.loads((library_dir / "stories.json").read_text())


def test_listing_an_old_library_migrates_it_and_lists_the_same(library_dir):
    library = ApiLibrary.open(library_dir)
    expected = library.story_listing()
    library.close()
    make_legacy(library_dir)
    library = ApiLibrary.open(library_dir)
    assert library.story_listing() == expected
    assert not (library_dir / "signatures.jsonl").exists() and not (library_dir / "story-members.jsonl").exists()
    library.close()
