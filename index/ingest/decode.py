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


def _decode(data: bytes, encoding: str, partial: bool) -> str:
    """Strict decoding; `partial` data may end inside a character (the read
    was capped), and that incomplete tail is dropped instead of failing."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final=not partial)


def _utf16_without_bom(data: bytes, partial: bool) -> DecodedText | None:
    """UTF-16 LE or BE without a BOM, told by its NUL bytes: text in Latin
    scripts has a NUL in every other byte, on one side only. The guess must
    then decode cleanly to text that is not itself full of controls."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd >= 0.3 and even <= 0.05:
        encoding = "utf-16-le"
    elif even >= 0.3 and odd <= 0.05:
        encoding = "utf-16-be"
    else:
        return None
    if len(data) % 2 and not partial:
        return None  # a whole file of UTF-16 has an even number of bytes
    try:
        text = _decode(data, encoding, partial)
    except UnicodeDecodeError:
        return None
    if _looks_binary(text[:4096].encode("utf-8", "surrogatepass")):
        return None
    return DecodedText(text, encoding)


def decode_bytes(data: bytes, *, partial: bool = False) -> DecodedText:
    """Decode article bytes: a BOM wins, then UTF-16 told by its NUL pattern,
    then UTF-8, then a legacy 8-bit codec.

    Legacy files are overwhelmingly Windows-1252 or Latin-1; cp1252 is a
    superset of Latin-1's printable range, so we try it first and fall back
    to Latin-1, which can decode any byte and so never fails.

    `partial` says `data` is only the start of a longer file, so it may end
    in the middle of a multi-byte character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(_decode(data, encoding, partial), encoding)
            except UnicodeDecodeError as error:
                raise UnreadableInput(f"claims {encoding} but is not valid {encoding}") from error
    if not data.strip():
        raise UnreadableInput("is empty")
    # Before the binary test: UTF-16 is full of NUL bytes.
    utf16 = _utf16_without_bom(data, partial)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise UnreadableInput("is a binary file, not text")
    try:
        return DecodedText(_decode(data, "utf-8", partial), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1")
