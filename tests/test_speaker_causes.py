"""Wrong speakers labellers found on real news, one short synthetic text per cause."""

from __future__ import annotations

import pytest

from index.analysis import analyse


def speakers(text: str) -> list[tuple[str, str | None, str]]:
    """(the quote's first words, who said it: canonical or else the mention's text, kind)."""
    found = []
    for q in analyse(text, "builtin").quotes:
        who = (q.speaker.canonical or q.speaker.text) if q.speaker else None
        found.append((" ".join(q.text.split()[:3]), who, q.kind))
    return found


def test_a_name_inside_the_quote_is_not_who_he_is():
    text = (
        "Rick Perry has stepped up his attacks on Obama. In a statement on Tuesday, he decried the Obama "
        "administration's decision.\n\n"
        '"This is just the latest attack on people of faith by Barack Obama," he said.'
    )
    assert speakers(text) == [("This is just", "Rick Perry", "direct")]


def test_of_someone_he_said_is_not_that_someone_speaking():
    text = (
        "Donald Trump criticised President Barack Obama on Thursday.\n\n"
        '"I am only interested in the oil," Trump said. He said Obama "does not have a doctrine."\n\n'
        'Of Obama, he said, "I want him to do well."'
    )
    assert [who for _, who, _ in speakers(text)] == ["Donald Trump", "Donald Trump", "Donald Trump"]


def test_a_group_in_a_relative_clause_speaks_not_the_person_before_it():
    text = (
        "The Perry ad was denounced by the Log Cabin Republicans, a gay rights group, which said it was "
        "\u201cwrong for Governor Perry to assume that.\u201d"
    )
    assert speakers(text) == [("wrong for Governor", "the Log Cabin Republicans", "direct")]


def test_a_lawyer_speaks_for_his_client_not_as_him():
    text = (
        "Rep. Michael Grimm is expected to be indicted. Grimm's lawyer, William McGinley, said in a statement "
        "that prosecutors intend to file charges.\n\n"
        '"We are disappointed by the decision, but hardly surprised," he said.\n\n'
        '"He will be vindicated," said the statement from Grimm\'s attorney, William McGinley. '
        'The statement said Grimm "asserts his innocence of any wrongdoing."\n\n'
        '"Until then, he will continue to serve his constituents," the statement said.'
    )
    assert [who for _, who, _ in speakers(text)] == ["William McGinley"] * 4


def test_a_lawyer_for_someone_is_the_subject_not_the_client():
    text = (
        "A lawyer for Mr. Grimm, William McGinley, confirmed the charges and said that Mr. Grimm "
        "\u201casserts his innocence.\u201d"
    )
    assert speakers(text) == [("asserts his innocence.", "William McGinley", "direct")]


def test_a_chief_of_staff_speaks_not_his_boss():
    text = (
        "Rep. Blake Farenthold resigned on Friday.\n\n"
        "\u201cHe is waiting on the advice of counsel,\u201d Bob Haueter, Farenthold\u2019s chief of staff, "
        "told reporters."
    )
    assert speakers(text)[0][1] == "Bob Haueter"


def test_the_interviewee_answers_not_the_interviewer():
    text = (
        'NBC host Meredith Vieira asked Donald Trump, "Have you seen the proof?" '
        'His response: "Well, I have people that have been studying it."\n\n'
        "The remarks prompted Vieira to ask Trump if he had people in Hawaii. "
        'He signaled he did, saying, "And they cannot believe what they are finding."'
    )
    assert [who for _, who, _ in speakers(text)] == ["Meredith Vieira", "Donald Trump", "Donald Trump"]


@pytest.mark.parametrize(
    "text",
    [
        'Donald Trump told NBC\'s "Today" show on Thursday that he had doubts.',
        'The "Celebrity Apprentice" star has shot up in the polls, Donald Trump said.',
        'Rick Perry says so in the new ad titled "Strong." Perry is a Methodist, he said.',
        'Sen. Dianne Feinstein said on NBC\u2019s \u201cMeet the Press\u201d on Sunday that a case was building.',
        'This latest ad "Strong" ends with Rick Perry speaking, he said.',
    ],
)
def test_titles_of_shows_and_ads_are_nobody_s_words(text):
    assert [(who, kind) for _, who, kind in speakers(text)] == [(None, "scare")]


def test_an_opening_clause_holds_no_subject_of_the_cue():
    text = (
        "After reporter Michael Scotto finished his report, Michael Grimm stormed back, leaned into him and said, "
        '"If you ever do that to me again, I will throw you off this balcony."'
    )
    assert speakers(text)[0][1] == "Michael Grimm"


def test_someone_named_in_an_aside_is_not_the_one_posting():
    text = (
        "Mary Cheney, openly gay and married to Heather Poe since 2012, reportedly posted on Facebook: "
        '"I love my sister, but she is dead wrong on the issue of marriage."'
    )
    assert speakers(text)[0][1] == "Mary Cheney"


def test_the_person_a_participle_reports_speaks_not_the_outlet():
    text = (
        "The Times reports Liz Cheney on Friday first stated her position, saying it was not a matter for "
        "\u201cjudges and legislators to decide.\u201d"
    )
    assert speakers(text)[0][1] == "Liz Cheney"


def test_he_is_the_subject_of_a_sentence_with_he_ahead_of_a_name():
    text = (
        "As he announced the deal, President Donald Trump paid tribute to the workers. "
        "\u201cYou are fantastic people,\u201d he said."
    )
    assert speakers(text)[0][1] == "Donald Trump"


def test_someone_accused_of_saying_it_said_it():
    text = (
        "Lauren Greene accused Blake Farenthold of telling her he had \u201csexual fantasies about her\u201d "
        "in the office."
    )
    assert speakers(text)[0][1] == "Blake Farenthold"


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        (
            "Their father, former Vice President Dick Cheney, supports it.\n\n"
            '"I think that freedom means freedom for everyone," the former vice president said.',
            "Dick Cheney",
        ),
        (
            "Rep. Blake Farenthold (R-Texas) is resigning from Congress.\n\n"
            "\u201cI had no idea how to run a congressional office,\u201d the four-term congressman said.",
            "Blake Farenthold",
        ),
        (
            "President Donald Trump spoke on Friday.\n\n"
            '"We have reached a deal," the president said.',
            "Donald Trump",
        ),
    ],
)
def test_a_role_resolves_to_the_one_person_named_with_its_title(text, holder):
    assert speakers(text)[0][1] == holder


def test_a_role_held_by_two_people_named_stays_a_description():
    text = (
        "On Friday, President Donald Trump met President Emmanuel Macron.\n\n"
        '"It went well," the president said.'
    )
    assert speakers(text) == [("It went well,", "the president", "direct")]


def test_the_president_is_not_the_former_one():
    text = (
        "On Friday, President Donald Trump met former President Barack Obama.\n\n"
        '"It went well," the president said. "It was long," the former president said.'
    )
    assert [who for _, who, _ in speakers(text)] == ["Donald Trump", "Barack Obama"]


def test_a_letter_speaks_for_those_who_sent_it():
    text = (
        "Every former secretary of the Department of Homeland Security, including John Kelly, sent a letter "
        "to Congress on Thursday.\n\n"
        "\u201cEmployees should not have to rely on the generosity of others,\u201d the letter said."
    )
    assert speakers(text)[0][1] == "Every former secretary of the Department of Homeland Security"


def test_a_description_may_end_in_a_place_and_open_with_an_adjective():
    text = 'Liz Cheney spoke after an alleged poll in Wyoming said she "supports abortion and gay marriage."'
    assert speakers(text) == [("supports abortion and", "an alleged poll in Wyoming", "direct")]


def test_a_title_cut_off_before_its_name_names_nobody():
    text = (
        "Democratic Sen. Claire McCaskill (D-Mo.) scolded him: \u201cThe scientific community is against you,"
        "\u201d she said."
    )
    assert speakers(text)[0][1] == "Claire McCaskill"


def test_said_opening_the_sentence_has_its_speaker_after_it():
    text = "Experts disagree. Said Ellis: \u201cI don\u2019t get the sense she is interested in tax reform.\u201d"
    assert speakers(text) == [("I don’t get", "Ellis", "direct")]


def test_a_description_may_end_in_a_number():
    text = (
        "Ivanka Trump noted the rule, and when pressed on why the plan leaves out fathers, the 34-year-old "
        'mother of three replied, "It is meant to benefit the mother."'
    )
    assert speakers(text) == [("It is meant", "the 34-year-old mother of three", "direct")]
