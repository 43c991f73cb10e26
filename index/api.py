"""The public face of `index/`: the only module the app and the command line use.

In the spirit of harlequin's adapter: one small surface with typed records in
and out, so the UI never sees Whoosh objects, story-store internals or query
strings it built itself. Importing this module is cheap (Whoosh loads on
first use), so the app paints before the library is opened.

Every method raises only `LibraryError` subclasses for conditions a person
can act on; each carries a one-line message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .article import Article
from .errors import AmbiguousId, ArticleNotFound, LibraryBusy, LibraryDamaged, LibraryError, QueryError
from .lazy import lazy_exports

if TYPE_CHECKING:
    from .analysis.model import Analysis, Entity, Quote
    from .compare.model import ChangeNote, Comparison, CoverageRow, Passage, SharedQuote
    from .facets import Facet
    from .feeds.refresh import FeedInfo, RefreshReport
    from .feeds.subscriptions import ImportedFeed, OpmlImport
    from .first_screen import FirstScreen
    from .health.check import CheckReport
    from .health.repair import RepairReport
    from .highlight import MatchTerms, Span
    from .ingest.frontmatter import DATE_ORDERS
    from .ingest.walk import ARTICLE_SUFFIXES, EMPTY_DIRECTORY
    from .library import AddReport, ArticleSummary
    from .library import Library as _Core
    from .library.summaries import SummaryWalk
    from .search import Hit, ResultPages, SearchResults
    from .state import Flags, StateDB
    from .stories import Story, StoryError, StoryNotFound, StoryStore
    from .stories.catalog import Listing
    from .stories.listing import StoryRecord
    from .stories.members import Member as StoryMember

# Records and errors loaded on first use (PEP 562), so importing the facade
# does not import Whoosh or the analysis engine.
_LAZY = {
    "ARTICLE_SUFFIXES": "ingest.walk",
    "EMPTY_DIRECTORY": "ingest.walk",
    "DATE_ORDERS": "ingest.frontmatter",
    "AddReport": "library",
    "ArticleSummary": "library",
    "SummaryWalk": "library.summaries",
    "Analysis": "analysis.model",
    "Entity": "analysis.model",
    "Quote": "analysis.model",
    "ChangeNote": "compare.model",
    "Comparison": "compare.model",
    "CoverageRow": "compare.model",
    "Passage": "compare.model",
    "SharedQuote": "compare.model",
    "Facet": "facets",
    "FirstScreen": "first_screen",
    "FeedInfo": "feeds.refresh",
    "Flags": "state",
    "ImportedFeed": "feeds.subscriptions",
    "OpmlImport": "feeds.subscriptions",
    "RefreshReport": "feeds.refresh",
    "CheckReport": "health.check",
    "RepairReport": "health.repair",
    "MatchTerms": "highlight",
    "Span": "highlight",
    "Hit": "search",
    "SearchResults": "search",
    "ResultPages": "search",
    "Story": "stories",
    "StoryError": "stories",
    "StoryNotFound": "stories",
    "StoryRecord": "stories.listing",
    "StoryMember": "stories.members",
}


__getattr__ = lazy_exports(__name__, {name: f".{module}" for name, module in _LAZY.items()})

SORTS = ("relevance", "newest", "outlet")
"""The orders `Library.search_pages` reads a result set in (index.search.SORTS)."""
STORY_SORTS = ("newest", "articles", "outlets")
"""Orders of `Library.story_listing`: newest first, most articles, most outlets."""
STORY_SORT_NAMES = {"newest": "newest first", "articles": "most articles", "outlets": "most outlets"}
MAX_COMPARED = 5
"""Articles the compare screen puts side by side (the CLI compares up to 12)."""
GROUPING_NOTICE_FROM = 200
"""Grouping this many ungrouped articles takes long enough to say so first."""

ProgressCallback = Callable[[int], None]


class InputError(LibraryError):
    """Input that is not article text (binary, empty, unreadable)."""


class CompareError(LibraryError):
    """Articles that cannot be compared together (too few, one listed twice, too many)."""


@dataclass(frozen=True)
class CoverageChoice:
    """Which of a story's articles to put side by side."""

    articles: list[str]
    """At most `MAX_COMPARED` ids: the article asked about first, then one per outlet."""
    total: int
    """How many articles the story has in all."""

    @property
    def comparable(self) -> bool:
        return len(self.articles) >= 2

    @property
    def partial(self) -> bool:
        return self.total > len(self.articles)


def grouping_notice(waiting: int) -> str | None:
    """What to tell the user before grouping `waiting` articles into stories."""
    if waiting < GROUPING_NOTICE_FROM:
        return None
    return f"Grouping {waiting} articles into stories (once; later adds group as they go)…"


def select_stories(
    records: Iterable[StoryRecord], *, query: str = "", min_outlets: int = 1, sort: str = "newest"
) -> list[StoryRecord]:
    """Filter and sort story records as `Library.story_listing` does (for a
    list already fetched: filtering as the user types)."""
    from .stories.listing import select

    return select(records, query=query, min_outlets=min_outlets, sort=sort)


def story_sort_key(story: Story) -> tuple[int, int, str]:
    """Stories covered by most articles first, then in the order they were made."""
    number = story.id[1:]
    return (-len(story.articles), int(number) if number.isdigit() else 0, story.id)


def _guarded(cls: type) -> type:
    """Wrap every public method so that damaged library files surface as
    one `LibraryDamaged` line ("... run `newsreader repair`"), never as
    whatever Whoosh's decoder happened to raise."""

    def guard(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: Library, *args: object, **kwargs: object) -> object:
            from .health.damage import damage_guard

            with damage_guard(self.directory):
                return method(self, *args, **kwargs)

        return wrapper

    def read_guard(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: Library, *args: object, **kwargs: object) -> object:
            from .health.damage import damage_guard, is_damage

            try:
                return method(self, *args, **kwargs)
            except Exception as error:
                if isinstance(error, LibraryError) or not is_damage(error):
                    raise
            # A reader that met a segment as another writer (or thread)
            # replaced it sees garbage once: read again from a fresh searcher
            # before calling the library damaged.
            self._core.fresh_searcher()
            with damage_guard(self.directory):
                return method(self, *args, **kwargs)

        return wrapper

    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_") and name not in ("close",):
            setattr(cls, name, read_guard(member) if name in RETRIED_READS else guard(member))
    return cls


RETRIED_READS = frozenset({
    "count", "get", "resolve", "summaries", "titles_matching", "search", "add_snippets", "facets", "compare",
    "story_of", "near_duplicates", "also_published", "also_published_by", "search_pages", "other_outlets",
    "story_listing", "story_record", "story_members", "members_of_stories", "summaries_of",
    "newest_summaries",
})
"""Reads that touch the index only: safe to run twice."""


@_guarded
class Library:
    """An open library. Safe to share between threads for reading."""

    def __init__(self, core: _Core) -> None:
        self._core = core

    @classmethod
    def open(
        cls, directory: Path | None = None, *, engine: str | None = None, seed: bool | None = None
    ) -> Library:
        """Open the library in `directory` (default: $NEWSREADER_LIBRARY or the
        user data dir), creating it if it is new. A new library gets the
        bundled demo articles when `seed`; by default only the default
        library does (no `directory`: the app's first launch)."""
        from .library import Library as Core

        core = Core.open(directory, seed=directory is None if seed is None else seed)
        if engine is not None:
            core.engine = engine
        return cls(core)

    @property
    def directory(self) -> Path:
        return self._core.directory

    @property
    def read_only(self) -> bool:
        """True when the library can be searched and read but not changed."""
        return self._core.read_only

    def close(self) -> None:
        self._core.close()

    def require_writable(self) -> None:
        """Raise the one-line 'library DIR is read-only' error (a LibraryError)
        if this process cannot change the library: before asking the user to
        confirm a change that could not be made."""
        from .library.locking import require_writable

        require_writable(self._core.directory)

    # -- reading ---------------------------------------------------------------

    def count(self) -> int:
        return self._core.count()

    def refresh(self) -> int | None:
        """If another process changed the library since the last look, move to
        its new state and return the new article count; else None."""
        if not self._core.has_changed():
            return None
        self._core.searcher()  # refreshes to the newest generation
        return self._core.count()

    def get(self, article_id: str) -> Article | None:
        return self._core.get(article_id)

    def resolve(self, id_or_prefix: str) -> Article:
        """The article with this id or unique id prefix (ArticleNotFound, AmbiguousId)."""
        return self._core.resolve(id_or_prefix)

    def summaries(self) -> list[ArticleSummary]:
        """Every article, newest first (all held at once: for small libraries
        and tests; `newest_summaries` streams them)."""
        return self._core.summaries()

    def newest_summaries(self) -> SummaryWalk:
        """Every article in the order of `summaries()`, each read as the walk
        is iterated (`total` says how many), so printing the whole library
        holds neither every stored document nor (but for articles that share
        a date) every summary. Damage met on the way raises LibraryDamaged."""
        from .health.damage import damage_guard
        from .library.summaries import SummaryWalk, newest_first

        walk = newest_first(self._core.searcher())

        def guarded() -> Iterator[ArticleSummary]:
            with damage_guard(self.directory):
                yield from walk.items

        return SummaryWalk(walk.total, guarded())

    def summaries_of(self, article_ids: Iterable[str]) -> list[ArticleSummary]:
        """The summaries of these articles (those the library holds, each once),
        in the order of `summaries()`; reads only them unless they are many."""
        from .library.summaries import summaries_of

        return summaries_of(self._core.searcher(), article_ids)

    def titles_matching(self, text: str, limit: int = 20) -> list[ArticleSummary]:
        return self._core.titles_matching(text, limit)

    def search(self, text: str, *, limit: int | None = 50, snippets: int = 20) -> SearchResults:
        """Run a query (QueryError if it cannot be understood); '' lists the newest.
        `is:unread`, `is:read`, `is:starred` and `feed:NAME` filter by the state database."""
        from .search import search

        return search(self._core, text, limit=limit, snippets=snippets, state=self._state)

    def search_pages(
        self, text: str, *, sort: str = "relevance", first: int = 100, snippets: int = 20
    ) -> ResultPages:
        """A whole result set in `sort` order (one of `SORTS`; relevance needs
        words to rank by, so a list of articles is newest first), with its
        first `first` rows read; `page` reads the others. '' is every article."""
        from .search import search_pages

        return search_pages(self._core, text, sort=sort, first=first, snippets=snippets, state=self._state)

    def page(self, pages: ResultPages, start: int, count: int) -> list[Hit]:
        """Rows `start` to `start + count` of a result set (fewer at its end), without snippets."""
        return pages.page(start, count)

    def other_outlets(self, article_ids: Iterable[str]) -> dict[str, int]:
        """How many other outlets cover each article's story (only articles
        whose story has another outlet), from the stories listing's records."""
        listing = self._story_listing()
        found: dict[str, int] = {}
        for article_id in article_ids:
            record = listing.by_article.get(article_id)
            member = listing.members.get(article_id)
            if record is None or member is None or len(record.outlets) < 2:
                continue
            others = {outlet.casefold() for outlet in record.outlets} - {member.outlet.casefold(), ""}
            if others:
                found[article_id] = len(others)
        return found

    def add_snippets(self, hits: list[Hit], terms: MatchTerms) -> None:
        """Make snippets for hits that have none yet (rows scrolled into view)."""
        from .search import add_snippets

        add_snippets(self._core, hits, terms)

    def facets(self, article_ids: Iterable[str] | None = None, limit: int | None = None) -> dict[str, list[Facet]]:
        """Who and what the given articles (or the whole library) mention most."""
        from .facets import library_facets

        return library_facets(self._core, article_ids, limit)

    # -- comparing ---------------------------------------------------------------

    def compare(self, article_ids: list[str]) -> Comparison:
        """Compare articles by id or unique prefix (ArticleNotFound, AmbiguousId, LibraryError)."""
        from .compare import CompareError as Refused
        from .compare import compare

        articles = [self.resolve(article_id) for article_id in article_ids]
        try:
            return compare(articles)
        except Refused as error:
            raise CompareError(str(error)) from error

    # -- stories -----------------------------------------------------------------

    def stories(self) -> list[Story]:
        """The stories, most covered first. Reads only: see `group_stories`."""
        return sorted(self._core.stories().stories.values(), key=story_sort_key)

    def ungrouped(self) -> int:
        """How many articles no story lists yet."""
        try:
            listed = sum(record.count for record in self._story_listing().records)
        except LibraryError:
            return 0  # a damaged stories file: `stories()` says so
        # The listing holds only articles the index has, each once.
        return max(0, self._core.count() - listed)

    def group_stories(self) -> int:
        """Group the articles no story lists yet (a library older than stories,
        an interrupted add), under the write lock; returns how many. A
        read-only library is left as it is."""
        if self._core.read_only:
            return 0
        return self._core.group_ungrouped()

    def story(self, story_id: str) -> Story:
        """StoryNotFound (a LibraryError) if there is none."""
        return self._core.stories().story(story_id)

    def story_of(self, article_id: str) -> Story | None:
        return self._core.stories().story_of(article_id)

    def coverage(self, *, story_id: str | None = None, article_id: str | None = None) -> CoverageChoice:
        """Which articles to compare for a story: given by id, or as the story
        of `article_id`, which then comes first."""
        from .stories.pick import pick_coverage

        self.group_stories()
        store = self._core.stories()
        story = store.story(story_id) if story_id else store.story_of(article_id or "")
        if story is None:
            return CoverageChoice([], 0)
        sources: dict[str, str] = {}
        if len(story.articles) > MAX_COMPARED:
            for other in story.articles[:50]:
                found = self.get(other)
                sources[other] = found.source if found else ""
        chosen = pick_coverage(story.articles, sources, article_id, MAX_COMPARED)
        return CoverageChoice(chosen, len(story.articles))

    def move_to_story(self, article_id: str, story_id: str | None) -> Story:
        """Put an article (id or prefix) in another story; None: a story of its own."""
        article = self.resolve(article_id)

        def move(store: StoryStore) -> Story:
            # The story it leaves is retitled after its articles: only theirs are read.
            current = store.story_of(article.id)
            titles = self._titles(current.articles if current else [])
            return store.move(article.id, story_id, article.title, titles)

        return cast("Story", self._core.change_stories(move))

    def merge_stories(self, into_id: str, other_id: str) -> Story:
        return cast("Story", self._core.change_stories(lambda store: store.merge(into_id, other_id)))

    def split_story(self, story_id: str, article_ids: list[str]) -> Story:
        """Move some of a story's articles (ids or prefixes) into a new story."""
        articles = [self.resolve(a) for a in article_ids]

        def split(store: StoryStore) -> Story:
            # The story split is retitled after its articles: only theirs are read.
            story = store.stories.get(story_id)
            titles = self._titles(story.articles if story else [])
            return store.split(story_id, [a.id for a in articles], articles[0].title, titles)

        return cast("Story", self._core.change_stories(split))

    def rebuild_stories(self) -> None:
        """Group everything again, keeping what the user placed by hand."""
        titles = self._titles()
        self._core.change_stories(lambda store: store.rebuild(titles), rebuild=True)

    def story_listing(self, *, query: str = "", min_outlets: int = 1, sort: str = "newest") -> list[StoryRecord]:
        """Each story's list record (id, title, first and last date, outlets,
        articles), those matching `query` (every word starts a word of the
        story's title, its articles' titles or its outlets) and covered by at
        least `min_outlets` outlets, in `sort` order (`STORY_SORTS`). Reads
        only; the records are kept until the library changes, so this is
        cheap to call as the user types."""
        return select_stories(self._story_listing().records, query=query, min_outlets=min_outlets, sort=sort)

    def story_record(self, story_id: str) -> StoryRecord:
        """One story's list record (StoryNotFound if there is none)."""
        from .stories import StoryNotFound

        record = self._story_listing().by_id.get(story_id)
        if record is None:
            raise StoryNotFound(f"no story with id {story_id!r}; `newsreader stories` lists them")
        return record

    def story_members(self, story_id: str) -> list[StoryMember]:
        """What the stories list shows of each article of a story (title, outlet, day), in story order."""
        listing = self._story_listing()
        record = self.story_record(story_id)
        return [listing.members[a] for a in record.articles if a in listing.members]

    def members_of_stories(self, story_ids: Iterable[str]) -> dict[str, list[StoryMember]]:
        """`story_members` of many stories at once (a listing to print); unknown ids are left out."""
        listing = self._story_listing()
        found = {}
        for story_id in story_ids:
            record = listing.by_id.get(story_id)
            if record is not None:
                found[story_id] = [listing.members[a] for a in record.articles if a in listing.members]
        return found

    def remove_story(self, story_id: str) -> list[str]:
        """Remove every article of a story from the library, in one commit; returns their ids."""
        return self.remove(list(self.story(story_id).articles))

    def _story_listing(self) -> Listing:
        from .stories.catalog import StoryCatalog

        catalog = getattr(self, "_catalog", None)
        if catalog is None:
            catalog = self._catalog = StoryCatalog(self.directory)
        generation = self._core.searcher().reader().generation()
        return cast("Listing", catalog.listing(
            generation, lambda: self._core.stories().stories, self._story_members_of, writable=not self._core.read_only,
            present=self._core.present_ids,
        ))

    def _story_members_of(self, article_ids: list[str]) -> list[StoryMember]:
        """Records for articles the members file lacks (a library older than it)."""
        from .library import summary_from_fields
        from .stories.members import member_of

        if len(article_ids) > 200:
            return [member_of(s) for s in self.summaries_of(article_ids)]
        searcher = self._core.searcher()
        stored = (searcher.document(id=article_id) for article_id in article_ids)
        return [member_of(summary_from_fields(fields)) for fields in stored if fields]

    def _titles(self, article_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id -> title, of these articles (those the library holds) or
        of every article (one walk keeping only the titles)."""
        from .library.summaries import all_titles, titles_of

        searcher = self._core.searcher()
        return all_titles(searcher) if article_ids is None else titles_of(searcher, article_ids)

    # -- writing -----------------------------------------------------------------

    def add(
        self,
        sources: list[str],
        *,
        source: str = "",
        progress: ProgressCallback | None = None,
        date_order: str | None = None,
        on_stop: Callable[[], None] | None = None,
    ) -> AddReport:
        """Add files, directories and web pages (http/https URLs) in one run; one
        bad file or unreachable page never stops the others. `source` names the
        outlet of articles that give none; `date_order` ('dmy' or 'mdy') says
        how numeric dates such as 07/03/2025 read. `progress(1)` as each file
        or page is read. The first Ctrl-C (in the main thread) stops the add
        after the file in hand and commits what was read: `on_stop()` is
        called at once, to say so while the commit runs."""
        urls, paths = split_sources(sources)
        report = self._core.add_paths(
            paths, source=source, progress=progress, expected=count_article_files(paths), date_order=date_order,
            on_stop=on_stop,
        )
        if urls and not report.interrupted:
            report.merge(self._core.add_urls(urls, source=source, progress=progress))
        return report

    def add_paths(
        self,
        paths: list[Path],
        *,
        source: str = "",
        progress: ProgressCallback | None = None,
        expected: int = 0,
    ) -> AddReport:
        """Read files and directories and add their articles; one bad file never stops the run."""
        return self._core.add_paths(paths, source=source, progress=progress, expected=expected)

    def add_demo(self) -> AddReport:
        """Add the bundled demo articles; those already here are skipped
        (`report.skipped`), so running it twice adds nothing."""
        return self._core.add_demo()

    def remove(self, article_ids: list[str]) -> list[str]:
        """Remove articles by id or unique prefix, all in one commit; returns
        their full ids. Every id is resolved first: an unknown or ambiguous one
        (ArticleNotFound, AmbiguousId) removes nothing."""
        return self._core.remove(list(article_ids))

    # -- near duplicates -------------------------------------------------------

    def near_duplicates(self, article_id: str) -> list[ArticleSummary]:
        """The other articles this one (id or unique prefix) is a near copy of:
        wire copy republished with small edits, kept as separate articles.
        First published first (undated last)."""
        from .dupes import near_duplicate_ids
        from .library import summary_from_fields

        article = self.resolve(article_id)
        searcher = self._core.searcher()
        found = []
        for other, _similarity in near_duplicate_ids(self.directory, article.id):
            stored = searcher.document(id=other)
            if stored:  # a pair may outlive an article removed by an older newsreader
                found.append(summary_from_fields(stored))
        return sorted(found, key=lambda s: (s.published is None, s.published.isoformat() if s.published else "", s.id))

    def also_published(self, article_id: str) -> list[str]:
        """The outlets that also published this article (near copies), its own
        outlet left out, in the order they first published it."""
        own = " ".join(self.resolve(article_id).source.split()).casefold()
        outlets: dict[str, str] = {}
        for copy in self.near_duplicates(article_id):
            name = " ".join(copy.source.split())
            if name and name.casefold() != own:
                outlets.setdefault(name.casefold(), name)
        return list(outlets.values())

    def also_published_by(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        """`also_published` for many articles (exact ids, e.g. a page of
        results) in one pass: id -> outlets, only for articles that have copies."""
        from .dupes import near_duplicates_of

        copies = near_duplicates_of(self.directory, article_ids)
        if not copies:
            return {}
        searcher = self._core.searcher()
        outlets_of: dict[str, tuple[str, str]] = {}  # id -> (outlet, published) of every article involved

        def outlet(article_id: str) -> tuple[str, str]:
            if article_id not in outlets_of:
                stored = searcher.document(id=article_id) or {}
                published = stored.get("published")
                outlets_of[article_id] = (" ".join(str(stored.get("source", "")).split()),
                                          published.isoformat() if published else "~")  # fmt: skip
            return outlets_of[article_id]

        found: dict[str, list[str]] = {}
        for article_id, others in copies.items():
            own = outlet(article_id)[0].casefold()
            names: dict[str, str] = {}
            for other in sorted(others, key=lambda other: (outlet(other)[1], other)):
                name = outlet(other)[0]
                if name and name.casefold() != own:
                    names.setdefault(name.casefold(), name)
            if names:
                found[article_id] = list(names.values())
        return found

    def record_near_duplicates(self, progress: ProgressCallback | None = None) -> int:
        """Pair the articles that have no near-duplicate record yet (added
        before near duplicates were detected, or while their file was damaged)
        with their copies; returns how many were recorded. Streams the
        library, `progress(n)` after every n articles looked at; a read-only
        library is left as it is."""
        from .dupes import record_missing

        if self._core.read_only:
            return 0
        stored = self._core.searcher().reader().all_stored_fields()
        return record_missing(self.directory, ((fields["id"], fields.get("body", "")) for fields in stored), progress)

    # -- feeds -------------------------------------------------------------------

    def _state(self) -> StateDB:
        """The library's state database (feeds, seen entries, flags), opened on first use."""
        db = getattr(self, "_state_db", None)
        if db is None:
            from .state import StateDB

            db = self._state_db = StateDB(self.directory)
        return cast("StateDB", db)

    def add_feed(self, url: str, *, source: str = "", full_text: str = "auto") -> FeedInfo:
        """Subscribe to a feed, or to the first feed a page links (FetchError,
        FeedError, FeedExists). `source` names the outlet of its articles."""
        from .feeds.refresh import feed_info, subscribe

        return feed_info(subscribe(self._state(), url, source=source, full_text=full_text), {})

    def feeds(self) -> list[FeedInfo]:
        """Every subscribed feed with its article and unread counts, in the order added."""
        from .feeds.refresh import feed_infos

        return feed_infos(self._state())

    def remove_feed(self, name: str) -> FeedInfo:
        """Unsubscribe from a feed named by id, URL or title prefix; its articles stay."""
        from .feeds.refresh import feed_info
        from .state import find_feed, remove_feed

        feed = find_feed(self._state(), name)
        remove_feed(self._state(), feed)
        return feed_info(feed, {})

    def rename_feed(self, name: str, title: str, *, source: str | None = None) -> FeedInfo:
        """Give a feed (named by id, URL or title prefix) a new title; an empty
        title is an InputError, another feed's title FeedExists (names stay
        unique, so `feed:NAME` names one feed). The outlet articles already in
        the library are credited to does not change; `source`, if given, sets
        the one the feed's new articles are credited to ("" for its title)."""
        from .feeds.refresh import feed_info
        from .library.locking import require_writable
        from .state import feed_counts, find_feed, rename_feed, set_source

        title = " ".join(title.split())
        if not title:
            raise InputError("a feed's new name cannot be empty; give one, e.g. `feeds rename FEED 'World news'`")
        require_writable(self.directory)
        db = self._state()
        feed = rename_feed(db, find_feed(db, name), title)
        if source is not None:
            feed = set_source(db, feed, " ".join(source.split()))
        return feed_info(feed, feed_counts(db))

    def feed_articles(self, name: str) -> list[str]:
        """The ids of the articles a feed (named by id, URL or title prefix) brought in, oldest first."""
        from .state import feed_articles, find_feed

        db = self._state()
        return feed_articles(db, find_feed(db, name))

    def feed_of(self, article_id: str) -> FeedInfo | None:
        """The subscribed feed an article came from, if any."""
        from .state import article_feed

        feed_id = article_feed(self._state(), article_id)
        if feed_id is None:
            return None
        return next((info for info in self.feeds() if info.id == feed_id), None)

    # -- read and starred --------------------------------------------------------

    def flags(self, article_ids: Iterable[str]) -> dict[str, Flags]:
        """Each article's read and starred flags (an article older than the
        feed database counts as read)."""
        from .state import flags

        return flags(self._state(), article_ids)

    def mark_read(self, article_ids: Iterable[str], read: bool = True) -> list[str]:
        """Mark articles (ids or unique prefixes) read or unread; returns their
        full ids. Every id is resolved first, so a bad one changes nothing."""
        from .library.locking import require_writable
        from .state import set_read

        ids = self._resolve_all(article_ids)
        require_writable(self.directory)
        set_read(self._state(), ids, read)
        return ids

    def mark_starred(self, article_ids: Iterable[str], starred: bool = True) -> list[str]:
        """Star or unstar articles (ids or unique prefixes); returns their full ids."""
        from .library.locking import require_writable
        from .state import set_starred

        ids = self._resolve_all(article_ids)
        require_writable(self.directory)
        set_starred(self._state(), ids, starred)
        return ids

    def flags_stamp(self) -> tuple[int, ...]:
        """Changes whenever anyone (this process or another, e.g. `newsreader read`)
        commits to the state database: a cheap test before reloading flags."""
        from .state import state_path

        stamp: list[int] = []
        for suffix in ("", "-wal"):
            try:
                info = state_path(self.directory).with_name(state_path(self.directory).name + suffix).stat()
            except OSError:
                stamp += [0, 0]
            else:
                stamp += [info.st_mtime_ns, info.st_size]
        return tuple(stamp)

    def unread_ids(self) -> set[str]:
        """The ids of every unread article."""
        from .state import unread_ids

        return unread_ids(self._state())

    def starred_ids(self) -> set[str]:
        """The ids of every starred article."""
        from .state import starred_ids

        return starred_ids(self._state())

    def _resolve_all(self, article_ids: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(self._core.resolve(given).id for given in article_ids))

    def refresh_feeds(
        self,
        names: Iterable[str] = (),
        *,
        progress: ProgressCallback | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> RefreshReport:
        """Fetch every feed (or those named by id, URL or title prefix) and add
        their new entries' articles; a feed that fails is reported in its result."""
        from .feeds.refresh import refresh_feeds
        from .library.locking import require_writable
        from .state import find_feed, list_feeds

        require_writable(self.directory)
        db = self._state()
        chosen = [find_feed(db, name) for name in names] or list_feeds(db)
        unique = list({feed.id: feed for feed in chosen}.values())
        if stop is None:
            return refresh_feeds(self._core, db, unique, progress=progress)
        return refresh_feeds(self._core, db, unique, progress=progress, stop=stop)

    def import_opml(self, path: Path | str) -> OpmlImport:
        """Subscribe to every feed an OPML file lists, with its title, without
        fetching any (the next `refresh_feeds` does); URLs already subscribed
        are skipped. A file that is missing, binary or not OPML is one
        FeedError line naming it, and nothing changes."""
        from .feeds.subscriptions import import_opml
        from .library.locking import require_writable

        require_writable(self.directory)
        return import_opml(self._state(), Path(path))

    def export_opml(self) -> str:
        """Every subscribed feed as an OPML 2.0 document (`import_opml` reads it back)."""
        from .feeds.subscriptions import export_opml

        return export_opml(self._state())

    # -- the app's first screen (index.first_screen) ------------------------------

    def keep_first_screen(
        self, pages: ResultPages, copies: dict[str, list[str]], outlets: dict[str, int] | None
    ) -> None:
        """Keep the first rows of the library's opening listing (no query, its
        default order) with their marks, for the app's next start to show at
        once (`outlets` None: story markers not read yet); nothing is written
        if they are kept already."""
        from .first_screen import keep

        if pages.query:
            return
        try:
            keep(self._core.directory, pages.generation, pages.total, pages.sort, pages.results.hits, copies, outlets)
        except Exception:  # noqa: BLE001 - only a quicker next start is lost, never worth an error
            pass


def library_directory(directory: Path | None = None) -> Path:
    """The library `directory` names, else $NEWSREADER_LIBRARY, else the user data dir."""
    from .paths import default_library_dir

    return Path(directory) if directory else default_library_dir()


def first_screen(directory: Path | None = None) -> FirstScreen | None:
    """The library's opening listing as the app last kept it, if it still holds
    (with fresh read and starred flags); None otherwise. Imports no Whoosh: the
    app shows these rows in its first frame, and the real listing replaces them."""
    from .first_screen import load

    try:
        return load(library_directory(directory))
    except Exception:  # a platform dir that cannot be found, a hostile file: list the slow way
        return None


def check_library(directory: Path | None = None) -> CheckReport:
    """Verify every part of a library (index segments, stored fields, postings,
    story files) without changing anything."""
    from .health.check import check_library as check

    return check(library_directory(directory))


def repair_library(directory: Path | None = None, progress: Callable[[str, int, int], None] | None = None) -> RepairReport:
    """Rebuild whatever `check_library` finds damaged from what survives; a
    healthy library is left untouched. `progress(stage, done, total)`."""
    from .health.repair import repair_library as repair

    return repair(library_directory(directory), progress)


def split_sources(sources: list[str]) -> tuple[list[str], list[Path]]:
    """What an add was given: web page URLs, and paths (everything else)."""
    from .web.urls import is_url

    urls = [item for item in sources if is_url(item)]
    return urls, [Path(item) for item in sources if not is_url(item)]


def looks_like_feed_url(url: str) -> bool:
    """Whether an address reads like a feed's (`.xml`, `/feed`, ...), from the address alone."""
    from .web.urls import looks_like_feed_url as looks_like

    return looks_like(url)


def count_added_items(sources: list[str]) -> int:
    """How many files and pages an add of `sources` will read (for a progress bar)."""
    urls, paths = split_sources(sources)
    return len(urls) + count_article_files(paths)


def count_article_files(paths: list[Path]) -> int:
    """How many article files an add of `paths` will read (for a progress bar)."""
    from .ingest import iter_article_paths

    return sum(1 for item in iter_article_paths(paths) if isinstance(item, Path))


def check_engine(name: str | None) -> None:
    """LibraryError if the analysis engine `name` is not installed."""
    from .analysis.engine import EngineUnavailable, get_engine

    try:
        get_engine(name)
    except EngineUnavailable as error:
        raise LibraryError(str(error)) from error


def set_engine(name: str | None) -> None:
    """The analysis engine for articles added from now on ('builtin', 'nlp', None: best installed)."""
    from .library import Library as Core

    Core.engine = name


def analyse_bytes(data: bytes, name: str, engine: str | None = None) -> tuple[str, Analysis]:
    """Entities and quotes of raw text, decoded and cleaned as ingest does.
    Returns the clean text (the offsets point into it) and its analysis."""
    from .analysis import analyse
    from .analysis.engine import EngineUnavailable
    from .ingest import UnreadableInput, decode_bytes, strip_terminal_controls

    try:
        text = strip_terminal_controls(decode_bytes(data).text)
    except UnreadableInput as error:
        raise InputError(f"{name} {error}") from error
    try:
        return text, analyse(text, engine)
    except EngineUnavailable as error:
        raise LibraryError(str(error)) from error


def match_offsets(text: str, terms: MatchTerms | None) -> list[Span]:
    """Where the words and phrases a search matched occur in `text`."""
    if terms is None:
        return []
    from .highlight import match_offsets as offsets

    return offsets(text, terms)


def name_query(label: str, name: str) -> str:
    """A query term finding the articles that name `name` as a `label`
    (PERSON, ORG, PLACE or SPEAKER): `person:"Vladimir Putin"`."""
    from . import facets

    return facets.name_query(label, name)


def comparison_markdown(comparison: Comparison) -> str:
    from .compare.report import to_markdown

    return to_markdown(comparison)


__all__ = [
    "ARTICLE_SUFFIXES",
    "DATE_ORDERS",
    "EMPTY_DIRECTORY",
    "GROUPING_NOTICE_FROM",
    "MAX_COMPARED",
    "AddReport",
    "AmbiguousId",
    "Analysis",
    "Article",
    "ArticleNotFound",
    "ArticleSummary",
    "ChangeNote",
    "CheckReport",
    "Comparison",
    "CompareError",
    "CoverageChoice",
    "CoverageRow",
    "Entity",
    "Facet",
    "FeedInfo",
    "Flags",
    "Hit",
    "ImportedFeed",
    "InputError",
    "Library",
    "LibraryBusy",
    "LibraryDamaged",
    "LibraryError",
    "MatchTerms",
    "OpmlImport",
    "Passage",
    "QueryError",
    "RefreshReport",
    "RepairReport",
    "Quote",
    "ResultPages",
    "SORTS",
    "SearchResults",
    "SharedQuote",
    "Span",
    "STORY_SORTS",
    "STORY_SORT_NAMES",
    "Story",
    "StoryError",
    "StoryMember",
    "StoryNotFound",
    "StoryRecord",
    "analyse_bytes",
    "check_engine",
    "check_library",
    "comparison_markdown",
    "count_added_items",
    "count_article_files",
    "grouping_notice",
    "library_directory",
    "looks_like_feed_url",
    "match_offsets",
    "name_query",
    "repair_library",
    "set_engine",
    "select_stories",
    "split_sources",
    "story_sort_key",
]
