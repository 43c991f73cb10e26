"""Two weekdays given for one act of one actor: "the House voted later on
Wednesday to override the veto" / "the override ... followed by the House
on Thursday".

The clauses of such weekdays may share little more than the actor's name,
which the clause rule (conflicts.DAY_CLAUSE_WORDS) does not count: a
story's days share their actors. They are one act when

- the same body (a chamber, a court, a department: not a person, who acts
  every day of a story), and no other name, is what both clauses are about;
- the two sentences share a word of what was done that one of the clauses
  has (vote, override), not a word of saying (an actor says things every
  day);
- neither article gives that actor another day: an outlet telling of the
  Senate voting on Tuesday and again on Thursday is telling of two votes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .features import content_stems

if TYPE_CHECKING:
    from .readings import ValueReading

_SAYING = frozenset(content_stems(
    "say says said saying tell tells told telling announce announced announces statement state stated declare "
    "declared add added note noted comment commented interview interviewed speak spoke speaking tweet tweeted "
    "write wrote written report reported call called ask asked respond responded reply replied claim claimed "
    "insist insisted argue argued warn warned explain explained"))
MIN_ACTS = 1
ACT_CLOSENESS = 0.8
"""The act is told right by the weekday: within two content words of it."""


def same_act(a: ValueReading, b: ValueReading) -> bool:
    """Are two weekdays given for one act of one actor?"""
    if not a.actor or a.actor != b.actor or a.names != b.names:
        return False
    if a.actor_days != 1 or b.actor_days != 1:
        return False  # the article has the actor at work on two days
    names = set(content_stems(" ".join(a.names)))
    sentence_a, sentence_b = set(content_stems(a.passage.text)), set(content_stems(b.passage.text))
    acts = {stem for stem, closeness in (*a.near.items(), *b.near.items()) if closeness >= ACT_CLOSENESS}
    return len((acts & sentence_a & sentence_b) - names - _SAYING) >= MIN_ACTS
