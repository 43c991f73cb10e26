"""When a quote was said, and why quotes said at different times are never
one statement (issue 10, "Quote grouping")."""

from __future__ import annotations

from datetime import datetime

import pytest

from index.analysis import analyse
from index.article import Article
from index.compare.quote_times import QuoteTime, differ, quote_times, time_in
from index.compare.quotes import shared_quotes

PUBLISHED = datetime(2013, 8, 31)


def article(id_: str, body: str, published: datetime | None = PUBLISHED) -> Article:
    a = Article(id_, id_, body, source=id_, published=published)
    a.analysis = analyse(body, "builtin")
    return a


@pytest.mark.parametrize(
    "text, year, past, present",
    [
        ("Her father offered support for gay marriage in 2009.", 2009, True, False),
        ("Christie said in 2011, according to the AP.", 2011, True, False),
        ("In a 2010 interview, the senator said:", 2010, True, False),
        ("In 2009, the former vice president told a crowd:", 2009, True, False),
        ("Mrs. Clinton said last year that", 2012, True, False),
        ("the mayor said two years ago.", 2011, True, False),
        ("as the judge once famously said,", None, True, False),
        ("the spokesman told reporters at the time.", None, True, False),
        ("the younger Cheney echoed some of his language when she added,", 2013, False, True),
        ("Trump said on Friday:", 2013, False, True),
        # Times that are not of the saying.
        ("Mary Cheney, married to Heather Poe since 2012, posted to her page:", None, False, False),
        ("Gorsuch, who worked on Bush's 2004 reelection campaign, told the committee:", None, False, False),
        ("he said he inherited in 2010 and", None, False, False),
        ("Long said.", None, False, False),
        ("the governor said.", None, False, False),
    ],
)
def test_the_time_of_a_saying_is_read_from_its_words(text, year, past, present):
    assert time_in(text, PUBLISHED) == QuoteTime(year, past, present)


def test_times_differ_only_when_both_are_known_and_different():
    y2009, now, unknown = QuoteTime(2009, True), QuoteTime(2013, present=True), QuoteTime()
    assert differ(y2009, now) and differ(y2009, QuoteTime(2010, True))
    assert differ(QuoteTime(past=True), now)
    assert not differ(y2009, unknown) and not differ(now, unknown)
    assert not differ(y2009, QuoteTime(2009, True)) and not differ(now, QuoteTime(2013, present=True))
    assert not differ(QuoteTime(past=True), y2009)


def test_a_quote_opening_its_sentence_is_timed_by_the_sentence_before():
    body = ("Her opposition puts her at odds with her father, who offered support for gay marriage in 2009.\n\n"
            "\"I think that freedom means freedom for everyone,\" the former vice president said.")
    a = article("hpo", body)
    [quote] = a.analysis.quotes
    assert quote_times(a, a.analysis.quotes)[quote.start] == QuoteTime(2009, past=True)


def test_the_sentence_before_gives_no_time_when_it_tells_of_no_saying():
    body = ("Last year, the Clintons paid an effective federal tax rate of 35.7 percent.\n\n"
            "\"We have come a long way from my days going door to door,\" Mrs. Clinton said.")
    a = article("a", body)
    [quote] = a.analysis.quotes
    assert not quote_times(a, a.analysis.quotes)[quote.start].known


def test_each_quote_of_a_sentence_reads_the_words_nearest_it():
    body = ("Instead of the \"big beautiful wall\" he promised during his 2016 campaign, Mr. Trump took care "
            "to use the word \"barrier\" as well.")
    a = article("a", body, datetime(2019, 1, 19))
    times = quote_times(a, a.analysis.quotes)
    by_text = {q.text: times[q.start] for q in a.analysis.quotes}
    assert by_text["big beautiful wall"].year == 2016
    assert not by_text["barrier"].known


def test_words_said_in_2009_and_echoed_in_2013_are_two_statements():
    then = article("hpo", (
        "Mary Roe criticized her sister on Friday. Her opposition puts her at odds with her father, Richard Roe, "
        "who offered support for gay marriage in 2009.\n\n"
        "\"I think that freedom means freedom for everyone,\" the former vice president said."))
    now = article("nyt", (
        "Their father, former Vice President Richard Roe, supports same-sex marriage, and the younger Roe echoed "
        "some of his language on the issue when she added, \"I think that freedom means freedom for everyone.\""))
    assert not [q for q in shared_quotes([then, now]) if any("freedom" in v.text for v in q.variants)]


def test_one_statement_reported_by_three_outlets_with_or_without_a_day_is_one():
    words = "We will not reopen the government until the wall is funded in full"
    outlets = [
        article("a", f"The president spoke to reporters on Tuesday. He said on Tuesday: \"{words}.\""),
        article("b", f"\"{words},\" the president said Tuesday in the Oval Office."),
        article("c", f"The president dug in. \"{words},\" he said."),
    ]
    [shared] = shared_quotes(outlets)
    assert {v.article for v in shared.variants} == {"a", "b", "c"}


def test_one_old_statement_recalled_by_two_outlets_is_one():
    words = "Freedom means freedom for everyone, and that is what I believe"
    first = article("a", f"In a 2009 speech, Richard Roe said: \"{words}.\"")
    second = article("b", f"\"{words},\" Richard Roe said in 2009.")
    [shared] = shared_quotes([first, second])
    assert {v.article for v in shared.variants} == {"a", "b"}
