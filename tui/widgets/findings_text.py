"""What a reader is told about a comparison's findings, as plain strings:
the kind's marker, a fact in the words around it, the counts.

Shared by the app's findings view and the command line's summary, so it
imports neither Textual nor Rich. Every string here is untrusted text
(descriptions and contexts quote articles): callers make it `Content` or
`Text`, never markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from index.api import Comparison, Passage

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


def needs_context(finding: FindingLike) -> bool:
    """A fact whose description does not already quote its words ('Only X
    gives 40' says little; 'Only X gives 40: …40 years of war…' says enough)."""
    return finding.kind == "fact" and bool(finding.spans) and ": " not in finding.description


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


def passage_of(comparison: Comparison, span: Span) -> tuple[int, Passage] | None:
    """The passage of the span's article that holds its start: (index, passage)."""
    passages = comparison.passages.get(span.article, [])
    starts = [p.start for p in passages]
    index = bisect_right(starts, span.start) - 1
    if 0 <= index < len(passages) and passages[index].start <= span.start < max(passages[index].end, span.start + 1):
        return index, passages[index]
    return None


def in_context(comparison: Comparison, span: Span, width: int = CONTEXT_WIDTH) -> str:
    """The words around a span (its sentence), cut to about `width`
    characters centred on it, with '…' where words were left out.
    The span's own text when its passage is not found."""
    found = passage_of(comparison, span)
    if found is None:
        return " ".join(span.text.split())
    passage = found[1]
    text = passage.text
    start, end = span.start - passage.start, span.end - passage.start
    if len(text) > width:
        room = max(0, width - (end - start)) // 2
        left, right = max(0, start - room), min(len(text), end + room)
        # Give unused room on one side to the other.
        left = max(0, min(left, right - width))
        right = min(len(text), max(right, left + width))
        if left > 0:
            cut = text.find(" ", left, start)
            left = cut + 1 if cut >= 0 else left
        if right < len(text):
            cut = text.rfind(" ", end, right)
            right = cut if cut >= 0 else right
        text = ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(passage.text) else "")
    return " ".join(text.split())
