"""Sentence splitting on news prose: abbreviations, initials and quotes."""

from __future__ import annotations

import pytest

from index.analysis.text import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Cong. John Smith spoke to reporters on Monday.",
        "They met at Ft. Bragg on Monday.",
        "Rep. Jane Doe and Sen. Richard Roe met Gov. Pat Poe at the capitol.",
        "Mr. Smith and Dr. Jones met Mrs. Brown at St. Paul's cathedral.",
        "The U.S. Army said the drill would go ahead.",
        "Rep. Jane Doe (D-N.Y.) said the bill was wrong.",
        "Sen. Jane Doe, D-N.Y. Democrats were furious.",
        "The meeting on Jan. 5 went well for everyone.",
        "J. K. Rowling wrote the books and A.G. Barr read them.",
        "He took the No. 2 job in the caucus.",
        "Missouri Sen. Roy Blunt and former Sens. John Ashcroft and Kit Bond signed it.",
        "In his first speech, U.S. Sen. Marco Rubio spoke about the military.",
        '"We will win," he said.',
        '"We will win!" Trump said.',
        '"Will we win?" asked Mrs. Smith.',
        '"We offered the prime minister an opportunity." Durbin said.',
    ],
)
def test_one_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He lives in Sacramento, Calif. He works there.", ["He lives in Sacramento, Calif.", "He works there."]),
        ("He was born in the U.S. The family moved later.", ["He was born in the U.S.", "The family moved later."]),
        ("She works for Acme Inc. The firm is big.", ["She works for Acme Inc.", "The firm is big."]),
        ("It happened in Washington, D.C. Officials were there.",
         ["It happened in Washington, D.C.", "Officials were there."]),
        ("She lives in Concord, Calif. Dukes works in Pittsburg.",
         ["She lives in Concord, Calif.", "Dukes works in Pittsburg."]),
        ("I cherish the F.B.I. It’s special.", ["I cherish the F.B.I.", "It’s special."]),
        ("The governor said no. The bill died.", ["The governor said no.", "The bill died."]),
        ('"Stop." The crowd kept moving.', ['"Stop."', "The crowd kept moving."]),
        ('"We will win." Trump said it twice in the speech.',
         ['"We will win."', "Trump said it twice in the speech."]),
        ('"We will win," he said. Then he left.', ['"We will win," he said.', "Then he left."]),
        ('"Why?" asked Smith. Nobody knew.', ['"Why?" asked Smith.', "Nobody knew."]),
    ],
)
def test_sentences_end_where_they_end(text, expected):
    assert sentences(text) == expected


def test_a_possessive_after_an_abbreviation_does_not_end_the_sentence():
    text = "There is also concern about abandoning the U.S.' Kurdish allies. Officials agree."
    assert sentences(text) == ["There is also concern about abandoning the U.S.' Kurdish allies.", "Officials agree."]


def test_compare_passages_keep_titles_and_attributions_in_their_sentence():
    from index.article import Article
    from index.compare.passages import split_passages
    from index.library import analyse_article

    body = ("Sen. Jane Doe, D-N.Y., met Gov. Pat Poe at Ft. Bragg on Jan. 5 to discuss the U.S. Army budget.\n\n"
            "\"We will not back down!\" Doe said. \"Stop.\" The crowd kept moving toward the gates.")
    article = analyse_article(Article("s1", "Budget", body), "builtin")
    assert [p.text for p in split_passages(article)] == [
        "Sen. Jane Doe, D-N.Y., met Gov. Pat Poe at Ft. Bragg on Jan. 5 to discuss the U.S. Army budget.",
        "\"We will not back down!\" Doe said.",
        "\"Stop.\"",
        "The crowd kept moving toward the gates.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"It will work." He admitted to a sense of frustration.',
         ['"It will work."', "He admitted to a sense of frustration."]),
        ('"Why not?" He said: "We need winners."', ['"Why not?"', 'He said: "We need winners."']),
        ('"We were left alone." That said, she is busy.', ['"We were left alone."', "That said, she is busy."]),
        ('"Will I go?" Holmes asked in the New Year.', ['"Will I go?" Holmes asked in the New Year.']),
    ],
)
def test_only_an_attribution_joins_the_quote_before_it(text, expected):
    assert sentences(text) == expected
