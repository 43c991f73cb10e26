"""Names in one article: every mention of a person or organisation under one
canonical name, and no common nouns, works or tags taken for names."""

from __future__ import annotations

import pytest

from index.analysis import analyse
from index.analysis.linking import confirm_title_names
from index.analysis.model import Analysis, Entity


def entities(text: str) -> list[tuple[str, str, str]]:
    """(text, label, canonical) of the names in `text`."""
    return [(e.text, e.label, e.canonical) for e in analyse(text, "builtin").entities
            if e.label in ("PERSON", "ORG", "PLACE")]


def canonical_of(text: str, mention: str) -> set[str]:
    return {canonical for seen, _, canonical in entities(text) if seen == mention}


def labelled(text: str, label: str) -> set[str]:
    return {seen for seen, kind, _ in entities(text) if kind == label}


# -- one person, one name -------------------------------------------------------


def test_house_style_honorifics_resolve_to_the_full_name():
    text = ("Donald Trump met Nancy Pelosi on Monday. Mr. Trump said the wall would be built. "
            "Ms. Pelosi said it would not. Later President Trump spoke again, and Trump left.")
    assert canonical_of(text, "Trump") == {"Donald Trump"}
    assert canonical_of(text, "Pelosi") == {"Nancy Pelosi"}


def test_a_name_with_a_suffix_still_links_its_surname():
    text = "Vice President Joseph R. Biden Jr. spoke in Ohio. Mr. Biden said the plan would work."
    assert canonical_of(text, "Biden") == {"Joseph R. Biden Jr"}


def test_the_role_noun_links_to_its_one_named_holder():
    text = "Prime Minister Tony Blair visited Leeds. The prime minister said the plan was sound."
    assert ("The prime minister", "PERSON", "Tony Blair") in entities(text)


def test_a_role_held_by_two_named_people_links_nobody():
    text = "President Obama met President Putin in Paris. The president said talks went well."
    assert not any(seen.lower() == "the president" for seen, _, _ in entities(text))


def test_a_qualified_role_is_someone_else():
    text = "President Trump spoke in Ohio. The president of the golf club said he was welcome."
    assert not any(seen.lower().startswith("the president") for seen, _, _ in entities(text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("The author JK Rowling said the book was done. Rowling thanked her readers.", "JK Rowling"),
        ("Mayor Bill de Blasio said the city was ready.", "Bill de Blasio"),
        ("Assistant Secretary R. Clarke Cooper spoke to reporters.", "R. Clarke Cooper"),
        ("White House Counsel Don McGahn said no.", "Don McGahn"),
        ("Lord Chancellor Lord Falconer said the bill would pass.", "Falconer"),
        ("Journalist Charlie Rose said he was sorry.", "Charlie Rose"),
    ],
)
def test_whole_person_names(text, name):
    assert name in labelled(text, "PERSON")


def test_a_state_before_a_title_is_a_place_not_an_organisation():
    text = "Massachusetts Gov. Charlie Baker said so. Texas Gov. Greg Abbott agreed."
    found = entities(text)
    assert ("Charlie Baker", "PERSON", "Charlie Baker") in found
    assert ("Greg Abbott", "PERSON", "Greg Abbott") in found
    assert not {seen for seen, kind, _ in found if kind == "ORG"}


# -- acronyms ---------------------------------------------------------------------


def test_an_acronym_in_brackets_links_to_its_expansion():
    text = "The Department of Homeland Security (DHS) sent a letter. DHS officials called it unconscionable."
    assert canonical_of(text, "DHS") == {"Department of Homeland Security"}


def test_an_acronym_links_to_the_one_name_its_initials_spell():
    text = "General Motors reported a loss on Monday. GM shares fell."
    assert canonical_of(text, "GM") == {"General Motors"}


# -- whole organisation names -------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("The report from the Office of Management and Budget came late.", "Office of Management and Budget"),
        ("He was fined by the Securities and Exchange Commission last year.", "Securities and Exchange Commission"),
        ("The U.S. Department of the Treasury said it would act.", "U.S. Department of the Treasury"),
        ("He worked for the law firm Greenberg Traurig until 2017.", "Greenberg Traurig"),
        ("Shares rose and Goldman Sachs analysts said more would follow.", "Goldman Sachs"),
        ("Deutsche Boerse, the German stock exchange that runs Frankfurt's market, said profits rose.",
         "Deutsche Boerse"),
        ("He told the Evening Standard he would stay.", "Evening Standard"),
        ("Tony Macklin, director of product at Ask Jeeves, said searches rose.", "Ask Jeeves"),
        ("Shares in Deutsche Boerse fell on Monday.", "Deutsche Boerse"),
        ("It was Franz Ferdinand's self-titled album that sold best.", "Franz Ferdinand"),
    ],
)
def test_whole_organisation_names(text, name):
    assert name in labelled(text, "ORG")
    assert name not in labelled(text, "PERSON")


def test_an_acronym_holding_an_acronym_links_to_its_expansion():
    text = "The UK Independence Party held a rally. UKIP leader Roger Knapman spoke."
    assert canonical_of(text, "UKIP") == {"UK Independence Party"}


def test_a_job_at_a_person_s_office_keeps_the_person():
    assert "Tony Blair" in labelled("She was chief of staff at Tony Blair's office.", "PERSON")


def test_an_and_between_two_names_joins_nothing():
    text = "He wrote to the IRS and Treasury Department about it."
    assert {"IRS", "Treasury Department"} <= labelled(text, "ORG")


# -- no common nouns, works, events or tags as names ----------------------------------


@pytest.mark.parametrize(
    "text, not_a_name",
    [
        ("He watched it on TV and saved it on his PC at 9 GMT.", "TV"),
        ("He watched it on TV and saved it on his PC at 9 GMT.", "PC"),
        ("He watched it on TV and saved it on his PC at 9 GMT.", "GMT"),
        ("The film came out on DVD in May.", "DVD"),
        ("Levels of LDL fell while HDL rose.", "LDL"),
        ("Levels of LDL fell while HDL rose.", "HDL"),
        ("Wales won the Six Nations and the Grand Slam.", "Six Nations"),
        ("Wales won the Six Nations and the Grand Slam.", "Grand Slam"),
        ("He watched Million Dollar Baby twice.", "Million Dollar Baby"),
        ("Analysts said it was fine.", "Analysts"),
        ("Rep. Joe Wilson, R-S.C., shouted at the president.", "R-S.C"),
        ("Rep. Nita Lowey (D-N.Y.) said it was wrong.", "D-N.Y"),
        ("Sen. Dianne Feinstein (D-Calif.) said it was wrong.", "D-Calif"),
        ("Article II of the Constitution gives the power.", "Article II"),
        ("Homeland Security officials said the wall was needed.", "Homeland Security"),
        ("The meeting was at Trump Tower on Friday.", "Trump Tower"),
        ("Party leaders met on Monday.", "Party"),
        ("The General Election is near.", "Election"),
        ("It was nominated for a Golden Globe award.", "Golden Globe"),
        ("It is up against Finding Neverland and The Motorcycle Diaries.", "Finding Neverland"),
        ("It is up against Finding Neverland and The Motorcycle Diaries.", "Motorcycle Diaries"),
        ("Vera Drake director Mike Leigh was there.", "Vera Drake"),
        ("Fans queued for Harry Potter and the Half-Blood Prince.", "Harry Potter"),
        ("Tony Banks, Labour MP for West Ham, said it was wrong.", "West Ham"),
        ("She was nominated for her performance in Vera Drake.", "Vera Drake"),
        ("Hi, Congressman. How are you?", "How"),
    ],
)
def test_not_people_or_organisations(text, not_a_name):
    found = {seen.rstrip(".") for seen, kind, _ in entities(text) if kind in ("PERSON", "ORG")}
    assert not_a_name not in found


def test_party_words_name_the_party_never_a_person():
    text = "The Liberal Democrat leader Charles Kennedy spoke. Republicans said no. Lib Dems agreed."
    found = entities(text)
    assert ("Liberal Democrat", "ORG", "Liberal Democrats") in found
    assert ("Republicans", "ORG", "Republican Party") in found
    assert {"Charles Kennedy"} == labelled(text, "PERSON")


def test_a_headline_word_is_no_acronym():
    assert not labelled("Who is to blame?\nThe talks failed on Monday.", "ORG")


def test_dotted_state_abbreviations_are_places():
    text = "They met in Washington, D.C., and flew to Albany, N.Y., on Monday."
    assert {"D.C.", "N.Y."} <= labelled(text, "PLACE")


def test_a_day_before_a_dated_event_is_no_date():
    found = [(e.text, e.label) for e in analyse("The 19 Sept. 11 hijackers came from abroad.", "builtin").entities]
    assert ("19 Sept", "DATE") not in found
    assert ("Sept. 11", "DATE") in found


def test_a_headline_reads_its_names_as_its_body_does():
    body = ("Imelda Staunton won for the film Vera Drake on Sunday. Tony Blair congratulated her. "
            "Mr Blair said the British film industry was thriving.")
    title = confirm_title_names(analyse("Vera Drake scoops award", "builtin"), analyse(body, "builtin"), body)
    assert not any(e.text == "Vera Drake" for e in title.entities)  # the body calls it a film


def test_a_headline_surname_takes_the_body_s_full_name():
    body = "Tony Blair visited Leeds on Monday and spoke about schools."
    headline = Analysis(entities=[Entity(0, 5, "Blair", "PERSON", "Blair")])
    title = confirm_title_names(headline, analyse(body, "builtin"), body)
    assert [(e.text, e.canonical) for e in title.entities] == [("Blair", "Tony Blair")]


@pytest.mark.parametrize(
    "text, person",
    [
        ("He joined the Hillary Clinton campaign. Clinton said he was welcome.", "Hillary Clinton"),
        ("The Barack Obama book sold well. Obama said he liked it.", "Barack Obama"),
        ("Ms. Pelosi spoke first. A Pelosi spokesman said no. Nancy Pelosi left.", "Pelosi"),
    ],
)
def test_a_person_stays_a_person_beside_words_for_works_and_firms(text, person):
    assert person in labelled(text, "PERSON")


def test_clubs_in_a_results_line_are_organisations():
    text = "Soccer results on Saturday:\nBlackburn 2 Everton 0\nStandings:\nBarcelona 5 4 1 0 12 4 13\n"
    assert {"Blackburn", "Everton", "Barcelona"} <= labelled(text, "ORG")


@pytest.mark.parametrize(
    "text, word",
    [
        ("Aged 18 years and 185 days, he became the youngest winner.", "Aged"),
        ("The airline is now in Chapter 11 bankruptcy protection.", "Chapter"),
        ("Halo 2 has broken video game sales records.", "Halo"),
        ("But after arriving in London 13 years ago, he feels at home.", "London"),
    ],
)
def test_a_word_before_a_number_in_prose_is_no_club(text, word):
    assert word not in labelled(text, "ORG")


@pytest.mark.parametrize(
    "text, not_a_name, label",
    [
        ("Vice President Joseph R. Biden Jr. spoke. Jr. was not a name.", "Jr", "PERSON"),
        ("A California Democrat, she voted no.", "California Democrat", "ORG"),
        ("America's Toughest Sheriff Joe Arpaio said so.", "Toughest Sheriff", "PERSON"),
        ("He joined the Marine Corps at 18.", "Marine Corps", "PERSON"),
    ],
)
def test_suffixes_affiliations_and_titles_are_no_names(text, not_a_name, label):
    assert not_a_name not in labelled(text, label)


def test_a_party_word_before_a_known_body_is_trimmed():
    assert ("Senate", "ORG", "Senate") in entities("The Republican Senate voted on Friday.")


def test_clubs_shortened_in_match_reports_are_the_club():
    from index.analysis import analyse

    entities = analyse("Man Utd beat Arsenal on Sunday, and Man City drew at home.", "builtin").entities
    canonical = {e.text: e.canonical for e in entities if e.label == "ORG"}
    assert canonical["Man Utd"] == "Manchester United" and canonical["Man City"] == "Manchester City"
