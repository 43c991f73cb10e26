"""Records of a comparison: what several articles share, omit, quote and dispute.

Every item points back into an article's clean body by character offsets,
so each claim can be traced to its text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class TextSpan:
    """A stretch of one article's body."""

    article: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Passage(TextSpan):
    """A sentence (or heading) of an article, the unit of alignment."""

    index: int = 0
    """Position among the article's passages."""
    paragraph: int = 0
    """Which paragraph of the body it belongs to."""
    heading: bool = False


@dataclass
class Alignment:
    """Passages of different articles that report the same thing."""

    passages: list[Passage]
    similarity: float

    def to_json(self) -> dict[str, Any]:
        return {
            "passages": [TextSpan.to_json(p) for p in self.passages],
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True)
class Unique(TextSpan):
    """What only one article reports: a whole passage, or a fact (a name,
    number or date) inside a passage that others do report."""

    kind: str = "passage"
    """'passage' or 'fact'."""
    label: str = ""
    """For facts: the entity label (PERSON, NUMBER, ...)."""
    trivial: bool = False
    """Not worth a reader's attention: furniture, a fragment, repeated background."""
    name: str = ""
    """For people and organisations: the name in full, as the compared
    articles give it ('Mitch McConnell' for 'Mr. McConnell')."""

    def to_json(self) -> dict[str, Any]:
        data = TextSpan.to_json(self)
        data["kind"] = self.kind
        if self.label:
            data["label"] = self.label
        if self.name:
            data["name"] = self.name
        data["trivial"] = self.trivial
        return data


@dataclass(frozen=True)
class WordChange:
    """One word-level difference of a quote variant from the group's first."""

    op: str
    """'replace', 'insert' (words only this variant has) or 'delete' (words it lacks)."""
    old: str
    new: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ChangeNote:
    """A quote variant's difference, as the parts a reader is shown.

    Every front end (the app's ledger, the CLI, the Markdown report) renders
    these parts in its own style; what is said stays the same everywhere.
    """

    kind: str
    """'replace', 'insert', 'delete', or 'excerpt' (a trimmed part of the fullest wording)."""
    old: str = ""
    new: str = ""

    @property
    def plain(self) -> str:
        if self.kind == "replace":
            return f"“{self.old}” → “{self.new}”"
        if self.kind == "insert":
            return f"adds “{self.new}”"
        if self.kind == "delete":
            return f"omits “{self.old}”"
        return "an excerpt of the fullest wording"


@dataclass(frozen=True)
class QuoteVariant(TextSpan):
    speaker: str | None = None
    """The speaker as this article names them (canonical), if it does."""
    changes: tuple[WordChange, ...] = ()
    """Differences from the group's first variant, its fullest wording (empty for that one)."""

    @property
    def is_excerpt(self) -> bool:
        """Its words are part of the fullest wording, in order, and nothing else."""
        return bool(self.changes) and all(c.op == "delete" for c in self.changes)

    def notes(self) -> list[ChangeNote]:
        """What a reader is told about this variant's wording: that it is an
        excerpt, or each word change from the fullest wording."""
        if self.is_excerpt:
            return [ChangeNote("excerpt")]
        return [ChangeNote(c.op, c.old, c.new) for c in self.changes]

    def to_json(self) -> dict[str, Any]:
        data = TextSpan.to_json(self)
        data["speaker"] = self.speaker
        data["excerpt"] = self.is_excerpt
        data["changes"] = [c.to_json() for c in self.changes]
        return data


@dataclass
class SharedQuote:
    """One statement as quoted by several articles."""

    speaker: str | None
    """Whom most variants name as the speaker (the fullest variant's on a tie)."""
    variants: list[QuoteVariant]
    speakers: list[str] = field(default_factory=list)
    """Every speaker the variants name, first named first."""
    disputed: bool = False
    """The variants name different speakers."""

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "variants": [v.to_json() for v in self.variants],
                "speakers": list(self.speakers), "disputed": self.disputed}


@dataclass(frozen=True)
class Reading(TextSpan):
    """One article's value for a disputed fact, and the sentence giving it."""

    value: str = ""
    """The value as normalised for comparison ('April 2024', 'April, this year')."""
    context: str = ""

    def to_json(self) -> dict[str, Any]:
        data = TextSpan.to_json(self)
        data["value"] = self.value
        data["context"] = self.context
        return data


@dataclass
class Conflict:
    """Articles giving different numbers, amounts, dates or names for the same thing."""

    about: str
    kind: str
    """'date', 'number', 'money' or 'name'."""
    readings: list[Reading]

    def to_json(self) -> dict[str, Any]:
        return {"about": self.about, "kind": self.kind, "readings": [r.to_json() for r in self.readings]}


@dataclass
class Finding:
    """One thing a reader should know about the comparison, said in words.

    Findings are ranked by how much they matter: conflicts first, then
    facts (names, numbers, quotes) only one outlet gives, then passages only
    one outlet reports. Trivial ones (short passages, furniture, repeated
    background) are kept but collapsed: listed last and skipped by `n`.
    """

    kind: str
    """'conflict', 'fact' or 'passage'."""
    description: str
    """What it is, in words: 'Only Fox: the DHS letter calling the shutdown “unconscionable”'."""
    spans: list[TextSpan]
    """Where it is: a conflict's reading in each article, else the one passage or fact."""
    weight: float
    """How much it matters (higher first); the list is sorted by it."""
    trivial: bool = False
    label: str = ""
    """For facts, the entity label (PERSON, MONEY, ...)."""

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(span.article for span in self.spans))

    @property
    def needs_context(self) -> bool:
        """A fact whose description does not already quote its words ('Only X
        gives 40' says little; 'Only X gives 40: …40 years of war…' says enough)."""
        return self.kind == "fact" and bool(self.spans) and ": " not in self.description

    def to_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "description": self.description,
                "spans": [TextSpan.to_json(s) for s in self.spans],
                "weight": round(self.weight, 3), "trivial": self.trivial}
        if self.label:
            data["label"] = self.label
        return data


COVERAGE_KINDS = {"speaker": "quoted", "person": "person", "org": "org", "place": "place", "number": "number"}


@dataclass
class CoverageRow:
    """How often each article mentions one person, organisation, place, number or speaker."""

    kind: str
    """'person', 'org', 'place', 'number' or 'speaker'."""
    name: str
    counts: dict[str, int]

    @property
    def heading(self) -> str:
        """The row's name as a table shows it: 'quoted: Sergei Lavrov', 'place: Kabul'."""
        return f"{COVERAGE_KINDS.get(self.kind, self.kind)}: {self.name}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Voice:
    """Someone an article quotes, how often, and in what capacity."""

    speaker: str
    quotes: int
    role: str
    """'official', 'civil society', 'expert' or 'other'."""
    description: str = ""
    """How the article introduces them ('Foreign Minister', 'a former Afghan MP')."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ArticleInfo:
    id: str
    title: str
    source: str
    published: str | None
    word_count: int
    outlet: str = ""
    """The outlet by name (`index.outlets`); the source or the title when not given."""
    slug: str = ""

    def __post_init__(self) -> None:
        if not self.outlet:
            from ..outlets import outlet_name

            self.outlet = outlet_name(self.source, title=self.title)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Comparison:
    articles: list[ArticleInfo]
    passages: dict[str, list[Passage]]
    """Every article's passages, in order (what the columns show)."""
    alignments: list[Alignment]
    unique: list[Unique]
    quotes: list[SharedQuote]
    conflicts: list[Conflict]
    coverage: list[CoverageRow]
    voices: dict[str, list[Voice]]
    findings: list[Finding] = field(default_factory=list)
    """Conflicts, unique facts and unique passages, most important first."""

    def labels(self, width: int | None = None) -> dict[str, str]:
        """A short name for each article, for column heads: its outlet by
        name (never its id), numbered when two articles share it ("Reuters",
        "Reuters (2)"). With `width`, each is cut to fit it, keeping the
        number, so labels that differ stay different."""
        labels: dict[str, str] = {}
        seen: dict[str, int] = {}
        for info in self.articles:
            seen[info.outlet] = seen.get(info.outlet, 0) + 1
            suffix = "" if seen[info.outlet] == 1 else f" ({seen[info.outlet]})"
            name = info.outlet
            if width is not None and len(name) + len(suffix) > width:
                name = name[: max(1, width - len(suffix) - 1)].rstrip(" …") + "…"
            labels[info.id] = name + suffix
        return labels

    def summary(self) -> list[str]:
        """The comparison in four counts: '3 aligned passages', '2 unique
        passages', '1 shared quote', '0 conflicts'."""
        unique = sum(u.kind == "passage" for u in self.unique)
        return [
            counted(len(self.alignments), "aligned passage"),
            counted(unique, "unique passage"),
            counted(len(self.quotes), "shared quote"),
            counted(len(self.conflicts), "conflict"),
        ]

    def passage_of(self, span: TextSpan) -> Passage | None:
        """The passage of the span's article that holds its start."""
        passages = self.passages.get(span.article, [])
        index = bisect_right([p.start for p in passages], span.start) - 1
        if 0 <= index < len(passages) and span.start < max(passages[index].end, passages[index].start + 1):
            return passages[index]
        return None

    def in_context(self, span: TextSpan, width: int = 90) -> str:
        """The sentence holding `span`, cut to about `width` characters around
        it (with '…' where words were left out); the span alone if none holds it."""
        passage = self.passage_of(span)
        if passage is None:
            return " ".join(span.text.split())
        text, start, end = passage.text, span.start - passage.start, span.end - passage.start
        if len(text) <= width:
            return " ".join(text.split())
        room = max(0, width - (end - start)) // 2
        left, right = max(0, start - room), min(len(text), end + room)
        left, right = max(0, min(left, right - width)), min(len(text), max(right, left + width))
        if left > 0:
            cut = text.find(" ", left, start)
            left = cut + 1 if cut >= 0 else left
        if right < len(text):
            cut = text.rfind(" ", end, right)
            right = cut if cut >= 0 else right
        cut_text = ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")
        return " ".join(cut_text.split())

    def group_of(self) -> dict[tuple[str, int], int]:
        """(article, passage index) -> index into `alignments`."""
        found = {}
        for number, alignment in enumerate(self.alignments):
            for passage in alignment.passages:
                found[(passage.article, passage.index)] = number
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": [a.to_json() for a in self.articles],
            "alignments": [a.to_json() for a in self.alignments],
            "unique": [u.to_json() for u in self.unique],
            "quotes": [q.to_json() for q in self.quotes],
            "conflicts": [c.to_json() for c in self.conflicts],
            "findings": [f.to_json() for f in self.findings],
            "matrix": {
                "articles": [a.id for a in self.articles],
                "rows": [r.to_json() for r in self.coverage],
                "voices": {article: [v.to_json() for v in voices] for article, voices in self.voices.items()},
            },
        }


def counted(n: int, noun: str) -> str:
    """'1 conflict', '2 conflicts'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
