"""Web pages: fetching them (fetch, with our own HTTP client), telling and
normalising URLs (urls), extracting their articles (extract) and turning a
URL into an article (pages).

Names load on first use (PEP 562): telling a URL from a path must not
import the HTTP client or the extractor.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extract import ExtractedPage, ExtractionError, extract_page

_EXPORTS = {"ExtractedPage": "extract", "ExtractionError": "extract", "extract_page": "extract"}

__all__ = ["ExtractedPage", "ExtractionError", "extract_page"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'index.web' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
