"""The built-in entity recogniser: gazetteers, title cues and capitalisation.

No model and no heavy dependency: a pass over the tokens with dictionary
look-ups, fast enough to analyse a library of thousands of articles in
seconds. Its rules, in order of trust:

1. Known names (countries, cities, regions, organisations, news agencies),
   longest match first.
2. Titles and roles before a name ("Foreign Minister X", "spokesperson X").
3. The shape of a capitalised run: an organisation head word at its end
   ("... Ministry", "... Party"), a known first name at its start, an
   acronym, a country or demonym before a government body.
4. Mentions that repeat part of a name already found ("Muttaqi").

The rules themselves are ordered lists of small functions: `NAME_RULES` and
`RUN_RULES` (name_rules.py) while walking the tokens, then `SPAN_RULES`
(span_rules.py) over what they found. Each call works on its own `Pass`
(context.py), so one engine serves any number of threads.
"""

from __future__ import annotations

import re

from .context import Pass, headline_tokens
from .gazetteer import Gazetteer, load, name_key
from .grammar import find_dates_money_numbers
from .model import Entity
from .name_rules import find_names
from .span_rules import SPAN_RULES
from .text import tokenize


class BuiltinEngine:
    """Rule-based recogniser; `entities(text)` returns offsets into `text`.

    It holds only what every call shares and never changes (the gazetteer),
    so one instance may analyse several texts at once."""

    name = "builtin"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load()
        self._heads = self.gaz.place_heads | self.gaz.org_heads | self.gaz.other_heads
        """Last words that make a run a place, organisation or event, never a person."""

    def entities(self, text: str) -> list[Entity]:
        p = Pass.of(text, self.gaz, self._heads)
        find_names(p)
        for rule in SPAN_RULES:
            p.spans = rule(p)
        entities = canonicalise([p.entity(span) for span in p.spans], self.gaz)
        taken = [(e.start, e.end) for e in entities]
        for start, end, label in find_dates_money_numbers(text):
            if all(end <= s or start >= e for s, e in taken):
                value = text[start:end]  # one string for text and canonical form: held per entity until the chunk commits
                entities.append(Entity(start, end, value, label, value))
        entities.sort(key=lambda e: e.start)
        return entities


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines written in Title Case (headings,
    headlines): capitals there say nothing about names."""
    tokens = tokenize(text)
    flags = headline_tokens(text, tokens, all_caps=False)
    spans: list[tuple[int, int]] = []
    for token, flagged in zip(tokens, flags, strict=True):
        if not flagged:
            continue
        if spans and "\n" not in text[spans[-1][1]:token.start]:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


_HONORIFIC = re.compile(r"^(?:(?:Mawlawi|Maulvi|Mullah|Sheikh|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Dame)\s+)+")


_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})


def _surname(name: str) -> str:
    """The last word of a name that is no suffix ("Joseph R. Biden Jr" -> "Biden")."""
    words = name.split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1]


def canonicalise(entities: list[Entity], gaz: Gazetteer) -> list[Entity]:
    """Group mentions: people by their fullest name, places and organisations by alias."""
    people = [e for e in entities if e.label == "PERSON"]
    # Longest first; between names of one length the first mentioned wins (a
    # set's order would change with Python's hash seed, and so the result).
    full_names = sorted(dict.fromkeys(_HONORIFIC.sub("", e.text) for e in people), key=len, reverse=True)
    result = []
    for entity in entities:
        canonical = entity.canonical
        if entity.label == "PERSON":
            name = _HONORIFIC.sub("", entity.text)
            words = name.split()
            canonical = next(
                (full for full in full_names if _surname(full) == _surname(name) and set(words) <= set(full.split())),
                name,
            )
        elif entity.label in ("PLACE", "ORG"):
            hit = gaz.names.get(name_key(entity.text.removeprefix("the ")))
            if hit and hit[0] == entity.label:
                canonical = hit[1]
            elif canonical == entity.text:
                canonical = entity.text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
        result.append(Entity(entity.start, entity.end, entity.text, entity.label, canonical))
    return result
