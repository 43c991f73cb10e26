"""Conflicting amounts: one figure reported two ways, and what is not a conflict."""

from __future__ import annotations

from datetime import datetime

import pytest

from index.article import Article
from index.compare import compare
from index.compare.temporal import find_times, resolve_weekday
from index.compare.values import DateValue, quantity_bounds


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


# -- how far a figure as written reaches, and times read against the paper's date -----------------

@pytest.mark.parametrize(
    "a, a_before, b, b_before, agree",
    [
        ("$500,000", "", "$1 million", "", False),
        ("$9.3bn", "", "$9.4bn", "", False),
        ("$27bn", "", "$27.5bn", "", True),  # rounded
        ("$10,000", "at least ", "$10,000", "more than ", True),
        ("800,000", "nearly ", "800,000", "", True),
        ("$44 million", "paid nearly ", "$43,885,310", "", True),
        ("$43 million", "", "$43,885,310", "", True),  # cut short, not disputed
        ("$141 million", "roughly ", "$139 million", "", False),
        ("47", "", "48", "", False),
    ],
)
def test_figures_agree_when_one_value_could_be_both(a, a_before, b, b_before, agree):
    assert quantity_bounds(a, a_before).agrees(quantity_bounds(b, b_before)) is agree


def test_weekdays_are_read_against_the_publication_date():
    wednesday = datetime(2016, 9, 28)
    assert resolve_weekday(1, wednesday, "The House voted on ") == DateValue(2016, 9, 27, weekday=1)
    assert resolve_weekday(3, wednesday, "The House is expected to vote on ") == DateValue(2016, 9, 29, weekday=3)
    assert resolve_weekday(4, None, "on ") == DateValue(weekday=4)
    assert DateValue(weekday=4).conflicts_with(DateValue(weekday=5))
    assert not DateValue(2016, 9, 30, weekday=4).conflicts_with(DateValue(None, 9, 30))


def test_durations_and_relative_years_are_found():
    body = "After a two-year inquiry and a monthslong trial, earlier this year he served 18 months."
    found = {body[f.start:f.end]: f for f in find_times(body, 0, len(body), datetime(2018, 5, 1))}
    assert set(found) == {"two-year", "monthslong", "earlier this year", "18 months"}
    assert found["earlier this year"].date == DateValue(2018)
    assert found["two-year"].duration.agrees(found["18 months"].duration)
    assert not found["two-year"].duration.agrees(found["monthslong"].duration)
