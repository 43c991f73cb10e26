"""The standfirst (dek) printed under a page's headline.

Pages set the summary under the headline apart from the body: in the
`<header>` with the `<h1>`, or in a "teaser"/"intro" box, both of which
trafilatura prunes as furniture. The first block of text after the headline
is that summary when it reads as one: a sentence or two of prose, not a
byline, a date line or a row of links.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

__all__ = ["find_standfirst"]

# How far up from the headline its header box can reach.
_LEVELS = 3
_MAX_HEADLINES = 5
# Elements passed over on the way to the first text after the headline.
_SKIPPED = frozenset("script style noscript template svg img picture figure video iframe button form input".split())
_BLOCKS = frozenset(
    "address article aside blockquote details div dl dt dd figcaption footer h1 h2 h3 h4 h5 h6 header "
    "li ol p section table ul".split()
)
_MIN_WORDS, _MAX_WORDS = 8, 80
_SENTENCE_END = re.compile(r"[.!?…:;\"”“'’»«)]\s*$")
_SPACE = re.compile(r"\s+")
# A byline or a date line, not a summary.
_BYLINE = re.compile(r"^(by|von|par|di|por|door)\s|\b(updated|published|aktualisiert|veröffentlicht)\b", re.I)


def find_standfirst(tree: lxml.html.HtmlElement, title: str) -> str:
    """The summary under the headline, or "" when the page has none."""
    for headline in _headlines(tree, title):
        node: etree._Element | None = headline
        for _ in range(_LEVELS):
            if node is None:
                break
            block = next((b for b in map(_first_block, node.itersiblings()) if b is not None), None)
            if block is not None:
                text = _text(block)
                if _reads_as_summary(block, text):
                    return text
                break
            node = node.getparent()
    return ""


def _first_block(element: etree._Element, depth: int = 0) -> etree._Element | None:
    """The first block holding text in `element` (itself when its text is one
    block): a box with a byline, a date and a summary starts with the byline."""
    if not isinstance(element.tag, str) or element.tag in _SKIPPED or not _text(element):
        return None
    if depth > 10 or (element.text or "").strip() or not any(child.tag in _BLOCKS for child in element):
        return element
    for child in element:
        if (child.tail or "").strip():
            return element  # text between the blocks: one block of mixed content
        found = _first_block(child, depth + 1)
        if found is not None:
            return found
    return None


def _headlines(tree: lxml.html.HtmlElement, title: str) -> list[etree._Element]:
    """The headings showing the title (a page can repeat it in a hidden
    breadcrumb); else the page's only `<h1>`."""
    key = _fold(title)
    shown = [h for h in tree.iter("h1", "h2") if key and _fold(_text(h)) == key]
    if shown:
        return shown[:_MAX_HEADLINES]
    first_level = [h for h in tree.iter("h1") if _text(h)]
    return first_level if len(first_level) == 1 else []


def _reads_as_summary(element: etree._Element, text: str) -> bool:
    words = len(text.split())
    if not _MIN_WORDS <= words <= _MAX_WORDS or not _SENTENCE_END.search(text) or _BYLINE.search(text):
        return False
    if element.tag.startswith("h") and element.tag[1:].isdigit():
        return False  # a heading of the body, or a second headline
    linked = sum(len(_text(link)) for link in element.iter("a"))
    return linked < 0.3 * len(text)


def _text(element: etree._Element) -> str:
    parts: list[str] = []
    _collect(element, parts, 0)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _collect(element: etree._Element, parts: list[str], depth: int) -> None:
    if element.text and isinstance(element.tag, str) and element.tag not in _SKIPPED:
        parts.append(element.text)
    for child in element if depth < 20 and element.tag not in _SKIPPED else ():
        _collect(child, parts, depth + 1)
        if child.tail:
            parts.append(child.tail)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
