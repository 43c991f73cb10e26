"""Shingles: the overlapping word n-grams of an article's body, as 32-bit hashes.

Only the body counts: a republished wire story usually gets a new headline,
so the title would hide copies. Words are casefolded runs of letters and
digits, so punctuation, quote styles and spacing that differ between
outlets do not matter.
"""

from __future__ import annotations

import re
import zlib

SHINGLE_WORDS = 5
"""Words per shingle. On tests/bench/duplicates.py --sweep, copies score
about the same at 3 to 8 words (median resemblance 0.96 to 0.94), while
other outlets' reports of the same event fall from 0.24 (3 words, shared
quotes and names) to 0.20 at 5; longer shingles gain little more and are
broken by every changed word."""

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """The distinct shingle hashes of `text` (empty below `size` words).

    crc32 is C-fast and stable across processes and Python versions (unlike
    `hash`); 32 bits are plenty, as one article's shingles are only ever
    compared with another's. Measured faster than hashing each word once and
    combining the hashes in Python (64-bit products are big ints there)."""
    tokens = words(text)
    grams = zip(*(tokens[start:] for start in range(size)), strict=False)
    return {zlib.crc32(" ".join(gram).encode()) for gram in grams}


def jaccard(first: set[int], second: set[int]) -> float:
    """Exact resemblance of two shingle sets (the benchmark's yardstick)."""
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)
