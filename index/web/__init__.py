"""Web pages: fetching them (fetch, with our own HTTP client), telling and
normalising URLs (urls), extracting their articles (extract) and turning a
URL into an article (pages).

Names load on first use (PEP 562): telling a URL from a path must not
import the HTTP client or the extractor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lazy import lazy_exports

if TYPE_CHECKING:
    from .extract import ExtractedPage, ExtractionError, extract_page

_EXPORTS = {"ExtractedPage": "extract", "ExtractionError": "extract", "extract_page": "extract"}

__all__ = ["ExtractedPage", "ExtractionError", "extract_page"]


__getattr__ = lazy_exports(__name__, {name: f".{module}" for name, module in _EXPORTS.items()})
