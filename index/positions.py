"""Term positions in a few bytes: Whoosh's `Positions` format, packed.

Whoosh writes each posting's positions as a 4-byte count plus a pickled list
of gaps (~14 bytes for one position). Here they are one kind byte plus the
gaps as bytes (all under 256, nearly always), else as 16- or 32-bit ints:
one position costs 2 bytes. Decoding is a C-speed running sum instead of
unpickling and a Python loop, so phrase matching does not get slower.

Libraries made before keep Whoosh's `Positions` in their schema (it is
stored with the index) and are read as they were. This class is named in
new libraries' schemas: keep its name and module.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from itertools import accumulate

from whoosh.formats import Positions

_BYTES, _SHORTS, _INTS = 1, 2, 4
"""The kind byte is the width of each gap."""
_TYPECODES = {_SHORTS: "H", _INTS: "I"}
_SWAP = sys.byteorder != "little"  # files are little-endian wherever written


def encode_positions(positions: Iterable[int]) -> bytes:
    """Ascending positions as a kind byte and their gaps."""
    gaps = []
    previous = 0
    for position in positions:
        gaps.append(position - previous)
        previous = position
    widest = max(gaps, default=0)
    if widest < 0x100:
        return bytes((_BYTES, *gaps))
    width = _SHORTS if widest < 0x10000 else _INTS
    packed = array(_TYPECODES[width], gaps)
    if _SWAP:
        packed.byteswap()
    return bytes((width,)) + packed.tobytes()


def decode_positions(value: bytes) -> list[int]:
    width = value[0]
    if width == _BYTES:
        return list(accumulate(value[1:]))
    gaps = array(_TYPECODES[width])
    gaps.frombytes(value[1:])
    if _SWAP:
        gaps.byteswap()
    return list(accumulate(gaps))


class CompactPositions(Positions):
    """Whoosh's `Positions`, with each posting's positions packed."""

    def encode(self, poslist: Iterable[int]) -> bytes:
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_positions(valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        return (len(valuestring) - 1) // valuestring[0]


def compact_positions(schema) -> None:
    """Give every field of `schema` that keeps Whoosh's positions the packed form."""
    for name in schema.names():
        field = schema[name]
        if type(field.format) is Positions:
            packed = CompactPositions(field_boost=field.format.field_boost)
            packed.options = dict(field.format.options)
            field.format = packed
