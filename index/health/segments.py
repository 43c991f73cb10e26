"""Reading a Whoosh index piece by piece, so one damaged file does not hide the rest.

Uses the pinned whoosh3 fork's segment reader internals (`_terms`, the
codec's per-document reader): the public API opens every segment at once
and fails as a whole.
"""

from __future__ import annotations

import pickle
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

INDEX_NAME = "MAIN"
SEGMENT_FILE = re.compile(rf"^({INDEX_NAME}_[0-9a-z]+)\.")
STORED_SUFFIX = "._stored.col"
ZLIB_LEVEL3_HEADER = b"\x78\x5e"
"""Whoosh compresses each stored record with zlib level 3 (header 78 5E)."""


@dataclass
class TocState:
    generation: int
    """The latest generation, -1 when there is no table of contents."""
    toc: TOC | None
    error: BaseException | None

    @property
    def filename(self) -> str:
        return f"_{INDEX_NAME}_{max(self.generation, 0)}.toc"


def storage_of(index_dir: Path) -> FileStorage:
    return FileStorage(str(index_dir))


def read_toc(index_dir: Path) -> TocState:
    storage = storage_of(index_dir)
    generation = TOC._latest_generation(storage, INDEX_NAME)
    if generation < 0:
        return TocState(generation, None, None)
    try:
        return TocState(generation, TOC.read(storage, INDEX_NAME, generation), None)
    except Exception as error:  # any decoding failure means the same: unreadable
        return TocState(generation, None, error)


def segment_names(index_dir: Path) -> list[str]:
    """Every segment with files in the directory, referenced by a TOC or not."""
    names = {m.group(1) for p in index_dir.iterdir() if (m := SEGMENT_FILE.match(p.name))}
    return sorted(names)


def segment_files(index_dir: Path, segment_name: str) -> list[Path]:
    return sorted(p for p in index_dir.iterdir() if p.name.startswith(segment_name + "."))


def is_record(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def scan_stored_records(path: Path) -> Iterator[dict]:
    """Every stored-fields record whose bytes survive in a `_stored.col` file,
    found without its offset table (which sits at the end, lost first when
    the file is cut short). Each record is one zlib stream; zlib's checksum
    guarantees a record decoded here is exactly what was written."""
    try:
        data = path.read_bytes()
    except OSError:
        return
    view = memoryview(data)
    position = data.find(ZLIB_LEVEL3_HEADER)
    while position >= 0:
        decompressor = zlib.decompressobj()
        try:
            raw = decompressor.decompress(view[position:])
            complete = decompressor.eof
        except zlib.error:
            complete = False
        if complete:
            try:
                value = pickle.loads(raw)
            except Exception:  # checksummed but not a record: keep scanning
                value = None
            if is_record(value):
                yield value
                position = len(data) - len(decompressor.unused_data)
                position = data.find(ZLIB_LEVEL3_HEADER, position)
                continue
        position = data.find(ZLIB_LEVEL3_HEADER, position + 1)
