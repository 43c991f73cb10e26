"""Turn the bytes of an article file into text, whatever its encoding."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class UnreadableInput(ValueError):
    """Raised for input that is not article text (binary, empty)."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean a binary file, not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 20)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode article bytes: a BOM wins, then UTF-8, then a legacy 8-bit codec.

    Legacy files are overwhelmingly Windows-1252 or Latin-1; cp1252 is a
    superset of Latin-1's printable range, so we try it first and fall back
    to Latin-1, which can decode any byte and so never fails.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise UnreadableInput(f"claims {encoding} but is not valid {encoding}") from error
    if not data.strip():
        raise UnreadableInput("is empty")
    if _looks_binary(data):
        raise UnreadableInput("is a binary file, not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1")
