"""Records of text analysis: entities, quotations and their speakers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY", "NUMBER")
NAMED_LABELS = ("PERSON", "ORG", "PLACE")
"""The labels of names (the rest are dates, money and numbers)."""


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    canonical: str
    """The name this mention groups under ('Muttaqi' -> 'Amir Khan Muttaqi')."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """The speaker mention nearest a quote (may be a pronoun) and who it is."""

    text: str
    start: int
    end: int
    canonical: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    """Offsets of the quoted words, inside the quotation marks."""
    text: str
    speaker: SpeakerRef | None
    cue: str | None
    kind: str = "direct"
    """'direct' (someone said it), 'scare' (a quoted term, no speaker) or 'unattributed'."""

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "cue": self.cue,
            "kind": self.kind,
        }


@dataclass
class Analysis:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "entities": [e.to_json() for e in self.entities],
            "quotes": [q.to_json() for q in self.quotes],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        quotes = []
        for q in data.get("quotes", []):
            speaker = SpeakerRef(**q["speaker"]) if q.get("speaker") else None
            quotes.append(Quote(q["start"], q["end"], q["text"], speaker, q.get("cue"), q.get("kind", "direct")))
        return cls([Entity(**e) for e in data.get("entities", [])], quotes)

    def canonical_names(self, label: str) -> list[str]:
        """Distinct canonical names of one label, in order of first mention."""
        seen: dict[str, None] = {}
        for entity in self.entities:
            if entity.label == label:
                seen.setdefault(entity.canonical, None)
        return list(seen)

    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for quote in self.quotes:
            if quote.speaker and quote.speaker.canonical:
                seen.setdefault(quote.speaker.canonical, None)
        return list(seen)
