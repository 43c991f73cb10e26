"""Near duplicates: wire copy republished by several outlets with small edits.

Exact copies (same title and text) are merged when added; near copies are
kept as separate articles and paired here, so the library and the reader
can say "also published by X, Y".

shingles (word 5-grams of the body) · minhash (signatures) · lsh (bands and
the near-duplicate rule) · connection (the on-disk file) · store (records
in it) · hooks (what the library calls).
"""

from __future__ import annotations

from .connection import DUPES_FILE, dupes_path
from .hooks import (
    forget_removed,
    near_duplicate_ids,
    near_duplicates_of,
    record_added,
    record_missing,
    sign,
    unrecorded,
)

__all__ = [
    "DUPES_FILE", "dupes_path", "forget_removed", "near_duplicate_ids", "near_duplicates_of", "record_added", "record_missing", "sign", "unrecorded",
]  # fmt: skip
