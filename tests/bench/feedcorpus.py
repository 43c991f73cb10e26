"""Feeds for the refresh benchmark, built at run time from ../shared/data/bbc
(never copied into the project) and served by tests/webserver.py.

Each feed is RSS 2.0 whose items carry the article's full text in
content:encoded, as many news feeds do; each item's link is also served as
a page, so a reader that fetches pages finds them. Every feed answers a
conditional GET (its ETag or Last-Modified) with 304.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path

from tests.webserver import LocalServer, Request

BBC = Path(__file__).resolve().parents[3] / "shared" / "data" / "bbc"
LAST_MODIFIED = "Mon, 02 Jun 2025 08:00:00 GMT"
# Well over fulltext.SHORT_WORDS, so "auto" never needs the page.
MIN_WORDS = 200
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: list[str]


def bbc_stories(count: int, directory: Path = BBC) -> list[Story]:
    """`count` distinct BBC articles, the five sections taken in turn (the
    set has a few duplicates; they are left out)."""
    sections = [sorted(d.glob("*.txt")) for d in sorted(directory.iterdir()) if d.is_dir()]
    seen: set[str] = set()
    stories: list[Story] = []
    for row in range(max(map(len, sections))):
        for files in sections:
            if row >= len(files):
                continue
            text = files[row].read_text(encoding="utf-8", errors="replace").strip()
            title, _, body = text.partition("\n")
            paragraphs = [" ".join(p.split()) for p in body.split("\n") if p.strip()]
            # Copies in the set differ in title or whitespace: both count as the same.
            keys = {title.strip(), " ".join(paragraphs)}
            if keys & seen or len(_WORD.findall(text)) < MIN_WORDS:
                continue
            seen |= keys
            stories.append(Story(title.strip(), paragraphs))
            if len(stories) == count:
                return stories
    raise SystemExit(f"only {len(stories)} usable BBC articles in {directory}; ask for fewer")


def _item(story: Story, link: str, published: datetime) -> str:
    content = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return (
        f"<item><title>{escape(story.title)}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="true">{escape(link)}</guid>'
        f"<dc:creator>BBC News</dc:creator><pubDate>{format_datetime(published)}</pubDate>"
        f"<description>{escape(story.paragraphs[0])}</description>"
        f"<content:encoded>{escape(content)}</content:encoded></item>"
    )


def rss(title: str, site: str, items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(title)}</title><link>{escape(site)}</link><description>Bench feed</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def page(story: Story) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(story.title)}</title></head>"
        f"<body><article><h1>{escape(story.title)}</h1>{paragraphs}</article></body></html>"
    ).encode("utf-8")


class FeedServer:
    """Serves the feeds on a LocalServer and counts the statuses it answers."""

    def __init__(self, server: LocalServer, feeds: int, entries: int) -> None:
        self.server = server
        self.statuses: Counter[int] = Counter()
        self.urls: list[str] = []
        stories = bbc_stories(feeds * entries)
        start = datetime(2025, 6, 1, 6, 0, tzinfo=timezone.utc)
        for number in range(feeds):
            items = []
            for position in range(entries):
                index = number * entries + position
                path = f"/news/{number:02d}/{position:02d}.html"
                server.add(path, page(stories[index]))
                items.append(_item(stories[index], server.url(path), start + timedelta(minutes=17 * index)))
            feed_path = f"/feeds/{number:02d}.xml"
            body = rss(f"Bench Outlet {number:02d}", server.url(f"/news/{number:02d}/"), items)
            server.routes[feed_path] = self._conditional(body, f'"feed-{number:02d}-v1"')
            self.urls.append(server.url(feed_path))

    def _conditional(self, body: bytes, etag: str):
        def handle(request: Request) -> None:
            headers = request.headers
            validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            unchanged = headers.get("if-none-match") == etag or (
                "if-none-match" not in headers and headers.get("if-modified-since") == LAST_MODIFIED
            )
            status = 304 if unchanged else 200
            with self.server._lock:
                self.statuses[status] += 1
            if unchanged:
                request.respond(304, b"", validators)
            else:
                request.respond(200, body, {"Content-Type": "application/rss+xml; charset=utf-8", **validators})

        return handle

    def take_statuses(self) -> str:
        """The feed statuses answered since the last call, as "50×200" or "50×304"."""
        with self.server._lock:
            counts, self.statuses = self.statuses, Counter()
        return ", ".join(f"{n}×{status}" for status, n in sorted(counts.items())) or "none"

    def pages_fetched(self) -> int:
        return len([r for r in self.server.requests if r.path.startswith("/news/")])
