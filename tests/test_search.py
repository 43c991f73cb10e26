"""Search semantics over the seeds and small made-up libraries."""

from __future__ import annotations

import pytest

from index import QueryError
from index.highlight import make_snippet, match_offsets
from index.search import search

from .conftest import COURAGEOUS_SEEDS, write_article


def ids(library, query, **kwargs):
    return {hit.id for hit in search(library, query, **kwargs).hits}


def test_courageous_finds_exactly_the_three_seeds(library):
    results = search(library, "courageous")
    assert results.total == 3
    assert {h.id for h in results.hits} == COURAGEOUS_SEEDS


def test_stemming_matches_other_word_forms(library):
    # "sanction" appears only as "sanctions"/"sanctioned" in the seeds
    assert ids(library, "sanction") == ids(library, "sanctions")
    assert len(ids(library, "sanction")) == 3


def test_phrase_is_stricter_than_words(library):
    phrase = ids(library, '"Islamic Emirate of Afghanistan"')
    assert phrase == {"000_f2f3f3720328d6d9", "001_45ab43f7df5b0445", "003_c6c02cf326206763"}
    assert phrase <= ids(library, "Islamic Emirate Afghanistan")


def test_boolean_operators(library):
    assert ids(library, "Koofi") == {"001_45ab43f7df5b0445"}
    assert ids(library, "Koofi OR Gorbachev") == {"001_45ab43f7df5b0445", "003_c6c02cf326206763"}
    assert "001_45ab43f7df5b0445" not in ids(library, "Taliban NOT Koofi")
    assert ids(library, "Koofi AND Gorbachev") == set()


def test_prefix_and_fuzzy(library):
    assert len(ids(library, "govern*")) == 5
    assert ids(library, "Solaimank*") == {"001_45ab43f7df5b0445"}
    assert ids(library, "Solaymankhil~2") == {"001_45ab43f7df5b0445"}


def test_fuzzy_works_on_words_not_stems(library):
    results = search(library, "goverment~")
    assert results.terms.words == {"govern"}  # not 'over', the neighbour of the stem 'gover'


def test_field_queries(library, tmp_path):
    assert ids(library, "title:govt") == {"003_c6c02cf326206763"}
    write_article(tmp_path, "a.txt", "Harbour reopens", "Ships are back.", source="Coast Daily", published="2024-03-05")
    write_article(tmp_path, "b.txt", "Harbour closes", "Ships are gone.", source="Inland Post", published="2025-07-01")
    library.add_paths([tmp_path])
    assert ids(library, "source:coast") == {"a"}
    assert ids(library, 'source:"inland post"') == {"b"}
    assert ids(library, "published:2025") == {"b"}
    assert ids(library, "published:[2024-01-01 to 2024-12-31]") == {"a"}
    assert ids(library, "harbour published:>2025-01") == {"b"}


def test_title_matches_rank_first(library, tmp_path):
    write_article(tmp_path, "t.txt", "Walrus sighting", "Something else entirely happened.")
    write_article(tmp_path, "b.txt", "Unrelated headline", "A walrus was mentioned once in passing here.")
    library.add_paths([tmp_path])
    assert [h.id for h in search(library, "walrus").hits] == ["t", "b"]


def test_hits_carry_snippets_and_body_offsets(library):
    results = search(library, "courageous")
    for hit in results.hits:
        body = library.get(hit.id).body
        assert hit.matches
        assert all(body[s:e].lower() == "courageous" for s, e in hit.matches)
        assert hit.snippet and all(hit.snippet.text[s:e].lower() == "courageous" for s, e in hit.snippet.spans)


def test_snippets_only_for_the_first_hits(library):
    results = search(library, "taliban", snippets=2)
    assert [h.snippet is not None for h in results.hits] == [True, True, False, False, False]


def test_empty_query_lists_everything(library):
    results = search(library, "  ")
    assert results.total == 5 and len(results.hits) == 5


def test_did_you_mean_uses_whole_words(library):
    results = search(library, "goverment")
    assert results.total == 0
    assert results.suggestion == "government"
    assert search(library, "courageus taliban").suggestion == "courageous taliban"
    assert search(library, "courageous").suggestion is None


def test_no_suggestion_for_words_inside_fields(library, tmp_path):
    write_article(tmp_path, "z.txt", "Animals", "Body text.", source="Zoo Times")
    library.add_paths([tmp_path])
    results = search(library, 'source:"zoo times"')
    assert results.total == 1 and results.suggestion is None


@pytest.mark.parametrize("query", ["published:[2025 to bad]", "published:yesterday", "published:[202"])
def test_malformed_dates_raise_a_clear_error(library, query):
    with pytest.raises(QueryError, match="dates are written YYYY, YYYY-MM or YYYY-MM-DD"):
        search(library, query)


def test_unknown_fields_are_named(library):
    with pytest.raises(QueryError, match="unknown field 'foo'"):
        search(library, "foo:bar")
    search(library, '"ratio 3:1"')  # a colon inside a phrase is not a field


def test_phrases_highlight_only_the_whole_phrase(library):
    results = search(library, '"foreign ministry"')
    body = library.get("001_45ab43f7df5b0445").body
    hit = next(h for h in results.hits if h.id == "001_45ab43f7df5b0445")
    marked = [body[s:e].lower() for s, e in hit.matches]
    assert marked and set(marked) == {"foreign", "ministry"}
    assert "Foreign Minister Amir" in body  # present, but not part of the phrase
    assert all(body[s:e + 9].lower() == "foreign ministry" for s, e in hit.matches if body[s:e].lower() == "foreign")


def test_totals_are_exact(library, tmp_path):
    write_article(tmp_path, "z.txt", "Zebra crossing", "A zebra crossing was painted.")
    library.add_paths([tmp_path])
    results = search(library, "zebra")
    assert results.total == len(results.hits) == 1
    assert search(library, "taliban", limit=2).total == 5


@pytest.mark.parametrize("query", ["(((", '"unclosed', "AND", "title:", "*", "~", "NOT"])
def test_odd_queries_do_not_crash(library, query):
    search(library, query)


def test_match_offsets_and_snippet_windows():
    text = "Sanctions bite.  The sanctioned   bank  denied it.\n\nNothing else."
    spans = match_offsets(text, {"sanction"})
    assert [text[s:e] for s, e in spans] == ["Sanctions", "sanctioned"]
    snippet = make_snippet(text, spans, width=30)
    assert [snippet.text[s:e] for s, e in snippet.spans] == ["Sanctions", "sanctioned"]
    assert "  " not in snippet.text


def test_fast_match_offsets_agree_with_the_index_analyzer(library):
    from index.schema import TEXT_ANALYZER

    for summary in library.summaries():
        body = library.get(summary.id).body
        tokens = [(t.text, t.startchar, t.endchar) for t in TEXT_ANALYZER(body, chars=True)]
        terms = {text for text, _, _ in tokens[::7]}
        expected = [(s, e) for text, s, e in tokens if text in terms]
        assert match_offsets(body, terms) == expected
