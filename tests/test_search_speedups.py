"""The faster phrase check and BM25F scoring give exactly Whoosh's answers."""

from __future__ import annotations

import pytest
from whoosh import fields, index, query
from whoosh.qparser import QueryParser

from index.schema import TEXT_ANALYZER
from index.search import parse_query, search
from index.search.phrases import ExactPhraseMatcher, FastPhrase, fast_phrases
from index.search.scoring import TabledBM25F, use_tabled_scoring

from .conftest import write_article

TEXTS = [
    "Last year the prime minister said last year was hard.",
    "The year before last was a good year for the minister.",
    "Prime ministers and the prime minister met last year and again this year.",
    "bye bye bye, said the last minister of the year",
    "Year last; prime time; minister prime.",
    "A long article " + "about nothing in particular " * 40 + "last year",
    "last",
]


@pytest.fixture
def small_index(tmp_path):
    schema = fields.Schema(n=fields.ID(stored=True), body=fields.TEXT(analyzer=TEXT_ANALYZER))
    ix = index.create_in(str(tmp_path), schema)
    # Several commits: several segments, as a library that grew has.
    for start in range(0, len(TEXTS), 3):
        with ix.writer() as writer:
            for n, text in enumerate(TEXTS[start:start + 3], start):
                writer.add_document(n=str(n), body=text)
    return ix


def _ranked(searcher, q):
    return [(hit["n"], hit.score) for hit in searcher.search(q, limit=None)]


@pytest.mark.parametrize(
    "phrase", ['"last year"', '"prime minister"', '"bye bye"', '"bye bye bye"', '"the prime minister"', '"year last"',
               '"last year"^2', '"minister prime"', '"no such words"'],
)
def test_fast_phrase_matches_and_scores_as_whoosh(small_index, phrase):
    parsed = QueryParser("body", small_index.schema).parse(phrase)
    with small_index.searcher() as searcher:
        expected = _ranked(searcher, parsed)
        assert _ranked(searcher, fast_phrases(parsed)) == expected


def test_fast_phrase_uses_the_exact_matcher_and_leaves_sloppy_phrases_to_whoosh(small_index):
    with small_index.searcher() as searcher:
        segment = searcher.subsearchers[0][0] if searcher.subsearchers else searcher
        exact = FastPhrase("body", ["last", "year"]).matcher(segment)
        assert isinstance(exact, ExactPhraseMatcher)
        sloppy = FastPhrase("body", ["last", "year"], slop=3)
        assert not isinstance(sloppy.matcher(segment), ExactPhraseMatcher)
        assert _ranked(searcher, sloppy) == _ranked(searcher, query.Phrase("body", ["last", "year"], slop=3))
        assert {n for n, _ in _ranked(searcher, sloppy)} == {"0", "2", "5"}  # not "year before last"


@pytest.mark.parametrize("text", ["year", "last year", "prime OR minister", "minist* AND last", '"last year" OR prime'])
def test_tabled_scoring_gives_whoosh_bm25f_scores(small_index, text):
    parsed = QueryParser("body", small_index.schema).parse(text)
    with small_index.searcher() as plain, small_index.searcher() as tabled:
        use_tabled_scoring(tabled)
        assert isinstance(tabled.weighting, TabledBM25F)
        assert _ranked(tabled, parsed) == _ranked(plain, parsed)


def test_library_search_ranks_phrases_as_before(tmp_path):
    from index import Library

    for n, text in enumerate(TEXTS):
        write_article(tmp_path / "in", f"{n}.txt", f"Story {n}", text)
    library = Library.open(tmp_path / "lib")
    library.add_paths([tmp_path / "in"])
    results = search(library, '"last year"')
    searcher = library.searcher()
    parsed = QueryParser("body", searcher.schema).parse('"last year"')
    expected = [hit["id"] for hit in searcher.search(parsed, limit=None)]
    assert [hit.id for hit in results.hits] == expected
    assert results.total == 3
    assert results.hits[0].snippet and "last year" in results.hits[0].snippet.text.lower()


MANY = [
    f"{'film ' * (n % 4)}{'movie ' * (n % 3)}story {n} {'oscar ' * (n % 5)}{'award ' * (n % 2)}"
    f"{'last year ' * (n % 3)}" + "filler words " * (n % 7)
    for n in range(300)
]


@pytest.fixture
def many_index(tmp_path):
    schema = fields.Schema(
        n=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=TEXT_ANALYZER, field_boost=3.0),
        body=fields.TEXT(analyzer=TEXT_ANALYZER),
    )
    ix = index.create_in(str(tmp_path), schema)
    for start in range(0, len(MANY), 100):  # three segments
        with ix.writer(merge=False) as writer:
            for n, text in enumerate(MANY[start:start + 100], start):
                writer.add_document(n=str(n), title=f"headline {n % 11} film" if n % 9 == 0 else f"headline {n}", body=text)
    with ix.writer(merge=False) as writer:  # deleted documents stay in their segments
        for n in range(0, 300, 13):
            writer.delete_by_term("n", str(n))
    return ix


@pytest.mark.parametrize(
    "text",
    ["film", "film movie", "film OR movie", "(film OR movie) AND oscar", "oscar NOT award", "NOT oscar film",
     '"last year"',
     '"last year" film', "film OR movie OR oscar OR award"],
)
def test_bulk_postings_rank_the_top_hits_as_an_exhaustive_search(many_index, text):
    from whoosh.qparser import MultifieldParser

    from index.search.boolean import scored_and_not
    from index.search.bulk import bulk_terms

    parsed = MultifieldParser(["title", "body"], many_index.schema).parse(text)
    with many_index.searcher() as plain, many_index.searcher() as fast:
        everything = [(hit["n"], hit.score) for hit in plain.search(parsed, limit=None)]
        use_tabled_scoring(fast)
        q = scored_and_not(bulk_terms(fast_phrases(parsed), ("title", "body")))
        for limit in (1, 5, 20):
            top = fast.search(q, limit=limit)
            assert [(hit["n"], hit.score) for hit in top] == everything[:limit]
        assert len(fast.search(q, limit=5)) == len(everything)


def test_library_search_ranks_and_counts_as_an_exhaustive_search(tmp_path):
    from index import Library

    for n, text in enumerate(MANY[:160]):
        write_article(tmp_path / "in", f"{n}.txt", f"Headline {n}", text)
    library = Library.open(tmp_path / "lib")
    library.add_paths([tmp_path / "in"])
    searcher = library.searcher()
    for text in ("film NOT award", "(film OR movie) AND oscar", '"last year"', "film"):
        parsed = parse_query(text)
        everything = [hit["id"] for hit in searcher.search(parsed, limit=None)]
        results = search(library, text, limit=5)
        assert [hit.id for hit in results.hits] == everything[:5], text
        assert (results.total, results.total_exact) == (len(everything), True), text
