"""Compare several articles' coverage of one story: pure data, no UI.

`compare(articles)` aligns their passages, lists what only one reports,
groups the quotes they share, flags the facts they give differently and
tabulates whom and what each mentions and quotes.
"""

from __future__ import annotations

from ..article import Article
from .align import align, vectorise
from .conflicts import find_conflicts
from .coverage import coverage_rows, name_speakers, voices
from .findings import rank_findings
from .model import ArticleInfo, Comparison, Conflict, Unique
from .passages import split_passages
from .quotes import shared_quotes
from .unique import unique_facts, unique_passages

MAX_ARTICLES = 12


class CompareError(ValueError):
    """The articles cannot be compared (too few, duplicates, no analysis)."""


def compare(articles: list[Article]) -> Comparison:
    ids = [a.id for a in articles]
    if len(articles) < 2:
        raise CompareError("compare needs at least two articles")
    if len(set(ids)) != len(ids):
        raise CompareError("an article is listed twice; compare different articles")
    if len(articles) > MAX_ARTICLES:
        raise CompareError(f"compare at most {MAX_ARTICLES} articles at once")
    passages = {a.id: split_passages(a) for a in articles}
    pv = vectorise(passages)
    alignments = align(pv)
    conflicts = find_conflicts(articles, pv)
    unique = unique_passages(pv, alignments) + _not_disputed(unique_facts(articles, pv, alignments), conflicts)
    order = {a.id: n for n, a in enumerate(articles)}
    unique.sort(key=lambda u: (order[u.article], u.start, u.kind))
    comparison = Comparison(
        articles=[
            ArticleInfo(a.id, a.title, a.source, a.published.isoformat() if a.published else None, a.word_count,
                        outlet=a.outlet, slug=a.slug)
            for a in articles
        ],
        passages=passages,
        alignments=alignments,
        unique=unique,
        quotes=name_speakers(articles, shared_quotes(articles)),
        conflicts=conflicts,
        coverage=coverage_rows(articles),
        voices=voices(articles),
    )
    comparison.findings = rank_findings(comparison)
    return comparison


def _not_disputed(facts: list[Unique], conflicts: list[Conflict]) -> list[Unique]:
    """Facts that are not one reading of a conflict: another outlet does
    report "$5 billion", as "$6 billion", and the conflict says so."""
    readings = [(r.article, r.start, r.end) for c in conflicts for r in c.readings]
    return [f for f in facts
            if not any(f.article == a and f.start < end and start < f.end for a, start, end in readings)]


__all__ = ["CompareError", "Comparison", "compare"]
