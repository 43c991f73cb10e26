"""Tokens and sentences with character offsets, as the analysers need them."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Words (with inner hyphens, apostrophes and dots: "al-Qaeda", "O'Brien",
# "U.S"), a possessive "'s" on its own, or one punctuation mark.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}(?![A-Za-z])"  # acronyms with dots: U.S., U.N.
    r"|[^\W\d_](?:[\w\-‐]|['’](?=[^\W\d_]{2,})|\.(?=[^\W\d_]\.?))*|['’]s\b|\d[\d,.:/]*\d|\d|[^\w\s]"
)

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen col capt lt sgt gov sen rep rev mt ft no vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m".split()
)

class Token:
    """A token and its offsets; the flags are computed once (the recogniser
    reads them hundreds of thousands of times a second)."""

    __slots__ = ("text", "start", "end", "is_capitalised", "is_word")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        first = text[0]  # tokens are never empty
        self.is_capitalised = first.isupper()
        self.is_word = first.isalpha()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[\"“‘'(\[A-Z0-9])|\n\s*\n|\n")


def sentence_spans(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; never split inside a `protected` span.

    Quotations are protected so that a quote holding several sentences
    stays in the sentence that introduces or attributes it.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if any(s < match.start() < e for s, e in protected):
            continue
        word = re.search(r"([\w.]+)[.!?…]*$", text[start:match.start() + 1])
        if word and match.group().startswith(".") and (
            word.group(1).lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1).rstrip("."))
        ):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
