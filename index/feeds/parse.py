"""Parse a fetched feed: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON
Feed through jsonfeed.py, all into the same plain, terminal-safe records."""

from __future__ import annotations

import html
import io
import time
from datetime import datetime, timezone
from typing import Any

import feedparser
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

from index.feeds.errors import FeedError
from index.feeds.jsonfeed import looks_like_json, parse_json_feed
from index.feeds.model import FeedEntry, ParsedFeed
from index.feeds.safety import strip_doctype
from index.feeds.text import html_text, plain_text, safe_html, word_count

from ..web.urls import web_link

# bozo reasons that say nothing about the XML itself: the feed is fine.
_HARMLESS = (CharacterEncodingOverride, NonXMLContentType)


def parse_feed(data: bytes | str, *, url: str) -> ParsedFeed:
    """The feed in `data`, fetched from `url` (the base for relative links).

    A feed without entries is a feed; anything that is not one (an HTML page,
    garbage, nothing) raises FeedError naming `url`. Malformed XML is read as
    far as feedparser recovers it, if that yields entries.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        raise FeedError(f"{url} is not a feed (RSS, Atom or JSON Feed): it is empty; check the address")
    if looks_like_json(raw):
        return parse_json_feed(raw, url)
    # A stream, never the bytes themselves: feedparser treats a string as a
    # URL or file name to open.
    result = feedparser.parse(io.BytesIO(strip_doctype(raw)), response_headers={"content-location": url})
    if not result.get("version"):
        raise FeedError(f"{url} is not a feed (RSS, Atom or JSON Feed); check the address or find the site's feed link")
    info = result.get("feed") or {}
    # Atom entries inherit the feed's author (RFC 4287 4.2.1); feedparser leaves that to us.
    feed_author = _author(info)
    entries = [_entry(entry, url, feed_author) for entry in result.get("entries") or []]
    problem = result.get("bozo_exception") if result.get("bozo") else None
    if problem is not None and not isinstance(problem, _HARMLESS):
        # Malformed XML: keep what feedparser recovered, but not the husk of an
        # item cut off mid-way (no link, id or title); nothing left is an error.
        entries = [entry for entry in entries if entry.link or entry.guid or entry.title]
        if not entries:
            reason = " ".join(plain_text(str(problem)).split())[:200]
            raise FeedError(
                f"{url} is not a readable feed: malformed XML with no readable entries ({reason}); check the address"
            )
    return ParsedFeed(
        title=plain_text(info.get("title", "")),
        site_url=web_link(url, info.get("link", "")),
        entries=entries,
    )


def _entry(entry: Any, base: str, feed_author: str) -> FeedEntry:
    content = _longest_content(entry.get("content") or [])
    return FeedEntry(
        guid=plain_text(entry.get("id", "") or ""),
        link=web_link(base, entry.get("link", "") or ""),
        title=plain_text(entry.get("title", "") or ""),
        author=_author(entry) or feed_author,
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")),
        summary_html=safe_html(_as_html(entry.get("summary", "") or "", entry.get("summary_detail"))),
        content_html=content,
        word_count=word_count(html_text(content)),
    )


def _longest_content(contents: list[Any]) -> str:
    # An entry may carry several contents (Atom alternatives, content:encoded
    # beside xhtml:body); the longest is the fullest text.
    best = ""
    for content in contents:
        value = safe_html(_as_html(content.get("value", "") or "", content))
        if len(value) > len(best):
            best = value
    return best


def _as_html(value: str, detail: Any) -> str:
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else ""
    return html.escape(value) if kind == "text/plain" else value


def _author(entry: Any) -> str:
    author = entry.get("author", "") or ""
    if not author:
        names = [a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)]
        author = ", ".join(name for name in names if name)
    return plain_text(author)


def _date(parsed: time.struct_time | None) -> datetime | None:
    # feedparser's *_parsed values are already converted to UTC.
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None
