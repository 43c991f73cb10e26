"""A feed entry that carries its full text, made an article without the page extractor.

An entry's content (content:encoded, Atom content, JSON Feed content_html) is
the article alone: no navigation, sidebars or comments for trafilatura to
find the text among, and running it costs about 20 ms an entry, most of a
refresh. So simple content is read here as the extractor's output is read
(each block element one paragraph, inline markup as text, a line break a
space), then cleaned as a page's text is (furniture paragraphs, sanitising,
the size cap, headline and standfirst). Content with markup that could make
the extractor decide otherwise (tables, divs, figures, scripts, classes and
ids, a headline of its own, <q>, runs of line breaks, a paragraph that is
only a link, text not in Unicode's composed form) or too short for the
extractor to take whole returns None: the caller extracts it as a page, as
before. tests/test_feed_entries.py checks the two agree, on fixed cases and
on random markup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..article import Article
from ..ingest.decode import UnreadableInput
from ..ingest.limits import cut_text
from ..ingest.markup import Block
from ..ingest.sanitize import sanitize_text
from ..ingest.structure import analyse_structure
from ..outlets import host_name
from ..web.extract import drop_web_furniture
from .model import FeedEntry

# Top-level blocks: each is a paragraph (each list item one).
_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "blockquote"}
_LISTS = {"ul", "ol"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# Text kept inline; an <img> (and its alt text) is dropped, as the extractor drops images.
# (Not <time>, whose text the extractor drops, nor <q>, after which it glues or moves text.)
_INLINE = {"a", "em", "strong", "b", "i", "u", "span", "cite", "abbr", "sub", "sup", "small", "mark"}
_ALLOWED = _BLOCKS | _LISTS | _INLINE | {"li", "br", "img"}
# Where a nested paragraph may stand (a quote or list item of several paragraphs).
_PARAGRAPH_PARENTS = {"blockquote", "li"}
# Attributes that say nothing about whether an element is content (no
# class, id, rel or style: the extractor reads those as boilerplate cues).
_HARMLESS_ATTRIBUTES = {"href", "src", "alt", "title", "width", "height", "srcset", "sizes", "loading", "cite",
                        "datetime", "lang", "dir", "target", "decoding"}  # fmt: skip
# Below this much text the extractor retries for recall; leave those to it.
MIN_CHARACTERS = 1000
# Fewer words than this is not an article (as for pages).
_MIN_WORDS = 10
_SPACE = re.compile(r"\s+")
_WORD_CHARACTER = re.compile(r"[^\W_]")
_NEWLINE_BEFORE = re.compile(r"\n\s*$")
_NEWLINE_AFTER = re.compile(r"\s*\n")
_MAX_ELEMENTS = 20_000


def simple_paragraphs(content: str) -> list[str] | None:
    """The paragraphs of `content`, or None when it has markup the light
    reading does not cover (the caller then extracts it as a page).

    Covered: paragraphs, headings, quotes and lists at the top level, inline
    markup, single line breaks and images inside them. The extractor treats
    loose text between blocks, runs of line breaks and anything else in ways
    that depend on their length and neighbours, so those are left to it."""
    try:
        root = lxml.html.fragment_fromstring(content, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    if not _simple(root):
        return None
    paragraphs: list[str] = []
    for block in root:
        items = block.iter("li") if block.tag in _LISTS else [block]
        for item in items:
            pieces = [_Piece()]
            _append(item, pieces, 0, False)
            for piece in pieces:
                text = _SPACE.sub(" ", "".join(piece.parts)).strip()
                if text and piece.linked_only:
                    return None  # a paragraph that is only a link: the extractor decides
                if text:
                    paragraphs.append(text)
    return paragraphs


@dataclass
class _Piece:
    """One paragraph's text as it is gathered."""

    parts: list[str] = field(default_factory=list)
    linked_only: bool = True
    """No word of it outside a link so far."""

    def add(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        if not in_link and _WORD_CHARACTER.search(text):
            self.linked_only = False


def _simple(root: etree._Element) -> bool:
    if (root.text or "").strip() or any((child.tail or "").strip() for child in root):
        return False  # loose text between blocks
    if any(child.tag not in _BLOCKS and child.tag not in _LISTS for child in root):
        return False
    if len(root) and root[-1].tag in _HEADINGS:
        return False  # the extractor drops headings that end the text
    for count, element in enumerate(root.iterdescendants()):
        tag = element.tag
        if count > _MAX_ELEMENTS or not isinstance(tag, str) or tag not in _ALLOWED:
            return False  # comments and processing instructions too
        if any(name not in _HARMLESS_ATTRIBUTES for name in element.attrib):
            return False
        parent = element.getparent()
        assert parent is not None
        if tag == "li" and parent.tag not in _LISTS or parent.tag in _LISTS and tag != "li":
            return False
        if tag in _BLOCKS and parent is not root:
            if not (tag == "p" and parent.tag in _PARAGRAPH_PARENTS):
                return False  # headings, quotes or lists nested in blocks
            if (parent.text or "").strip() or (element.tail or "").strip():
                return False  # loose text beside a quote's or an item's paragraphs
        if tag in _LISTS and parent is not root:
            return False
        if tag == "br" and not _lone_break(element, parent):
            return False
        if tag == "a" and any(ancestor.tag == "a" for ancestor in element.iterancestors()):
            return False  # a link in a link
        if tag == "blockquote" and ((element.text or "").strip() or any(child.tag != "p" for child in element)):
            return False  # a quote not made of paragraphs: kept or dropped by its length
    return True


def _lone_break(br: etree._Element, parent: etree._Element) -> bool:
    """A line break with text on both sides: the extractor makes a run of
    breaks, or a break beside a newline in the source, a paragraph break."""
    previous = br.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    after = br.tail or ""
    following = br.getnext()
    if not after.strip() and following is not None and following.tag == "br":
        return False
    return not (_NEWLINE_BEFORE.search(before) or _NEWLINE_AFTER.match(after))


def _append(element: etree._Element, pieces: list[_Piece], depth: int, in_link: bool) -> None:
    """Text of `element` in document order into the last piece; a paragraph
    inside a quote or list item starts a new piece."""
    tag = element.tag
    in_link = in_link or tag == "a"
    if depth and tag == "p":
        pieces.append(_Piece())
    if tag == "br":
        pieces[-1].add("\n", in_link)
    elif tag != "img" and element.text:
        pieces[-1].add(element.text, in_link)
    if depth < 50:
        for child in element:
            _append(child, pieces, depth + 1, in_link)
            if child.tail:
                pieces[-1].add(child.tail, in_link)


def entry_article(entry: FeedEntry, source: str) -> Article | None:
    """The entry's content as an article, or None when it should go through
    the page extractor. Raises UnreadableInput when it has no article text."""
    content = entry.content_html
    title = " ".join(sanitize_text(entry.title).split())
    if not content or not title or not unicodedata.is_normalized("NFC", content + title):
        return None  # the extractor's cleaning may normalise what it reads
    paragraphs = simple_paragraphs(sanitize_text(content))
    if paragraphs is None or sum(len(p) for p in paragraphs) < MIN_CHARACTERS:
        return None
    # The headline is the title, not the first paragraph.
    paragraphs = [p for i, p in enumerate(paragraphs) if not (i < 3 and p.casefold() == title.casefold())]
    paragraphs = drop_web_furniture(paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    if words < _MIN_WORDS and sum(len(p) for p in paragraphs) < 60:
        raise UnreadableInput("has no article text")
    text, was_cut = cut_text(sanitize_text("\n\n".join(paragraphs)))
    blocks = [Block(p.strip()) for p in text.split("\n\n") if p.strip()]
    structure = analyse_structure(blocks, title_hint=title)
    if not structure.paragraphs:
        raise UnreadableInput("has no article text (only a headline or page furniture)")
    if was_cut:
        return None  # the extractor's path notes the cut with the page's size
    url = entry.link
    return Article(
        id="",  # made from the entry's URL, else its text
        title=structure.title,
        standfirst=structure.standfirst,
        body="\n\n".join(structure.paragraphs),
        source=source or host_name(url),
        url=url,
        author="",
        published=None,
    )

