"""Say in a few words what disputed readings are values of.

The findings list shows "Numbers differ: 47 (Fox) vs 48 (NYT), pages in the
indictment", so the phrase is a short noun or verb phrase from the first
reading's own sentence: the words around its value that the other readings'
sentences share.
"""

from __future__ import annotations

import re

from .features import content_stems, words
from .readings import _TIME_STEMS, ValueReading
from .values import MONTHS

Key = tuple[str, int]
_CLAUSE_BEFORE = re.compile(r"[,;:()—–]|[.!?](?=\s)")
_CLAUSE_AFTER = re.compile(r"[,;:()—–]|[.!?](?=\s|$)")
_LEADING = re.compile(r"^(?:on|in|of|for|at|to|by|from|with)\s+", re.I)
_TRAILING = re.compile(r"(?:\s+(?:in|on|at|of|from|since|by|for|to|the|a|an|later|earlier|late|early|roughly|"
                       r"nearly|about|around|almost|some|approximately|just|more|less|than|over|under|"
                       r"at least|up to|an estimated))+$", re.I)
"""Words that lead into a value, not part of what it is of ("earned roughly")."""
SIDE_WORDS = 8
NOUNS = {"date": "when", "money": "how much", "number": "how many", "name": "who"}


def describe(group: list[ValueReading], stems: dict[Key, set[str]]) -> str:
    """'how many: pages in the indictment', 'when: Federal agents arrested
    Cesar Sayoc', 'how much: ad buy attacking Roy Moore'."""
    first = group[0]
    noun = "how long" if first.duration else NOUNS[first.kind]
    if first.head and first.kind == "number":
        return f"{noun}: {_plural(first.unit_word)} in the {first.head_word}"
    if first.head and first.duration:
        return f"{noun}: the {first.head_word}"
    keys = [(r.article, r.passage.index) for r in group]
    others = set().union(*(stems[k] for k in keys if k != keys[0])) if len(set(keys)) > 1 else set()
    if first.kind == "date" and first.date and first.date.month and first.date.weekday is None:
        return f"{noun}: {_phrase_before(first, others, from_shared=True)}"
    nearest = set().union(*(r.near for r in group[1:]))
    before, after = _sides(first)

    def weight(side: list) -> int:
        """Words the others share, twice over those right beside their own values."""
        return sum((bool(set(content_stems(w)) & others) + bool(set(content_stems(w)) & nearest))
                   for _, _, w in side)

    shared_before, shared_after = weight(before), weight(after)
    # A date is of what was done before it ("arrested Cesar Sayoc on Friday"),
    # an amount as often of what follows it ("$500,000 ad buy").
    if shared_before and (first.kind == "date" or shared_before >= shared_after):
        phrase = _phrase_before(first, others, from_shared=first.kind != "date")
    elif shared_after:
        known = others | nearest
        last = max(n for n, (_, _, w) in enumerate(after) if set(content_stems(w)) & known)
        phrase = _LEADING.sub("", first.passage.text[after[0][0]:after[last][1]])
    else:
        phrase = _phrase_before(first, others, from_shared=True)
    return f"{noun}: {' '.join(phrase.split())}"


def _sides(reading: ValueReading) -> tuple[list, list]:
    """The words of the reading's clause before and after its value, as
    (start, end, word) in its passage's text."""
    passage = reading.passage
    text = passage.text
    before = text[:reading.start - passage.start]
    cuts = list(_CLAUSE_BEFORE.finditer(before))
    offset = cuts[-1].end() if cuts else 0
    before_words = [(s + offset, e + offset, w) for s, e, w in words(before[offset:])][-SIDE_WORDS:]
    after_start = reading.end - passage.start
    after = text[after_start:]
    cut = _CLAUSE_AFTER.search(after)
    after = after[:cut.start()] if cut else after
    after_words = [(s + after_start, e + after_start, w) for s, e, w in words(after)][:SIDE_WORDS]
    return before_words, after_words


def _phrase_before(first: ValueReading, others: set[str], from_shared: bool) -> str:
    """The words before the reading's value: from the first word the other
    passages share ("the removal of the group from its list of terrorist
    organizations"), or its clause's from the first content word."""
    passage = first.passage
    before = words(passage.text[:first.start - passage.start])[-11:]
    if not from_shared:
        clause, _ = _sides(first)
        before = clause[-7:] or before

    def starts(word: str) -> bool:
        found = set(content_stems(word))
        return bool(found) and not found <= _TIME_STEMS and word.lower() not in MONTHS and (
            not from_shared or bool(found & others))

    start = next((n for n, (_, _, word) in enumerate(before) if starts(word)), None)
    if start is not None and len(before) - start >= 2:
        return _TRAILING.sub("", passage.text[before[start][0]:before[-1][1]])
    shared = [w for _, _, w in words(passage.text) if set(content_stems(w)) & others and w.lower() not in MONTHS]
    return " ".join(dict.fromkeys(shared[:7])) or passage.text[:60]


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + "s"
