"""Two weekdays given for one act of one actor: "the House voted later on
Wednesday to override the veto" / "the override ... followed by the House
on Thursday".

The clauses of such weekdays may share little more than the actor's name,
which the clause rule (conflicts.DAY_CLAUSE_WORDS) does not count: a
story's days share their actors. They are one act when

- the same body (a chamber, a court, a department: not a person, who acts
  every day of a story), and no other name, is what both clauses are about;
- one clause is the actor and the day alone ("followed by the House on
  Thursday"), so its act is its sentence's ("the override"), and the other
  tells that act right by its day ("voted ... to override"); a word of
  saying does not count (an actor says things every day);
- neither article gives that actor another day: an outlet telling of the
  Senate voting on Tuesday and again on Thursday is telling of two votes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .features import content_stems

if TYPE_CHECKING:
    from .readings import ValueReading

_SAYING_WORDS = ("say says said saying tell tells told telling announce announced announces statement state stated "
                 "declare declared add added note noted comment commented interview interviewed speak spoke speaking "
                 "tweet tweeted write wrote written report reported call called ask asked respond responded reply "
                 "replied claim claimed insist insisted argue argued warn warned explain explained promise promised "
                 "pledge pledged vow vowed")
_SAYING = frozenset(content_stems(_SAYING_WORDS))
_SAID = re.compile(r"\b(?:" + "|".join(_SAYING_WORDS.split()) + r")\b", re.IGNORECASE)
"""Also the common ones the stemmer drops as stop words ("said")."""
SAYING_WINDOW = 40
"""Characters before a weekday (and a quarter of it after) searched for a word of saying."""
MAX_ELLIPTIC_WORDS = 1
"""Words besides names a clause of the actor and the day alone may have ("followed")."""
ACT_CLOSENESS = 1.0
"""The act is told right by the weekday, next to it ("voted Wednesday to
override"): further off are what it was done to ("the spending bill")."""


def same_act(a: ValueReading, b: ValueReading) -> bool:
    """Are two weekdays given for one act of one actor?"""
    if not a.actor or a.actor != b.actor or a.names != b.names:
        return False
    if a.actor_days != 1 or b.actor_days != 1:
        return False  # the article has the actor at work on two days
    names = set(content_stems(" ".join(a.names)))
    # Clauses that both tell their act are left to the clause rule: one
    # word in common ("heard arguments in the case on Tuesday" / "rule on the
    # case by Friday") is too little to tell one act from another.
    return _borrows(a, _acts(b, names), names) or _borrows(b, _acts(a, names), names)


def _acts(reading: ValueReading, names: set[str]) -> set[str]:
    """What the clause says was done, right by the weekday; nothing when it
    tells of saying ("the House said Wednesday it would pass the bill":
    the day of the saying, not of the passing)."""
    text, start = reading.passage.text, reading.start - reading.passage.start
    window = text[max(0, start - SAYING_WINDOW):start + len(reading.text) + SAYING_WINDOW // 4]
    if set(reading.near) & _SAYING or _SAID.search(window):
        return set()
    return {stem for stem, closeness in reading.near.items() if closeness >= ACT_CLOSENESS and stem not in names}


def _borrows(elliptic: ValueReading, acts: set[str], names: set[str]) -> bool:
    """Is the clause the actor and the day alone ("followed by the House on
    Thursday"), its act that of its sentence, and that act the other's?"""
    own = set(elliptic.near) - names
    if len(own) > MAX_ELLIPTIC_WORDS or own & _SAYING:
        return False  # the clause tells its own act ("to rule on the case by Friday", "announced Thursday")
    # The act the clause borrows comes before it: "the override ..., followed
    # by the House on Thursday", not "In the House on Thursday, Democrats ...".
    before = elliptic.passage.text[:elliptic.start - elliptic.passage.start]
    return bool(acts & set(content_stems(before)))
