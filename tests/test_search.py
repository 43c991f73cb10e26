"""Search semantics over the seeds and small made-up libraries."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from index import QueryError
from index.facets import FACET_FIELDS, Facet, count_names, library_facets, name_query
from index.highlight import make_snippet, match_offsets
from index.schema import PLAIN_ANALYZER
from index.search import limits, parse_query, search

from .conftest import COURAGEOUS_SEEDS, SEED_IDS, file_id, stem_ids, write_article


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
    assert phrase == {SEED_IDS[0], SEED_IDS[1], SEED_IDS[3]}
    assert phrase <= ids(library, "Islamic Emirate Afghanistan")


def test_boolean_operators(library):
    assert ids(library, "Koofi") == {SEED_IDS[1]}
    assert ids(library, "Koofi OR Gorbachev") == {SEED_IDS[1], SEED_IDS[3]}
    assert SEED_IDS[1] not in ids(library, "Taliban NOT Koofi")
    assert ids(library, "Koofi AND Gorbachev") == set()


def test_prefix_and_fuzzy(library):
    assert len(ids(library, "govern*")) == 5
    assert ids(library, "Solaimank*") == {SEED_IDS[1]}
    assert ids(library, "Solaymankhil~2") == {SEED_IDS[1]}


def test_fuzzy_works_on_words_not_stems(library):
    results = search(library, "goverment~")
    assert results.terms.words == {"govern"}  # not 'over', the neighbour of the stem 'gover'


def test_field_queries(library, tmp_path):
    assert ids(library, "title:govt") == {SEED_IDS[3]}
    write_article(tmp_path, "a.txt", "Harbour reopens", "Ships are back.", source="Coast Daily", published="2024-03-05")
    write_article(tmp_path, "b.txt", "Harbour closes", "Ships are gone.", source="Inland Post", published="2025-07-01")
    library.add_paths([tmp_path])
    a, b = (file_id(tmp_path / name) for name in ("a.txt", "b.txt"))
    assert ids(library, "source:coast") == {a}
    assert ids(library, 'source:"inland post"') == {b}
    assert ids(library, "published:2025") == {b}
    assert ids(library, "published:[2024-01-01 to 2024-12-31]") == {a}
    assert ids(library, "harbour published:>2025-01") == {b}


def test_title_matches_rank_first(library, tmp_path):
    write_article(tmp_path, "t.txt", "Walrus sighting", "Something else entirely happened.")
    write_article(tmp_path, "b.txt", "Unrelated headline", "A walrus was mentioned once in passing here.")
    library.add_paths([tmp_path])
    assert [h.id for h in search(library, "walrus").hits] == [file_id(tmp_path / "t.txt"), file_id(tmp_path / "b.txt")]


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
    body = library.get(SEED_IDS[1]).body
    hit = next(h for h in results.hits if h.id == SEED_IDS[1])
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


@pytest.mark.parametrize(
    ("query", "same_as"),
    [("(((", None), ('"unclosed', "unclosed"), ("AND", "and"), ("NOT", "not"), ("title:", None), ("~", None)],
)
def test_odd_queries_are_read_as_words_or_find_nothing(library, query, same_as):
    results = search(library, query)
    assert results.total == len(results.hits)
    assert {h.id for h in results.hits} == (ids(library, same_as) if same_as else set())
    assert results.notes == []


def test_a_lone_star_lists_every_article(library):
    assert ids(library, "*") == ids(library, "") and len(ids(library, "*")) == 5


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


# Limits: fuzzy distance, expansions, time.

KOOFI = SEED_IDS[1]


def test_fuzzy_distance_is_capped_at_two_and_noted(library):
    results = search(library, "Solaymankhil~999")
    assert {h.id for h in results.hits} == ids(library, "Solaymankhil~2") == {KOOFI}
    assert results.notes == ["fuzzy matching allows at most 2 edits; searched solaymankhil~2"]
    assert search(library, "Solaymankhil~2").notes == []


def test_a_many_digit_distance_is_one_distance_not_a_second_word(library):
    parsed = parse_query("election~999")
    leaves = list(parsed.leaves())
    assert leaves and all(isinstance(leaf, limits.SpellingFuzzyTerm) for leaf in leaves)
    assert {(leaf.maxdist, leaf.asked) for leaf in leaves} == {(2, 999)}


def test_several_capped_fuzzy_terms_each_get_one_note(library):
    notes = search(library, "election~999 sanction~999 taliban~9").notes
    assert notes == [
        "fuzzy matching allows at most 2 edits; searched election~2",
        "fuzzy matching allows at most 2 edits; searched sanction~2",
        "fuzzy matching allows at most 2 edits; searched taliban~2",
    ]


@pytest.mark.parametrize(("query", "common"), [("?*", {"the", "of"}), ("*a*", {"a", "and"})])
def test_a_wildcard_matching_too_many_words_keeps_the_most_common(library, query, common):
    results = search(library, query)
    # One note although the pattern was expanded in both title and body.
    assert results.notes == [f"the wildcard {query} matched too many words; searched the 64 most common"]
    assert {h.id for h in results.hits} == ids(library, "")  # every seed has an `a` and some word
    assert len(results.terms.words) <= 2 * 64
    assert common <= results.terms.words  # words in every article were kept


def test_the_expansion_limits_are_shared_by_the_whole_query(library):
    results = search(library, "?* *?* ?*?")
    assert results.notes == [
        f"the wildcard {pattern} matched too many words; searched the 21 most common"
        for pattern in ("?*", "*?*", "?*?")
    ]
    assert {h.id for h in results.hits} == ids(library, "")


def test_wildcards_are_bounded_by_the_words_examined_not_only_kept(library, monkeypatch):
    monkeypatch.setattr(limits, "MAX_EXAMINED_TERMS", 100)
    monkeypatch.setattr(limits, "MIN_SHARE_EXAMINED", 10)
    # Matches nothing, so nothing is kept, but a leading * reads the whole lexicon.
    results = search(library, "*qzx*")
    assert results.hits == []
    assert results.notes == [
        "the wildcard *qzx* needs more than 50 words checked; searched the matches among the first 50"
    ]
    results = search(library, "*a*")
    assert results.notes == [
        "the wildcard *a* needs more than 50 words checked; searched the matches among the first 50"
    ]
    assert results.hits
    monkeypatch.setattr(limits, "MAX_EXPANSION_TERMS", 4)
    monkeypatch.setattr(limits, "MIN_SHARE_TERMS", 1)
    assert search(library, "*a*").notes == [
        "the wildcard *a* needs more than 50 words checked; searched the 2 most common matches among the first 50"
    ]


def test_prefixes_are_bounded_too(library, monkeypatch):
    monkeypatch.setattr(limits, "MAX_EXPANSION_TERMS", 4)
    monkeypatch.setattr(limits, "MIN_SHARE_TERMS", 1)
    results = search(library, "a*")
    assert results.notes == ["the prefix a* matched too many words; searched the 2 most common"]
    assert "a" in results.terms.words and len(results.terms.words) <= 2 * 2


def test_the_time_budget_returns_what_was_found_with_a_note(library):
    results = search(library, "taliban", time_budget=0)
    assert len(results.hits) == 1 and results.hits[0].id in ids(library, "taliban")  # collection stopped after one hit
    assert results.total_exact is False
    assert results.notes == ["search stopped after 0 s; results may be incomplete"]
    assert search(library, "taliban").notes == []


def test_the_default_time_budget_is_a_module_setting(library, monkeypatch):
    monkeypatch.setattr(limits, "TIME_BUDGET", 0.0)
    results = search(library, "?* *?* ?*?")
    assert results.hits == []  # out of time before any expansion
    assert results.notes == ["search stopped after 0 s; results may be incomplete"]


def test_notes_are_in_the_json_with_every_other_key(library):
    data = search(library, "Koofi~9").to_json()
    assert set(data) == {"query", "total", "total_exact", "suggestion", "notes", "hits"}
    assert data["notes"] == ["fuzzy matching allows at most 2 edits; searched koofi~2"]
    assert search(library, "Koofi").to_json()["notes"] == []


# Facet queries: built in index/, safe for any name.

HOSTILE_NAMES = [
    'Ali "The Lion" Khan',
    "Field: Marshal Yu",
    "Gen. [Redacted] (Ret.)",
    "Star*Power Quinn",
    "Who? Me~ Really",
    "Back\\Slash Jones",
    "Law AND Order",
    "Bread OR Roses",
    "NOT Guilty Smith",
    "Mark [/] Upton",
    "[bold red]Evil[/] Twin",
    "Dana O'Hara",
]


def expected_query(field, name):
    words = [token.text for token in PLAIN_ANALYZER(name)]
    return wq.Term(field, words[0]) if len(words) == 1 else wq.Phrase(field, words)


@pytest.mark.parametrize("label", sorted(FACET_FIELDS))
@pytest.mark.parametrize("name", [*HOSTILE_NAMES, "Putin", "a*", "x~", "AND"])
def test_name_queries_parse_back_to_exactly_the_name(label, name):
    assert parse_query(name_query(label, name)) == expected_query(FACET_FIELDS[label], name)
    assert Facet(label, name, 1).query == name_query(label, name)


def test_a_name_without_words_finds_nothing(library):
    assert name_query("PERSON", "[/]") == 'person:""'
    assert search(library, name_query("PERSON", "[/]")).hits == []


def test_an_unknown_label_is_a_programming_error():
    with pytest.raises(ValueError, match="labels are PERSON, ORG, PLACE, SPEAKER"):
        name_query("MISC", "x")


def _with_people(monkeypatch, people_by_title):
    """Articles get the PERSON names we choose instead of the engine's."""
    from index.library import documents

    original = documents.analysis_fields

    def analysis_fields(article):
        fields = original(article)
        if article.title in people_by_title:
            people = people_by_title[article.title]
            if people is None:
                return {key: value for key, value in fields.items() if key != "names"}
            fields["person"] = documents.NAME_SEPARATOR.join(people)
            fields["names"] = {**fields["names"], "PERSON": people}
        return fields

    monkeypatch.setattr(documents, "analysis_fields", analysis_fields)


def test_facet_queries_find_the_articles_naming_them(library, tmp_path, monkeypatch):
    _with_people(monkeypatch, {f"Profile {i}": [name] for i, name in enumerate(HOSTILE_NAMES)})
    for i in range(len(HOSTILE_NAMES)):
        write_article(tmp_path, f"h{i}.txt", f"Profile {i}", "A short profile of a public figure.")
    library.add_paths([tmp_path])
    stems = stem_ids(tmp_path)
    people = {facet.name: facet for facet in library_facets(library)["PERSON"]}
    for i, name in enumerate(HOSTILE_NAMES):
        results = search(library, people[name].query)
        assert {h.id for h in results.hits} == {stems[f"h{i}"]}, name


def test_library_facets_skip_documents_without_names(library, tmp_path, monkeypatch):
    _with_people(monkeypatch, {"Bare": None})
    write_article(tmp_path, "bare.txt", "Bare", "Vladimir Putin spoke to Sergei Lavrov.")
    [bare] = library.add_paths([tmp_path]).added
    assert "names" not in library.searcher().document(id=bare)
    people = library_facets(library)["PERSON"]
    assert next(f for f in people if f.name == "Vladimir Putin").articles >= 1
    assert library_facets(library, [bare, "no-such-id"]) == {label: [] for label in FACET_FIELDS}


def test_count_names_ignores_names_of_the_wrong_shape():
    stored = [None, {}, "junk", {"PERSON": None}, {"PERSON": "Putin"}, {"PERSON": ["Ann Lee", 3, ""]}, {"ORG": ["UN"]}]
    facets = count_names(stored)
    assert facets["PERSON"] == [Facet("PERSON", "Ann Lee", 1)]
    assert facets["ORG"] == [Facet("ORG", "UN", 1)]


def test_fuzzy_terms_with_too_many_candidates_seek_to_their_matches(library, monkeypatch):
    monkeypatch.setattr(limits, "MAX_EXAMINED_TERMS", 2)
    monkeypatch.setattr(limits, "MIN_SHARE_EXAMINED", 1)
    results = search(library, "Solaymankhil~2")
    assert {h.id for h in results.hits} == {KOOFI}
    assert results.notes == []
