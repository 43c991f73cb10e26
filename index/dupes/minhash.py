"""MinHash signatures by one-permutation hashing, in plain Python.

Why not datasketch (2.0.0): it pulls in numpy and scipy (158 MB
installed, about 1 s to import), and per article it is slower: 0.6 ms with
`update_batch`, 2.8 ms updating shingle by shingle, against 0.25 ms here,
shingling included (600 BBC articles, CPU time, 128 hashes each).

One-permutation hashing (Li, Owen and Zhang 2012) hashes each shingle once
and keeps the minimum per bin, so a signature costs one multiplication per
shingle instead of one per shingle per permutation. Empty bins (short
articles) borrow the next non-empty bin's value, offset by the distance
(rotation densification, Shrivastava and Li 2014), so two short copies
still agree where they should.
"""

from __future__ import annotations

import struct
from operator import eq

NUM_HASHES = 128
"""Bins in a signature; the estimate's standard error is about 0.04 at 0.5."""
_BIN_BITS = 7  # 2 ** 7 == NUM_HASHES
_MULTIPLIER = 0x9E3779B97F4A7C15  # Fibonacci hashing: spreads crc32's bits over all 64
_MASK64 = (1 << 64) - 1
_ROTATION = 0x9E3779B1  # added per bin skipped, so a borrowed value differs from its source
_PACK = struct.Struct(f"<{NUM_HASHES}I")

Signature = tuple[int, ...]


def signature(hashes: set[int]) -> Signature | None:
    """The MinHash signature of a set of 32-bit shingle hashes; None for an empty set."""
    if not hashes:
        return None
    shift = 64 - _BIN_BITS
    low_mask = (1 << shift) - 1
    empty = 1 << shift
    mins = [empty] * NUM_HASHES
    # One plain loop: measured faster than sorting and bisecting for each bin.
    for value in hashes:
        mixed = (value * _MULTIPLIER) & _MASK64
        slot = mixed >> shift
        low = mixed & low_mask
        if low < mins[slot]:
            mins[slot] = low
    result = [0] * NUM_HASHES
    for slot in range(NUM_HASHES):
        distance = 0
        source = slot
        while mins[source] == empty:
            distance += 1
            source = (source + 1) % NUM_HASHES
        # The top 32 of the bin's 57 bits: plenty to tell shingles apart.
        result[slot] = ((mins[source] >> (shift - 32)) + distance * _ROTATION) & 0xFFFFFFFF
    return tuple(result)


def similarity(first: Signature, second: Signature) -> float:
    """Estimated Jaccard resemblance: the share of bins that agree."""
    if len(first) != len(second):
        raise ValueError("signatures of different lengths")
    # map(eq) counts in C: 2.6 µs a pair against 5.9 for a generator (up to 200 pairs an article).
    return sum(map(eq, first, second)) / NUM_HASHES


def pack(sig: Signature) -> bytes:
    return _PACK.pack(*sig)


def unpack(data: bytes) -> Signature | None:
    """None for a blob of the wrong size (a damaged row)."""
    if len(data) != _PACK.size:
        return None
    return _PACK.unpack(data)
