"""Untrusted feed text made plain and terminal-safe."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from index.ingest.sanitize import sanitize_text

_TAG = re.compile(r"<[a-zA-Z/!?][^<>]*>")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def plain_text(value: str) -> str:
    """A one-line field (title, author): tags dropped, entities unescaped,
    whitespace collapsed, terminal controls and bidi overrides removed.
    Unescaping runs after tag removal so an escaped `&lt;b&gt;` stays text."""
    return _SPACE.sub(" ", sanitize_text(html.unescape(_TAG.sub(" ", value)))).strip()


def safe_html(value: str) -> str:
    """An HTML field kept as markup but without terminal controls."""
    return sanitize_text(value).strip()


def html_text(value: str) -> str:
    """The visible text of an HTML fragment (for word counts)."""
    if not value.strip():
        return ""
    try:
        fragment = lxml.html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return plain_text(value)
    # Pieces joined by spaces so adjacent paragraphs do not run words together.
    return sanitize_text(" ".join(fragment.itertext()))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
