"""Web pages: extracting articles from HTML (and, beside it, fetching them).

Only the extractor's names are exported here, so importing `index.web` never
pulls in the HTTP client.
"""

from .extract import ExtractedPage, ExtractionError, extract_page

__all__ = ["ExtractedPage", "ExtractionError", "extract_page"]
