"""What a search returns: ranked hits with snippets, totals and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..highlight import MatchTerms, Snippet, Span


@dataclass
class Hit:
    id: str
    title: str
    source: str
    published: datetime | None
    score: float
    lede: str = ""
    """Standfirst or opening text, shown when a hit has no snippet yet."""
    snippet: Snippet | None = None
    matches: list[Span] = field(default_factory=list)
    """Offsets of matched terms in the article body (when snippets were made)."""
    outlet: str = ""
    """The outlet by name (`index.outlets`): never a bare id."""
    slug: str = ""
    """A few words of the title, shown beside the id."""

    def __post_init__(self) -> None:
        if not self.outlet:  # a hit made without one (tests, older callers)
            from ..outlets import outlet_name

            self.outlet = outlet_name(self.source, title=self.title)

    @property
    def outlet_named(self) -> bool:
        """The outlet is a real name (source, site, host or feed), not the
        title's first words standing in for one."""
        from ..outlets import is_named

        return is_named(self.outlet, self.title)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "slug": self.slug,
            "title": self.title,
            "source": self.source,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "score": round(self.score, 4),
            "snippet": self.snippet.text if self.snippet else self.lede,
            "highlights": [list(s) for s in self.snippet.spans] if self.snippet else [],
            "matches": [list(s) for s in self.matches],
        }


@dataclass
class SearchResults:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    total_exact: bool = True
    """False when `total` is an estimate (very common words, or a search cut short)."""
    terms: MatchTerms = MatchTerms()
    """What the query matched, for highlighting."""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    """Sentences saying how the query was limited (fuzzy distance capped,
    expansions cut, time budget spent), to show beside the results."""

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "total_exact": self.total_exact,
            "suggestion": self.suggestion,
            "notes": list(self.notes),
            "hits": [hit.to_json() for hit in self.hits],
        }
