"""Alignment, "only this outlet" passages and facts, and findings said in words,
on short synthetic articles written the way outlets write the same story."""

from __future__ import annotations

from datetime import datetime

import pytest

from index.article import Article
from index.compare import compare
from index.compare.facts import is_junk_name, name_part
from index.compare.furniture import is_furniture, is_slight
from index.library import analyse_article


def article(article_id: str, source: str, body: str, published: datetime | None = None) -> Article:
    return analyse_article(Article(article_id, f"{source} story", body, source=source, published=published), "builtin")


def passage_finding(comparison, fragment):
    return next((f for f in comparison.findings if f.kind == "passage" and fragment in f.spans[0].text), None)


def fact_findings(comparison, outlet=None):
    names = comparison.labels()
    return [f for f in comparison.findings if f.kind == "fact" and (outlet is None or names[f.spans[0].article] == outlet)]


# -- alignment -----------------------------------------------------------------------------

SHUTDOWN_A = (
    "President Trump agreed on Friday to reopen the government for three weeks while talks on border security go on.\n\n"
    "The shutdown left 800,000 federal workers without pay for more than a month.\n\n"
    "Senator Lisa Murkowski said the Senate would take up the spending bill on Friday evening.\n\n"
    "Trump had demanded $5.7 billion for a border wall before he would sign any spending bill."
)
SHUTDOWN_B = (
    "Trump announced a short-term plan on Friday that reopens the government for three weeks while border security "
    "talks continue.\n\n"
    "The president spoke in the Rose Garden, where Trump defended the wall and the border once more.\n\n"
    "Democrats have refused to fund the wall, calling it immoral and a waste of money.\n\n"
    "The Senate passed the stopgap bill by voice vote later on Friday."
)


@pytest.fixture(scope="module")
def shutdown():
    return compare([article("a", "Alpha", SHUTDOWN_A), article("b", "Beta", SHUTDOWN_B)])


def test_passages_giving_the_same_fact_align(shutdown):
    groups = [{p.text[:20] for p in a.passages} for a in shutdown.alignments]
    assert {"President Trump agre", "Trump announced a sh"} in groups


def test_passages_sharing_only_the_story_words_do_not_align(shutdown):
    # "Trump ... wall ... border" is the story's vocabulary: both articles
    # keep coming back to it, so sharing it says nothing.
    for alignment in shutdown.alignments:
        texts = [p.text for p in alignment.passages]
        assert not any(t.startswith("Trump had demanded") for t in texts) or not any(
            t.startswith("The president spoke") for t in texts)


def test_an_aligned_group_holds_one_passage_per_outlet(shutdown):
    for alignment in shutdown.alignments:
        outlets = [p.article for p in alignment.passages]
        assert len(outlets) == len(set(outlets))


# -- "only this outlet" passages -----------------------------------------------------------

def test_a_passage_reported_elsewhere_in_two_sentences_is_not_unique():
    one = article("one", "One", (
        "The senator, who chairs the banking committee, will question the central bank governor about the "
        "collapse of the regional lender next Tuesday.\n\n"
        "Weather forecasters expect heavy snow across the northern plains this weekend."))
    two = article("two", "Two", (
        "The banking committee chair plans to question the central bank governor.\n\n"
        "The hearing, about the collapse of the regional lender, is set for next Tuesday.\n\n"
        "Shares of insurance companies rose sharply in afternoon trading on Wall Street."))
    comparison = compare([one, two])
    unique = [u.text for u in comparison.unique if u.kind == "passage"]
    assert not any("central bank governor" in t for t in unique)
    assert any("heavy snow" in t for t in unique)
    assert any("insurance companies" in t for t in unique)


def test_a_paraphrase_with_few_words_in_common_is_not_called_unique():
    one = article("one", "One", (
        "The company will cut 4,000 jobs at its factories in Ohio and Michigan by the end of the year.\n\n"
        "Its chief executive, Mary Barra, told investors the plan would save money."))
    two = article("two", "Two", (
        "About 4,000 factory workers in Ohio and Michigan will lose their jobs under the plan.\n\n"
        "A museum in Detroit reopened its doors to visitors after a long renovation."))
    unique = [u.text for u in compare([one, two]).unique if u.kind == "passage"]
    assert not any("4,000" in t for t in unique)


@pytest.mark.parametrize("text", [
    "Read the full rant via the Daily Caller.",
    "The president this morning says 'I feel badly for him.' #MorningJoe pic.twitter.com/tBp5aXWhBj",
    "The Associated Press contributed to this report.",
    "Representative Blake Farenthold at the Capitol.CreditJoshua Roberts/Reuters",
    "They spoke on the condition of anonymity because they were not authorized to discuss the case.",
    "By Jane Smith and John Doe",
    "A spokesman did not immediately respond to a request for comment on the matter.",
])
def test_furniture_is_recognised(text):
    assert is_furniture(text)


@pytest.mark.parametrize("text, slight", [
    ("Call it Cheney versus Cheney.", True),
    ("But other costs will be more permanent.", True),
    ("Saudi Arabia has objected vehemently to the legislation.", False),
    ("The bill passed the House 348 to 77 on Wednesday afternoon.", False),
])
def test_slight_passages(text, slight):
    assert is_slight(text) is slight


def test_furniture_passages_only_one_outlet_has_are_collapsed():
    one = article("one", "One", (
        "The city council approved a new budget of $2 billion for schools and parks on Monday.\n\n"
        "Read the full rant via the Daily Caller."))
    two = article("two", "Two", "Council members approved the $2 billion budget for schools and parks on Monday.")
    comparison = compare([one, two])
    finding = passage_finding(comparison, "Read the full rant")
    assert finding is not None and finding.trivial
    assert comparison.findings[-1] is finding  # collapsed findings come last


# -- facts -----------------------------------------------------------------------------------

def test_a_fact_told_in_other_words_is_not_only_one_outlets():
    one = article("one", "One", (
        "Gov. Rick Perry of Texas spent $1 million on a television ad that will run for 21 days in Iowa.\n\n"
        "The ad began airing in July 2016 and was produced by Counsel Don McGahn."), datetime(2016, 8, 1))
    two = article("two", "Two", (
        "Mr. Perry is spending a million dollars to run the television ad in Iowa for three weeks.\n\n"
        "It began airing in early July, and McGahn produced it."), datetime(2016, 8, 1))
    comparison = compare([one, two])
    given = " ".join(f.description for f in fact_findings(comparison))
    for value in ("$1 million", "21 days", "July 2016", "Rick Perry", "Don McGahn"):
        assert value not in given


def test_a_rounded_figure_is_the_same_fact():
    one = article("one", "One", "The couple earned $140,937,785 over eight years, mostly from book sales and speeches.")
    two = article("two", "Two", "The couple earned roughly $141 million over eight years from book sales and speeches.")
    assert not fact_findings(compare([one, two]))


def test_an_acronym_is_its_expansion():
    one = article("one", "One", (
        "The Department of Homeland Security warned that airport screeners had gone without pay for a month.\n\n"
        "Courts struck down the Defense of Marriage Act in June, and the ruling changed tax rules."))
    two = article("two", "Two", (
        "DHS warned that airport screeners had gone a month without pay.\n\n"
        "After DOMA was struck down in June, tax rules for couples changed."))
    named = " ".join(f.description for f in fact_findings(compare([one, two])))
    assert "DHS" not in named and "DOMA" not in named and "Homeland" not in named


def test_titles_fused_to_names_are_judged_by_the_name():
    assert name_part("Texas Gov") == "Texas"
    assert name_part("Counsel Don McGahn") == "Don McGahn"

    class Entity:
        def __init__(self, text, label):
            self.text, self.label, self.canonical = text, label, text

    assert is_junk_name(Entity("Massachusetts Gov", "ORG"))
    assert is_junk_name(Entity("U.S. Department", "ORG"))
    assert not is_junk_name(Entity("Greg Abbott", "PERSON"))
    assert not is_junk_name(Entity("Office of Compliance", "ORG"))


def test_a_fact_only_one_outlet_gives_is_said_with_its_context():
    one = article("one", "One", (
        "Rick Perry launched a new television ad in Iowa on Wednesday, attacking President Obama over religion.\n\n"
        "The campaign spent $1 million on broadcast time before the Jan. 3 caucuses, an aide said."))
    two = article("two", "Two", (
        "Rick Perry's new television ad in Iowa attacks President Obama over religion.\n\n"
        "The campaign bought broadcast time before the caucuses, an aide said on Wednesday."))
    facts = fact_findings(compare([one, two]), "One")
    money = next(f for f in facts if f.label == "MONEY")
    assert money.description.startswith("Only One gives $1 million")
    assert "broadcast time" in money.description
    assert money.spans[0].text == "$1 million"


def test_facts_of_one_sentence_are_one_finding_and_rank_above_passages():
    one = article("one", "One", (
        "The storm killed 14 people and left 300,000 homes without power across Florida on Sunday.\n\n"
        "Governor Ron DeSantis asked residents to stay off the roads."))
    two = article("two", "Two", (
        "The storm killed people and left homes without power across Florida on Sunday, officials said.\n\n"
        "A bakery in Miami gave away free bread to neighbours in the dark."))
    comparison = compare([one, two])
    facts = fact_findings(comparison, "One")
    together = [f for f in facts if len(f.spans) >= 2]
    assert together and "14" in together[0].description and "300,000" in together[0].description
    kinds = [f.kind for f in comparison.findings if not f.trivial]
    assert kinds == sorted(kinds, key=["conflict", "fact", "passage"].index)


def test_a_quote_only_one_outlet_has_names_its_speaker():
    one = article("one", "One", (
        "The mayor closed the bridge on Monday after engineers found cracks in two of its supports.\n\n"
        "\"We will not reopen it until every inspection is done,\" Mayor Karen Bass said at a news conference."))
    two = article("two", "Two", "Engineers found cracks in two supports, and the mayor closed the bridge on Monday.")
    finding = passage_finding(compare([one, two]), "every inspection")
    assert finding is not None and not finding.trivial
    assert finding.description.startswith("Only One quotes Karen Bass: “We will not reopen it")


@pytest.mark.parametrize("text", [
    "UPDATE: 7:19 p.m. -- The Washington Post now reports that the congressman has been indicted.",
    "The update will roll out to users next week.",
    "Sen. Jane Doe read the statement aloud on the Senate floor on Tuesday.",
])
def test_news_is_not_furniture(text):
    assert not is_furniture(text)


def test_a_surname_ending_in_s_is_matched_as_written():
    one = article("one", "One", "Senator Thom Tillis said the vote on the border bill would come next week.")
    two = article("two", "Two", "Tillis said the Senate would vote on the border bill next week.")
    assert not fact_findings(compare([one, two]))


@pytest.mark.parametrize("name", ["Iowa Democrat", "Democratic-led Senate", "United States Senate", "Wyoming U.S Senate"])
def test_party_words_and_places_before_an_institution_are_no_name(name):
    class Entity:
        text = canonical = name
        label = "ORG"

    assert is_junk_name(Entity())
