"""Read and starred state on the command line: `read`, `unread`, `star`,
`unstar`, and the flags and feed that `list` shows beside each article."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TextIO

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


LISTED_BATCH = 500
"""Articles whose flags are read from the state database in one query."""
SPOOL_IN_MEMORY = 8 * 1024 * 1024
"""A filtered `list --json` keeps this much of its articles in memory, the rest in a file."""
_LIST_HEAD = '{{\n  "total": {},\n  "articles": ['


@dataclass
class ListedWalk:
    """The articles `list` shows, read from the library as they are iterated."""

    total: int | None
    """How many there are; None when flags filter some out (known only at the end)."""
    items: Iterator[Listed]

    def __iter__(self) -> Iterator[Listed]:
        return self.items


def listed_articles(library: Library, *, unread: bool = False, starred: bool = False) -> ListedWalk:
    """Every article (newest first) with its flags and feed, filtered to the
    unread and/or starred ones when asked. The library is walked as the
    result is iterated, so at 100k articles memory stays flat and the first
    rows come before the last are read."""
    walk = library.newest_summaries()
    feed_names = {article_id: info.name for info in library.feeds() for article_id in library.feed_articles(info.id)}

    def listed() -> Iterator[Listed]:
        summaries = iter(walk)
        while batch := list(islice(summaries, LISTED_BATCH)):
            flags = library.flags(s.id for s in batch)
            for summary in batch:
                flag = flags[summary.id]
                if (unread and flag.read) or (starred and not flag.starred):
                    continue
                yield Listed(summary, flag.read, flag.starred, feed_names.get(summary.id))

    return ListedWalk(None if unread or starred else walk.total, listed())


def write_list_json(walk: ListedWalk, out: TextIO) -> None:
    """Write what `json.dumps({"total": N, "articles": [...]}, ensure_ascii=False,
    indent=2)` and a newline would, one article at a time. When the total is
    known only at the end, the articles wait in a temporary file (in memory
    while small)."""
    if walk.total is not None:
        out.write(_LIST_HEAD.format(walk.total))
        _write_articles(walk, out)
        return
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8") as spool:
        total = _write_articles(walk, spool)
        spool.seek(0)
        out.write(_LIST_HEAD.format(total))
        shutil.copyfileobj(spool, out)


def _write_articles(items: Iterable[Listed], out: TextIO) -> int:
    """The articles as the list's items (indented as json.dumps(indent=2)
    nests them) and the closing brackets; returns how many."""
    count = 0
    for item in items:
        text = json.dumps(item.to_json(), ensure_ascii=False, indent=2)
        # Two levels deeper; a JSON text has no newline but between its lines.
        out.write(("\n    " if count == 0 else ",\n    ") + text.replace("\n", "\n    "))
        count += 1
    out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count
