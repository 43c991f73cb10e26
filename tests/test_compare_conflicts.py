"""Conflicting amounts: one figure reported two ways, and what is not a conflict."""

from __future__ import annotations

from index.article import Article
from index.compare import compare


def _compare(*bodies: str):
    from index.library import analyse_article

    articles = [analyse_article(Article(f"a{n}", "Oil sale", body, source=f"Outlet {n}"), "builtin")
                for n, body in enumerate(bodies)]
    return compare(articles)


SALE_A = ("The oil company has lost its main production unit in Siberia. "
          "State-owned Rosneft bought the Yugansk unit for $9.3bn in a sale forced by the Kremlin. "
          "Shareholders say they will sue in a US court.")
SALE_B = ("Shares in the oil company fell again on Monday. "
          "The Yugansk unit was bought for $9.4bn by a previously unknown group, which was in turn bought by "
          "state-controlled Rosneft. Analysts expect more asset sales this year.")


def test_one_sale_reported_at_two_prices_in_differently_worded_sentences_is_a_conflict():
    comparison = _compare(SALE_A, SALE_B)
    [conflict] = comparison.conflicts
    assert conflict.kind == "money"
    assert [r.value for r in conflict.readings] == ["9.3 billion", "9.4 billion"]
    assert {r.article for r in conflict.readings} == {"a0", "a1"}


def test_far_apart_amounts_are_not_one_figure_however_alike_their_words():
    comparison = _compare(
        "The production unit was auctioned by the authorities to help pay off a $27.5bn back-tax bill.",
        "The nuclear unit of the gas company faces a $35.7m back-tax bill for the 2001-2003 period.",
    )
    assert comparison.conflicts == []


def test_a_rounded_amount_is_not_a_conflict():
    comparison = _compare(
        "Rosneft bought the Yugansk unit for $9.3bn to settle part of a $27.5bn tax bill owed by the company.",
        "Rosneft bought the Yugansk unit for $9.3bn to settle part of a $27bn tax bill owed by the company.",
    )
    assert comparison.conflicts == []


def test_one_amount_in_two_currencies_is_not_a_conflict():
    comparison = _compare(
        "State-owned Rosneft bought the Yugansk unit for $9.3bn (£5bn) after the company was forced to sell.",
        "State-owned Rosneft bought the Yugansk unit for $9.3bn after the company was forced to sell assets.",
    )
    assert comparison.conflicts == []
