"""`is:unread`, `is:read`, `is:starred` and `feed:NAME` in queries.

These name sets of articles that live in the state database, not in the
Whoosh index. The parser turns each into a `StateFilter` leaf (so it
combines with AND, OR, NOT, `-` and groups like any other term); before the
search runs, `resolve_filters` fills each leaf with its article ids from the
state database, and the leaf matches those articles' document numbers as a
sorted list (`docnums`), never as a query term per id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from whoosh import matching, query
from whoosh.qparser import TaggingPlugin, syntax

from ..errors import AmbiguousFeed, FeedNotFound, QueryError
from .boolean import Not
from .docnums import docnums

if TYPE_CHECKING:
    from whoosh.searching import Searcher

    from ..state import StateDB

IS_VALUES = ("unread", "read", "starred")
FILTER_PREFIXES = ("is", "feed")
"""Words before a colon that are filters, not fields."""

_FILTER = r'(?<![\w:.\-])(?P<neg>-)?(?P<kind>(?i:is|feed)):(?P<value>"[^"]*"|[^\s()"]+)'
FILTER_TOKEN = re.compile(_FILTER)
"""A filter as typed: `is:unread`, `-is:starred`, `feed:"BBC News"`, `feed:https://a.example/rss`."""


class StateFilter(query.Query):
    """A query leaf matching the articles the state database lists for `kind`
    ('unread', 'starred' or 'feed', with `value` the feed's name).

    `ids` is None until `resolve_filters` fills it in."""

    def __init__(self, kind: str, value: str = "", ids: frozenset[str] | None = None, boost: float = 1.0) -> None:
        self.kind = kind
        self.value = value
        self.ids = ids
        self.boost = boost
        # Keyed by id(reader); the reader is kept so its id cannot be reused.
        self._docnums: dict[int, tuple[object, list[int]]] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StateFilter) and (self.kind, self.value, self.ids) == (other.kind, other.value, other.ids)

    def __hash__(self) -> int:
        return hash((StateFilter, self.kind, self.value))

    def __repr__(self) -> str:
        size = "unresolved" if self.ids is None else f"{len(self.ids)} ids"
        return f"StateFilter({self.kind!r}, {self.value!r}, {size})"

    def __str__(self) -> str:
        return f"feed:{self.value}" if self.kind == "feed" else f"is:{self.kind}"

    def field(self) -> str | None:
        return None

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count_all() if self.ids is None else min(len(self.ids), ixreader.doc_count_all())

    def matcher(self, searcher: Searcher, context=None) -> matching.Matcher:
        if self.ids is None:
            raise QueryError(f"{self} was not resolved against the state database")
        docnums = self.docnums(searcher)
        if not docnums:
            return matching.NullMatcher()
        # A constant score: the filter says which articles, the words say how well.
        return matching.ListMatcher(docnums, all_weights=self.boost)

    def docnums(self, searcher: Searcher) -> list[int]:
        """The sorted document numbers of `ids` in this searcher's reader (a
        segment's, or the whole index's), looked up once per reader."""
        reader = searcher.reader()
        key = id(reader)
        if key not in self._docnums:
            self._docnums[key] = (reader, docnums(reader, self.ids or ()))
        return self._docnums[key][1]


class _FilterNode(syntax.SyntaxNode):
    """The parse-tree node of one filter token; its query is a `StateFilter`."""

    def __init__(self, neg: str | None, kind: str, value: str) -> None:
        self.negated = bool(neg)
        self.kind = kind.lower()
        self.value = value[1:-1] if len(value) >= 2 and value.startswith('"') else value

    def r(self) -> str:
        return f"{'-' if self.negated else ''}{self.kind}:{self.value!r}"

    def query(self, parser) -> query.Query:
        leaf = _filter_leaf(self.kind, self.value)
        return Not(leaf) if self.negated else leaf


def _filter_leaf(kind: str, value: str) -> query.Query:
    if kind == "feed":
        if not value.strip():
            raise QueryError("feed: needs a feed's name, e.g. feed:\"BBC News\"; `newsreader feeds` lists them")
        return StateFilter("feed", value.strip())
    folded = value.lower()
    if folded not in IS_VALUES:
        raise QueryError(f"unknown filter is:{value}; use is:unread, is:read or is:starred")
    # Read is the absence of unread: articles older than the state database count as read.
    return Not(StateFilter("unread")) if folded == "read" else StateFilter(folded)


class StateFilterPlugin(TaggingPlugin):
    """Recognises filter tokens before Whoosh reads `name:` as a field."""

    expr = FILTER_TOKEN
    priority = -10  # before the fields (0) and the every (-1) taggers

    def create(self, parser, match: re.Match) -> _FilterNode:
        return _FilterNode(match.group("neg"), match.group("kind"), match.group("value"))


def has_filters(q: query.Query) -> bool:
    return any(isinstance(leaf, StateFilter) for leaf in q.leaves())


def only_filters(q: query.Query) -> bool:
    """Whether the query is made of filters alone (`is:unread`, `NOT is:starred feed:BBC`)."""
    leaves = list(q.leaves())
    return bool(leaves) and all(isinstance(leaf, StateFilter) for leaf in leaves)


def resolve_filters(q: query.Query, state: Callable[[], StateDB]) -> query.Query:
    """`q` with every filter leaf holding its article ids, read once per kind."""
    if not has_filters(q):
        return q
    db = state()
    cache: dict[tuple[str, str], frozenset[str]] = {}

    def resolve(node: query.Query) -> query.Query:
        if not isinstance(node, StateFilter):
            return node
        key = (node.kind, node.value)
        if key not in cache:
            cache[key] = frozenset(_filter_ids(db, node.kind, node.value))
        return StateFilter(node.kind, node.value, cache[key], node.boost)

    return q.accept(resolve)


def _filter_ids(db: StateDB, kind: str, value: str) -> Iterable[str]:
    from ..state import feed_articles, find_feed, starred_ids, unread_ids

    if kind == "unread":
        return unread_ids(db)
    if kind == "starred":
        return starred_ids(db)
    try:
        feed = find_feed(db, value)
    except FeedNotFound:
        raise QueryError(f"no feed is named {value!r} in feed:{value}; `newsreader feeds` lists them") from None
    except AmbiguousFeed as error:
        raise QueryError(f"feed:{value} is ambiguous: {error}") from None
    return feed_articles(db, feed)
