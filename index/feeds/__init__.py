"""Feeds as data: parse RSS/Atom/JSON Feed, decide on full text, find a page's
feeds, read and write OPML. No fetching or storage here (index.web, index.state).

Names are exported lazily so importing the package does not load feedparser.
"""

from __future__ import annotations

from index.lazy import lazy_exports

_EXPORTS = {
    "FeedError": "index.feeds.errors",
    "FeedEntry": "index.feeds.model",
    "ParsedFeed": "index.feeds.model",
    "entry_key": "index.feeds.model",
    "parse_feed": "index.feeds.parse",
    "needs_full_text": "index.feeds.fulltext",
    "FullTextMode": "index.feeds.fulltext",
    "discover_feeds": "index.feeds.discover",
    "OpmlFeed": "index.feeds.opml",
    "read_opml": "index.feeds.opml",
    "write_opml": "index.feeds.opml",
}

__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports(__name__, _EXPORTS)
