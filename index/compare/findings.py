"""Rank what a comparison found and say each finding in words.

Conflicts matter most (outlets disagree on a fact), then facts only one
outlet gives (a sum of money, a number, a person, a date, an
organisation, in that order), then passages only one outlet reports
(those naming people and giving numbers or quotes first). The facts one
outlet alone gives in one sentence are one finding, said with the clause
that gives them. Trivial findings -- furniture, a fragment, repeated
background, a source's name -- are kept, marked trivial and ranked last,
so a reader can still see them.
"""

from __future__ import annotations

import re

from .furniture import is_trivial
from .model import Comparison, Conflict, Finding, Passage, TextSpan, Unique

KIND_WEIGHT = {"conflict": 3.0, "fact": 2.0, "passage": 1.0}
LABEL_WEIGHT = {"MONEY": 0.5, "NUMBER": 0.4, "PERSON": 0.4, "DATE": 0.2, "ORG": 0.1}
"""What a fact is worth by kind: figures and people are news, organisations often only context."""
CONFLICT_NOUNS = {"number": "Numbers differ", "money": "Amounts differ", "date": "Dates differ", "name": "Names differ"}
NAME_LABELS = ("PERSON", "ORG", "PLACE")
DESCRIPTION_WIDTH = 110
"""Characters of a passage kept in its description (cut at a word)."""
CONTEXT_WIDTH = 90
"""Characters of the clause kept around a fact."""
QUOTE_WIDTH = 80

_DATELINE = re.compile(r"^(?:[A-Z][A-Z .,'’-]{2,40}(?:\([\w .]+\))?\s*(?:—|–|--|-|:)\s+)")
_LEAD_WORDS = re.compile(
    r"^(?:but|and|so|yet|still|however|meanwhile|also|in addition|additionally|moreover|notably|"
    r"interestingly|separately|instead)\b,?\s+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\s*(?:;|:|\s—\s|\s–\s|\s--\s|,\s(?=(?:and|but|while|which|who|whose|although|though|as|after|"
                           r"before|when|where|because|since|saying|according)\b))\s*")
_SAY = r"said|says|say|wrote|writes|told|tells|added|adds|tweeted|declared|insisted|warned|stated|argued|noted|asked"
_NAME = r"(?:(?:[A-Z][\w.'’-]*|of|the|de|van|von|al)\s?){1,5}"
_QUOTE_FIRST = re.compile(
    rf"^[\"“](?P<quote>[^\"“”]{{8,}}?)[,.!?…]*[\"”],?\s+(?:(?:{_SAY})\s+(?P<after>{_NAME})|"
    rf"(?P<before>{_NAME})\s*(?:{_SAY}))\b")
_QUOTE_AFTER = re.compile(
    rf"^(?P<speaker>{_NAME})\s*(?:{_SAY})(?:\s+\w+){{0,4}},?:?\s+[\"“](?P<quote>[^\"“”]{{8,}}?)[\"”]")
_NOT_SPEAKERS = frozenset("he she they it we i this that there the a an".split())


def rank_findings(comparison: Comparison) -> list[Finding]:
    names = comparison.labels()
    findings = [_conflict(c, names) for c in comparison.conflicts]
    by_passage: dict[tuple[str, int], list[Unique]] = {}
    for unique in comparison.unique:
        if unique.kind == "fact":
            passage = comparison.passage_of(unique)
            by_passage.setdefault((unique.article, passage.index if passage else -1), []).append(unique)
        else:
            findings.append(_passage_finding(unique, names, _people_in(comparison, unique.article)))
    for (article, index), facts in by_passage.items():
        passage = comparison.passages[article][index] if index >= 0 else None
        findings.append(_fact_finding(facts, passage, names))
    order = {info.id: n for n, info in enumerate(comparison.articles)}
    findings.sort(key=lambda f: (f.trivial, -f.weight, order[f.spans[0].article], f.spans[0].start))
    return findings


def _conflict(conflict: Conflict, names: dict[str, str]) -> Finding:
    by_value: dict[str, list[str]] = {}
    for reading in conflict.readings:
        by_value.setdefault(reading.text, []).append(names[reading.article])
    values = " vs ".join(f"{value} ({', '.join(outlets)})" for value, outlets in by_value.items())
    about = conflict.about.split(": ", 1)[-1]
    description = f"{CONFLICT_NOUNS.get(conflict.kind, 'Facts differ')}: {values}, {about}"
    spans = [TextSpan(r.article, r.start, r.end, r.text) for r in conflict.readings]
    return Finding("conflict", description, spans, KIND_WEIGHT["conflict"] + 0.1 * len(conflict.readings))


def _fact_finding(facts: list[Unique], passage: Passage | None, names: dict[str, str]) -> Finding:
    """One finding for the facts one outlet alone gives in one passage:
    'Only HuffPost gives $1 million: spent on broadcast TV before the Jan. 3 caucuses'."""
    facts = sorted(facts, key=lambda f: f.start)
    shown = [f for f in facts if not f.trivial] or facts
    named = [_one_line(f.name or f.text).strip(" ,;:") for f in shown if f.label in NAME_LABELS]
    given = [_one_line(f.text).strip(" ,;:") for f in shown if f.label not in NAME_LABELS]
    parts = []
    if named:
        parts.append(f"names {_listed(named)}")
    if given:
        parts.append(f"gives {_listed(given)}")
    description = f"Only {names[facts[0].article]} {' and '.join(parts)}"
    if passage is not None:
        context = _context(passage, shown)
        if context:
            description += f": {context}"
    best = max(shown, key=lambda f: LABEL_WEIGHT.get(f.label, 0.0))
    trivial = all(f.trivial for f in facts)
    weight = KIND_WEIGHT["fact"] + LABEL_WEIGHT.get(best.label, 0.0) + 0.05 * min(len(shown) - 1, 4)
    spans = [TextSpan(f.article, f.start, f.end, f.text) for f in shown]
    return Finding("fact", description, spans, 0.0 if trivial else weight, trivial=trivial, label=best.label)


def _people_in(comparison: Comparison, article: str) -> list[str]:
    """The people and organisations an article names or quotes, by their names in full."""
    return list(dict.fromkeys(row.name for row in comparison.coverage
                              if row.kind in ("speaker", "person", "org") and row.counts.get(article)))


def _full_name(speaker: str, people: list[str]) -> str:
    """'Mr. Johnson' as 'Ron Johnson' when the article names one person so;
    '' when it names no one or several so ("said Democracy for America":
    the words before the cue are not always a name)."""
    parts = speaker.split()
    for k in range(len(parts)):
        tail = parts[k:]
        found = {p for p in people if p.split()[-len(tail):] == tail}
        if found:
            return found.pop() if len(found) == 1 else ""
    return ""


def _passage_finding(unique: Unique, names: dict[str, str], people: list[str]) -> Finding:
    outlet = names[unique.article]
    span = TextSpan(unique.article, unique.start, unique.end, unique.text)
    text = _one_line(unique.text)
    trivial = unique.trivial or is_trivial(text)
    quoted = _quoted(text)
    if quoted:
        quoted = (_full_name(quoted[0], people), quoted[1])
    if quoted and quoted[0]:
        speaker, quote = quoted
        description = f"Only {outlet} quotes {speaker}: “{_cut(quote, QUOTE_WIDTH)}”"
    else:
        description = f"Only {outlet}: {_gist(text)}"
    # Passages naming people and giving figures or quotes carry more news.
    specifics = len(re.findall(r"\d[\d,.]*|(?<=\s)[A-Z][a-z]+", " " + " ".join(text.split()[1:])))
    weight = (KIND_WEIGHT["passage"] + 0.05 * min(specifics, 6) + (0.15 if quoted else 0.0)
              + min(len(text.split()), 40) / 200)
    return Finding("passage", description, [span], 0.0 if trivial else weight, trivial=trivial)


def _context(passage: Passage, facts: list[Unique]) -> str:
    """The clause of the passage that gives the facts, shortened: the
    passage's own words around them, not the whole sentence."""
    text = passage.text
    first = facts[0].start - passage.start
    last = facts[-1].end - passage.start
    # Clause boundaries: the last break before the first fact, the first after the last.
    start, end = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= first:
            start = match.end()
        elif match.start() >= last:
            end = match.start()
            break
    clause = text[start:end]
    if len(clause.split()) < 5:
        clause, start = text, 0  # a clause of a few words says too little
    first -= start
    last -= start
    if len(clause) > CONTEXT_WIDTH:
        # A window around the facts, cut at words.
        room = max(CONTEXT_WIDTH - (last - first), 20)
        left = max(0, first - room // 3)
        right = min(len(clause), last + room - (first - left))
        left_cut = left > 0
        right_cut = right < len(clause)
        clause = clause[left:right]
        if left_cut:
            clause = "…" + clause.split(" ", 1)[-1] if " " in clause else clause
        if right_cut:
            clause = clause.rsplit(" ", 1)[0] + "…" if " " in clause else clause
    return _tidy(clause)


def _tidy(text: str) -> str:
    text = _one_line(text).strip(" ,;:—–-")
    text = _DATELINE.sub("", text)
    text = _LEAD_WORDS.sub("", text)
    return text.rstrip(".")


def _quoted(text: str) -> tuple[str, str] | None:
    """(speaker, words) when the passage is mainly someone's quoted words
    and names them: '"…," Trump said.' or 'Pelosi said: "…"'."""
    match = _QUOTE_FIRST.match(text)
    if match:
        speaker = _speaker(match.group("after") or match.group("before") or "")
        return (speaker, match.group("quote").strip()) if speaker else None
    match = _QUOTE_AFTER.match(_tidy(text))
    if match and len(match.group("quote")) >= len(text) / 2:
        speaker = _speaker(match.group("speaker"))
        return (speaker, match.group("quote").strip(" ,.")) if speaker else None
    return None


def _speaker(words: str) -> str:
    """A quoted speaker's name as the passage gives it, without a leading
    article or title word; '' for a pronoun or a phrase that names no one."""
    words = words.strip(" ,")
    parts = words.split()
    while parts and parts[0].lower() in ("the", "a", "an", "of"):
        parts.pop(0)
    while parts and parts[-1].lower() in ("of", "the", "de", "van", "von", "al"):
        parts.pop()
    if not parts or parts[0].lower() in _NOT_SPEAKERS or not parts[0][0].isupper():
        return ""
    return " ".join(parts)


def _listed(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) > 3:
        items = items[:3] + [f"{len(items) - 3} more"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cut(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


def _gist(text: str) -> str:
    """The passage without dateline or opening conjunction, cut to a
    description's length at a word boundary."""
    tidy = _DATELINE.sub("", text)
    tidy = _LEAD_WORDS.sub("", tidy)
    tidy = tidy[:1].upper() + tidy[1:]
    if len(tidy) <= DESCRIPTION_WIDTH:
        return tidy
    # Cut at the last clause break that leaves enough to say something.
    breaks = [m.start() for m in re.finditer(r",\s|;\s|\s[—–]\s|\s--\s", tidy[:DESCRIPTION_WIDTH])]
    breaks = [b for b in breaks if b >= DESCRIPTION_WIDTH // 2]
    if breaks:
        return tidy[:breaks[-1]].rstrip() + "…"
    return _cut(tidy, DESCRIPTION_WIDTH)
