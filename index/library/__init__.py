"""The library: one Whoosh index in one directory, and the story files beside it.

core (opening and reading) · adding (writing) · storybook (stories kept in
step) · locking (the write lock) · documents (articles as stored).
"""

from __future__ import annotations

from .adding import AddReport, analyse_article
from .core import INDEX_DIRNAME, Library
from .documents import ArticleSummary, article_from_fields, lede, summary_from_fields

__all__ = [
    "INDEX_DIRNAME",
    "AddReport",
    "ArticleSummary",
    "Library",
    "analyse_article",
    "article_from_fields",
    "lede",
    "summary_from_fields",
]
