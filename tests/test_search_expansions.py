"""Prefix, wildcard and fuzzy terms matched as one term give Whoosh's answers.

`expansions.expansion_matcher` replaces the `Or` of `Term`s Whoosh builds for
an expanded term; every comparison here is against that `Or` (the fast path
turned off), on real indexes in tmp_path: several segments, deleted
documents, a segment over Whoosh's 5,000-document array-union limit.
"""

from __future__ import annotations

import pytest
from whoosh import index

from index.search import expansions, parse_query, search
from index.search.core import prepare_query
from index.search.limits import Budget

from .conftest import write_article
from .search_index import create_search_index

WORDS = ["elect", "election", "elected", "electric", "electorate", "elects", "electron", "govern", "governor",
         "government", "governs", "invest", "investor", "investment", "film", "filming", "award"]


def _text(n: int) -> str:
    return " ".join(WORDS[(n * k + k * k) % len(WORDS)] for k in range(1, 2 + n % 9)) + f" filler {n % 13}"


def _body(n: int) -> str:
    """An article body the library indexes (a bare list of words is not one)."""
    return f"The story goes on. {_text(n)}. And more words follow here."


def _build(directory, counts: list[int], deleted: range) -> index.Index:
    ix = create_search_index(directory)
    n = 0
    for count in counts:  # one segment each
        with ix.writer(merge=False) as writer:
            for _ in range(count):
                title = _text(n * 7 + 3) if n % 4 == 0 else f"headline {n % 17}"
                writer.add_document(n=str(n), title=title, body=_text(n))
                n += 1
    with ix.writer(merge=False) as writer:
        for d in deleted:
            writer.delete_by_term("n", str(d))
    return ix


@pytest.fixture(scope="module")
def segments(tmp_path_factory):
    """Small segments only (Whoosh's array union for three words or more)."""
    return _build(tmp_path_factory.mktemp("small"), [120, 90, 60], range(0, 270, 11))


@pytest.fixture(scope="module")
def big_segment(tmp_path_factory):
    """A segment over 5,000 documents (Whoosh's weighted tree of unions) and a small one."""
    return _build(tmp_path_factory.mktemp("big"), [5100, 40], range(3, 5140, 17))


QUERIES = [
    "elect*", "govern*", "invest*", "el*", "e*", "title:elect*", "elect* film", "elect* OR award",
    "elect* NOT govern*", "film NOT elect*", "elect* AND invest*", "gov?rn*", "*vest*", "electoin~",
    "governmint~2", "title:(elect* OR film)", "electric*", "zzz*", "elect*^2", '"film award" OR elect*',
    "film OR award", "film OR award OR investor", "(film OR award) AND elect*", "film^2 OR award", "(film OR award)^2",
    "film award investor", "(film award)^2", "film award NOT elect*", "film award^3",
]


def _ranked(ix, text: str, fast: bool, monkeypatch, limit: int | None = None) -> list[tuple[str, float]]:
    if not fast:
        monkeypatch.setattr(expansions, "expansion_matcher", lambda *args: None)
    try:
        with ix.searcher() as searcher:
            q = prepare_query(parse_query(text), searcher, Budget(60))
            return [(hit["n"], hit.score) for hit in searcher.search(q, limit=limit)]
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("which", ["segments", "big_segment"])
def test_expansions_match_and_score_as_whoosh(request, monkeypatch, which, text):
    ix = request.getfixturevalue(which)
    expected = _ranked(ix, text, False, monkeypatch)
    assert _ranked(ix, text, True, monkeypatch) == expected
    with ix.searcher() as searcher:  # Whoosh alone: its own expansion, union and scorer
        assert [(hit["n"], hit.score) for hit in searcher.search(parse_query(text), limit=None)] == expected
    for limit in (1, 10, 200):
        assert _ranked(ix, text, True, monkeypatch, limit) == expected[:limit]


def test_the_fast_matcher_is_used_and_counts_the_same_documents(segments, monkeypatch):
    from index.search.bulk import ScoredPostings

    with segments.searcher() as searcher:
        segment = searcher.subsearchers[0][0]
        for text in ("title:elect*", "elect*", "e* NOT film"):
            q = prepare_query(parse_query(text), searcher, Budget(60))
            if text == "title:elect*":
                assert isinstance(q.matcher(segment, segment.context()), ScoredPostings)
                assert isinstance(q.matcher(segment, segment.boolean_context()), ScoredPostings)
            counted = sorted(searcher.docs_for_query(q))
            monkeypatch.setattr(expansions, "expansion_matcher", lambda *args: None)
            assert counted == sorted(searcher.docs_for_query(q)), text
            monkeypatch.undo()


def test_library_search_keeps_hits_totals_and_expansion_notes(tmp_path, monkeypatch):
    from index import Library

    for batch in range(3):  # three adds: several segments
        for n in range(batch * 40, batch * 40 + 40):
            write_article(tmp_path / f"in{batch}", f"{n}.txt", f"Headline {n} {WORDS[n % len(WORDS)]}", _body(n))
    library = Library.open(tmp_path / "lib")
    for batch in range(3):
        library.add_paths([tmp_path / f"in{batch}"])
    library.remove([hit.id for hit in search(library, "filler", limit=5).hits])
    for text in ("elect*", "e*", "gover*", "title:elect*", "elect* NOT film", "invstor~", "governer~"):
        fast = search(library, text, limit=20, time_budget=60)
        monkeypatch.setattr(expansions, "expansion_matcher", lambda *args: None)
        plain = search(library, text, limit=20, time_budget=60)
        monkeypatch.undo()
        assert fast.hits, text
        assert [(h.id, h.score) for h in fast.hits] == [(h.id, h.score) for h in plain.hits], text
        assert (fast.total, fast.total_exact, fast.notes) == (plain.total, plain.total_exact, plain.notes), text
    from index.search import limits

    monkeypatch.setattr(limits, "MAX_EXPANSION_TERMS", 4)
    monkeypatch.setattr(limits, "MIN_SHARE_TERMS", 2)
    noted = search(library, "e*", limit=20, time_budget=60)
    assert "the prefix e* matched too many words; searched the 2 most common" in noted.notes, noted.notes


def test_a_library_in_the_old_format_answers_as_before(tmp_path, monkeypatch):
    """Segments written before the compact codec (Whoosh's own writer and
    positions) beside a new one: the same answers as Whoosh's `Or`."""
    from index import Library

    from .test_stored_compact import _old_format

    for n in range(60):
        write_article(tmp_path / ("old" if n < 40 else "new"), f"{n}.txt", f"Headline {n}", _body(n))
    with monkeypatch.context() as old:
        _old_format(old)
        library = Library.open(tmp_path / "lib")
        library.add_paths([tmp_path / "old"])
        library.close()
    library = Library.open(tmp_path / "lib")
    library.add_paths([tmp_path / "new"])
    try:
        for text in ("elect*", "gov*", "title:head*", "elect* NOT film", "elektion~2", '"film award" OR elect*'):
            fast = search(library, text, limit=20, time_budget=60)
            with monkeypatch.context() as plain_path:
                plain_path.setattr(expansions, "expansion_matcher", lambda *args: None)
                plain = search(library, text, limit=20, time_budget=60)
            assert fast.hits, text
            assert [(h.id, h.score) for h in fast.hits] == [(h.id, h.score) for h in plain.hits], text
            assert (fast.total, fast.total_exact, fast.notes) == (plain.total, plain.total_exact, plain.notes), text
    finally:
        library.close()
