"""Extract an article (text as paragraphs, plus metadata) from a web page.

trafilatura finds the main text and most metadata. A few things it does not
give, or gives less precisely, are read straight from the page's `<head>`:
the canonical URL, feed links (for subscribing), the publication time with
its time of day, and the page's language.

The page is parsed once with lxml; trafilatura works on that tree. Its
downloader is never used: fetching is `index.web.fetch`'s job. Around it:
loose text between blocks is made paragraphs first (`prepare`); the text a
page declares in JSON-LD stands in for a paywalled or script-drawn body
(`structured`); lists trafilatura left out of the text go back (`lists`);
then link-only lines, date lines, cut teasers and other furniture go, and
the standfirst under the headline comes back (`standfirst`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from .lists import restore_lists
from .prepare import wrap_loose_text
from .standfirst import find_standfirst
from .structured import declared_article_body

__all__ = ["ExtractedPage", "ExtractionError", "extract_page"]


class ExtractionError(ValueError):
    """A page that yields no article; the message is a one-line reason."""


@dataclass
class ExtractedPage:
    title: str
    paragraphs: list[str]
    author: str = ""
    published: datetime | None = None
    """Timezone-aware UTC."""
    site_name: str = ""
    canonical_url: str = ""
    feed_links: list[str] = field(default_factory=list)
    language: str = ""
    description: str = ""
    """The page's summary (meta description), for a standfirst."""


# Options settled on with tests/bench/web.py: the balanced mode passes more
# pages than favor_precision; tables stay in (some articles are partly
# tables); comments are never wanted. Links are kept only to recognise
# paragraphs that are nothing but a link (see `_paragraphs`).
_OPTIONS: dict[str, Any] = {
    "favor_precision": False,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": True,
    "with_metadata": True,
    "deduplicate": False,
    # No second opinion from trafilatura's bundled readability/jusText on
    # every page (20 % slower for no more pages passed): only the recall
    # pass below takes them.
    "fast": True,
}

# A first pass shorter than this, and than this share of the page's rough
# main text, took a teaser or a side box for the article: it is retried in
# recall mode, with trafilatura's fallbacks. (Retrying every short article
# instead took in page furniture around short texts.)
_SHORT_TEXT = 1500
_SMALL_SHARE = 0.25
_RECALL_OPTIONS: dict[str, Any] = {**_OPTIONS, "favor_recall": True, "fast": False}

# The text a page declares (JSON-LD articleBody) replaces the extracted text
# when it is this many times longer, and longer than this: a paywall or a
# page drawn by script shows much less than it declares.
_DECLARED_GAIN = 2
_MIN_DECLARED = 500

# Fewer words than this is a menu or a teaser, not an article.
_MIN_WORDS = 10
_MIN_CHARACTERS = 60
# Characters lxml refuses in text (XML 1.0 forbids them); callers sanitise
# terminal escapes before, this keeps direct callers from a parser error.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Not plain application/json: WordPress links its REST API that way.
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACE = re.compile(r"\s+")
_MAX_PARAGRAPH_NODES = 100_000  # a hostile page's body cannot make us loop for ever


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """The article in `html` (already decoded); `url` is where it came from,
    used to resolve relative links. Raises `ExtractionError`, nothing else."""
    try:
        return _extract(html, url)
    except ExtractionError:
        raise
    except (RecursionError, MemoryError) as error:
        raise ExtractionError(f"is too deeply nested or too large to parse ({type(error).__name__})") from error
    except Exception as error:  # the extractor's internals must never end a run
        raise ExtractionError(f"could not be parsed as a web page ({type(error).__name__}: {error})") from error


def _extract(html: str, url: str | None) -> ExtractedPage:
    if not html.strip():
        raise ExtractionError("is empty")
    tree = _parse(html)
    head = _HeadFacts.read(tree, url)
    wrap_loose_text(tree)
    document, paragraphs, title = _main_text(tree, head, url)
    # The headline is the title, not the first paragraph.
    paragraphs = [p for i, p in enumerate(paragraphs) if not (i < 3 and p.casefold() == title.casefold())]
    paragraphs = drop_web_furniture(paragraphs)
    standfirst = find_standfirst(tree, title)
    if standfirst and not _contains(paragraphs, standfirst):
        paragraphs.insert(0, _clean(standfirst))
    words = sum(len(p.split()) for p in paragraphs)
    # Characters too: Chinese and Japanese text has no spaces between words.
    if words < _MIN_WORDS and sum(len(p) for p in paragraphs) < _MIN_CHARACTERS:
        found = f" (only {words} word{'' if words == 1 else 's'} of text found)" if words else ""
        raise ExtractionError(f"has no article text{found}")
    return ExtractedPage(
        title=title,
        paragraphs=paragraphs,
        author=_clean(document.author or ""),
        published=head.published or _parse_date(document.date or ""),
        site_name=_clean(document.sitename or "") or _host_name(head.canonical_url or url or ""),
        canonical_url=head.canonical_url,
        feed_links=head.feed_links,
        language=head.language or (document.language or ""),
        description=_clean(document.description or ""),
    )


def _main_text(tree: lxml.html.HtmlElement, head: _HeadFacts, url: str | None) -> tuple[Document, list[str], str]:
    """trafilatura's document, the article's paragraphs and its title: the
    first pass, else the text the page declares, else the recall pass."""
    address = head.canonical_url or url
    document = _trafilatura(tree, address, _OPTIONS)
    paragraphs = _paragraphs(document.body) if document is not None and document.body is not None else []
    length = sum(len(p) for p in paragraphs)
    title = _clean(document.title or head.title) if document is not None else _clean(head.title)
    declared = declared_article_body(tree, title)
    if sum(len(p) for p in declared) > max(_DECLARED_GAIN * length, _MIN_DECLARED) or (
        # the same text, which trafilatura fell back on as one run
        declared and _fold(" ".join(declared)) == _fold(" ".join(paragraphs))
    ):
        paragraphs = declared
        document = document or Document()
    elif length < _SHORT_TEXT and length < _SMALL_SHARE * _rough_text_length(tree):
        retry = _trafilatura(tree, address, _RECALL_OPTIONS)
        retried = _paragraphs(retry.body) if retry is not None and retry.body is not None else []
        if retry is not None and sum(len(p) for p in retried) > length:
            document, paragraphs, title = retry, retried, _clean(retry.title or head.title)
    if document is None:
        raise ExtractionError("has no article text (no main content found)")
    # Lists the first pass left out of the text go back (see index.web.lists).
    return document, [_clean(p) for p in restore_lists(tree, paragraphs)], title


def _rough_text_length(tree: lxml.html.HtmlElement) -> int:
    """The length of trafilatura's rough cut of the page's main text (its
    baseline: the article markup, else the page's paragraphs)."""
    return len(_SPACE.sub(" ", trafilatura.baseline(tree)[1]))


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, options: dict[str, Any]) -> Document | None:
    result = trafilatura.bare_extraction(tree, url=url, **options)
    return result if isinstance(result, Document) else None


def _parse(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input carrying an XML encoding declaration.
    html = _XML_INVALID.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1))
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise ExtractionError(f"is not a readable web page ({error})") from error
    if tree is None or tree.find(".//body") is None and not tree.text_content().strip():
        raise ExtractionError("has no article text (the page is empty)")
    return tree


@dataclass
class _HeadFacts:
    title: str
    canonical_url: str
    feed_links: list[str]
    published: datetime | None
    language: str

    @classmethod
    def read(cls, tree: lxml.html.HtmlElement, url: str | None) -> _HeadFacts:
        base = url or ""
        canonical = ""
        feeds: list[str] = []
        for link in tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            href = (link.get("href") or "").strip()
            if not href or href.startswith(("javascript:", "data:")):
                continue
            if "canonical" in rel and not canonical:
                canonical = _absolute(base, href)
            elif "alternate" in rel and (link.get("type") or "").strip().lower() in _FEED_TYPES:
                feed = _absolute(base, href)
                if feed and feed not in feeds:
                    feeds.append(feed)
        published = None
        for meta in tree.iter("meta"):
            key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "og:published_time", "dc.date.issued"):
                published = _parse_date(meta.get("content") or "")
                if published:
                    break
        title_element = tree.find(".//title")
        title = title_element.text_content() if title_element is not None else ""
        language = (tree.get("lang") or tree.get("xml:lang") or "").strip().split("-")[0].lower()
        return cls(title, canonical, feeds, published, language[:8])


def _absolute(base: str, href: str) -> str:
    try:
        resolved = urljoin(base, href) if base else href
    except ValueError:
        return ""
    return resolved if urlsplit(resolved).scheme in ("http", "https", "") else ""


def _paragraphs(body: etree._Element) -> list[str]:
    """trafilatura's XML body as paragraphs: each block element (p, head,
    quote, list item, table row) is one, and text between blocks too.
    `<lb/>` is a line break: two in a row end a paragraph.

    A paragraph that is nothing but a link points elsewhere (a related
    story, "back to top", "the full results here"): the reader shows no
    links, so such a line is not the article's text and is dropped."""
    chunks: list[str] = []
    if body.text:
        chunks.append(_unmarked(body.text))
    for count, child in enumerate(body):
        if count > _MAX_PARAGRAPH_NODES:
            break
        if child.tag == "list":
            chunks.extend(_element_text(item) for item in child.iter("item"))
        elif child.tag == "table":
            chunks.extend(_row_text(row) for row in child.iter("row"))
        else:
            chunks.append(_element_text(child))
        if child.tail:
            chunks.append(_unmarked(child.tail))
    paragraphs = []
    for chunk in chunks:
        in_link = False  # a link can span paragraphs (a byline linked whole)
        for part in _BLANK_LINE.split(chunk):
            link_only, in_link = _link_only(part, in_link)
            text = _clean(part.translate(_NO_MARKS))
            # A link showing its address (a URL, an e-mail, a DOI) tells where it points.
            if text and (not link_only or _ADDRESS.search(text)):
                paragraphs.append(text)
    return paragraphs


def _row_text(row: etree._Element) -> str:
    cells = list(row.iter("cell"))
    if len(cells) == 1:
        return _element_text(cells[0])  # a layout table's cell: text like any other
    return " | ".join(_unmarked(_element_text(cell)) for cell in cells)


def _link_only(part: str, in_link: bool) -> tuple[bool, bool]:
    """Whether every letter or digit of `part` is link text, given whether
    it starts inside a link; and whether it ends inside one."""
    has_words = False
    for piece in _LINK_MARK.split(part):
        if piece == _LINK_START:
            in_link = True
        elif piece == _LINK_END:
            in_link = False
        elif _WORD_CHARACTER.search(piece):
            if not in_link:
                return False, _ends_in_link(part, in_link)
            has_words = True
    return has_words, in_link


def _ends_in_link(part: str, in_link: bool) -> bool:
    start, end = part.rfind(_LINK_START), part.rfind(_LINK_END)
    return in_link if start == end == -1 else start > end


# Web furniture the extractor keeps, in the languages of the pages measured:
# single paragraphs that are never the article (teasers, subscription pleas,
# photo credits) ...
_FURNITURE_PARAGRAPH = re.compile(
    r"^(read (more|also|next)|see also|lesen sie (auch|mehr)|mehr zum thema|weiterlesen|lire aussi|"
    r"subscribe (now|to|for)|sign up (for|to)|for the latest (stories|news)|download (the|our) .{0,40}app|"
    r"never miss (the|a|our)|our standards:|permalie?nk?|(you (must|need to) be|sie müssen|du musst) (logged in|eingeloggt|angemeldet)|"
    r"submit your letter|we want to hear what you think|this post contains references to products|"
    r"top-themen|cr[ée]dits? photos?|photo ?credits?|(foto|bild|photo)s?\s*:|zapraszamy|"
    r"(afp|dpa|reuters|ap|apa|epa|getty images|imago)\s*/\s*[a-z]|©)",
    re.IGNORECASE,
)
# ... image captions ending in their credit ...
_CREDITED_CAPTION = re.compile(r"(©|\(c\)|copyright)\s*[\w .,/&'-]{2,60}\)?$", re.IGNORECASE)
# ... spam spelled with look-alike letters to dodge filters ...
_HOMOGLYPH_WORD = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u0400-\u04ff])\w{3,}\b")
# ... and headers after which the rest is contact details, sources or forums.
_TRAILER = re.compile(
    r"^(kontakt|contact|weitere informationen|zusatzinformationen|more information|further information|"
    r"originalpublikation|original publication|ansprechpartner(in)?( zum.*)?|pressekontakt|media contact|"
    r"beiträge aus dem forum|aktualisiert am.*|letzte änderung.*|"
    r"#?\d+\.? (kommentare?|comments?|commentaires?)\b.*)\s*:?$",
    re.IGNORECASE,
)


# ... teasers of other articles, cut short mid-sentence ("... War Volkswagen
# anfangs vom ...", "Yet, the... more") ...
_CUT_TEASER = re.compile(r"(\s(\.\.\.|…)|(\.\.\.|…)\s*(mehr|more|weiterlesen|read more|lire la suite)\W*)$", re.IGNORECASE)
# ... and date lines ("24. März 2004, 19:49 | Genesis", "Updated May 6, 2022"):
# the date is the page's metadata, the line around it a byline at most.
_MONTH = (
    r"(?:jan|feb|m[äa]r|apr|ma[iy]|jui?n|jui?l|aug|ao[uû]|sep|o[ck]t|nov|d[eé][cz]|f[ée]v|avr|gen|giu|lug|ago|"
    r"set|dic|ene|abr)[^\W\d_]*\.?"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
    rf"\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s?(?:uhr|h|am|pm))?\b", re.IGNORECASE)
_DATE_LINE_WORDS = re.compile(
    r"\b(?:by|von|um|am|at|on|updated|published|posted|aktualisiert|veröffentlicht|erstellt|geschrieben|stand|uhr)\b"
    r"|[|·•,–—:/()-]",
    re.IGNORECASE,
)
_MAX_DATE_LINE = 80


def is_date_line(paragraph: str) -> bool:
    """A date, maybe a time, and at most two other words (a name, "report")."""
    if len(paragraph) > _MAX_DATE_LINE or not _DATE.search(paragraph):
        return False
    rest = _DATE_LINE_WORDS.sub(" ", _TIME.sub(" ", _DATE.sub(" ", paragraph)))
    return len(rest.split()) <= 2


def drop_web_furniture(paragraphs: list[str]) -> list[str]:
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        # A trailer only past the first paragraphs, so a short notice survives.
        if index >= 2 and len(paragraph) <= 60 and _TRAILER.match(paragraph):
            break
        if len(paragraph) <= 300 and (_FURNITURE_PARAGRAPH.match(paragraph) or _CREDITED_CAPTION.search(paragraph)):
            continue
        if is_date_line(paragraph) or _CUT_TEASER.search(paragraph):
            continue
        if _HOMOGLYPH_WORD.search(paragraph):
            continue  # Latin and Cyrillic letters mixed in one word: spam dodging filters
        kept.append(paragraph)
    return kept


# Link text is marked while paragraphs are assembled (private-use
# characters, removed from the page's own text first) to find link-only ones.
_LINK_START, _LINK_END = "\ue000", "\ue001"
_NO_MARKS = {ord(_LINK_START): None, ord(_LINK_END): None}
_LINK_MARK = re.compile(f"([{_LINK_START}{_LINK_END}])")
_WORD_CHARACTER = re.compile(r"[^\W_]")
_ADDRESS = re.compile(r"https?://|\bwww\.|\w@\w|\bdoi\b", re.IGNORECASE)


def _unmarked(text: str) -> str:
    return text.translate(_NO_MARKS)


def _element_text(element: etree._Element) -> str:
    parts: list[str] = []
    _append_text(element, parts, 0)
    return "".join(parts)


def _append_text(element: etree._Element, parts: list[str], depth: int) -> None:
    """Text of `element` in document order, link text marked; a block inside
    a block (a quote's paragraphs) starts a new paragraph."""
    if depth and element.tag in ("p", "item", "head", "row"):
        parts.append("\n\n")
    if element.tag == "ref":
        parts.append(_LINK_START)
    if element.tag == "lb":
        parts.append("\n")
    elif element.text:
        parts.append(_unmarked(element.text))
    if depth < 50:  # trafilatura's output is shallow; deeper is hostile
        for child in element:
            _append_text(child, parts, depth + 1)
            if child.tail:
                parts.append(_unmarked(child.tail))
    if element.tag == "ref":
        parts.append(_LINK_END)


def _contains(paragraphs: list[str], text: str) -> bool:
    key = _fold(text)
    return any(key in _fold(paragraph) for paragraph in paragraphs)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _clean(text: str) -> str:
    # NFC: one spelling per character, so a search for the composed form
    # finds text a page wrote decomposed (or as a composition exclusion).
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())


def _host_name(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _parse_date(value: str) -> datetime | None:
    """A page's date as aware UTC, read as front matter's are (so a date out
    of range once moved to UTC is dropped, never an OverflowError)."""
    from ..ingest.frontmatter import parse_date  # index.ingest imports this module

    parsed = parse_date(value)
    return parsed.replace(tzinfo=timezone.utc) if parsed else None
