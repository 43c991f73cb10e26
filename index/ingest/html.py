"""Saved web pages (and fetched HTML) to clean `Article` records.

The same pipeline as text files, with the extractor in place of Markdown:
decode (BOM, then the page's meta charset, then a guess) -> extract (main
text and metadata, `index.web.extract`) -> sanitize -> structure (furniture
lines, repeated headline, standfirst) -> limits (the size cap).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..article import Article
from ..outlets import host_name
from .decode import DecodedText, UnreadableInput, decode_bytes
from .limits import cut_note, cut_text
from .markup import Block
from .reading import read_capped
from .sanitize import sanitize_text
from .structure import analyse_structure

if TYPE_CHECKING:
    from ..web.extract import ExtractedPage

__all__ = ["HTML_READ_CAP", "HTML_SUFFIXES", "article_from_html", "decode_html", "read_html_file"]

HTML_SUFFIXES = (".html", ".htm")

# Pages carry far more markup than text (a CNN article is 1.4 MB for 20 KB
# of text); the same 10 MB as the HTTP client's body limit.
HTML_READ_CAP = 10 * 1024 * 1024

# The HTML spec's prescan looks at the first 1024 bytes; real pages put
# long scripts first, so a little more is searched.
_PRESCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Labels that browsers read as another codec (WHATWG Encoding): Latin-1 and
# ASCII pages are decoded as windows-1252; a UTF-16 label on bytes that got
# this far (no BOM) is wrong, and UTF-8 is the answer.
_LABEL_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
}


def meta_charset(data: bytes) -> str | None:
    """The codec a page's `<meta charset>` (or http-equiv) names, if Python knows it."""
    match = _META_CHARSET.search(data[:_PRESCAN])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, *, partial: bool = False, declared: str | None = None) -> DecodedText:
    """Decode a page: a BOM wins, then `declared` (an HTTP header's charset),
    then the meta charset, then `decode_bytes`'s guess. Raises `UnreadableInput`
    for empty and binary data.

    `decode_bytes` does the checks and the BOM and UTF-8 cases. Bytes that are
    valid UTF-8 stay UTF-8 even under a Latin label (a mislabelled page is far
    likelier than Latin text that happens to be valid UTF-8); otherwise the
    page's own label beats the cp1252 guess (a KOI8-R or Shift-JIS page).
    """
    guessed = decode_bytes(data, partial=partial)
    if guessed.encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"):
        return guessed
    label = declared or meta_charset(data)
    if label and label not in ("cp1252", "latin-1", "iso8859-1"):
        return DecodedText(data.decode(label, errors="replace"), label)
    return guessed


def article_from_html(
    html: str,
    *,
    url: str,
    source: str = "",
    article_id: str | None = None,
    path: str = "",
    original_size: int | None = None,
    complete: bool = True,
) -> Article:
    """An article from a decoded page found at `url` ("" for a saved page
    with no known address). Raises `UnreadableInput` with a one-line reason."""
    # Imported here: trafilatura takes 0.1-0.3 s to load, which every command
    # opening a library paid (a refresh of unchanged feeds reads no page).
    from ..web.extract import ExtractionError, extract_page

    try:
        # Escapes go before parsing, whole, so no payload is left as text.
        page = extract_page(sanitize_text(html), url or None)
    except ExtractionError as error:
        raise UnreadableInput(str(error)) from error
    return _article(page, url, source, article_id, path, original_size, complete, len(html))


def read_html_file(path: Path, *, source: str = "", article_id: str | None = None) -> Article:
    """Read a saved page; raises `UnreadableInput`."""
    content = read_capped(path, HTML_READ_CAP)
    decoded = decode_html(content.data, partial=not content.complete)
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):
        resolved = str(path.absolute())
    return article_from_html(
        decoded.text,
        url="",
        source=source,
        article_id=article_id,
        path=resolved,
        original_size=content.size,
        complete=content.complete,
    )


def _article(
    page: ExtractedPage,
    url: str,
    source: str,
    article_id: str | None,
    path: str,
    original_size: int | None,
    complete: bool,
    html_size: int,
) -> Article:
    title = _line(page.title)
    text, was_cut = cut_text(sanitize_text("\n\n".join(page.paragraphs)), force=not complete)
    blocks = [Block(p.strip()) for p in text.split("\n\n") if p.strip()]
    structure = analyse_structure(blocks, title_hint=title)
    if not structure.paragraphs:
        raise UnreadableInput("has no article text (only a headline or page furniture)")
    paragraphs = structure.paragraphs
    if was_cut:
        paragraphs = [*paragraphs, cut_note(original_size or html_size)]
    canonical = _line(page.canonical_url) or url
    site_name = _site_name(_line(page.site_name), canonical)
    return Article(
        id=article_id or "",  # "": made from the canonical URL, else the text
        title=structure.title,
        standfirst=structure.standfirst or _standfirst(_line(page.description), paragraphs[0]),
        body="\n\n".join(paragraphs),
        source=source or site_name,
        url=canonical,
        author=_line(page.author),
        published=page.published,
        path=path,
        site_name=site_name,
    )


def _site_name(named: str, url: str) -> str:
    """The page's own name for its site; the extractor falls back to the bare
    host, for which a readable name is better ('New York Times' for nytimes.com)."""
    host = host_name(url) if url else ""
    if not named or (host and named.lower().removeprefix("www.") in (host.lower(), _bare_host(url))):
        return host or named
    return named


def _bare_host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""


def _line(text: str) -> str:
    return " ".join(sanitize_text(text).split())


def _standfirst(description: str, first_paragraph: str) -> str:
    """The page's description as a standfirst, unless it only repeats (or
    cuts short) the first paragraph, as many sites' descriptions do."""
    if not description:
        return ""
    key = _fold(description).rstrip(".… ")
    if not key or _fold(first_paragraph).startswith(key[: max(40, len(key) // 2)]):
        return ""
    return description


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
