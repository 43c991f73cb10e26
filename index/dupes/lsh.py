"""Locality-sensitive hashing of signatures, and the rule that makes a pair near duplicates.

A signature is cut into BANDS bands of ROWS values; two articles become
candidates when any band agrees, which for resemblance s happens with
probability 1 - (1 - s**ROWS) ** BANDS: 0.68 at 0.3, 0.95 at 0.4, over
0.999 at 0.5. Each candidate is then judged on its estimated resemblance.
"""

from __future__ import annotations

from .minhash import NUM_HASHES, Signature, similarity

BANDS = 42
ROWS = 3
"""42 bands of 3 (126 of the 128 values): copies cut by half (resemblance 0.36
and up in tests/bench/duplicates.py) are still candidates most of the time."""
assert BANDS * ROWS <= NUM_HASHES

THRESHOLD = 0.5
"""Estimated resemblance (Jaccard of 5-word shingles) from which two articles
are near duplicates. Wire copies with small edits score 0.6-1.0 (median
0.95); other outlets' reports of the same event score at most 0.20 on BASIL
(tests/bench/duplicates.py --sweep), so the gap is wide either side."""
CONTAINED = 0.8
"""... or the share of the shorter article's shingles found in the longer
one, for copies cut to half their length (as subs cut wire copy) ..."""
CONTAINED_FLOOR = 0.25
"""... provided the resemblance is at least this: a paragraph quoted inside
a long article is not a republication."""
MIN_SHINGLES = 20
"""Articles shorter than this many shingles (about 24 words: a teaser, a
caption) are not compared: too little text to call a copy."""

_PRIME = 0x100000001B3  # FNV-1's 64-bit prime
_MIX = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per band (SQLite's INTEGER), the band's number
    mixed in. A chance collision only adds a candidate, which is then judged."""
    keys = []
    for band in range(BANDS):
        key = band + 1
        for value in sig[band * ROWS : (band + 1) * ROWS]:
            key = ((key * _PRIME) ^ value) & _MASK64
        key = (key * _MIX) & _MASK64
        keys.append(key - (1 << 64) if key >= 1 << 63 else key)
    return keys


def near_duplicate(first: Signature, first_size: int, second: Signature, second_size: int) -> float | None:
    """The estimated resemblance if the two are near duplicates, else None."""
    resemblance = similarity(first, second)
    if resemblance >= THRESHOLD:
        return resemblance
    if resemblance < CONTAINED_FLOOR:
        return None
    # |A ∩ B| = J (|A| + |B|) / (1 + J), over the shorter of the two.
    shared = resemblance * (first_size + second_size) / (1 + resemblance)
    return resemblance if shared / min(first_size, second_size) >= CONTAINED else None
