"""Span rules that read the words around a name: organisation names joined
by "and", and the common nouns that say a capitalised run is a firm, a band
or a title of a work rather than a person.

They run among the `SPAN_RULES` (span_rules.py), after overlaps are
resolved and before later mentions are matched.
"""

from __future__ import annotations

from .context import Pass, Span
from .gazetteer import name_key

# A lower-case noun right before a name that makes it an organisation
# ("games firm Electronic Arts", "law firm Greenberg Traurig", "the band
# Franz Ferdinand"), and one right after ("Goldman Sachs analysts").
FIRM_BEFORE = frozenset(
    "firm firms company companies group bank banks lender insurer retailer maker makers giant carrier operator "
    "broadcaster network publisher label studio band newspaper magazine tabloid agency consultancy "
    "analysts watchdog regulator club side outfit charity airline chain manufacturer brewer supermarket "
    "exchange conglomerate startup start-up".split()
)
FIRM_AFTER = frozenset(
    # Not "spokesman", "aides" or "shares": "a Pelosi spokesman", "Obama shares his view".
    "analyst analysts shareholders executives subsidiary subsidiaries division takeover profits revenues "
    "customers frontman guitarist drummer".split()
)
# ... and the nouns that make it the title of a work, a character or a
# product: not a person, organisation or place ("the film Vera Drake",
# "Harry Potter books", "Vera Drake star Imelda Staunton").
WORK_BEFORE = frozenset(
    "film movie album single song novel musical series sitcom drama comedy documentary opera programme "
    "character console handset browser".split()
)
WORK_AFTER = frozenset(
    "film films movie movies star stars director directors author album albums book books novel novels series "
    "franchise game games show sequel soundtrack actor actress actors cast console consoles character "
    "characters creator producer producers premiere".split()
)
_ARTICLES = frozenset({"the", "a", "an", "its", "his", "her", "their"})
# After a possessive ("Franz Ferdinand's self-titled album"): a band's or
# an artist's things; with a band word it is a band.
BAND_THINGS = frozenset({"album", "albums", "single", "singles", "frontman", "guitarist", "drummer", "bassist",
                         "tour", "debut"})
# A job, then "at" a name: the name is an employer ("director of product at
# Ask Jeeves"); a performance, then "in" a name: a film or show ("her
# performance in Vera Drake").
JOBS = frozenset(
    "director executive executives president chairman chief head manager officer analyst analysts economist "
    "economists researcher researchers engineer engineers employee employees worker workers staff strategist "
    "spokesman spokeswoman spokesperson boss founder partner partners vice-president".split()
)
PERFORMANCES = frozenset("role roles performance performances starring starred appeared appears appearance "
                         "cameo turn stars".split())
_APPOSITION = frozenset({",", "-", "–", "—"})
_HEAD_ENDS = frozenset({",", ".", ";", ":", "-", "–", "—", "that", "which", "whose", "about", "of", "in", "from",
                        "for", "with", "and", "based", "starring", "directed", "has", "had", "is", "was", "said"})


def organisations_with_and(p: Pass) -> list[Span]:
    """"the Office of Management and Budget", "the Securities and Exchange
    Commission": an organisation's name may hold an "and" that the
    capitalised run stopped at."""
    tokens, gaz = p.tokens, p.gaz
    taken = {k: s for s in p.spans for k in range(s.start, s.end)}
    result: list[Span] = []
    spans = list(p.spans)
    skip: set[int] = set()
    for n, span in enumerate(spans):
        if n in skip:
            continue
        if span.label == "ORG" and not span.canonical:
            words = p.words(span.start, span.end)
            end = span.end
            # "... of Management" + "and Budget": up to three capitalised words, then no more.
            if "of" in words and end + 1 < len(tokens) and tokens[end].text == "and":
                tail = p.capitalised_run(end + 1, allow_connectors=False)
                next_word = tokens[tail].text if tail < len(tokens) else ""
                if 1 <= tail - end - 1 <= 3 and _plain_words(p, end + 1, tail) and next_word not in ("of", "-"):
                    for m in range(n + 1, len(spans)):
                        if spans[m].start < tail:
                            skip.add(m)
                    span = Span(span.start, tail, "ORG")
            # "the" + "Securities" + "and" + "Exchange Commission"
            start = span.start
            if (
                start >= 3 and tokens[start - 1].text == "and" and tokens[start - 2].is_capitalised
                and tokens[start - 2].is_word and tokens[start - 3].text.lower() == "the"
                and _joinable(taken.get(start - 2), start - 2, tokens)
                and p.tokens[span.end - 1].text in gaz.org_heads and _plain_words(p, start - 2, start - 1)
            ):
                if result and result[-1] is taken.get(start - 2):
                    result.pop()
                span = Span(start - 2, span.end, "ORG")
        result.append(span)
    return result


def _joinable(before: Span | None, k: int, tokens) -> bool:
    """May the word at k join the name after "and"? Not when it is a name
    of its own ("the IRS and Treasury Department"), unless it is just that
    one capitalised word ("Securities")."""
    return before is None or (before.start == k and before.end == k + 1 and not tokens[k].text.isupper())


def _plain_words(p: Pass, start: int, end: int) -> bool:
    """Words that may be part of an organisation's name: no known place,
    person's first name or demonym."""
    for k in range(start, end):
        word = p.tokens[k].text
        if word in p.gaz.first_names or word in p.gaz.demonyms or word in p.gaz.not_names or "-" in word:
            return False
        hit = p.gaz.names.get(name_key(word))
        if hit and hit[0] == "PLACE":
            return False
    return True


def firms_and_works(p: Pass) -> list[Span]:
    """A 'person' the article calls a firm or band is an organisation; one
    it calls a film, book or game is no name at all. One mention saying so
    decides every mention of the same words in the article. (Only words
    right beside the name count: "Blair's spokesman" is about a person.)"""
    tokens = p.tokens
    verdicts: dict[str, str] = {}
    for span in p.spans:
        if span.label != "PERSON" or span.titled:
            continue
        before = tokens[span.start - 1].text if span.start else ""

        def before_is(word: str, start: int = span.start) -> bool:
            return start > 0 and tokens[start - 1].text == word

        if before.lower() in _ARTICLES and span.start >= 2:
            before = tokens[span.start - 2].text
        after = tokens[span.end].text if span.end < len(tokens) else ""
        key = " ".join(p.words(span.start, span.end))
        described = _apposition_head(p, span.end)
        # "Harry Potter and the Prisoner of Azkaban": the start of a title
        and_the = after == "and" and p.words(span.end + 1, span.end + 3)[:1] in (["the"], ["The"]) and (
            span.end + 2 < len(tokens) and tokens[span.end + 2].is_capitalised
        )
        earlier = set(p.words(max(0, span.start - 5), span.start - 1)) if span.start else set()
        if before_is("in") and earlier & PERFORMANCES:
            verdicts[key] = "WORK"
        elif before_is("at") and earlier & JOBS and after not in ("'s", "’s"):
            verdicts.setdefault(key, "ORG")
        if before in WORK_BEFORE or after in WORK_AFTER or described in WORK_BEFORE or and_the:
            verdicts[key] = "WORK"
        elif (before in FIRM_BEFORE or after in FIRM_AFTER or described in FIRM_BEFORE) and key not in verdicts:
            verdicts[key] = "ORG"
        elif after in ("'s", "’s") and BAND_THINGS & set(p.words(span.end + 1, span.end + 4)):
            verdicts.setdefault(key, "ORG")
    # An article that also calls someone by the name's last word alone
    # ("the Obama book" ... "Obama said") is writing about a person.
    surnames = {tokens[s.start].text for s in p.spans if s.label == "PERSON" and s.end - s.start == 1}
    verdicts = {name: verdict for name, verdict in verdicts.items() if name.split()[-1] not in surnames}
    if not verdicts:
        return p.spans
    result = []
    for span in p.spans:
        verdict = None
        if span.label == "PERSON" and not span.titled:
            verdict = verdicts.get(" ".join(p.words(span.start, span.end)))
        if verdict == "WORK":
            continue
        result.append(Span(span.start, span.end, "ORG", span.canonical) if verdict == "ORG" else span)
    return result


def _apposition_head(p: Pass, k: int) -> str:
    """The head noun of a short description set off after a name
    ("Deutsche Boerse, the German stock exchange that ...", "Vera Drake -
    Leigh's 1950s drama about ..."): the lower-case word before the
    description ends, if it ends within six words; else ""."""
    tokens = p.tokens
    if k >= len(tokens) or tokens[k].text not in _APPOSITION:
        return ""
    words = p.words(k + 1, min(len(tokens), k + 8))
    if not words or words[0].lower() not in ("the", "a", "an") and not (len(words) > 1 and words[1] in ("'s", "’s")):
        return ""
    for n in range(1, len(words)):
        if words[n] in _HEAD_ENDS:
            head = words[n - 1]
            return head if head.islower() else ""
    return ""


def not_after_the(p: Pass) -> list[Span]:
    """"The Motorcycle Diaries", "the Spotless Mind": a name after "the" is
    a title or a thing, not a person (who is never "the Tony Blair"),
    unless the article calls someone by its last word alone."""
    tokens = p.tokens
    surnames = {tokens[s.start].text for s in p.spans if s.label == "PERSON" and s.end - s.start == 1}
    result = []
    for span in p.spans:
        if (
            span.label == "PERSON" and not span.titled and span.end - span.start >= 2 and span.start > 0
            and tokens[span.start - 1].text in ("the", "The") and span.start - 1 not in p.sentence_starts
            and tokens[span.end - 1].text not in surnames  # "the Hillary Clinton campaign" ... "Clinton said"
        ):
            continue
        result.append(span)
    return result

