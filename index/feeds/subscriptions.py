"""Subscription lists in and out: import an OPML file, export OPML 2.0.

Import subscribes by URL with the OPML's title and fetches nothing: a list
of 200 feeds would otherwise take minutes, and one dead feed would hold up
the rest. The next refresh fetches each feed, fills in a missing title
and brings in the articles. The whole import is one transaction.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FeedExists
from ..state import StateDB, add_feed, find_feed, list_feeds
from ..web.urls import is_url, normalize_url
from .errors import FeedError
from .opml import OpmlFeed, read_opml_outlines, write_opml

MAX_OPML_BYTES = 16 * 1024 * 1024
"""An OPML file is read up to this size; real subscription lists are a few hundred KB."""
WHAT_TO_DO = "give the path of an OPML file exported from a feed reader"


@dataclass(frozen=True)
class ImportedFeed:
    """One outline of an imported OPML file and what became of it."""

    url: str
    title: str
    status: str  # "added" | "skipped" | "failed"
    feed: str | None = None
    """The feed's id: the new subscription, or the one already holding the URL."""
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url, "title": self.title, "feed": self.feed, "reason": self.reason}


@dataclass
class OpmlImport:
    """What `import_opml` did with each feed of the file, in the file's order."""

    file: str
    feeds: list[ImportedFeed] = field(default_factory=list)

    def _with(self, status: str) -> list[ImportedFeed]:
        return [feed for feed in self.feeds if feed.status == status]

    @property
    def added(self) -> list[ImportedFeed]:
        return self._with("added")

    @property
    def skipped(self) -> list[ImportedFeed]:
        return self._with("skipped")

    @property
    def failed(self) -> list[ImportedFeed]:
        return self._with("failed")

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "added": [feed.to_json() for feed in self.added],
            "skipped": [feed.to_json() for feed in self.skipped],
            "failed": [feed.to_json() for feed in self.failed],
        }


def read_opml_file(path: Path) -> bytes:
    """The bytes of an OPML file, or a one-line FeedError naming it."""
    name = str(path)
    try:
        info = path.stat()
    except OSError as error:
        raise FeedError(f"{name}: cannot be read ({error.strerror or error}); {WHAT_TO_DO}") from None
    if not stat.S_ISREG(info.st_mode):  # a directory, a FIFO, /dev/zero
        raise FeedError(f"{name}: is not a regular file; {WHAT_TO_DO}")
    if info.st_size > MAX_OPML_BYTES:
        raise FeedError(f"{name}: is larger than {MAX_OPML_BYTES // (1024 * 1024)} MB; {WHAT_TO_DO}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            return handle.read(MAX_OPML_BYTES + 1)
    except OSError as error:
        raise FeedError(f"{name}: cannot be read ({error.strerror or error}); {WHAT_TO_DO}") from None


def import_opml(db: StateDB, path: Path) -> OpmlImport:
    """Subscribe to every feed the OPML file lists, keeping its title (and the
    `source` newsreader exports); URLs already subscribed are skipped. A file
    that cannot be read or is not OPML is a FeedError, and nothing changes."""
    feeds, rejected = read_opml_outlines(read_opml_file(path), str(path))
    report = OpmlImport(str(path))
    with db.writing():
        # Known URLs, normalised once: looking each up with find_feed costs a
        # pass over every feed, minutes for a list of a thousand.
        known = {normalize_url(feed.url): feed.id for feed in list_feeds(db)}
        for outline in feeds:
            report.feeds.append(_subscribe(db, outline, known))
    report.feeds += [
        ImportedFeed(outline.url, outline.title, "failed", reason="is not a web address (http or https)")
        for outline in rejected
    ]
    return report


def _subscribe(db: StateDB, outline: OpmlFeed, known: dict[str, str]) -> ImportedFeed:
    if not is_url(outline.url):
        return ImportedFeed(outline.url, outline.title, "failed", reason="is not a web address (http or https)")
    key = normalize_url(outline.url)
    holder = known.get(key)
    if holder is None:
        try:
            feed = add_feed(db, outline.url, title=outline.title, source=outline.source)
        except FeedExists:  # subscribed under another spelling since we looked
            holder = find_feed(db, outline.url).id
        else:
            known[key] = feed.id
            return ImportedFeed(feed.url, feed.title, "added", feed.id)
    return ImportedFeed(outline.url, outline.title, "skipped", holder, f"already subscribed as {holder}")


def export_opml(db: StateDB) -> str:
    """Every subscribed feed as an OPML 2.0 document, in the order added."""
    return write_opml([OpmlFeed(feed.url, feed.title, feed.source) for feed in list_feeds(db)])
