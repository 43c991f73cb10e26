"""Repairs to a parsed page before trafilatura reads it.

Browsers lay out loose text between blocks as a paragraph of its own (an
"anonymous block box"); trafilatura looks for paragraph elements and can
lose such text, typically an article body written as text and `<br>`s
after an image box. Wrapping each such run in a `<p>` (and a box holding
only lines of text and `<br>`s, whose first line trafilatura can drop) gives
the browser's reading of the page to the extractor.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

__all__ = ["wrap_loose_text"]

# Elements that lay out as blocks: text between them is a paragraph of its own.
_BLOCKS = frozenset(
    "address article aside blockquote center details dialog dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table ul".split()
)
# Containers whose loose text is wrapped (never a paragraph, heading or list item itself).
_CONTAINERS = frozenset("article blockquote body center div main section td".split())
# Loose text shorter than this (a separator, a date, a "|") is left as it is.
_MIN_LOOSE_TEXT = 40
_LETTERS = re.compile(r"[^\W\d_]")


def wrap_loose_text(tree: lxml.html.HtmlElement) -> None:
    """Wrap runs of text and inline elements that sit between blocks, and
    boxes of text lines, in `<p>`s."""
    body = tree.find(".//body")
    if body is None:
        return
    # Collected first: wrapping changes the tree being walked.
    for element in list(body.iter(*_CONTAINERS)):
        tags = {child.tag for child in element if isinstance(child.tag, str)}
        if tags & _BLOCKS:
            _wrap_runs(element)
        elif "br" in tags:
            _wrap_lines(element)


def _wrap_runs(element: etree._Element) -> None:
    """Wrap each run that follows a block child (the element's own leading
    text is left: trafilatura keeps a container's leading text itself)."""
    anchor: etree._Element | None = None  # the block the current run follows
    run: list[etree._Element] = []  # the run's inline elements
    for child in [*element, None]:
        if child is not None and not (isinstance(child.tag, str) and child.tag in _BLOCKS):
            run.append(child)
            continue
        if anchor is not None:
            _wrap(anchor, run)
        anchor, run = child, []


def _wrap(anchor: etree._Element, run: list[etree._Element]) -> None:
    """Wrap the text after `anchor` and the inline elements `run` in a `<p>`."""
    # Only text written loose counts: a run of spans is a widget's, not prose.
    loose = (anchor.tail or "") + "".join(child.tail or "" for child in run)
    if len(loose.strip()) < _MIN_LOOSE_TEXT or not _LETTERS.search(loose):
        return
    paragraph = anchor.makeelement("p", {})
    paragraph.text, anchor.tail = anchor.tail, None
    anchor.addnext(paragraph)
    for child in run:
        paragraph.append(child)  # moves it, with its tail


def _wrap_lines(element: etree._Element) -> None:
    """Wrap a container's lines of text (text and `<br>`s, no blocks) in a `<p>`."""
    loose = (element.text or "") + "".join(child.tail or "" for child in element)
    if len(loose.strip()) < _MIN_LOOSE_TEXT or not _LETTERS.search(loose):
        return
    paragraph = element.makeelement("p", {})
    paragraph.text, element.text = element.text, None
    for child in list(element):
        paragraph.append(child)
    element.append(paragraph)
