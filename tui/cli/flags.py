"""Read and starred state on the command line: `read`, `unread`, `star`,
`unstar`, and the flags and feed that `list` shows beside each article."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from index.api import Library

from .errors import EXIT_OK
from .output import console, line

if TYPE_CHECKING:
    from index.api import ArticleSummary

UNREAD_MARK = "●"
STAR_MARK = "★"

FLAG_ACTIONS: dict[str, tuple[str, bool, str]] = {
    # command: (flag, value, JSON key and the word printed)
    "read": ("read", True, "read"),
    "unread": ("read", False, "unread"),
    "star": ("starred", True, "starred"),
    "unstar": ("starred", False, "unstarred"),
}


def cmd_flag(args: argparse.Namespace) -> int:
    flag, value, word = FLAG_ACTIONS[args.command]
    library = Library.open(args.library, seed=False)
    # The facade resolves every id (or prefix) before changing anything.
    if flag == "read":
        ids = library.mark_read(args.ids, read=value)
    else:
        ids = library.mark_starred(args.ids, starred=value)
    if args.json:
        sys.stdout.write(json.dumps({word: ids}, ensure_ascii=False, indent=2) + "\n")
    else:
        for article_id in ids:
            console.print(Text.assemble(f"Marked {word}: ", line(article_id)), soft_wrap=True)
    return EXIT_OK


@dataclass(frozen=True)
class Listed:
    """An article as `list` shows it: its summary, flags and feed."""

    summary: ArticleSummary
    read: bool
    starred: bool
    feed: str | None
    """The name of the feed it came from, if it came from one still subscribed."""

    @property
    def marks(self) -> str:
        return ("" if self.read else UNREAD_MARK) + (STAR_MARK if self.starred else "")

    def to_json(self) -> dict:
        return {**self.summary.to_json(), "url": self.summary.url, "read": self.read,
                "starred": self.starred, "feed": self.feed}


def listed_articles(library: Library, *, unread: bool = False, starred: bool = False) -> list[Listed]:
    """Every article (newest first) with its flags and feed, filtered to the
    unread and/or starred ones when asked."""
    summaries = library.summaries()
    flags = library.flags(s.id for s in summaries)
    feed_names = {article_id: info.name for info in library.feeds() for article_id in library.feed_articles(info.id)}
    listed = []
    for summary in summaries:
        flag = flags[summary.id]
        if (unread and flag.read) or (starred and not flag.starred):
            continue
        listed.append(Listed(summary, flag.read, flag.starred, feed_names.get(summary.id)))
    return listed


def list_json(items: Sequence[Listed]) -> dict:
    return {"total": len(items), "articles": [item.to_json() for item in items]}
