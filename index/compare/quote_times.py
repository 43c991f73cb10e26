"""When a quote was said, as its article tells: so that words said in 2009
and the same words echoed now are not taken for one statement.

A quote's time is read from its own sentence (outside the quotation) and,
failing that, from the sentence before ("... offered support for gay
marriage in 2009. 'I think that ...,' he said."), only when the quote
opens its sentence. Only time words tied to the saying count: "in 2009",
"last year", "two years ago", "at the time" a few words after a saying
verb with no new clause between ("said he inherited in 2010" is another
time), or just before it, or opening the sentence ("In 2009, ..."); "in a
2016 interview"; "once said", "has long argued". "Married since 2012" or
"worked on the 2004 campaign" say nothing of when the quote was said. A weekday, "today" or an echo cue ("echoed",
"repeating", "borrowing his words") marks the article's present report.
Relative times are resolved against the article's publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..analysis.model import Quote
from ..analysis.text import sentence_spans
from ..article import Article
from .values import WEEKDAYS


@dataclass(frozen=True)
class QuoteTime:
    """When a quote was said: a year, or only that it was long before the
    report (`past`), or in the article's present report (`present`)."""

    year: int | None = None
    past: bool = False
    present: bool = False

    @property
    def known(self) -> bool:
        return self.year is not None or self.past or self.present


UNKNOWN = QuoteTime()


def differ(a: QuoteTime, b: QuoteTime) -> bool:
    """Are these two known, different times (so two statements)?"""
    if not a.known or not b.known:
        return False
    if a.year is not None and b.year is not None:
        return a.year != b.year
    # One said long before, the other in the present report.
    return (a.past and b.present and not b.past) or (b.past and a.present and not a.past)


_SAYING = (r"(?:said|says|told|tells|wrote|writes|posted|tweeted|added|remarked|declared|stated|argued|"
           r"announced|spoke|offered\s+support|endorsed|came\s+out|insisted|warned|promised|vowed|quipped)")
_YEAR = r"(?:19|20)\d\d"
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|"
          r"Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WHEN = (r"(?:(?:back\s+)?(?:in|during|on)\s+(?:(?:early|late|mid)[- ]?)?(?:" + _MONTH + r"\s+(?:\d{1,2},?\s+)?)?"
         r"(?P<year>" + _YEAR + r")\b|last\s+year|(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|"
         r"several|many|some)?\s*(?P<unit>years?|decades?)\s+(?:ago|earlier|before)|at\s+the\s+time)")
_GAP = r"(?:(?!(?:he|she|they|it|we|i|you|that|who|which|when|where|because|after|while|and|but)\b)[\w.'’-]+\s+){0,5}?"
"""Words between a saying and its time: 'offered support for gay marriage in
2009', but not 'said he inherited in 2010' (a new clause, another time)."""
_SAID_WHEN = re.compile(r"\b" + _SAYING + r"\s+" + _GAP + _WHEN + r"\b", re.I)
_WHEN_SAID = re.compile(r"\b" + _WHEN + r"\s+(?:\w+\s+){0,1}" + _SAYING + r"\b", re.I)
_OCCASION = re.compile(r"\b(?:in|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?P<year>" + _YEAR + r")\s+(?:\w+\s+)?(?:interview|speech|statement|address|testimony|"
                       r"op-ed|memoir|book|letter|debate|rally|hearing|remarks|comments|campaign|post|tweet)\b", re.I)
"""'in a 2016 interview': the year of an occasion for saying something."""
_OPENING = re.compile(r"^\W*" + _WHEN + r"\s*,", re.I)
"""'In 2009, ...' / 'Last year, ...': an opening time that governs the sentence."""
_PAST = re.compile(r"\b(?:once|long|previously|famously|formerly)\s+(?:\w+\s+)?(?:said|says|told|wrote|argued|"
                   r"declared|remarked|called)\b|\b(?:has|have|had)\s+long\s+(?:said|argued|maintained|called)\b")
"""Case-sensitive: 'Long said' names Brian Long."""
_ECHO = re.compile(r"\b(?:echo(?:ed|ing|es)?|repeat(?:ed|ing|s)?|borrow(?:ed|ing)\s+(?:his|her|their|the)\s+"
                   r"(?:words|language|phrase|line)|(?:in|using)\s+(?:his|her|their)\s+words)\b", re.I)
_PRESENT = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r"|today|yesterday|tonight|this\s+week)\b")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}


def _resolve(match: re.Match, published: datetime | None) -> QuoteTime:
    """The time a _WHEN (or _OCCASION) match names."""
    groups = match.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
        return QuoteTime(year=year, past=published is not None and year < published.year)
    text = match.group().lower()
    if "last" in text and "year" in text:
        return QuoteTime(year=published.year - 1, past=True) if published else QuoteTime(past=True)
    if groups.get("unit"):
        count = (groups.get("n") or "").lower()
        n = int(count) if count.isdigit() else _NUMBERS.get(count)
        if n is not None and published is not None:
            n *= 10 if groups["unit"].lower().startswith("decade") else 1
            return QuoteTime(year=published.year - n, past=n > 0)
    return QuoteTime(past=True)  # "years ago", "at the time"


def time_in(text: str, published: datetime | None, *, own: bool = True) -> QuoteTime:
    """When the saying a passage (its quotations blanked) reports took place.
    Not `own`: the passage is the sentence before the quote's, which times
    the quote only when it tells of a saying (not "Last year, the Clintons
    paid ...") and never by a weekday (another event's day)."""
    if _ECHO.search(text):
        # An echo is a new statement, made now, of someone's earlier words.
        return QuoteTime(year=published.year if published else None, present=True)
    patterns: tuple[re.Pattern[str], ...] = (_OPENING, _SAID_WHEN, _WHEN_SAID, _OCCASION)
    if not own and not re.search(r"\b" + _SAYING + r"\b", text, re.I):
        patterns = patterns[1:]
    for pattern in patterns:
        if match := pattern.search(text):
            return _resolve(match, published)
    if _PAST.search(text):
        return QuoteTime(past=True)
    if own and _PRESENT.search(text):
        return QuoteTime(year=published.year if published else None, present=True)
    return UNKNOWN


def _blank(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def quote_times(article: Article, quotes: list[Quote]) -> dict[int, QuoteTime]:
    """Each quote's time of saying, by its start offset in the article's body.

    A sentence holding several quotes is shared out: each quote reads the
    words nearer to it than to the next quote ("the 'wall' he promised
    during his 2016 campaign" is not the time of a 'barrier' further on)."""
    body = article.body
    spans = sorted((q.start, q.end) for q in quotes)
    sentences = sentence_spans(body, spans)
    result: dict[int, QuoteTime] = {}
    for quote in quotes:
        n = next((k for k, (s, e) in enumerate(sentences) if s <= quote.start < e), None)
        if n is None:
            result[quote.start] = UNKNOWN
            continue
        s, e = sentences[n]
        inside = [(a, b) for a, b in spans if s <= a < e]
        before = [b for a, b in inside if b <= quote.start]
        after = [a for a, b in inside if a >= quote.end]
        low = (max(before) + quote.start) // 2 if before else s
        high = (quote.end + min(after)) // 2 if after else e
        found = time_in(_blank(body[low:high], spans, low), article.published)
        if not found.known and n > 0 and not before and not re.search(r"\w", body[s:quote.start]):
            # "... offered support in 2009. 'I think ...,' he said." A quote
            # opening its sentence may be timed by the sentence before.
            ps, pe = sentences[n - 1]
            found = time_in(_blank(body[ps:pe], spans, ps), article.published, own=False)
        result[quote.start] = found
    return result
