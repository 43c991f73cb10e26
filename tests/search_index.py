"""A bare Whoosh index shaped like the library's searched fields, for tests
that compare the fast search paths with Whoosh's own."""

from __future__ import annotations

from pathlib import Path

from whoosh import fields, index

from index.schema import TEXT_ANALYZER


def create_search_index(directory: Path) -> index.Index:
    """An empty index with a stored id `n` and title (boosted 3x) and body
    analysed as the library analyses them."""
    schema = fields.Schema(
        n=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=TEXT_ANALYZER, field_boost=3.0),
        body=fields.TEXT(analyzer=TEXT_ANALYZER),
    )
    return index.create_in(str(directory), schema)
