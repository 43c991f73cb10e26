"""Find where query terms occur in text and cut readable snippets around them.

Whoosh can highlight too, but it re-scores fragments for every hit. We only
need snippets for the rows on screen, and character offsets for the reader,
so this module tokenises just the text it is given the way the index's
analyzer does (the same stemming, so `sanction` marks `sanctions`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang.porter import stem as porter_stem

Span = tuple[int, int]


@dataclass(frozen=True)
class MatchTerms:
    """What a query matches, in analysed (stemmed) form."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    """Word sequences that only count together ("foreign ministry")."""

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    @classmethod
    def of(cls, terms: Collection[str] | MatchTerms) -> MatchTerms:
        return terms if isinstance(terms, MatchTerms) else cls(frozenset(terms))


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: list[Span]
    """Highlighted ranges, offsets into `text`."""

    def to_json(self) -> dict:
        return {"text": self.text, "highlights": [list(span) for span in self.spans]}


# The tokens of `TEXT_ANALYZER` (Whoosh's default RegexTokenizer pattern)
# and its stemmer, applied directly: running the full analyzer chain over a
# body costs ~1 ms, this costs a tenth of that, and snippets are made for
# every visible hit on every keystroke.
_TOKEN = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return porter_stem(word)


def match_offsets(text: str, terms: Collection[str] | MatchTerms) -> list[Span]:
    """Character ranges in `text` of the query's words and whole phrases."""
    terms = MatchTerms.of(terms)
    if not terms or not text:
        return []
    if not terms.phrases:
        return [m.span() for m in _TOKEN.finditer(text) if _stem(m.group().lower()) in terms.words]
    tokens = [(m.span(), _stem(m.group().lower())) for m in _TOKEN.finditer(text)]
    stems = [stem for _, stem in tokens]
    marked = [stem in terms.words for stem in stems]
    for phrase in terms.phrases:
        size = len(phrase)
        for start in range(len(stems) - size + 1):
            if tuple(stems[start:start + size]) == phrase:
                marked[start:start + size] = [True] * size
    return [span for (span, _), keep in zip(tokens, marked, strict=True) if keep]


_SENTENCE_START = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘'A-Z0-9])|\n\n")


def make_snippet(text: str, spans: list[Span], width: int = 180) -> Snippet:
    """The `width`-character window of `text` holding the most matches.

    With no matches it is the opening of the text. The window is widened to
    word boundaries, and to a sentence start when one is close.
    """
    if not text:
        return Snippet("", [])
    if not spans:
        start, end = 0, min(len(text), width)
    else:
        best_start, best_count = spans[0][0], 0
        right = 0
        for left, (span_start, _) in enumerate(spans):
            while right < len(spans) and spans[right][1] <= span_start + width:
                right += 1
            count = len({text[s:e].casefold() for s, e in spans[left:right]}) * 100 + (right - left)
            if count > best_count:
                best_start, best_count = span_start, count
        start = max(0, best_start - width // 4)
        sentence_starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, start - 60), best_start)]
        if sentence_starts:
            start = sentence_starts[-1]
        end = min(len(text), start + width)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    window = " ".join(text[start:end].split())
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    # Offsets shift where whitespace was folded; recompute them in the window.
    shifted = []
    raw = text[start:end]
    folded_positions = _fold_map(raw)
    for span_start, span_end in spans:
        if span_start >= start and span_end <= end:
            a = folded_positions[span_start - start]
            b = folded_positions[span_end - start - 1] + 1
            shifted.append((a + len(prefix), b + len(prefix)))
    return Snippet(prefix + window + suffix, shifted)


def _fold_map(raw: str) -> list[int]:
    """Map each index of `raw` to its index after `" ".join(raw.split())`."""
    positions: list[int] = []
    out = -1
    in_space = True  # leading whitespace is dropped
    for char in raw:
        if char.isspace():
            if not in_space:
                out += 1
                in_space = True
            positions.append(max(out, 0))
        else:
            out += 1
            in_space = False
            positions.append(out)
    return positions
