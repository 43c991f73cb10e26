"""What a reader is told about a comparison's findings, as plain strings:
the kind's marker, a fact in the words around it, the counts.

Shared by the app's findings view and the command line's summary, so it
imports neither Textual nor Rich. Every string here is untrusted text
(descriptions and contexts quote articles): callers make it `Content` or
`Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from index.api import Comparison

MARKERS = {"conflict": "≠", "fact": "◆", "passage": "¶"}
"""One character per kind of finding, before its description."""
KIND_NAMES = {"conflict": ("conflict", "conflicts"), "fact": ("fact", "facts"), "passage": ("passage", "passages")}
CONTEXT_WIDTH = 90
"""Characters of a fact's sentence quoted beside it (cut at words, around the fact)."""


class Span(Protocol):
    """A stretch of one article's body (a comparison's `TextSpan`)."""

    @property
    def article(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


class FindingLike(Protocol):
    """The fields of a comparison's `Finding` that are shown."""

    @property
    def kind(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def spans(self) -> Sequence[Span]: ...
    @property
    def trivial(self) -> bool: ...
    @property
    def needs_context(self) -> bool: ...


def marker(finding: FindingLike) -> str:
    return MARKERS.get(finding.kind, "•")


def counted(n: int, kind: str) -> str:
    one, many = KIND_NAMES.get(kind, (kind, kind + "s"))
    return f"{n} {one if n == 1 else many}"


def tally(findings: Sequence[FindingLike]) -> str:
    """'1 conflict · 14 facts · 26 passages · 3 trivial' (kinds with none left out)."""
    shown = [f for f in findings if not f.trivial]
    parts = [counted(n, kind) for kind in MARKERS if (n := sum(f.kind == kind for f in shown))]
    trivial = len(findings) - len(shown)
    if trivial:
        parts.append(f"{trivial} trivial")
    return " · ".join(parts) or "no findings"


def in_context(comparison: Comparison, span: Span, width: int = CONTEXT_WIDTH) -> str:
    """The words around a span (its sentence), cut to about `width`
    characters centred on it, with '…' where words were left out."""
    return comparison.in_context(span, width)  # type: ignore[arg-type]
