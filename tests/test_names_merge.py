"""One entity, one count: names merged across the library for `entities`,
the facets and the compare matrix, and facet searches that find every form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.compare import compare
from index.facets import count_names, library_facets
from index.names import LibraryNames
from index.search import search

from .conftest import run_cli, write_article

ARTICLES = {
    "blair-full": ("Leeds visit", "Prime Minister Tony Blair visited Leeds on Monday. Tony Blair said the plan would work."),
    "blair-bare": ("Plan talk", "Labour sources said Blair would speak on Tuesday. Blair told reporters the plan would work."),
    "obama-full": ("Bill signed", "President Barack Obama signed the bill on Friday in Washington."),
    "obama-bare": ("Good start", "Obama said on Friday that the bill was a good start for the country."),
    "dhs-spelled": ("Border", "The Department of Homeland Security (DHS) said the border was secure."),
    "dhs-bare": ("Review", "A DHS spokesman said the agency would review the case on Monday."),
    "dhs-full": ("Pay", "Officials at the Department of Homeland Security said on Monday that staff would be paid."),
}


@pytest.fixture
def merged_library(library, tmp_path):
    for name, (title, body) in ARTICLES.items():
        write_article(tmp_path / "news", f"{name}.txt", title, body)
    library.add_paths([tmp_path / "news"])
    return library


def _ids(library, query: str) -> set[str]:
    """The file stems of the articles the query finds (the seeds' ids as they are)."""
    return {_stem(library, hit.id) for hit in search(library, query, limit=None).hits}


def _stem(library, article_id: str) -> str:
    path = library.get(article_id).path
    return Path(path).stem if path and "seeds" not in Path(path).parts else article_id


def _by_stem(library) -> dict[str, str]:
    return {_stem(library, s.id): s.id for s in library.summaries()}


def test_entities_lists_one_person_once_under_the_fuller_name(merged_library, library_dir, capsys):
    merged_library.close()
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--json")
    assert code == 0
    data = json.loads(out)
    people = {facet["name"]: facet for facet in data["person"]}
    orgs = {facet["name"]: facet for facet in data["org"]}
    assert "Blair" not in people and "Obama" not in people and "DHS" not in orgs
    assert people["Tony Blair"]["articles"] == 2 and people["Tony Blair"]["forms"] == ["Tony Blair", "Blair"]
    assert people["Barack Obama"]["articles"] == 2
    assert orgs["Department of Homeland Security"]["articles"] == 3
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "entities")
    assert "Tony Blair" in out and not any(line.split()[1:] == ["Blair"] for line in out.splitlines() if line.strip())


def test_a_merged_facet_finds_every_article_naming_any_of_its_forms(merged_library):
    facets = library_facets(merged_library)
    blair = next(f for f in facets["PERSON"] if f.name == "Tony Blair")
    obama = next(f for f in facets["PERSON"] if f.name == "Barack Obama")
    dhs = next(f for f in facets["ORG"] if f.name == "Department of Homeland Security")
    assert _ids(merged_library, blair.query) == {"blair-full", "blair-bare"}
    assert _ids(merged_library, obama.query) == {"obama-full", "obama-bare"}
    assert _ids(merged_library, dhs.query) == {"dhs-spelled", "dhs-bare", "dhs-full"}


def test_a_surname_is_left_to_the_bearer_the_article_names(library, tmp_path):
    """'Blair' beside 'Cherie Blair' is Cherie there, and her article is not
    found by Tony Blair's facet; elsewhere 'Blair' is the far better known Tony."""
    bodies = {f"tony-{i}": f"Tony Blair met union leaders in town {i} on Monday." for i in range(4)}
    bodies["cherie"] = "Cherie Blair opened the school on Monday. Blair said the pupils were a credit to it."
    bodies["bare"] = "Labour sources said the vote was close. Blair told reporters the election would be in May."
    for name, body in bodies.items():
        write_article(tmp_path / "news", f"{name}.txt", f"Report {name}", body)
    library.add_paths([tmp_path / "news"])
    people = {f.name: f for f in library_facets(library)["PERSON"]}
    assert "Blair" not in people
    assert people["Tony Blair"].articles == 5 and people["Cherie Blair"].articles == 1
    assert _ids(library, people["Tony Blair"].query) == {*(f"tony-{i}" for i in range(4)), "bare"}
    assert _ids(library, people["Cherie Blair"].query) == {"cherie"}


def _people(stored: list[dict]) -> dict[str, int]:
    return {facet.name: facet.articles for facet in count_names(stored)["PERSON"]}


def test_a_surname_two_people_share_stays_apart_unless_the_article_names_one():
    stored = [
        {"PERSON": ["Hillary Clinton"]}, {"PERSON": ["Hillary Clinton"]},
        {"PERSON": ["Bill Clinton"]}, {"PERSON": ["Bill Clinton", "Clinton"]},
        {"PERSON": ["Clinton"]},
    ]
    assert _people(stored) == {"Hillary Clinton": 2, "Bill Clinton": 2, "Clinton": 1}


def test_a_common_first_name_is_not_one_bearer_s_surname():
    """'Charles' alone is not Ray Charles while Charles Kennedy and Charles
    Clarke are in the news; 'Howard' alone is Michael Howard when he dwarfs
    every other Howard."""
    stored = (
        [{"PERSON": ["Ray Charles"]}] * 2 + [{"PERSON": ["Charles Kennedy"]}] * 3 + [{"PERSON": ["Charles Clarke"]}]
        + [{"PERSON": ["Charles"]}]
        + [{"PERSON": ["Michael Howard"]}] * 8 + [{"PERSON": ["Howard Hughes"]}] + [{"PERSON": ["Howard"]}] * 2
    )
    people = _people(stored)
    assert people["Charles"] == 1 and people["Ray Charles"] == 2
    assert people["Michael Howard"] == 10 and "Howard" not in people and people["Howard Hughes"] == 1


def test_full_names_with_middle_initials_titles_and_familiar_first_names_are_one_person():
    stored = [
        {"PERSON": ["George W. Bush"]}, {"PERSON": ["George W Bush"]}, {"PERSON": ["George Bush"]},
        {"PERSON": ["Donald Trump"]}, {"PERSON": ["Donald Trump"]}, {"PERSON": ["Donald J. Trump"]},
        {"PERSON": ["Donald Trump Jr"]},
        {"PERSON": ["Chuck Schumer"]}, {"PERSON": ["Chuck Schumer"]}, {"PERSON": ["Charles E. Schumer"]},
        {"PERSON": ["Majority Whip Steve Scalise"]}, {"PERSON": ["Steve Scalise"]},
        {"PERSON": ["Lord Falconer"]}, {"PERSON": ["Falconer"]}, {"PERSON": ["Falconer"]},
    ]
    # Each under the full name most articles use (the longest on a tie).
    assert _people(stored) == {
        "George W. Bush": 3, "Donald Trump": 3, "Donald Trump Jr": 1, "Chuck Schumer": 3,
        "Steve Scalise": 2, "Falconer": 3,
    }


def test_an_acronym_joins_its_expansion_only_on_evidence():
    """Spelled out beside it somewhere, or the expansion the usual name; one
    article naming 'Norfolk High School' does not make every NHS a school."""
    stored = (
        [{"ORG": ["National Rifle Association", "NRA"]}, {"ORG": ["NRA"]}, {"ORG": ["NRA"]}]
        + [{"ORG": ["NHS"]}] * 4 + [{"ORG": ["Norfolk High School"]}]
        + [{"ORG": ["Deutsche Bank"]}] * 3 + [{"ORG": ["DB"]}]
    )
    orgs = {facet.name: facet.articles for facet in count_names(stored)["ORG"]}
    assert orgs == {"National Rifle Association": 3, "NHS": 4, "Norfolk High School": 1, "Deutsche Bank": 4}


def test_names_merge_within_one_label_only():
    stored = [{"PERSON": ["Tony Blair"], "ORG": ["Blair"]}, {"ORG": ["Blair"]}, {"PERSON": ["Blair"]}]
    facets = count_names(stored)
    assert [(f.name, f.articles) for f in facets["PERSON"]] == [("Tony Blair", 2)]
    assert [(f.name, f.articles) for f in facets["ORG"]] == [("Blair", 2)]


def test_a_quoted_surname_counts_as_the_person_the_article_names():
    names = LibraryNames([
        {"PERSON": ["Barack Obama"], "SPEAKER": ["Barack Obama"]},
        {"PERSON": ["Obama"], "SPEAKER": ["Obama"]},
    ])
    assert names.resolve({"PERSON": ["Obama"], "SPEAKER": ["Obama"]})["SPEAKER"] == {"Obama": "Barack Obama"}
    speakers = {f.name: f.articles for f in count_names([
        {"PERSON": ["Barack Obama"], "SPEAKER": ["Barack Obama"]}, {"PERSON": ["Obama"], "SPEAKER": ["Obama"]},
    ])["SPEAKER"]}
    assert speakers == {"Barack Obama": 2}


def test_the_compare_matrix_counts_one_person_in_one_row(library, tmp_path):
    write_article(tmp_path / "news", "full.txt", "Signing", "President Barack Obama signed the bill on Friday. "
                  "Barack Obama thanked Congress.")
    write_article(tmp_path / "news", "bare.txt", "Reaction", "Obama said on Friday that the bill was a good start.")
    library.add_paths([tmp_path / "news"])
    ids = _by_stem(library)
    rows = {(row.kind, row.name): row.counts for row in compare([library.get(ids["full"]), library.get(ids["bare"])]).coverage}
    assert rows[("person", "Barack Obama")] == {ids["full"]: 2, ids["bare"]: 1}
    assert ("person", "Obama") not in rows


def test_facets_of_search_results_merge_within_the_results(merged_library):
    ids = _by_stem(merged_library)
    chosen = [ids["blair-bare"], ids["blair-full"], ids["obama-bare"]]
    people = {f.name: f.articles for f in library_facets(merged_library, chosen)["PERSON"]}
    assert people == {"Tony Blair": 2, "Obama": 1}


def test_facets_follow_the_library_as_articles_are_added(library, tmp_path):
    before = {f.name for f in library_facets(library)["PERSON"]}
    assert "Tony Blair" not in before
    write_article(tmp_path / "news", "blair.txt", "Leeds", "Prime Minister Tony Blair visited Leeds on Monday.")
    library.add_paths([tmp_path / "news"])
    after = {f.name: f.articles for f in library_facets(library)["PERSON"]}
    assert after["Tony Blair"] == 1 and before <= set(after)


def test_a_familiar_first_name_joins_only_where_no_other_person_has_the_surname():
    stored = [
        {"PERSON": ["Chuck Grassley"]}, {"PERSON": ["Charles E. Grassley"]},
        {"PERSON": ["Steve Jones"]}, {"PERSON": ["Stephen Jones"]}, {"PERSON": ["Tom Jones"]},
    ]
    assert _people(stored) == {"Charles E. Grassley": 2, "Steve Jones": 1, "Stephen Jones": 1, "Tom Jones": 1}


def test_an_acronym_spelled_out_in_one_article_is_its_expansion_across_the_library(
        library, library_dir, tmp_path, capsys):
    write_article(tmp_path / "news", "a.txt", "BT results",
                  "British Telecom (BT) reported profits on Monday. BT said sales rose.")
    for n in range(3):
        write_article(tmp_path / "news", f"b{n}.txt", f"Broadband {n}",
                      f"BT cut its prices again, the firm said on day {n}.")
    library.add_paths([tmp_path / "news"])
    library.close()
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--json")
    assert code == 0
    orgs = {facet["name"]: facet["articles"] for facet in json.loads(out)["org"]}
    assert orgs.get("British Telecom") == 4 and "BT" not in orgs, orgs


def test_an_acronym_joins_the_expansion_articles_spell_out_beside_it_not_a_namesake(
        library, library_dir, tmp_path, capsys):
    write_article(tmp_path / "news", "a.txt", "Car sales", "General Motors (GM) sold more cars. GM said profits rose.")
    write_article(tmp_path / "news", "b.txt", "Cars", "GM cut jobs in Europe on Monday, the carmaker said.")
    write_article(tmp_path / "news", "c.txt", "Choir", "The Granada Men sang at the festival on Sunday night.")
    library.add_paths([tmp_path / "news"])
    library.close()
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--json")
    orgs = {facet["name"]: facet["articles"] for facet in json.loads(out)["org"]}
    assert orgs.get("General Motors") == 2 and "GM" not in orgs, orgs


def test_an_acronym_holding_an_acronym_joins_its_expansion(library, library_dir, tmp_path, capsys):
    write_article(tmp_path / "news", "a.txt", "Poll", "The UK Independence Party (UKIP) gained votes. UKIP said so.")
    write_article(tmp_path / "news", "b.txt", "Vote", "UKIP won a seat in the council election on Friday.")
    library.add_paths([tmp_path / "news"])
    library.close()
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "entities", "--json")
    orgs = {facet["name"]: facet["articles"] for facet in json.loads(out)["org"]}
    assert orgs.get("UK Independence Party") == 2 and "UKIP" not in orgs, orgs
