"""Find the feeds a web page links in its head."""

from __future__ import annotations

import lxml.html
from lxml import etree

from ..web.urls import web_link

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"})


def discover_feeds(html: str, url: str) -> list[str]:
    """The page's `<link rel="alternate">` feed URLs, absolute (against its
    `<base href>`, else `url`), without repeats, in document order."""
    if not html.strip():
        return []
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        return []
    base = url
    for element in tree.iter("base"):
        href = (element.get("href") or "").strip()
        if href:
            base = web_link(url, href) or url
        break
    feeds: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        feed = web_link(base, (link.get("href") or "").strip())
        if feed and feed not in feeds:
            feeds.append(feed)
    return feeds
