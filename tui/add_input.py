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
    items: list[str]
    feeds: bool
    """Subscribe to each item as a feed (else: add pages and files)."""


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
        return AddRequest(items, feeds=True)
    if kind is Kind.AUTO and not paths and all(looks_like_feed(url) for url in urls):
        return AddRequest(items, feeds=True)
    return AddRequest(items, feeds=False)


def describe(request: AddRequest) -> str:
    """What enter will do, for the hint under the input."""
    count = len(request.items)
    if request.feeds:
        return f"enter subscribes to {count} feed{'s' if count != 1 else ''}"
    return f"enter adds {count} page{'s' if count != 1 else ''} or file{'s' if count != 1 else ''}"
