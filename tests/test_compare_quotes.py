"""Shared quotes: which quotes are one statement, and whom the ledger names."""

from __future__ import annotations

import pytest

from index.article import Article
from index.compare import compare
from index.compare.quotes import _match, ledger_speaker, quote_words


def one_statement(a: str, b: str, speaker_a: str | None = None, speaker_b: str | None = None) -> bool:
    return _match((quote_words(a), speaker_a), (quote_words(b), speaker_b))


@pytest.mark.parametrize(
    "a, b, speaker_a, speaker_b",
    [
        # A shared "This ... is" is no common statement.
        ("This was in no way a concession. It was taking care of millions of people who were getting badly hurt "
         "by the Shutdown with the understanding that in 21 days, if no deal is done, it's off to the races!",
         "This is unconscionable.", "Donald Trump", None),
        # One shared short phrase is not enough.
        ("We will fight for the families of this state every single day.", "We will see what happens next week.",
         None, None),
        ("The bill would raise taxes on working families across the country.",
         "working families deserve better than this, and they know it", "Jane Doe", "Jane Doe"),
        # A word or two only joins a quote holding it from the same speaker.
        ("This courageous decision will set an example for other nations.", "courageous", "Jane Doe", "John Roe"),
        ("This courageous decision will set an example for other nations.", "courageous", None, None),
        # A father's words echoed by his daughter are two statements.
        ("Freedom means freedom for everyone.", "I think that freedom means freedom for everyone.",
         "Mary Roe", "Richard Roe"),
        # A short quote must be nearly all inside the other.
        ("The deal is dead and nobody in this building believes otherwise.", "The deal is not dead yet.", None, None),
    ],
)
def test_quotes_sharing_little_are_different_statements(a, b, speaker_a, speaker_b):
    assert not one_statement(a, b, speaker_a, speaker_b)


@pytest.mark.parametrize(
    "a, b, speaker_a, speaker_b",
    [
        # Trimmed.
        ("This courageous decision will set an example for other nations.", "courageous", "Jane Doe", "Jane Doe"),
        ("We have reached a deal to end the shutdown and reopen the federal government.",
         "a deal to end the shutdown and reopen the federal government", "Donald Trump", None),
        ("Under study for years. Will update soon with the secretary.", "under study for years", None, "Donald Trump"),
        # Translated or re-punctuated: close word sequences.
        ("a new phase of positive relations, mutual respect, and constructive engagement.",
         "a new stage full of positive relations, mutual respect and constructive cooperation.", None, None),
        # Long and near-identical: one statement, whatever the articles say of its speaker.
        ("We really have no choice but to build a powerful wall or steel barrier to stop the drugs.",
         "We really have no choice but to build a powerful wall or a steel barrier to stop the drugs,",
         "Donald Trump", "Chuck Schumer"),
        # The same speaker trims differently.
        ("We believe this recognition will boost productive bilateral cooperation in trade and energy.",
         "productive bilateral cooperation", "Foreign Ministry", "Foreign Ministry"),
    ],
)
def test_quotes_whose_words_largely_agree_are_one_statement(a, b, speaker_a, speaker_b):
    assert one_statement(a, b, speaker_a, speaker_b)


def test_ledger_speaker_is_the_variants_majority():
    assert ledger_speaker(["Putin", "Vladimir Putin", "Dmitry Peskov"]) == (
        "Vladimir Putin", ["Putin", "Vladimir Putin", "Dmitry Peskov"], True)
    assert ledger_speaker(["Jane Doe", None, "Jane Doe"]) == ("Jane Doe", ["Jane Doe"], False)
    assert ledger_speaker([None, None]) == (None, [], False)


def test_a_tied_ledger_speaker_is_the_fullest_variants_and_disputed():
    # The fullest wording comes first; a place ("Rose Garden") taken for a
    # speaker by one outlet does not outvote it.
    assert ledger_speaker(["Donald Trump", "Rose Garden", None]) == (
        "Donald Trump", ["Donald Trump", "Rose Garden"], True)


def _analysed(article_id: str, title: str, body: str, source: str) -> Article:
    from index.library import analyse_article

    return analyse_article(Article(article_id, title, body, source=source), "builtin")


def test_unrelated_quotes_of_two_outlets_are_not_grouped():
    a = _analysed("a1", "Shutdown ends", (
        "President Donald Trump defended the deal on Twitter on Saturday.\n\n"
        "\"This was in no way a concession. It was taking care of millions of people who were getting badly hurt "
        "by the shutdown,\" Trump wrote.\n\n"
        "\"We have reached a deal to end the shutdown and reopen the federal government,\" Trump said on Friday."),
        "Outlet A")
    b = _analysed("b1", "Shutdown deal reached", (
        "The union sent a letter to the department on Thursday.\n\n"
        "\"This is unconscionable,\" the letter said of the unpaid workers.\n\n"
        "Trump said on Friday: \"We have reached a deal to end the shutdown and reopen the federal government.\""),
        "Outlet B")
    comparison = compare([a, b])
    for shared in comparison.quotes:
        texts = " ".join(v.text for v in shared.variants)
        assert not ("concession" in texts and "unconscionable" in texts)
    [deal] = [q for q in comparison.quotes if any("reopen the federal government" in v.text for v in q.variants)]
    assert {v.article for v in deal.variants} == {"a1", "b1"}
    data = deal.to_json()
    assert {"speaker", "variants", "speakers", "disputed"} <= set(data)
    assert data["speakers"] == [s for s in data["speakers"] if s] and isinstance(data["disputed"], bool)


def test_two_trims_of_one_long_quote_are_two_statements():
    long_ad = ("I'm not ashamed to admit that I'm a Christian, but you don't need to be in the pew every Sunday "
               "to know there's something wrong in this country. As president, I'll end the war on religion "
               "and I'll fight against liberal attacks on our religious heritage.")
    a = _analysed("a1", "The ad", f'"{long_ad}" says Rick Roe in the new ad.', "Outlet A")
    b = _analysed("b1", "The ad", (
        "\"I'm not ashamed to admit that I'm a Christian,\" Rick Roe says in the ad.\n\n"
        "Later he adds: \"As president, I'll end the war on religion and I'll fight against liberal attacks.\""),
        "Outlet B")
    c = _analysed("c1", "The ad", (
        "\"As president, I'll end the war on religion,\" Rick Roe says.\n\n"
        "\"I'm not ashamed to admit that I'm a Christian,\" he says."), "Outlet C")
    for shared in compare([a, b, c]).quotes:
        # One wording per outlet, and every pair of wordings says the same thing.
        assert len({v.article for v in shared.variants}) == len(shared.variants)
        texts = [v.text for v in shared.variants]
        assert not (any("ashamed" in t and "war on religion" not in t for t in texts)
                    and any("war on religion" in t and "ashamed" not in t for t in texts))


def test_an_article_repeating_words_of_its_own_fuller_quote_gives_one_variant():
    a = _analysed("a1", "Flynn", (
        "\"I feel very badly for General Flynn. He has led a very strong life,\" Donald Trump said on Saturday.\n\n"
        "Trump said he felt \"very badly\" for him."), "Outlet A")
    b = _analysed("b1", "Flynn", (
        "Donald Trump said: \"I feel very badly for General Flynn. He has led a very strong life.\""), "Outlet B")
    [shared] = compare([a, b]).quotes
    assert [(v.article, v.text.split()[0]) for v in shared.variants] == [("a1", "I"), ("b1", "I")]


def test_one_surname_is_one_speaker_only_when_the_first_names_agree():
    from index.compare.quotes import same_speaker

    assert same_speaker("Putin", "Vladimir Putin")
    assert same_speaker("Dick Durbin", "Richard J. Durbin")
    assert same_speaker("Michael G. Grimm", "Michael Grimm")
    assert same_speaker("Liz Cheney", "Elizabeth Cheney")
    assert not same_speaker("Mary Cheney", "Dick Cheney")
    assert not same_speaker("Bill Clinton", "Hillary Clinton")
    assert not same_speaker("Afghan Foreign Ministry", "Russian Foreign Ministry")


def test_a_statement_only_described_is_headed_by_its_description():
    from index.analysis import analyse
    from index.article import Article
    from index.compare.quotes import shared_quotes

    def article(id_: str, body: str) -> Article:
        a = Article(id_, id_, body)
        a.analysis = analyse(body, "builtin")
        return a

    first = article("a", '"We will not negotiate over the budget this week," a White House spokesman said on Monday.')
    second = article("b", 'The White House held firm. "We will not negotiate over the budget this week," a spokesman said.')
    [shared] = shared_quotes([first, second])
    assert shared.speaker in ("a White House spokesman", "a spokesman")
    assert not shared.disputed


def test_a_shared_quote_is_headed_by_the_name_the_other_articles_give_in_full():
    articles = [
        _analysed("a", "Bridge", "The bridge will reopen. “We will rebuild the bridge before the spring floods,” "
                  "Doyle said on Monday.", "Fox"),
        _analysed("b", "Bridge", "Officials spoke. “We will rebuild the bridge before the spring floods,” "
                  "Doyle told reporters.", "NYT"),
        _analysed("c", "Bridge", "Governor Jane Doyle visited the bridge on Monday with engineers.", "HuffPost"),
    ]
    comparison = compare(articles)
    assert [q.speaker for q in comparison.quotes] == ["Jane Doyle"]
    assert comparison.quotes[0].speakers == ["Jane Doyle"]
    assert any(row.kind == "speaker" and row.name == "Jane Doyle" for row in comparison.coverage)


def test_findings_name_people_in_full_and_never_a_place_before_said():
    articles = [
        _analysed("a", "Vote", "Senator Ron Johnson of Wisconsin voted against the bill on Friday. "
                  "Mitch McConnell called the vote.\n\n"
                  "“You put us in this position, and we will not forget it,” Mr. Johnson said.\n\n"
                  "Mr. McConnell and the leaders met on Thursday night to plan the vote.", "NYT"),
        _analysed("b", "Vote", "Senator Ron Johnson of Wisconsin voted against the bill on Friday. "
                  "Mitch McConnell called the vote.\n\n"
                  "“Let the Senate know we stand with the workers and say thanks,” tweeted the Brooklyn "
                  "chapter of a group.", "Fox"),
    ]
    descriptions = [f.description for f in compare(articles).findings]
    assert "Only NYT quotes Ron Johnson: “You put us in this position, and we will not forget it”" in descriptions
    assert not any("quotes Brooklyn" in d or "quotes Mr." in d for d in descriptions), descriptions
