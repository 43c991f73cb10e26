"""The top-N collector skips by the current N-th best score and still finds
the exact top N (ties broken by document number, as Whoosh's heap does) and
the exact count of matches."""

from __future__ import annotations

import pytest
from whoosh import index

from index.search import parse_query
from index.search.core import _collect, _total, prepare_query
from index.search.limits import Budget

from .search_index import create_search_index

BODIES = [
    f"{'film ' * (n % 5)}{'movie ' * (n % 3)}story {'oscar ' * (n % 4)}{'award ' * (n % 2)}"
    f"{'last year ' * (n % 3)}" + "filler words " * (n % 7) + ("election " * (n % 6))
    for n in range(40)
]


def _build(directory, segments: list[int]) -> index.Index:
    ix = create_search_index(directory)
    n = 0
    for count in segments:
        with ix.writer(merge=False) as writer:
            for _ in range(count):
                # Bodies repeat every 40 documents: many equal scores.
                writer.add_document(n=str(n), title=f"headline {n % 9} elections" if n % 10 == 0 else "headline",
                                    body=BODIES[n % len(BODIES)])
                n += 1
    with ix.writer(merge=False) as writer:
        for d in range(5, n, 23):
            writer.delete_by_term("n", str(d))
    return ix


@pytest.fixture(scope="module", params=[[900], [500, 300, 100]], ids=["one segment", "three segments"])
def ix(request, tmp_path_factory):
    return _build(tmp_path_factory.mktemp("collect"), request.param)


QUERIES = ["film", "film OR movie", "(film OR movie) AND oscar", "oscar NOT award", '"last year"', "elect*",
           "film elect*", "story", "headline", "title:elect*", "movie NOT film", '"film movie"', '"story oscar"',
           '"headline elections"', '"last year" OR film', '"filler words" film', 'title:"headline elections"']


@pytest.mark.parametrize("text", QUERIES)
def test_collector_keeps_the_exact_top_n_and_count(ix, text):
    with ix.searcher() as searcher:
        q = prepare_query(parse_query(text), searcher, Budget(60))
        everything = list(searcher.search(q, limit=None).items())
        for limit in (1, 7, 50, 200):
            budget = Budget(60)
            results, finished, pruned = _collect(searcher, q, limit, budget)
            assert finished
            assert list(results.items()) == everything[:limit], (text, limit)
            found = len(list(results.items()))
            assert _total(results, finished, found, searcher.doc_count(), budget, pruned) == (len(everything), True)


def test_collector_skips_from_the_first_segment(tmp_path):
    ix = _build(tmp_path, [900])
    with ix.searcher() as searcher:
        q = prepare_query(parse_query("story"), searcher, Budget(60))
        results, _, pruned = _collect(searcher, q, 10, Budget(60))
        assert pruned
        assert results.collector.total < len(searcher.search(q, limit=None))
