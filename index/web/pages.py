"""Web pages as articles: fetched with our own client, extracted, cleaned.

Each URL yields an `Article` or a `Failure` naming the URL and the cause, so
one unreachable or empty page never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from ..article import Article
from ..ingest import Failure, UnreadableInput

PARALLEL_FETCHES = 4
"""Pages fetched at once: quick for a list of URLs, polite to one site."""


def load_page(url: str, *, source: str = "", client: object | None = None) -> Article | Failure:
    """Fetch and extract one page; never raises for a bad page."""
    from ..ingest.html import article_from_html
    from .errors import FetchError
    from .fetch import fetch

    try:
        fetched = fetch(url, accept="page", client=client)  # type: ignore[arg-type]
        return article_from_html(fetched.text, url=fetched.final_url, source=source)
    except FetchError as error:
        return Failure(url, f"{error.cause}; {error.advice}")
    except UnreadableInput as error:
        return Failure(url, str(error))


def load_pages(urls: Iterable[str], *, source: str = "") -> Iterator[Article | Failure]:
    """`load_page` for each URL, a few at a time, in the order given."""
    from .fetch import make_client

    with make_client() as client, ThreadPoolExecutor(PARALLEL_FETCHES) as pool:
        yield from pool.map(lambda url: load_page(url, source=source, client=client), urls)
