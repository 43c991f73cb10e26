"""Slugs in a library made before they were stored are made from the titles
as the library is walked (`index.library.lookup._scan_slugs`): the same
articles match as where slugs are stored."""

from __future__ import annotations

from index.library import Library as Core
from index.library.lookup import find_ids

from .conftest import SEED_IDS


def test_slugs_made_from_titles_match_as_stored_slugs_do(library_dir):
    core = Core.open(library_dir, seed=False)
    searcher = core.searcher()
    for typed in ("russia-pioneers", "Russia Pioneers", "russia-becomes", "russia", "no-such-slug"):
        assert find_ids(searcher, typed, has_slugs=False) == find_ids(searcher, typed, has_slugs=True), typed
    assert find_ids(searcher, "russia-pioneers", has_slugs=False) == [SEED_IDS[0]]
    assert len(find_ids(searcher, "russia", has_slugs=False)) == 5
    core.close()


def test_id_prefixes_list_live_articles_only(library_dir):
    """Ids are read from the index's terms; a removed article's term, which
    stays until its segment is merged, is never listed."""
    from index.api import Library

    library = Library.open(library_dir)
    library.remove([SEED_IDS[0]])
    library.close()
    core = Core.open(library_dir, seed=False)
    searcher = core.searcher()
    assert find_ids(searcher, SEED_IDS[0][:6], has_slugs=True) == []
    assert find_ids(searcher, SEED_IDS[1][:6], has_slugs=True) == [SEED_IDS[1]]
    everything = sorted(SEED_IDS[1:])
    assert sorted({i for c in "0123456789abcdef" for i in find_ids(searcher, c, has_slugs=True)}) == everything
    core.close()
