"""Web pages as articles: fetched with our own client, extracted, cleaned.

Each URL yields an `Article` or a `Failure` naming the URL and the cause, so
one unreachable or empty page never stops the others.

One page, however it is reached: an AMP page is swapped for the canonical
page it names (fetched once, never followed further; if that fails the AMP
page's text is kept), an ordinary page keeps its text under its canonical
URL, and every address met on the way (asked, after redirects, canonical)
goes into the article's `extra["urls"]` for the library to remember. Given
`known`, a page whose address the library already holds is `AlreadyHeld`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..article import Article
from ..ingest import Failure, UnreadableInput

if TYPE_CHECKING:
    import httpx

PARALLEL_FETCHES = 4
"""Pages fetched at once: quick for a list of URLs, polite to one site."""

Known = Callable[[str], "str | None"]
"""The id of the library's article holding a URL (compared normalised), or None."""

URLS = "urls"
"""The key of `Article.extra` listing every address the page was met at."""

# `<html amp>` or `<html ⚡>` (also `amp=""`), read from the tag's attribute names, not its values.
_HTML_TAG = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE_VALUE = re.compile(r"""=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")
_AMP_SCAN = 16384  # the <html> tag comes after the doctype and perhaps a comment or two


@dataclass(frozen=True)
class AlreadyHeld(Failure):
    """A page the library already holds: skipped, not an error."""

    article_id: str = ""


def is_amp_page(html: str, url: str) -> bool:
    """An AMP page: marked `<html amp>` / `<html ⚡>`, or at an AMP address."""
    from .urls import is_amp_url

    match = _HTML_TAG.search(html[:_AMP_SCAN])
    if match:
        names = _ATTRIBUTE_VALUE.sub(" ", match.group(1)).lower().split()
        if "amp" in names or "⚡" in names:
            return True
    return is_amp_url(url)


def _held(url: str, addresses: Iterable[str], known: Known | None) -> AlreadyHeld | None:
    """An `AlreadyHeld` for `url` if the library holds any of `addresses`."""
    if known is None:
        return None
    from .urls import normalize_url

    for key in dict.fromkeys(normalize_url(address) for address in addresses if address):
        holder = known(key)
        if holder is not None:
            return AlreadyHeld(url, f"already in the library as {holder}", holder)
    return None


def _read(url: str, source: str, client: httpx.Client | None) -> tuple[Article, str, str]:
    """(article, final URL, page text); raises FetchError or UnreadableInput."""
    from ..ingest.html import article_from_html
    from .fetch import fetch

    fetched = fetch(url, accept="page", client=client)
    return article_from_html(fetched.text, url=fetched.final_url, source=source), fetched.final_url, fetched.text


def _same_address(one: str, other: str) -> bool:
    return one.partition("#")[0] == other.partition("#")[0]


def load_page(
    url: str, *, source: str = "", client: httpx.Client | None = None, known: Known | None = None
) -> Article | Failure:
    """Fetch and extract one page; never raises for a bad page. With `known`,
    a page the library already holds (by any of its addresses) is `AlreadyHeld`."""
    from .errors import FetchError
    from .urls import is_url

    held = _held(url, [url], known)
    if held:
        return held
    try:
        article, final_url, html = _read(url, source, client)
    except FetchError as error:
        return Failure(url, f"{error.cause}; {error.advice}")
    except UnreadableInput as error:
        return Failure(url, str(error))
    addresses = [url, final_url, article.url]
    canonical = article.url  # the page's <link rel="canonical">, else final_url
    if is_url(canonical) and not _same_address(canonical, final_url) and is_amp_page(html, final_url):
        held = _held(url, [canonical], known)
        if held:
            return held
        try:
            # Once: the canonical page's own canonical link is recorded, never followed.
            article, final_url, _ = _read(canonical, source, client)
            addresses += [final_url, article.url]
        except (FetchError, UnreadableInput):
            pass  # the AMP page's text, under the canonical URL, is the article
    held = _held(url, addresses[1:], known)
    if held:
        return held
    article.extra[URLS] = [address for address in dict.fromkeys(addresses) if is_url(address)]
    return article


def load_pages(urls: Iterable[str], *, source: str = "", known: Known | None = None) -> Iterator[Article | Failure]:
    """`load_page` for each URL, a few at a time, in the order given."""
    from .fetch import make_client

    with make_client() as client, ThreadPoolExecutor(PARALLEL_FETCHES) as pool:
        yield from pool.map(lambda url: load_page(url, source=source, client=client, known=known), urls)
