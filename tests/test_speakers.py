"""Who said it: speakers are people or organisations, and every mention of a
person (full name, surname, "Mr. X", "Sen. X") groups under one name."""

from __future__ import annotations

import pytest

from index.analysis import analyse


def quoted(text):
    return [(q.text, q.speaker.canonical if q.speaker else None, q.kind) for q in analyse(text, "builtin").quotes]


def people(text):
    return [(e.text, e.canonical) for e in analyse(text, "builtin").entities if e.label == "PERSON"]


def test_a_place_is_never_the_speaker():
    text = (
        "President Trump spoke in the Rose Garden on Friday. Mr. Trump began his remarks as if he had won, "
        'saying that he was "very proud to announce" what he called "a deal to end the shutdown."'
    )
    analysis = analyse(text, "builtin")
    assert [(q.speaker.text, q.speaker.canonical) for q in analysis.quotes if q.speaker] == [
        ("Trump", "Trump"), ("he", "Trump"),
    ]
    assert all(e.label != "PERSON" for e in analysis.entities if "Garden" in e.text)


def test_a_city_before_the_cue_is_not_a_speaker_but_a_country_is_its_government():
    text = (
        'Chicago reported "2,521 shooting incidents" in the city this year. '
        'Russia urged that Pyongyang "stop its dangerous escapades."'
    )
    assert quoted(text) == [
        ("2,521 shooting incidents", None, "unattributed"),
        ("stop its dangerous escapades.", "Russia", "direct"),
    ]


def test_a_pronoun_with_no_one_named_before_it_is_no_speaker():
    assert quoted('"And they are terrifying," he said.') == [("And they are terrifying,", None, "unattributed")]


def test_a_pronoun_speaker_takes_the_name_it_stands_for():
    text = 'Maria Lopez arrived late. "We are ready," she said.'
    assert quoted(text) == [("We are ready,", "Maria Lopez", "direct")]


def test_a_clause_opening_word_is_not_a_speaker():
    text = 'After the vote, saying her knee was "so swollen I could barely walk", the meeting ended.'
    assert all(speaker is None for _, speaker, _ in quoted(text))


def test_honorifics_and_titles_are_people_under_the_full_name():
    text = (
        "Tony Blair met Andrew Cuomo and Lindsey Graham in New York. Mr. Blair said it went well. "
        "Gov. Cuomo agreed. Later Sen. Graham left. Blair stayed. Nancy Pelosi spoke, and Ms. Pelosi left. "
        "Donald Trump called. President Trump hung up."
    )
    assert people(text) == [
        ("Tony Blair", "Tony Blair"), ("Andrew Cuomo", "Andrew Cuomo"), ("Lindsey Graham", "Lindsey Graham"),
        ("Blair", "Tony Blair"), ("Cuomo", "Andrew Cuomo"), ("Graham", "Lindsey Graham"), ("Blair", "Tony Blair"),
        ("Nancy Pelosi", "Nancy Pelosi"), ("Pelosi", "Nancy Pelosi"), ("Donald Trump", "Donald Trump"),
        ("Trump", "Donald Trump"),
    ]


def test_a_name_only_ever_given_with_an_honorific_is_a_person_everywhere():
    text = (
        "Mr. Okonkwo signed the bill on Friday. The plan was what Mr. Okonkwo had wanted. "
        "Okonkwo later flew home, and Dr. Haddad met him there."
    )
    assert people(text) == [("Okonkwo", "Okonkwo")] * 3 + [("Haddad", "Haddad")]


def test_a_title_after_a_common_word_still_names_a_person():
    assert people("The fight turned nasty after House Speaker Nancy Pelosi spoke.") == [("Nancy Pelosi", "Nancy Pelosi")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Donald Trump arrived. "We won," Mr. Trump said.', "Donald Trump"),
        ('Lindsey Graham arrived. Sen. Graham said: "Not yet."', "Lindsey Graham"),
        ('Kathy Hochul spoke first. "We will rebuild," said Gov. Hochul.', "Kathy Hochul"),
    ],
)
def test_speakers_given_by_title_get_the_full_name(text, speaker):
    assert [s for _, s, _ in quoted(text)] == [speaker]


def test_apposition_between_quote_and_cue_does_not_steal_the_speaker():
    text = (
        '"Good news for the old guard," the commentator Ann Coulter, who has pushed Mr. Trump to keep '
        "his promise, wrote on Twitter."
    )
    assert [s for _, s, _ in quoted(text)] == ["Ann Coulter"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The Indiana governor said Democrats were to blame for "he said, she tweeted."', "The Indiana governor"),
        ('In a 2013 memo, the agency suggested ending it because "there are no safeguards."', "the agency"),
        ('"We will not move," a White House spokesman said.', "a White House spokesman"),
        ('A White House spokesman said: "We will not move."', "A White House spokesman"),
        ('Analysts said the deal was "a disaster for everyone involved."', "Analysts"),
    ],
)
def test_a_speaker_given_as_a_description_is_that_description(text, speaker):
    analysis = analyse(text, "builtin")
    assert [(q.speaker.text, q.speaker.canonical, q.kind) for q in analysis.quotes] == [(speaker, None, "direct")]
    assert not [e for e in analysis.entities if e.label == "PERSON"]


def test_a_name_after_a_description_is_still_the_speaker():
    assert quoted('"Fine," the commentator Ann Coulter said.') == [("Fine,", "Ann Coulter", "direct")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"This is a waste of time," said Del. Stacey Plaskett of the Virgin Islands.', "Stacey Plaskett"),
        ('"The state cannot avoid it," said the ruling.', "the ruling"),
        ('"They are in a frenzy," said one Democratic source on the panel.', "one Democratic source on the panel"),
    ],
)
def test_the_words_after_said_are_the_speaker_when_no_name_was_recognised(text, expected):
    assert [q.speaker.text for q in analyse(text, "builtin").quotes] == [expected]


def test_a_participle_shares_the_subject_of_its_clause():
    text = (
        'The mayor arrived. "We see no link to terrorism," the mayor said, adding that it would take '
        '"more hours" to know. Dr. Dean appeared on television. He then defended the remark, saying, "Something '
        'funny was going on."'
    )
    assert [(q.speaker.text, q.speaker.canonical) for q in analyse(text, "builtin").quotes] == [
        ("the mayor", None), ("the mayor", None), ("He", "Dean"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('PolitiFact checked Maria Lopez’s claim that there were “thousands of shootings” in the city.', "Maria Lopez"),
        ('The rule exists for a "lawful source of income," as a Homeland Security memo put it.', "a Homeland Security memo"),
        ('In recent weeks, Harry Reid has gone after Tom Drake as a “human leech who will bleed the country.”', "Harry Reid"),
    ],
)
def test_whose_words_without_a_verb_of_saying(text, speaker):
    assert [q.speaker.text for q in analyse(text, "builtin").quotes if q.speaker] == [speaker]


def test_a_quoted_term_with_no_one_behind_it_stays_a_scare_quote():
    assert quoted("The ban on so-called “harmful content” was lifted as the “new normal” set in.") == [
        ("harmful content", None, "scare"), ("new normal", None, "scare"),
    ]


def test_he_or_she_picks_up_the_subject_of_its_sentence():
    text = (
        "Tom Drake made the comments during a visit to the Kent County headquarters of Ann Bell. "
        'He did not address the tweets in which he called a former rival "disgusting."'
    )
    assert quoted(text) == [("disgusting.", "Tom Drake", "direct")]


def test_a_new_clause_after_the_quote_does_not_take_it():
    text = 'Demonstrators said they want “justice for Terrence,” but pledged to remain civil.'
    assert [q.speaker.text for q in analyse(text, "builtin").quotes] == ["Demonstrators"]


def entities(text, label):
    return [e.text for e in analyse(text, "builtin").entities if e.label == label]


def test_tournaments_parties_and_products_are_not_people():
    text = (
        "England won the Grand Slam in the Six Nations. The Liberal Democrat spokesman spoke, and Lib Dem "
        "leader Charles Kennedy agreed. Sony unveiled a Nintendo DS rival. Republican Donald Trump met "
        "reporters. Analysts said it was fine."
    )
    assert entities(text, "PERSON") == ["Charles Kennedy", "Donald Trump"]


def test_common_abbreviations_and_party_affiliations_are_not_organisations():
    text = (
        "The TV show aired at 1900 GMT on DVD and PC. Senate Minority Leader Chuck Schumer (D-N.Y.) spoke, "
        "and NATO and the BBC reported it."
    )
    assert entities(text, "ORG") == ["Senate", "NATO", "BBC"]


def test_a_title_inside_a_run_starts_the_name():
    text = "It happened, according to Virginia AFL-CIO President Doris Crouse-Mays."
    assert entities(text, "PERSON") == ["Doris Crouse-Mays"]


def test_a_pronoun_never_becomes_a_surname():
    text = 'King George I ruled then. I think it was long ago, and I said so.'
    assert entities(text, "PERSON") == ["George I"]


def test_states_of_the_recent_past_and_short_country_names_are_places():
    text = "Refugees from Bosnia reached Yugoslavia and Zaire, and farmers in the Midwest watched."
    assert entities(text, "PLACE") == ["Bosnia", "Yugoslavia", "Zaire", "Midwest"]


def test_a_day_after_a_connector_is_not_part_of_a_name():
    assert entities("Xiao Qiang said Wang on Friday was arrested.", "PERSON") == ["Xiao Qiang"]


def test_a_lower_case_role_before_a_name_makes_a_person():
    text = "The arrest of veteran dissident Zhou Tianyu angered the lawyer Okafor Nnamdi."
    assert entities(text, "PERSON") == ["Zhou Tianyu", "Okafor Nnamdi"]


def test_an_event_named_after_a_place_is_not_the_place():
    text = "Troops left the Gulf after the Gulf War. He won the Australian Open in Melbourne."
    assert entities(text, "PLACE") == ["Gulf", "Melbourne"]
    assert entities(text, "ORG") == []


def test_a_sentence_running_on_past_the_quote_still_finds_said_x():
    text = "“There are other strategies that would work better” than a shutdown, said Senator Shelley Moore Capito."
    assert [s for _, s, _ in quoted(text)] == ["Shelley Moore Capito"]
