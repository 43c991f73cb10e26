"""Who and what each article mentions, and whose voice it carries."""

from __future__ import annotations

import re
from collections import Counter

from ..article import Article
from ..names import LibraryNames
from ..names.merge import SPEAKER
from .model import CoverageRow, SharedQuote, Voice
from .quotes import same_speaker
from .values import describe_quantity, parse_quantity

_KINDS = {"PERSON": "person", "ORG": "org", "PLACE": "place"}
_ROLE_CUES = [
    ("international", re.compile(
        r"\b(United Nations|UN|NATO|EU|European Union|World Bank|IMF|International|Security Council|"
        r"rapporteur)\b")),
    ("official", re.compile(
        r"\b(minister|ministry|president|prime|spokes(?:man|woman|person)|ambassador|envoy|government|official|"
        r"embassy|secretary|chancellor|governor|mayor|senator|general|commander|kremlin|authorities|"
        r"department|state)\b", re.I)),
    ("civil society", re.compile(
        r"\b(activists?|rights|campaigners?|groups?|ngo|charity|former|opposition|critics?|union|"
        r"advocates?|lawyers?)\b", re.I)),
    ("expert", re.compile(r"\b(analysts?|experts?|professor|researcher|scholar|economist|fellow|think tank)\b", re.I)),
]


_TITLE_BEFORE = re.compile(
    r"((?:(?:[A-Z][\w’'-]*|spokes(?:man|woman|person)|minister|ambassador|president|envoy|official|chief|"
    r"leader|head|secretary)\s+){1,6})$"
)


def coverage_rows(articles: list[Article]) -> list[CoverageRow]:
    """Rows of mention counts per article, the most widely mentioned first.

    A person, organisation or place is one row however each article names
    it ('Barack Obama' in one, 'Obama' in another), as `index.names` merges them."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    entities = _entity_names(articles)
    for article in articles:
        analysis = article.analysis
        if not analysis:
            continue
        names = entities[article.id]
        for entity in analysis.entities:
            if entity.label in _KINDS:
                name = names[entity.label].get(entity.canonical) or entity.canonical
                counts.setdefault((_KINDS[entity.label], name), Counter())[article.id] += 1
            elif entity.label in ("NUMBER", "MONEY") and any(ch.isdigit() for ch in entity.text):
                value = parse_quantity(entity.text)
                if value is None or (entity.label == "NUMBER" and value < 10):
                    continue
                name = ("$" if "$" in entity.text else "") + describe_quantity(value)
                counts.setdefault(("number", name), Counter())[article.id] += 1
        for quote in analysis.quotes:
            if quote.kind != "scare" and quote.speaker and quote.speaker.canonical:
                name = names[SPEAKER].get(quote.speaker.canonical) or quote.speaker.canonical
                counts.setdefault(("speaker", name), Counter())[article.id] += 1
    order = ["speaker", "person", "org", "place", "number"]
    rows = [
        CoverageRow(kind, name, {a.id: counter.get(a.id, 0) for a in articles})
        for (kind, name), counter in counts.items()
    ]
    rows.sort(key=lambda r: (order.index(r.kind), -sum(1 for v in r.counts.values() if v), -sum(r.counts.values()), r.name))
    return rows


def _entity_names(articles: list[Article]) -> dict[str, dict[str, dict[str, str | None]]]:
    """Each article's canonical names, per label -> the entity they are
    across the compared articles (None: a short form left ambiguous there)."""
    stored = {article.id: _names(article) for article in articles}
    merged = LibraryNames(stored.values())
    return {article_id: merged.resolve(names) for article_id, names in stored.items()}


def _names(article: Article) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {label: [] for label in (*_KINDS, SPEAKER)}
    if article.analysis:
        for entity in article.analysis.entities:
            if entity.label in _KINDS:
                names[entity.label].append(entity.canonical)
        names[SPEAKER] = [q.speaker.canonical for q in article.analysis.quotes
                          if q.kind != "scare" and q.speaker and q.speaker.canonical]
    return names


def _people_names(articles: list[Article]) -> dict[str, str]:
    """Each person's canonical name in one article -> the fullest form any
    article uses (by shared surname; `index.compare.unique` keys facts by it)."""
    names = {e.canonical for a in articles if a.analysis for e in a.analysis.entities if e.label == "PERSON"}
    names |= {q.speaker.canonical for a in articles if a.analysis for q in a.analysis.quotes
              if q.speaker and q.speaker.canonical}
    fullest = {}
    for name in names:
        matches = [other for other in names if same_speaker(name, other)]
        fullest[name] = max(matches, key=len)
    return fullest


def name_speakers(articles: list[Article], shared: list[SharedQuote]) -> list[SharedQuote]:
    """Head each shared quote with the speaker's name as the matrix and the
    voices give it across the compared articles ("Donald Trump" in every
    group, not "Trump" in one because that outlet never gave his first name)."""
    entities = _entity_names(articles)
    for quote in shared:
        merged = {v.speaker: entities[v.article][SPEAKER].get(v.speaker) or v.speaker
                  for v in quote.variants if v.speaker}
        if quote.speaker in merged:
            quote.speaker = merged[quote.speaker]
        quote.speakers = list(dict.fromkeys(merged.get(s, s) for s in quote.speakers))
    return shared


def voices(articles: list[Article]) -> dict[str, list[Voice]]:
    """For each article: whom it quotes, how often, and as what."""
    entities = _entity_names(articles)
    result: dict[str, list[Voice]] = {}
    for article in articles:
        counter: Counter[str] = Counter()
        for quote in article.analysis.quotes if article.analysis else []:
            if quote.kind != "scare" and quote.speaker and quote.speaker.canonical:
                counter[quote.speaker.canonical] += 1
        merged = entities[article.id][SPEAKER]
        by_entity: dict[str, list[str]] = {}  # 'Obama' and 'Barack Obama' quoted in one article: one voice
        for speaker, _ in counter.most_common():
            by_entity.setdefault(merged.get(speaker) or speaker, []).append(speaker)
        found = []
        for name, speakers in by_entity.items():
            description = next((d for s in speakers if (d := describe_speaker(article, s))), "")
            found.append(Voice(name, sum(counter[s] for s in speakers), classify_role(speakers[0], description), description))
        found.sort(key=lambda voice: -voice.quotes)
        result[article.id] = found
    return result


def describe_speaker(article: Article, speaker: str) -> str:
    """How the article introduces the speaker: the title before the first
    mention ('Afghan Foreign Minister') or the apposition after it
    (', a former Afghan MP,')."""
    body = article.body
    mentions = [e for e in article.analysis.entities if e.canonical == speaker] if article.analysis else []
    for mention in mentions:
        after = re.match(r",\s+((?:a|an|the)\s+[^,.;:“\"]{3,80}?)[,.]", body[mention.end:mention.end + 100])
        if after:
            return after.group(1).strip()
        before = _TITLE_BEFORE.search(body[max(0, mention.start - 70):mention.start])
        if before:
            words = before.group(1).split()
            while words and words[0] in ("The", "the", "On", "In", "During", "This", "After", "However"):
                words = words[1:]
            if words and _ROLE_CUES[1][1].search(" ".join(words)):
                return " ".join(words)
    return ""


def classify_role(speaker: str, description: str) -> str:
    text = f"{description} {speaker}"
    if re.search(r"\bformer\b", description, re.I):
        return "expert" if _ROLE_CUES[3][1].search(description) else "civil society"
    for role, pattern in _ROLE_CUES:
        if pattern.search(text):
            return role
    return "other"
