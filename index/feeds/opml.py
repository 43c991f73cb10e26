"""OPML 2.0 subscription lists: import (any OPML, categories flattened) and export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit

from lxml import etree

from index.feeds.errors import FeedError
from index.feeds.safety import strip_doctype
from index.feeds.text import plain_text

# Characters XML 1.0 cannot carry at all (lxml refuses them in attributes).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str = ""
    # The outlet name the user gave (`feeds add --source`); "" means the feed's
    # title. Stored in a `source` attribute other readers ignore.
    source: str = ""


def _parser() -> etree.XMLParser:
    # No DTD, no entity expansion, no network: an OPML file is plain XML.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read_opml(data: bytes, name: str) -> list[OpmlFeed]:
    """Every feed (an outline with an http(s) `xmlUrl`) in the OPML file
    `name`, at any depth of categories, in document order, each URL once."""
    return read_opml_outlines(data, name)[0]


def read_opml_outlines(data: bytes, name: str) -> tuple[list[OpmlFeed], list[OpmlFeed]]:
    """The feeds `read_opml` reads, and the outlines whose `xmlUrl` is not
    an http(s) address (`javascript:`, `file:`, a bare path), to report."""
    not_opml = f"{name} is not an OPML file (export one from your feed reader and import that)"
    if not data.strip():
        raise FeedError(f"{not_opml}: it is empty")
    try:
        root = etree.fromstring(strip_doctype(data), parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        raise FeedError(f"{not_opml}: {plain_text(str(error))[:200]}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise FeedError(not_opml)
    feeds: list[OpmlFeed] = []
    rejected: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in root.iter("{*}outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = plain_text(outline.get("title") or outline.get("text") or "")
        if title == url:
            title = ""  # write_opml's stand-in `text` for a feed without a title
        feed = OpmlFeed(url=url, title=title, source=plain_text(outline.get("source") or ""))
        if urlsplit(url).scheme.lower() in ("http", "https"):
            feeds.append(feed)
        else:
            rejected.append(OpmlFeed(url=plain_text(url), title=title))
    return feeds, rejected


def write_opml(feeds: list[OpmlFeed], title: str = "newsreader feeds") -> str:
    """An OPML 2.0 document listing `feeds` (read_opml reads it back the same)."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml_text(title)
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc), usegmt=True)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        outline = etree.SubElement(body, "outline", type="rss")
        outline.set("text", _xml_text(feed.title or feed.url))
        if feed.title:
            outline.set("title", _xml_text(feed.title))
        outline.set("xmlUrl", _xml_text(feed.url))
        if feed.source:
            outline.set("source", _xml_text(feed.source))
    document = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + document


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)
