"""Sentence breaks around quotations: attributions with where and when they
were said, and closing quote marks glued to the next sentence."""

from __future__ import annotations

import pytest

from index.analysis.text import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We may face lawsuits in foreign courts." Obama wrote in a letter delivered Tuesday. Then he left.',
         ['"We may face lawsuits in foreign courts." Obama wrote in a letter delivered Tuesday.', "Then he left."]),
        ('"We will win." Trump said on Fox News on Monday. Then he left.',
         ['"We will win." Trump said on Fox News on Monday.', "Then he left."]),
        # A clause of its own after the verb is a sentence of its own.
        ('"We will win." Trump said in the speech that he would win.',
         ['"We will win."', "Trump said in the speech that he would win."]),
    ],
)
def test_an_attribution_with_where_and_when_stays_with_its_quote(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The straight mark closes the quotation opened before it.
        ('He said, "Taxes are wrong. "Perry is referring to a memo.',
         ['He said, "Taxes are wrong. "', "Perry is referring to a memo."]),
        ("It was wrong.”Perry is referring to a memo.", ["It was wrong.”", "Perry is referring to a memo."]),
        # Here the mark opens a new quotation.
        ('That is wrong."Perry is right," he said.', ["That is wrong.", '"Perry is right," he said.']),
    ],
)
def test_a_quote_mark_glued_to_the_next_sentence(text, expected):
    assert sentences(text) == expected
