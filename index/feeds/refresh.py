"""Subscribing to feeds and refreshing them into the library.

A refresh fetches the feeds a few at a time (conditional GET, so an
unchanged feed answers 304), turns each new entry into an article (its
page's full text when the feed carries only a summary), analyses them in
worker processes as each feed comes in, adds them all through the
library's one writer on the calling thread, then records in the state
database, in one transaction, which entries became which articles. An
entry whose page could not be read and that has no text of its own is not
recorded, so the next refresh tries it again.
"""

from __future__ import annotations

import dataclasses
import html as html_escape
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..article import Article
from ..errors import LibraryError
from .analysers import Analysers
from .errors import FeedError

if TYPE_CHECKING:
    import httpx

    from ..state import Feed, StateDB
    from .model import FeedEntry

PARALLEL_FEEDS = 4
"""Feeds fetched at once."""

NO_FEED_LINK = "is a page with no feed link; give the feed's address"


@dataclass
class FeedResult:
    id: str
    url: str
    status: str  # "ok" | "not-modified" | "error"
    new: int = 0
    error: str | None = None
    """The cause and what to do, without the URL (that is `url`): show them together."""
    name: str = ""
    """The feed's name: its title, else its URL."""
    reattached: int = 0
    """Articles already in the library, of no feed (theirs was removed), now this feed's again."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "url": self.url, "status": self.status, "new": self.new, "error": self.error,
            "name": self.name or self.url, "reattached": self.reattached,
        }  # fmt: skip


@dataclass
class RefreshReport:
    feeds: list[FeedResult] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    duplicates: int = 0

    @property
    def failed(self) -> list[FeedResult]:
        return [result for result in self.feeds if result.status == "error"]

    def to_json(self) -> dict[str, Any]:
        return {"feeds": [r.to_json() for r in self.feeds], "added": list(self.added), "duplicates": self.duplicates}


@dataclass
class _Entry:
    keys: tuple[str, ...]
    link: str
    article: Article | None = None  # None: the library already holds its URL
    holder: str | None = None


@dataclass
class _Fetched:
    feed: Feed
    status: str
    etag: str | None = None
    last_modified: str | None = None
    title: str = ""
    entries: list[_Entry] = field(default_factory=list)
    error: str | None = None


def _error_text(error: Exception) -> str:
    return " ".join(str(error).split())


def failure_cause(error: Exception, *urls: str) -> str:
    """A feed's failure as its cause and what to do, without the URL the
    message starts with (a refresh result shows its URL beside it once):
    `the server answered 404 Not Found; check the address`."""
    from ..web.errors import FetchError

    if isinstance(error, FetchError):
        return _error_text(Exception(f"{error.cause}; {error.advice}"))
    text = _error_text(error)
    for url in sorted({" ".join(url.split()) for url in urls if url}, key=len, reverse=True):
        if text.startswith(url + " ") or text.startswith(url + ":"):
            text = text[len(url) :].lstrip(" :")
            # "<url> is not a feed ..." reads as "not a feed ..." on its own.
            return text[3:] if text.startswith("is ") else text
    return text


def subscribe(
    db: StateDB, url: str, *, source: str = "", full_text: str = "auto", client: httpx.Client | None = None
) -> Feed:
    """Fetch `url` (a feed, or a page linking one), read its title, and subscribe.

    Raises FetchError, FeedError (not a feed; a page with no feed link) or
    FeedExists."""
    from ..state import add_feed
    from ..web.fetch import fetch
    from ..web.urls import is_url
    from .discover import discover_feeds
    from .parse import parse_feed

    url = url.strip()
    if not is_url(url):
        raise FeedError(f"{url} is not a web address (http or https)")
    fetched = fetch(url, accept="feed-or-page", client=client)
    feed_url = fetched.final_url
    try:
        parsed = parse_feed(fetched.text, url=feed_url)
    except FeedError:
        if "html" not in fetched.content_type and not fetched.text.lstrip()[:200].lower().startswith(
            ("<!doctype", "<html")
        ):
            raise
        found = discover_feeds(fetched.text, fetched.final_url)
        if not found:
            raise FeedError(f"{url} {NO_FEED_LINK}") from None
        feed_url = found[0]
        linked = fetch(feed_url, accept="feed", client=client)
        parsed = parse_feed(linked.text, url=linked.final_url)
    return add_feed(db, feed_url, title=" ".join(parsed.title.split()), source=source, full_text=full_text)


def _extracted_article(entry: FeedEntry, source: str) -> Article:
    """An article from the entry's own content through the page extractor (raises UnreadableInput)."""
    from ..ingest.html import article_from_html

    content = entry.content_html or entry.summary_html
    title = html_escape.escape(entry.title)
    page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{content}</article></body></html>"
    return article_from_html(page, url=entry.link, source=source)


def _entry_article(entry: FeedEntry, source: str) -> Article:
    """An article from the entry's own content (raises UnreadableInput): full
    text in simple markup is read directly, anything else is extracted as a page."""
    from .entry import entry_article

    return entry_article(entry, source) or _extracted_article(entry, source)


def _complete(article: Article, entry: FeedEntry, source: str, *, own_text: bool = False) -> Article:
    """Fill in from the entry what the extraction lacks; the outlet is the feed's.

    An article made of the entry's own text takes the entry's date: the
    extractor can only guess one from the text (a year it mentions)."""
    changes: dict[str, Any] = {}
    title = " ".join(entry.title.split())
    if not article.title and title:
        changes.update(title=title, content_hash="")
    published = (entry.published or article.published) if own_text else (article.published or entry.published)
    if published is not None and published.tzinfo is not None:
        # The library stores naive datetimes, wall-clock time in UTC (as ingest does).
        published = published.astimezone(timezone.utc).replace(tzinfo=None)
    if published != article.published:
        changes["published"] = published
    if not article.author and entry.author:
        changes["author"] = " ".join(entry.author.split())
    if source and article.source != source:
        changes["source"] = source
    if not article.url and entry.link:
        changes["url"] = entry.link
    return dataclasses.replace(article, **changes) if changes else article


def _make_article(entry: FeedEntry, feed: Feed, client: httpx.Client) -> Article | None:
    """The entry as an article, or None if neither its page nor its own text can be read.

    The entry's link loses its tracking parameters (`?utm_source=rss`) first:
    an article made of the feed's own text keeps it as its URL."""
    from ..ingest import Failure, UnreadableInput
    from ..web.pages import load_page
    from ..web.urls import without_tracking
    from .fulltext import needs_full_text

    if entry.link:
        entry = dataclasses.replace(entry, link=without_tracking(entry.link))
    source = feed.outlet
    if needs_full_text(entry, feed.full_text):  # type: ignore[arg-type]
        loaded = load_page(entry.link, source=source, client=client)
        if not isinstance(loaded, Failure):
            return _complete(loaded, entry, source)
        if not (entry.content_html or entry.summary_html).strip():
            return None
    elif not (entry.content_html or entry.summary_html).strip():
        return None
    try:
        return _complete(_entry_article(entry, source), entry, source, own_text=True)
    except UnreadableInput:
        return None


def _never() -> bool:
    return False


def _fetch_feed(db: StateDB, feed: Feed, client: httpx.Client, stop: Callable[[], bool] = _never) -> _Fetched:
    """Fetch and read one feed and make articles of its new entries (runs in a
    worker thread); once `stop()` is true no further page is fetched."""
    from ..state import article_for_url, entry_keys, is_known, known_keys
    from ..web.fetch import fetch

    final_url = feed.url
    try:
        fetched = fetch(
            feed.url, accept="feed", etag=feed.fetch.etag, last_modified=feed.fetch.last_modified, client=client
        )
        if fetched.not_modified:
            return _Fetched(feed, "not-modified", fetched.etag, fetched.last_modified)
        from .parse import parse_feed  # feedparser: only for feeds that changed

        final_url = fetched.final_url
        parsed = parse_feed(fetched.text, url=final_url)
    except LibraryError as error:
        return _Fetched(feed, "error", error=failure_cause(error, feed.url, final_url))
    result = _Fetched(feed, "ok", fetched.etag, fetched.last_modified, " ".join(parsed.title.split()))
    known = known_keys(db, feed)
    for entry in parsed.entries:
        if stop():
            break
        keys = entry_keys(entry.guid, entry.link)
        if not keys or is_known(known, keys):
            continue
        known.update(keys)
        holder = article_for_url(db, entry.link) if entry.link else None
        if holder is not None:
            result.entries.append(_Entry(keys, entry.link, holder=holder))
            continue
        article = _make_article(entry, feed, client)
        if article is not None:
            result.entries.append(_Entry(keys, entry.link, article=article))
    return result


def refresh_feeds(
    library: Any,
    db: StateDB,
    feeds: Iterable[Feed],
    *,
    progress: Callable[[int], None] | None = None,
    stop: Callable[[], bool] = _never,
) -> RefreshReport:
    """Refresh `feeds` into `library` (an index.library.Library); never raises
    for one feed's failure: it is that feed's result.

    Once `stop()` is true (the app is quitting), feeds not yet fetched are
    left, no further page is fetched, and nothing is indexed or recorded:
    the next refresh does it all again, so nothing is lost."""
    from ..web.fetch import make_client

    feeds = list(feeds)
    done: dict[int, _Fetched] = {}
    # The analysers are forked first: never with a fetching thread mid-request.
    with Analysers(library.engine) as analysers, make_client() as client, ThreadPoolExecutor(PARALLEL_FEEDS) as pool:
        futures = {pool.submit(_fetch_feed, db, feed, client, stop): number for number, feed in enumerate(feeds)}
        for future in as_completed(futures):
            if stop():
                for pending in futures:
                    pending.cancel()
                continue
            result = done[futures[future]] = future.result()
            analysers.submit(result.entries)
        if stop():
            return RefreshReport()
        analysers.collect()
    results = [done[number] for number in range(len(feeds))]
    articles = [entry.article for result in results for entry in result.entries if entry.article is not None]
    added = library.add_articles(articles, progress=progress, expected=len(articles)) if articles else None
    unclaimed = set(added.added) if added else set()
    report = RefreshReport(added=list(added.added) if added else [])
    # Every feed's bookkeeping in one transaction: one commit, not one a feed.
    with db.writing():
        for result in results:
            report.feeds.append(_record(db, result, unclaimed, report))
    return report


def _record(db: StateDB, result: _Fetched, unclaimed: set[str], report: RefreshReport) -> FeedResult:
    """Record one feed's refresh: its new articles, the entries seen, the validators."""
    from ..state import add_article, adopt_articles, mark_all_seen, record_fetch, remember_url

    feed = result.feed
    outcome = FeedResult(feed.id, feed.url, result.status, error=result.error, name=feed.title or result.title or feed.url)
    if result.status == "error":
        record_fetch(db, feed, "error", error=result.error)
        return outcome
    seen: list[tuple[tuple[str, ...], str | None]] = []
    held = [entry.holder for entry in result.entries if entry.article is None and entry.holder is not None]
    # An article whose feed was removed comes back to the feed that carries it again.
    outcome.reattached = len(adopt_articles(db, held, feed)) if held else 0
    for entry in result.entries:
        if entry.article is None:
            seen.append((entry.keys, entry.holder))
            continue
        article_id = entry.article.id
        if article_id in unclaimed:
            unclaimed.discard(article_id)
            add_article(db, article_id, feed)
            for url in {entry.link, entry.article.url} - {""}:
                remember_url(db, url, article_id)
            outcome.new += 1
            seen.append((entry.keys, article_id))
        else:
            report.duplicates += 1
            seen.append((entry.keys, None))
    if seen:
        mark_all_seen(db, feed, seen)
    record_fetch(db, feed, result.status, result.etag, result.last_modified, title=result.title)
    return outcome


@dataclass(frozen=True)
class FeedInfo:
    """A subscribed feed as `feeds list` shows it."""

    id: str
    url: str
    title: str
    source: str
    full_text: str
    articles: int
    unread: int
    last_refresh: datetime | None
    last_status: str | None
    last_error: str | None
    failures: int = 0
    """Consecutive failed refreshes."""

    @property
    def name(self) -> str:
        return self.title or self.url

    @property
    def outlet(self) -> str:
        """The outlet its articles are credited to: the user's name for it, else its title."""
        return self.source or self.title

    @property
    def failing(self) -> bool:
        """Failed FAILING_AFTER refreshes in a row: shown as failing."""
        from ..state import FAILING_AFTER

        return self.failures >= FAILING_AFTER

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "articles": self.articles,
            "unread": self.unread,
            "last_refresh": self.last_refresh.isoformat() if self.last_refresh else None,
            "last_status": self.last_status,
            "last_error": self.last_error,
            "failures": self.failures,
            "failing": self.failing,
        }


def feed_info(feed: Feed, counts: dict[str, Any]) -> FeedInfo:
    count = counts.get(feed.id)
    return FeedInfo(
        feed.id, feed.url, feed.title, feed.source, feed.full_text,
        count.articles if count else 0, count.unread if count else 0,
        feed.fetch.last_refresh, feed.fetch.last_status, feed.fetch.last_error, feed.fetch.failures,
    )  # fmt: skip


def feed_infos(db: StateDB) -> list[FeedInfo]:
    from ..state import feed_counts, list_feeds

    counts = feed_counts(db)
    return [feed_info(feed, counts) for feed in list_feeds(db)]
