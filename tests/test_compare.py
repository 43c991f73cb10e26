"""Comparing coverage: alignment, unique reporting, shared quotes, conflicts, coverage."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest

from index.article import Article
from index.compare import CompareError, compare
from index.compare.report import to_markdown
from index.compare.values import DateValue, parse_date, parse_quantity

from .conftest import SEED_IDS, run_cli, seed_number


@pytest.fixture(scope="module")
def seeds_compared(tmp_path_factory):
    from index import Library

    library = Library.open(tmp_path_factory.mktemp("compare") / "library", seed=True)
    comparison = compare([library.get(i) for i in SEED_IDS])
    library.close()
    return comparison


def _short(article_id: str) -> str:
    return seed_number(article_id)


def test_every_article_is_cut_into_passages_in_order(seeds_compared):
    for article_id, passages in seeds_compared.passages.items():
        assert passages, article_id
        assert [p.index for p in passages] == list(range(len(passages)))
        assert all(a.end <= b.start for a, b in pairwise(passages))
    heading = [p for p in seeds_compared.passages[SEED_IDS[3]] if p.heading]
    assert [p.text for p in heading] == ["Complex History of Russia and Afghanistan"]


def test_the_foreign_ministry_statement_aligns_across_all_five(seeds_compared):
    groups = [a for a in seeds_compared.alignments if len({p.article for p in a.passages}) == 5]
    assert any("bilateral cooperation" in " ".join(p.text for p in a.passages) for a in groups)
    for alignment in seeds_compared.alignments:
        assert 0 < alignment.similarity <= 1
        assert len({p.article for p in alignment.passages}) >= 2


def test_paraphrases_are_not_called_unique(seeds_compared):
    # Paraphrases this loose ("maintained its embassy" / "did not shutter its
    # embassy", similarity 0.18) are too close to passages that merely share
    # a story's words to be aligned with confidence, but neither side is
    # ever reported as only its outlet's.
    unique = [u.text for u in seeds_compared.unique if u.kind == "passage"]
    for fragment in ("maintained its embassy", "did not shutter its embassy",
                     "formalize an economic agreement", "first to sign an economic agreement"):
        assert any(fragment in p.text for ps in seeds_compared.passages.values() for p in ps), fragment
        assert not any(fragment in text for text in unique), fragment


def test_alignment_groups_do_not_chain(seeds_compared):
    for alignment in seeds_compared.alignments:
        assert len(alignment.passages) <= 7


def test_the_terrorist_list_removal_aligns(seeds_compared):
    removal = [
        a for a in seeds_compared.alignments
        if any("list of terrorist organizations in April this year" in p.text for p in a.passages)
    ]
    assert len(removal) == 1
    assert {_short(p.article) for p in removal[0].passages} >= {"000", "001", "002", "003"}


def test_muttaqi_statement_is_one_shared_quote_with_its_word_differences(seeds_compared):
    [statement] = [q for q in seeds_compared.quotes if any("mutual respect" in v.text for v in q.variants)]
    assert statement.speaker == "Amir Khan Muttaqi"
    by_article = {_short(v.article): v for v in statement.variants}
    assert set(by_article) == {"000", "001", "002"}
    assert statement.variants[0].changes == ()  # the fullest wording leads
    changes = {(c.op, c.old, c.new) for v in statement.variants for c in v.changes}
    assert ("replace", "stage full", "phase") in changes
    assert ("replace", "cooperation", "engagement") in changes


def test_putin_ally_quote_is_shared_and_scare_quotes_are_not(seeds_compared):
    [ally] = [q for q in seeds_compared.quotes if q.speaker == "Vladimir Putin"]
    assert {_short(v.article) for v in ally.variants} == {"000", "001", "002"}
    texts = {v.text for q in seeds_compared.quotes for v in q.variants}
    assert "terrorist organizations" not in texts


def test_conflicting_dates_of_the_removal_are_flagged(seeds_compared):
    [conflict] = [c for c in seeds_compared.conflicts if "terrorist" in c.about]
    assert conflict.kind == "date"
    values = {(_short(r.article), r.value) for r in conflict.readings}
    assert ("000", "April this year") in values
    assert ("001", "April this year") in values
    assert ("003", "April 2024") in values
    for reading in conflict.readings:
        assert reading.context.find(reading.text) >= 0


def test_facts_only_one_outlet_reports_are_unique(seeds_compared):
    facts = {(_short(u.article), u.text) for u in seeds_compared.unique if u.kind == "fact"}
    assert ("004", "Gul Hassan Hassan") in facts
    # The Soviet casualty figure: its passage, or the figure in it, is 003's alone.
    assert ("003", "15,000") in facts or any(
        "15,000 Soviet casualties" in u.text and _short(u.article) == "003"
        for u in seeds_compared.unique if u.kind == "passage"
    )
    passages = [u for u in seeds_compared.unique if u.kind == "passage"]
    shared_texts = {p.text for a in seeds_compared.alignments for p in a.passages}
    assert not shared_texts & {u.text for u in passages}


def test_offsets_point_into_the_bodies(tmp_path_factory, seeds_compared):
    from index import Library

    library = Library.open(tmp_path_factory.mktemp("offsets") / "library", seed=True)
    bodies = {i: library.get(i).body for i in SEED_IDS}
    library.close()
    data = seeds_compared.to_json()
    spans = [p for a in data["alignments"] for p in a["passages"]] + data["unique"]
    spans += [v for q in data["quotes"] for v in q["variants"]] + [r for c in data["conflicts"] for r in c["readings"]]
    for span in spans:
        assert bodies[span["article"]][span["start"]:span["end"]] == span["text"]


def test_coverage_matrix_and_voices(seeds_compared):
    rows = {(r.kind, r.name): r.counts for r in seeds_compared.coverage}
    muttaqi = rows[("speaker", "Amir Khan Muttaqi")]
    assert muttaqi[SEED_IDS[0]] >= 1 and muttaqi[SEED_IDS[4]] == 0
    assert rows[("person", "Gul Hassan Hassan")] == {i: int(i == SEED_IDS[4]) for i in SEED_IDS}
    voices = {v.speaker: v for v in seeds_compared.voices[SEED_IDS[1]]}
    assert voices["Mariam Solaimankhil"].role == "civil society"
    assert voices["Mariam Solaimankhil"].description == "a former Afghan MP"
    assert voices["Amir Khan Muttaqi"].role == "official"
    assert voices["Mao Ning"].role == "official"


def test_json_shape(seeds_compared):
    data = seeds_compared.to_json()
    assert set(data) == {"articles", "alignments", "unique", "quotes", "conflicts", "findings", "matrix"}
    assert {"passages", "similarity"} <= set(data["alignments"][0])
    assert {"article", "start", "end", "text"} <= set(data["unique"][0])
    assert {"speaker", "variants"} <= set(data["quotes"][0])
    assert {"about", "readings"} <= set(data["conflicts"][0])
    assert data["matrix"]["articles"] == SEED_IDS
    json.dumps(data)


def test_markdown_report(seeds_compared):
    report = to_markdown(seeds_compared)
    assert report.startswith("# Coverage compared")
    for heading in ("## Conflicts", "## Shared quotes", "## Only one outlet reports", "## Coverage", "## Voices"):
        assert heading in report
    assert "“stage full” → “phase”" in report and "an excerpt" in report
    assert "April 2024" in report


def test_compare_needs_two_distinct_articles():
    one = Article("a", "Title", "Body text here.")
    with pytest.raises(CompareError):
        compare([one])
    with pytest.raises(CompareError):
        compare([one, one])


def test_articles_with_nothing_in_common():
    a = Article("a", "Harbour", "The harbour council met on Monday to discuss dredging the channel.")
    b = Article("b", "Recipe", "Whisk three eggs with sugar until pale, then fold in the flour.")
    comparison = compare([a, b])
    assert comparison.alignments == [] and comparison.quotes == [] and comparison.conflicts == []
    assert {u.article for u in comparison.unique} == {"a", "b"}


@pytest.mark.parametrize(
    "text, reference, expected",
    [
        ("April this year", None, DateValue(None, 4, None, 0)),
        ("April this year", 2025, DateValue(2025, 4)),
        ("in April 2024", None, DateValue(2024, 4)),
        ("Thursday, July 3", None, DateValue(None, 7, 3)),
        ("in 2021", None, DateValue(2021)),
        ("last year", 2025, DateValue(2024)),
        ("Thursday", None, None),
    ],
)
def test_parse_date(text, reference, expected):
    assert parse_date(text, reference) == expected


def test_date_readings_conflict_only_when_they_disagree():
    assert DateValue(None, 4, None, 0).conflicts_with(DateValue(2024, 4))
    assert not DateValue(2025, 4).conflicts_with(DateValue(2025, 4))
    assert not DateValue(None, 4).conflicts_with(DateValue(2024, 4))  # "April" vs "April 2024"
    assert DateValue(2025, 7, 3).conflicts_with(DateValue(2025, 7, 4))


def test_parse_quantity():
    assert parse_quantity("15,000") == 15000
    assert parse_quantity("nearly $9 billion") == 9e9
    assert parse_quantity("149") == 149


def test_number_conflict_between_outlets(tmp_path):
    a = Article("a", "Attack", "A deadly attack on a concert hall outside Moscow killed 149 people on Friday night.")
    b = Article("b", "Attack", "The deadly attack on the concert hall near Moscow killed 137 people, officials said.")
    from index.library import analyse_article

    comparison = compare([analyse_article(a, "builtin"), analyse_article(b, "builtin")])
    [conflict] = comparison.conflicts
    assert conflict.kind == "number"
    assert [r.value for r in conflict.readings] == ["149 people", "137 people"]


def test_cli_compare_json_markdown_and_text(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "compare", *(SEED_IDS[n][:4] for n in (0, 1, 3)), "--json")
    assert code == 0
    data = json.loads(out)
    assert [a["id"] for a in data["articles"]] == [SEED_IDS[0], SEED_IDS[1], SEED_IDS[3]]
    assert data["conflicts"]
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "compare", SEED_IDS[0][:4], SEED_IDS[1][:4], "--markdown")
    assert code == 0 and out.startswith("# Coverage compared")
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "compare", SEED_IDS[0], SEED_IDS[1])
    assert code == 0 and "Shared quotes" in out and "Amir Khan Muttaqi" in out


@pytest.mark.parametrize(
    "args, code, message",
    [
        ([SEED_IDS[0]], 2, "two or more"),
        (["7", SEED_IDS[1]], 2, "matches several articles"),
        ([SEED_IDS[0], "nope"], 3, "no article with id 'nope'"),
        ([SEED_IDS[0], SEED_IDS[0]], 2, "listed twice"),
        ([SEED_IDS[0], SEED_IDS[1], "--json", "--markdown"], 2, "one of --json and --markdown"),
    ],
)
def test_cli_compare_errors_are_one_line(capsys, library_dir, args, code, message):
    got, out, err = run_cli(capsys, "--library", str(library_dir), "compare", *args)
    assert got == code and out == ""
    # An ambiguous id lists the articles it matches under the one-line error (771f… and 7955…).
    lines = 3 if "several" in message else 1
    assert message in err and err.count("\n") == lines and "Traceback" not in err


def test_show_accepts_a_unique_id_prefix(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", SEED_IDS[4][:4], "--json")
    assert code == 0 and json.loads(out)["id"] == SEED_IDS[4]
    code, _, err = run_cli(capsys, "--library", str(library_dir), "show", "7")
    assert code == 2 and "matches several articles" in err


def test_name_conflict_needs_the_same_post():
    from index.library import analyse_article

    a = Article("a", "Briefing", "Chinese Foreign Ministry spokesperson Mao Ning said on Friday that China welcomes the decision.")
    b = Article("b", "Briefing", "Chinese Foreign Ministry spokesperson Lin Jian said on Friday that China welcomes the decision.")
    c = Article("c", "Briefing", "The Taliban-appointed ambassador Gul Hassan Hassan said on Friday that Kabul welcomes the decision.")
    comparison = compare([analyse_article(x, "builtin") for x in (a, b, c)])
    [conflict] = comparison.conflicts
    assert conflict.kind == "name" and conflict.about.startswith("who")
    assert [r.value for r in conflict.readings] == ["Mao Ning", "Lin Jian"]


def test_the_seeds_two_ambassadors_are_not_a_conflict(seeds_compared):
    assert [c.kind for c in seeds_compared.conflicts] == ["date"]


def test_column_labels_are_outlets_never_ids():
    a = Article("001_aaaa", "T", "Body one here today.", source="Reuters")
    b = Article("002_bbbb", "T", "Body two here today.", source="Reuters")
    c = Article("003_cccc", "Harbour bridge reopens after a long repair", "Body three here today.")
    d = Article("003_dddd", "T", "Body four here today.", url="https://www.nytimes.com/2025/bridge.html")
    assert compare([a, b, c, d]).labels() == {
        "001_aaaa": "Reuters", "002_bbbb": "Reuters (2)", "003_cccc": "Harbour bridge reopens…",
        "003_dddd": "New York Times",
    }


def test_findings_rank_conflicts_first_and_say_what_they_are(seeds_compared):
    findings = seeds_compared.findings
    kinds = [f.kind for f in findings if not f.trivial]
    assert kinds[0] == "conflict"
    assert kinds == sorted(kinds, key=["conflict", "fact", "passage"].index)
    conflict = findings[0]
    assert "April this year" in conflict.description and "April 2024" in conflict.description
    assert {span.article for span in conflict.spans} == {r.article for r in seeds_compared.conflicts[0].readings}
    assert all(f.description.startswith("Only ") for f in findings if f.kind != "conflict")


def test_our_note_on_a_cut_article_is_never_compared_or_analysed():
    from index.ingest.limits import cut_note, without_cut_note
    from index.library import analyse_article

    text = "The harbour council voted on Monday to dredge the channel at a cost of 4 million pounds."
    bodies = [f"{text}\n\n{cut_note(146_000)}", f"{text}\n\n{cut_note(154_000)}"]
    articles = [analyse_article(Article(f"cut{n}", "Harbour", body, source=f"Outlet {n}"), "builtin")
                for n, body in enumerate(bodies)]
    comparison = compare(articles)
    assert not comparison.conflicts and not comparison.unique
    assert all("Article cut here" not in p.text for ps in comparison.passages.values() for p in ps)
    assert not any(e.text in ("KB", "100,000", "146") for a in articles for e in a.analysis.entities)
    assert without_cut_note(text) == text and without_cut_note(bodies[0]) == text
