"""What the add dialog was given: the items typed, and whether they are feeds.

Pure functions, no Textual: the dialog calls them as the user types, so
they must be cheap (no file system, no network).
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from enum import Enum

from index.api import looks_like_feed_url as looks_like_feed
from index.api import split_sources


class Kind(str, Enum):
    """What the user said the items are (the dialog's radio buttons)."""

    AUTO = "auto"
    PAGES = "pages"
    FEEDS = "feeds"


class InputProblem(ValueError):
    """Input the dialog cannot act on; the message is one line saying what to do."""


@dataclass(frozen=True)
class AddRequest:
    feeds: list[str]
    """Addresses to subscribe to as feeds."""
    pages: list[str]
    """Web pages, files and directories to add."""

    @property
    def items(self) -> list[str]:
        return [*self.feeds, *self.pages]


def parse_items(text: str) -> list[str]:
    """Split on spaces and line breaks; quotes keep a path with spaces whole.
    `~` is expanded in paths (a shell would have)."""
    try:
        items = shlex.split(text)
    except ValueError:
        raise InputProblem("a quote is not closed; put a path with spaces in matching quotes") from None
    urls, _ = split_sources(items)
    return [item if item in urls else os.path.expanduser(item) for item in items]


def resolve(text: str, kind: Kind) -> AddRequest:
    """What to do with the dialog's input (InputProblem if nothing sensible)."""
    items = parse_items(text)
    if not items:
        raise InputProblem("type a web page's or a feed's address, or a file or directory path")
    urls, paths = split_sources(items)
    if kind is Kind.FEEDS:
        if paths:
            raise InputProblem(f"{paths[0]} is not a web address; a feed is subscribed to by its URL")
        return AddRequest(feeds=items, pages=[])
    if kind is Kind.PAGES:
        return AddRequest(feeds=[], pages=items)
    # Auto: item by item, a feed-looking address subscribes, the rest are added.
    feeds = [item for item in items if item in urls and looks_like_feed(item)]
    return AddRequest(feeds=feeds, pages=[item for item in items if item not in feeds])


def describe(request: AddRequest) -> str:
    """What enter will do, for the hint under the input."""
    parts = []
    if request.feeds:
        count = len(request.feeds)
        parts.append(f"subscribes to {count} feed{'s' if count != 1 else ''}")
    if request.pages:
        count = len(request.pages)
        s = "s" if count != 1 else ""
        parts.append(f"adds {count} page{s} or file{s}")
    return "enter " + " and ".join(parts)
