"""Duplicates are found by looking each new article's id and content hash up
in the index (a small add) or by reading the lexicon (a bulk chunk), removed
articles' terms left in the lexicon never counting."""

from __future__ import annotations

import pytest

from index import Library
from index.library import live_terms as live_terms_module
from index.library.live_terms import LiveTerms, LiveTermSet, live_terms

LOOKUPS, LEXICON = 0, 10**9  # LOOKUP_PER_SCAN that makes every add look terms up, or read the lexicon


@pytest.fixture(params=[LOOKUPS, LEXICON], ids=["lookups", "lexicon"])
def either_way(request, monkeypatch):
    monkeypatch.setattr(live_terms_module, "LOOKUP_PER_SCAN", request.param)
    return request.param

from .conftest import file_id, make_articles, write_article


def test_a_copy_already_held_or_given_twice_is_skipped(library, tmp_path, either_way):
    first = write_article(tmp_path / "in", "one.txt", "Harbour plan approved", "The council approved the harbour plan.")
    assert library.add_paths([first]).added == [file_id(first)]
    (tmp_path / "again").mkdir()
    held = tmp_path / "again" / "held.txt"
    held.write_bytes(first.read_bytes())
    new = write_article(tmp_path / "again", "new.txt", "Ferry fares frozen", "Fares stay as they are this winter.")
    twice = tmp_path / "again" / "twice.txt"
    twice.write_bytes(new.read_bytes())
    report = library.add_paths([held, new, twice])
    assert report.added == [file_id(new)]
    assert sorted(f.path for f in report.skipped) == sorted([str(held), str(twice)])
    assert all("duplicate" in f.reason for f in report.skipped)


def test_a_removed_article_added_again_is_not_a_duplicate(library, tmp_path, either_way):
    paths = make_articles(tmp_path / "in", 3)
    ids = library.add_paths([tmp_path / "in"]).added
    assert library.remove([ids[1]]) == [ids[1]]
    # Its terms stay in the lexicon until a merge: neither way may trust them.
    reader = library.searcher().reader()
    assert ("id", ids[1]) in reader
    chosen = live_terms(reader, "id", 1)
    assert isinstance(chosen, LiveTerms if either_way == LOOKUPS else LiveTermSet)
    assert ids[1] not in chosen and ids[0] in chosen
    report = library.add_paths([paths[1]])
    assert report.added == [ids[1]] and report.skipped == []
    # ... and once back, it is a duplicate again.
    report = library.add_paths([paths[1]])
    assert report.added == [] and [f.path for f in report.skipped] == [str(paths[1])]
    assert library.count() == 5 + 3


def test_ids_and_hashes_added_in_the_same_write_count(library):
    reader = library.searcher().reader()
    terms = LiveTerms(reader, "content_hash")
    assert "not-a-hash" not in terms
    terms.add("not-a-hash")
    assert "not-a-hash" in terms


def test_small_adds_look_up_and_big_chunks_read_the_lexicon(library):
    reader = library.searcher().reader()
    assert isinstance(live_terms(reader, "id", 1), LiveTerms)
    assert isinstance(live_terms(reader, "id", reader.doc_count_all()), LiveTermSet)


def test_removing_and_adding_again_after_reopening(library_dir, tmp_path, either_way):
    paths = make_articles(tmp_path / "in", 2)
    with_lib = Library.open(library_dir)
    ids = with_lib.add_paths([tmp_path / "in"]).added
    with_lib.remove([ids[0]])
    with_lib.close()
    reopened = Library.open(library_dir)
    try:
        assert reopened.add_paths(paths).added == [ids[0]]
    finally:
        reopened.close()


def test_a_bulk_add_read_by_workers_skips_duplicates_and_pairs_near_copies(library, tmp_path, monkeypatch):
    """The bulk path (worker processes read, analyse and sign; the writer
    indexes) at a size a test can afford."""
    from index.dupes import near_duplicate_ids
    from index.library import adding

    monkeypatch.setattr(adding, "MULTIPROCESS_THRESHOLD", 10)
    paths = make_articles(tmp_path / "in", 12)
    body = " ".join(f"Sentence {n} of the wire story about the harbour closure and its cost." for n in range(30))
    wire = write_article(tmp_path / "in", "wire.txt", "Harbour to close for repairs", body)
    copy = write_article(tmp_path / "in", "copy.txt", "Harbour closure confirmed", body + " Extra reporting by staff.")
    twice = tmp_path / "in" / "twice.txt"
    twice.write_bytes(paths[0].read_bytes())
    report = library.add_paths([tmp_path / "in"], expected=15)
    assert sorted(report.added) == sorted([file_id(p) for p in paths] + [file_id(wire), file_id(copy)])
    assert [f.path for f in report.skipped] == [str(twice)]
    assert [other for other, _ in near_duplicate_ids(library.directory, file_id(wire))] == [file_id(copy)]


def test_removing_merges_only_tiny_segments(library, monkeypatch):
    """A removal commits with the add path's merge policy: Whoosh's default
    merge rewrote most of a 100,000-article library on removing 100 (10+ min)."""
    from whoosh.writing import SegmentWriter

    from index.library.locking import merge_tiny_segments

    policies = []
    commit = SegmentWriter.commit

    def spy(self, *args, **kwargs):
        policies.append(kwargs.get("mergetype"))
        return commit(self, *args, **kwargs)

    monkeypatch.setattr(SegmentWriter, "commit", spy)
    victim = library.summaries()[0].id
    assert library.remove([victim]) == [victim]
    assert policies == [merge_tiny_segments]
