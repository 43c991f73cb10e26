"""JSON Feed 1.0/1.1 (https://jsonfeed.org), which feedparser does not read."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from typing import Any

from index.feeds.errors import FeedError
from index.feeds.model import FeedEntry, ParsedFeed
from index.feeds.text import html_text, plain_text, safe_html, word_count

from ..web.urls import web_link

_VERSION_MARK = "jsonfeed.org/version/"  # http:// in 1.0, https:// in 1.1


def looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def parse_json_feed(data: bytes, url: str) -> ParsedFeed:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise FeedError(f"{url} is not a feed (RSS, Atom or JSON Feed): invalid JSON ({error})") from None
    if not isinstance(document, dict) or _VERSION_MARK not in _text(document.get("version")):
        raise FeedError(f"{url} is not a feed (RSS, Atom or JSON Feed): JSON without a jsonfeed.org version")
    site_url = web_link(url, _text(document.get("home_page_url")))
    items = document.get("items")
    entries = [_entry(item, url) for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    return ParsedFeed(title=plain_text(_text(document.get("title"))), site_url=site_url, entries=entries)


def _entry(item: dict[str, Any], base: str) -> FeedEntry:
    # content_html wins over content_text; text content is escaped so both
    # are HTML downstream.
    content = _text(item.get("content_html"))
    if not content.strip() and _text(item.get("content_text")).strip():
        content = "<p>" + html.escape(_text(item.get("content_text"))).replace("\n\n", "</p><p>") + "</p>"
    content = safe_html(content)
    summary = safe_html(html.escape(_text(item.get("summary"))))
    link = web_link(base, _text(item.get("url")) or _text(item.get("external_url")))
    return FeedEntry(
        guid=plain_text(_text(item.get("id"))),
        link=link,
        title=plain_text(_text(item.get("title"))),
        author=_author(item),
        published=_date(_text(item.get("date_published")) or _text(item.get("date_modified"))),
        summary_html=summary,
        content_html=content,
        word_count=word_count(html_text(content)),
    )


def _author(item: dict[str, Any]) -> str:
    # 1.1 has "authors" (a list); 1.0 had "author" (one object).
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [plain_text(_text(a.get("name"))) for a in authors if isinstance(a, dict)]
    return ", ".join(name for name in names if name)


def _date(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"  # Python 3.10's fromisoformat does not read "Z"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)  # RFC 3339 requires an offset; assume UTC
    try:
        return parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None



def _text(value: object) -> str:
    # JSON ids may be numbers; anything else that is not a string is absent.
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""
