"""`newsreader compare`: the text output leads with the ranked findings; the
Markdown report gives every fact the words around it."""

from __future__ import annotations

import json
import re

import pytest

from index.compare.report import in_context, to_markdown

from .conftest import SEED_IDS, run_cli, write_article

# The seeds name no outlet: each is headed by the start of its title, and the
# two titles that start alike are numbered (never an id).
LABELS = ["Russia Pioneers…", "Russia becomes first…", "Russia Takes Historic…", "Russia becomes first… (2)",
          "Russia Has Become…"]



@pytest.fixture
def vote_library(library_dir, tmp_path):
    """The seeds and two short reports of one vote, one signing off with furniture."""
    from index.api import Library

    write_article(tmp_path / "vote", "harbour-a.txt", "Harbour council votes to dredge the channel",
                  "The harbour council voted on Monday to dredge the channel at a cost of 4 million pounds.\n\n"
                  "Read more at Harbour News.", source="Harbour News")
    write_article(tmp_path / "vote", "harbour-b.txt", "Channel to be dredged after harbour vote",
                  "On Monday the harbour council voted to dredge the channel, at a cost of 5 million pounds.\n\n"
                  "The mayor Jo Bloggs said the work would start in spring and take two years to finish.",
                  source="Coast Post")
    library = Library.open(library_dir)
    library.add_paths([tmp_path / "vote"])
    library.close()
    return library_dir


def test_text_output_leads_with_ranked_findings(capsys, library_dir):
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "compare", *SEED_IDS)
    assert code == 0
    assert "Only one outlet reports" not in out  # the long dump is gone
    head = out.index("Findings (1 conflict · ")
    assert head < out.index("Shared quotes") < out.index("Voices")
    findings = re.findall(r"^\s+(\d+)\. (\S) (.*)$", out[head:], flags=re.MULTILINE)
    assert [int(n) for n, _, _ in findings] == list(range(1, len(findings) + 1))
    first = findings[0]
    assert first[1] == "≠" and first[2].startswith(
        f"Dates differ: April this year ({LABELS[0]}, {LABELS[1]}) vs April 2024 ({LABELS[3]})"
    )
    markers = [marker for _, marker, _ in findings]
    assert markers == sorted(markers, key="≠◆¶".index)  # conflicts, facts, passages
    # Facts say where they come from; outlets are named.
    forty = next(text for _, _, text in findings if text.startswith(f"Only {LABELS[1]} gives 40"))
    assert "40 years of war" in forty


def test_text_output_counts_trivial_findings_without_listing_them(capsys, vote_library):
    code, out, _ = run_cli(capsys, "--library", str(vote_library), "compare", "harbour-council", "channel-dredged")
    assert code == 0
    assert "and 1 trivial finding" in out and "Read more at Harbour News" not in out
    assert "Only Coast Post: The mayor Jo Bloggs said" in out
    code, out, _ = run_cli(capsys, "--library", str(vote_library), "compare", "harbour-council", "channel-dredged", "--json")
    data = json.loads(out)
    assert set(data) == {"articles", "alignments", "unique", "quotes", "conflicts", "findings", "matrix"}
    assert any(f["trivial"] and "Read more" in f["description"] for f in data["findings"])


def test_markdown_report_leads_with_findings_and_gives_facts_their_context(capsys, library_dir):
    code, report, _ = run_cli(capsys, "--library", str(library_dir), "compare", *SEED_IDS, "--markdown")
    assert code == 0
    assert report.index("## Findings") < report.index("## Conflicts") < report.index("## Shared quotes")
    section = report[report.index("## Findings"):report.index("## Conflicts")]
    assert section.splitlines()[2].startswith("1. **Conflict.** Dates differ: April this year")
    # Each reading of the conflict in its sentence.
    assert f"   - **{LABELS[3]}**: April 2024 — “" in section and "saw its ban lifted in April 2024" in section
    # Facts never as a bare list: each with the sentence it comes from.
    assert "Facts no other outlet gives: " not in report
    fact_lines = [line for line in report.splitlines() if f"Only {LABELS[1]} gives 40" in line or line.startswith("  - **40**")]
    assert len(fact_lines) == 2 and all("40 years of war" in line for line in fact_lines)
    for line in section.splitlines():
        if line.split(". ", 1)[-1].startswith("**Fact.**"):
            assert " — “" in line or ": " in line.split("**Fact.** ", 1)[1], line  # words around it


def test_markdown_counts_trivial_findings(vote_library):
    from index.api import Library

    library = Library.open(vote_library)
    comparison = library.compare(["harbour-council", "channel-dredged"])
    library.close()
    report = to_markdown(comparison)
    section = report[report.index("## Findings"):report.index("## Conflicts")]
    assert "And 1 trivial finding" in section and "Read more" not in section


def test_a_fact_in_context_is_cut_around_it(library_dir):
    from index.api import Library

    library = Library.open(library_dir)
    comparison = library.compare(SEED_IDS)
    library.close()
    finding = next(f for f in comparison.findings if f.kind == "fact" and "Mikhail Gorbachev" in f.description)
    span = next(s for s in finding.spans if s.text == "Mikhail Gorbachev")
    context = in_context(comparison, span, width=60)
    assert "Mikhail Gorbachev" in context and context.startswith("…") and context.endswith("…")
    assert len(context) <= 80
    whole = in_context(comparison, span, width=1000)
    assert whole.startswith("The war resulted in approximately 15,000") and "…" not in whole


def test_findings_text_tally_and_context():
    from index.compare.model import Comparison, Finding, Passage, TextSpan
    from tui.widgets.findings_text import in_context, marker, tally

    body = "The harbour council voted on Monday to dredge the channel at a cost of 4 million pounds, its clerk said."
    passage = Passage("a", 0, len(body), body, index=0)
    fact = TextSpan("a", body.index("4 million"), body.index("4 million") + 16, "4 million pounds")
    findings = [
        Finding("fact", "Only A gives 4 million pounds", [fact], 2.0),
        Finding("passage", "Only A: Read more.", [TextSpan("a", 0, 5, "Read more.")], 0.0, trivial=True),
    ]
    comparison = Comparison([], {"a": [passage]}, [], [], [], [], [], {}, findings)
    assert tally(findings) == "1 fact · 1 trivial" and tally([]) == "no findings"
    assert marker(findings[0]) == "◆"
    assert in_context(comparison, fact, width=200) == body
    cut = in_context(comparison, fact, width=40)
    assert "4 million pounds" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) < 60
    # A span outside every passage is shown alone.
    assert in_context(comparison, TextSpan("b", 0, 3, "abc")) == "abc"


def test_markdown_nests_an_articles_own_quotation_marks_in_a_facts_context():
    from index.article import Article
    from index.compare import compare
    from index.library import analyse_article

    bodies = (
        "The harbour council voted on Monday to dredge the channel, officials said.\n\n"
        "“The 800 workers at the harbour should not wait for their pay,” the letter said, and \"soon\" was the word.",
        "On Monday the harbour council voted to dredge the channel, the officials said.\n\n"
        "The letter said workers at the harbour should not have to wait for their pay, and soon.",
    )
    articles = [analyse_article(Article(f"h{n}", "Harbour", body, source=f"Outlet {n}"), "builtin")
                for n, body in enumerate(bodies)]
    report = to_markdown(compare(articles))
    fact = next(line for line in report.splitlines() if line.startswith("  - **800**"))
    assert "““" not in report and "”’" not in report
    assert fact.endswith("“‘The 800 workers at the harbour should not wait for their pay,’ the letter said, "
                         "and ‘soon’ was the word.”")
