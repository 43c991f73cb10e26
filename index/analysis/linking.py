"""Links between mentions within one article, once every name is found:
acronyms to the names they abbreviate ("Department of Homeland Security
(DHS)", then "DHS"), and role nouns to the person the article said holds
the role ("Prime Minister Tony Blair", then "the prime minister")."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import NAMED_LABELS, Analysis, Entity

_MINOR = frozenset({"of", "and", "the", "for", "on", "in", "to", "de", "&"})


def initials(name: str) -> str:
    """'Department of Homeland Security' -> 'DHS' (minor words skipped)."""
    words = [w for w in re.split(r"[\s-]+", name.replace(".", "")) if w and w.lower() not in _MINOR]
    # "UK Independence Party" -> "UKIP": an acronym inside gives all its letters
    return "".join(w if w.isupper() else w[0] for w in words).upper()


def _acronym(text: str) -> str | None:
    bare = text.replace(".", "")
    return bare if 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper() else None


def link_acronyms(text: str, entities: list[Entity]) -> list[Entity]:
    """An organisation's acronym takes the canonical name of the one
    organisation in the article whose initials spell it; one given in
    brackets after a name ("... Security (DHS)") is linked to that name
    even when its initials differ."""
    expansions: dict[str, set[str]] = {}
    orgs = [e for e in entities if e.label == "ORG" and " " in e.canonical]
    for entity in orgs:
        expansions.setdefault(initials(entity.canonical), set()).add(entity.canonical)
    bracketed: dict[str, str] = {}
    for before, after in zip(entities, entities[1:], strict=False):
        acronym = _acronym(after.text)
        if acronym and before.label == "ORG" and re.fullmatch(r"\s*\(\s*", text[before.end:after.start]):
            bracketed.setdefault(acronym, before.canonical)
    result = []
    for entity in entities:
        acronym = _acronym(entity.text) if entity.label in ("ORG", "PERSON") else None
        if acronym and entity.canonical == entity.text:
            found = bracketed.get(acronym)
            if found is None and len(expansions.get(acronym, ())) == 1:
                found = next(iter(expansions[acronym]))
            if found and found != entity.canonical:
                entity = Entity(entity.start, entity.end, entity.text, "ORG", found)
        result.append(entity)
    return result


@lru_cache(maxsize=4)
def _title_before(roles: tuple[str, ...]) -> re.Pattern[str]:
    """A role written as a title right before a name ("Prime Minister "), longest first."""
    alternatives = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(roles, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\.?\s+$")


def link_roles(text: str, entities: list[Entity], roles: tuple[str, ...]) -> list[Entity]:
    """"the prime minister" after "Prime Minister Tony Blair": a mention of
    the one person the article gave that title to. Roles given to two
    people ("President Obama", "President Putin") link nothing, and nor
    does a qualified role ("the president of the club")."""
    title_before = _title_before(tuple(roles))
    holders: dict[str, set[str]] = {}
    first_named: dict[str, int] = {}
    for entity in entities:
        if entity.label != "PERSON":
            continue
        found = title_before.search(text[max(0, entity.start - 40):entity.start].lower())
        if found:
            role = " ".join(found.group(1).split())
            holders.setdefault(role, set()).add(entity.canonical)
            first_named.setdefault(role, entity.end)
    known = {role: next(iter(names)) for role, names in holders.items() if len(names) == 1}
    if not known:
        return entities
    pattern = re.compile(r"\b[Tt]he\s+(" + "|".join(re.escape(r) for r in sorted(known, key=len, reverse=True))
                         + r")\b(?!\s+(?:of|for|and)\b|-)", re.IGNORECASE)
    taken = [(e.start, e.end) for e in entities]
    added = []
    for match in pattern.finditer(text):
        role = match.group(1).lower()
        start, end = match.start(), match.end()
        if start < first_named[role] or any(s < end and start < e for s, e in taken):
            continue
        added.append(Entity(start, end, text[start:end], "PERSON", known[role]))
    return sorted(entities + added, key=lambda e: e.start) if added else entities


def confirm_title_names(title: Analysis, body: Analysis, body_text: str) -> Analysis:
    """A headline has no context of its own ("Ask Jeeves tips online ad
    revival", "Blair in pledge"): read its names as the article body reads
    them. An acronym of a name the body gives links to it; a name the body
    also gives takes the body's label and canonical name; one the body writes but never takes for a name is dropped; a
    surname alone takes the body's one full name ending in it; anything
    else stays as the headline found it."""
    by_text: dict[str, Entity] = {}
    for entity in body.entities:
        if entity.label in NAMED_LABELS:
            by_text.setdefault(entity.text, entity)
    full_names: dict[str, set[str]] = {}
    for entity in body.entities:
        if entity.label == "PERSON" and " " in entity.canonical:
            full_names.setdefault(entity.canonical.split()[-1], set()).add(entity.canonical)
    kept = []
    for entity in title.entities:
        if entity.label in NAMED_LABELS:
            same = by_text.get(entity.text)
            acronym = _acronym(entity.text)
            spelt = {e.canonical for e in body.entities if e.label == "ORG" and " " in e.canonical
                     and initials(e.canonical) == acronym} if acronym else set()
            if len(spelt) == 1 and (same is None or same.canonical == same.text):
                entity = Entity(entity.start, entity.end, entity.text, "ORG", spelt.pop())
            elif same is not None:
                entity = Entity(entity.start, entity.end, entity.text, same.label, same.canonical)
            elif entity.label == "PERSON" and " " not in entity.text and len(full_names.get(entity.text, ())) == 1:
                entity = Entity(entity.start, entity.end, entity.text, "PERSON", next(iter(full_names[entity.text])))
            elif _written_but_no_name(entity.text, body, body_text):
                continue
        kept.append(entity)
    return Analysis(entities=kept, quotes=title.quotes)


def _written_but_no_name(name: str, body: Analysis, body_text: str) -> bool:
    """Does the body write these words outside every name it found?"""
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", body_text):
        if not any(e.start <= match.start() and match.end() <= e.end for e in body.entities):
            return True
    return False
