"""The stored `analysis` field, packed into one short string.

`index.analysis.storage.encode` gives each analysis as lists of offsets and a
name table. Pickled as Python lists that cost ~580 bytes an article after
compression (a quarter of the stored record, ~58 MB at 100,000 articles).
Written as text, with each offset made relative to the one before it, it
costs ~290: measured on 1,000 BBC-derived articles, 2,196 -> 1,909 bytes a
compressed record.

Libraries written before keep the lists; `unpack` reads both, and `pack`
keeps the lists for the rare analysis whose text holds a separator.
"""

from __future__ import annotations

from typing import Any

VERSION = "\x01"
"""Opens a packed value; never the first character of the old (dict) form."""
PART = "\x1d"  # between the body's analysis and the title's
SECTION = "\x1e"  # between names, entities and quotes
ITEM = "\x1f"  # between names, and between quotes
SEPARATORS = (PART, SECTION, ITEM)

Encoded = dict[str, Any]
"""One analysis as `index.analysis.storage.encode` makes it: {"n", "e", "q"}."""


def pack(body: Encoded, title: Encoded | None) -> str | dict[str, Encoded | None]:
    """The stored value for an article's analyses."""
    if not (_packable(body) and (title is None or _packable(title))):
        return {"body": body, "title": title}
    parts = [_pack_one(body)] + ([_pack_one(title)] if title is not None else [])
    return VERSION + PART.join(parts)


def unpack(value: object) -> dict[str, Encoded | None]:
    """{"body": ..., "title": ...} from either stored form; {} for none."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str) or not value.startswith(VERSION):
        return {}
    parts = value[len(VERSION):].split(PART)
    return {"body": _unpack_one(parts[0]), "title": _unpack_one(parts[1]) if len(parts) > 1 else None}


def _packable(data: Encoded) -> bool:
    texts = [*data["n"], *(q[3] for q in data["q"])]
    if data["n"] == [""]:  # would read back as no names
        return False
    return not any(sep in text for text in texts for sep in SEPARATORS)


def _pack_one(data: Encoded) -> str:
    entities: list[int] = []
    previous = 0
    for start, end, label, name in data["e"]:
        entities += (start - previous, end - start, label, name)
        previous = start
    quotes = []
    previous = 0
    for start, end, kind, cue, speaker_start, speaker_end, name in data["q"]:
        speaker = f"{speaker_start - start},{speaker_end - speaker_start}" if speaker_start >= 0 else ","
        quotes.append(f"{start - previous},{end - start},{kind},{speaker},{name},{cue}")
        previous = start
    return SECTION.join((ITEM.join(data["n"]), ",".join(map(str, entities)), ITEM.join(quotes)))


def _unpack_one(text: str) -> Encoded:
    names, entity_text, quote_text = text.split(SECTION)
    entities = []
    if entity_text:
        numbers = list(map(int, entity_text.split(",")))
        start = 0
        for i in range(0, len(numbers), 4):
            start += numbers[i]
            entities.append([start, start + numbers[i + 1], numbers[i + 2], numbers[i + 3]])
    quotes = []
    start = 0
    for quote in quote_text.split(ITEM) if quote_text else ():
        offset, length, kind, speaker_offset, speaker_length, name, cue = quote.split(",", 6)
        start += int(offset)
        if speaker_offset:
            speaker_start = start + int(speaker_offset)
            speaker_end = speaker_start + int(speaker_length)
        else:
            speaker_start = speaker_end = -1
        quotes.append([start, start + int(length), int(kind), cue, speaker_start, speaker_end, int(name)])
    return {"n": names.split(ITEM) if names else [], "e": entities, "q": quotes}
