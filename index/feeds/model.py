"""Records the feed parsers produce, and the identity of an entry."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from index.web.urls import normalize_url


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    link: str  # absolute, or "" when the entry has none
    title: str
    author: str
    published: datetime | None  # timezone-aware UTC
    summary_html: str
    content_html: str  # the longest full content, "" when the feed carries only a summary
    word_count: int  # words in content_html's text (0 without content)


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    site_url: str
    entries: list[FeedEntry] = field(default_factory=list)


def entry_key(entry: FeedEntry) -> str:
    """What makes an entry "the same one" across refreshes: its GUID, else its
    normalised link (so tracking parameters do not make it new), else a hash
    of its title and summary for the rare entry with neither."""
    if entry.guid:
        return entry.guid
    if entry.link:
        return normalize_url(entry.link)
    digest = hashlib.sha256(f"{entry.title}\n{entry.summary_html}".encode()).hexdigest()
    return f"sha256:{digest[:32]}"
