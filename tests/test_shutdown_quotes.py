"""The shutdown triplet named in issue 10 (BASIL 1e41e98b: Fox, NYT,
HuffPost): every shared quote is Trump's, and the matrix counts his quotes in
all three outlets. Skips without ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.article import Article
from index.compare import compare
from index.compare.coverage import coverage_rows
from index.compare.quotes import same_speaker

BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "basil-dev"


@pytest.fixture(scope="module")
def shutdown() -> list[Article]:
    from index.library import analyse_article

    paths = sorted(BASIL.glob("*/1e41e98b*.json"))
    if len(paths) != 3:
        pytest.skip("the BASIL shutdown triplet is not in ../shared/data/basil-dev")
    articles = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) if isinstance(p, list) else p for p in data["body-paragraphs"])
        articles.append(analyse_article(Article(path.stem, data["title"], body, source=data.get("source", "")), "builtin"))
    return articles


def test_every_shared_quote_of_the_shutdown_is_trumps(shutdown):
    quotes = compare(shutdown).quotes
    assert quotes
    assert all(same_speaker(q.speaker, "Donald Trump") and not q.disputed for q in quotes)
    assert any("powerful wall" in v.text for q in quotes for v in q.variants)


def test_the_matrix_counts_trumps_quotes_in_all_three_outlets(shutdown):
    [trump] = [r for r in coverage_rows(shutdown) if r.kind == "speaker" and same_speaker(r.name, "Donald Trump")]
    assert all(n > 0 for n in trump.counts.values()) and len(trump.counts) == 3
    assert not any("Garden" in r.name for r in coverage_rows(shutdown))


def test_the_shutdowns_findings_and_ledger_name_people_in_full(shutdown):
    comparison = compare(shutdown)
    assert {q.speaker for q in comparison.quotes} == {"Donald Trump"}
    descriptions = [f.description for f in comparison.findings]
    assert any(d.startswith("Only nyt names Mitch McConnell") for d in descriptions), descriptions
    assert any(d.startswith("Only fox names Department of Homeland Security") for d in descriptions)
    assert not any(" names McConnell" in d or "quotes Mr. " in d for d in descriptions)
    assert {"name": "Mitch McConnell"}.items() <= next(
        u.to_json() for u in comparison.unique if u.kind == "fact" and u.text == "McConnell").items()
