"""Lists the extractor dropped from the middle of the article.

When trafilatura finds no article container it gathers the page's
paragraphs one by one, and lists are not among what it gathers (only in
recall mode, which takes in far more furniture). A list standing between two
paragraphs of the extracted text ("Protect your home:", the tips, "More
advice here") is part of that text: its items go back where they stood.
"""

from __future__ import annotations

import re
import unicodedata

import lxml.html
from lxml import etree

__all__ = ["restore_lists"]

_MAX_LISTS = 200  # a page with more lists than this is a menu, not an article
_MAX_LINK_SHARE = 0.5  # a list mostly of links is navigation
_SPACE = re.compile(r"\s+")


def restore_lists(tree: lxml.html.HtmlElement, paragraphs: list[str]) -> list[str]:
    """`paragraphs` with the items of each list that stood between two of
    them put back after the first."""
    position = {_fold(p): i for i, p in enumerate(paragraphs)}
    inserts: dict[int, list[str]] = {}
    for count, listing in enumerate(tree.iter("ul", "ol")):
        if count >= _MAX_LISTS:
            break
        before, after = listing.getprevious(), listing.getnext()
        if before is None or after is None or before.tag != "p" or after.tag != "p":
            continue
        start, end = position.get(_fold(_text(before))), position.get(_fold(_text(after)))
        if start is None or end != start + 1:
            continue  # not both kept, or something already stands between them
        items = [_text(item) for item in listing.iter("li")]
        items = [item for item in items if item]
        linked = sum(len(_text(link)) for link in listing.iter("a"))
        if items and linked <= _MAX_LINK_SHARE * sum(map(len, items)):
            inserts[start] = items
    if not inserts:
        return paragraphs
    restored: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        restored.append(paragraph)
        restored.extend(inserts.get(index, []))
    return restored


def _text(element: etree._Element) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold()))
