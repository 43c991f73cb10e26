"""Front matter: dates in the common spellings, a stated day/month order,
and a block that is never closed."""

from __future__ import annotations

from datetime import datetime

import pytest

from index.ingest import parse_article_text
from index.ingest.frontmatter import read_date, read_front_matter

JULY_3 = datetime(2025, 7, 3)


@pytest.mark.parametrize("value, order, expected", [
    ("2025-07-03", None, JULY_3),
    ("2025-07-03T10:00:00Z", None, datetime(2025, 7, 3, 10)),
    ("2025-07-03T10:00:00+02:00", None, datetime(2025, 7, 3, 8)),
    ("Thu, 03 Jul 2025 10:00:00 +0000", None, datetime(2025, 7, 3, 10)),
    ("3 July 2025", None, JULY_3),
    ("3 Jul 2025", None, JULY_3),
    ("July 3, 2025", None, JULY_3),
    ("Thursday, 3rd July 2025", None, JULY_3),
    ("2025/07/03", None, JULY_3),
    ("03/07/2025", "dmy", JULY_3),
    ("07/03/2025", "mdy", JULY_3),
    ("3.7.2025", "dmy", JULY_3),
    ("25/07/2025", None, datetime(2025, 7, 25)),  # only one way to read it
    ("07/25/2025", None, datetime(2025, 7, 25)),
    ("07/07/2025", None, datetime(2025, 7, 7)),  # the same either way
])  # fmt: skip
def test_common_date_spellings(value, order, expected):
    reading = read_date(value, order)
    assert reading.value == expected and reading.problem == ""


@pytest.mark.parametrize("value, order, says", [
    ("03/07/2025", None, "could be read day first or month first"),
    ("31/02/2025", "dmy", "is not a real date (day first)"),
    ("someday soon", None, "is not one newsreader reads"),
    ("0001-01-01T00:00:00+05:00", None, "out of range"),
])  # fmt: skip
def test_dates_that_cannot_be_read_say_why(value, order, says):
    reading = read_date(value, order)
    assert reading.value is None and says in reading.problem and "added without a date" in reading.problem


def test_no_date_is_no_problem():
    assert read_date("  ") == read_date("")
    assert read_date("").problem == "" and read_date("").value is None


def _article(text: str, **options):
    return parse_article_text(text, article_id="x", **options)


def test_a_date_order_field_or_option_settles_numeric_dates():
    text = "---\ntitle: T\npublished: 03/07/2025\n{extra}---\nHeadline\n\nBody text here.\n"
    assert _article(text.format(extra="date_order: dmy\n")).published == JULY_3
    assert _article(text.format(extra=""), date_order="dmy").published == JULY_3
    assert _article(text.format(extra="date_order: mdy\n"), date_order="dmy").published == datetime(2025, 3, 7)
    ambiguous = _article(text.format(extra=""))
    assert ambiguous.published is None
    assert any("day first or month first" in w for w in ambiguous.extra["warnings"])


def test_an_unclosed_block_is_reported_and_not_taken_as_text():
    text = "---\ntitle: The real headline\nsource: Daily Planet\n\nFirst paragraph of the body.\n\nSecond one.\n"
    front = read_front_matter(text)
    assert front.fields["title"] == "The real headline" and front.fields["source"] == "Daily Planet"
    assert front.rest.startswith("First paragraph") and "not closed" in front.problems[0]
    article = _article(text)
    assert article.title == "The real headline" and article.source == "Daily Planet"
    assert "---" not in article.body and "title:" not in article.body
    assert article.body.startswith("First paragraph")
    assert "not closed with a `---` line" in article.extra["warnings"][0]


def test_a_later_rule_does_not_close_a_block_left_open():
    text = "---\ntitle: Headline\n\nBody paragraph.\n\n---\n\nAfter a rule.\n"
    article = _article(text)
    assert article.title == "Headline"
    assert "Body paragraph." in article.body and "After a rule." in article.body
    assert article.extra["warnings"]


def test_a_rule_at_the_top_is_text_and_a_good_block_has_no_warning():
    assert read_front_matter("---\nJust a rule then text.\n").fields == {}
    good = _article("---\ntitle: T\nauthor: A\n---\nHeadline\n\nBody.\n")
    assert good.author == "A" and "warnings" not in good.extra
