"""Who and what a set of articles mentions most: entity facets with counts,
and the query that filters a search to one of them."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .names import Alias, LibraryNames
from .names_store import connection as files
from .names_store import store, tally
from .names_store.sync import index_token, reconcile, usable

if TYPE_CHECKING:
    from whoosh.fields import FieldType
    from whoosh.searching import Searcher

T = TypeVar("T")

FACET_LABELS = ("PERSON", "ORG", "PLACE", "SPEAKER")
FACET_FIELDS = {"PERSON": "person", "ORG": "org", "PLACE": "place", "SPEAKER": "speaker"}
"""The search field holding each kind of name."""


def name_query(label: str, name: str) -> str:
    """A query term matching `name` in the field for `label`, as a phrase.

    Names come from article text and may hold quotes, colons, brackets,
    wildcards, backslashes or the words AND/OR/NOT. The field's analyzer keeps
    only the words of a name (letters and digits), so the phrase is written
    from those words alone: the parser reads back exactly the tokens the
    index holds, and no character of the name can act as syntax. A name with
    no words gives an empty phrase, which matches nothing.
    """
    fieldname = FACET_FIELDS.get(label)
    if fieldname is None:
        raise ValueError(f"no search field for names labelled {label!r}; labels are {', '.join(FACET_LABELS)}")
    words = [name[token.startchar:token.endchar] for token in _field(fieldname).tokenize(name, chars=True)]
    return f'{fieldname}:"{" ".join(words)}"'


@lru_cache(maxsize=None)
def _field(fieldname: str) -> FieldType:
    from .schema import build_schema  # Whoosh loads with the library, not with the app

    return build_schema()[fieldname]


@dataclass(frozen=True)
class Facet:
    label: str
    name: str
    articles: int
    """How many of the articles mention it, in any of its forms."""
    aliases: tuple[Alias, ...] = ()
    """Other forms counted under it across the library ('Blair' under 'Tony Blair')."""

    @property
    def query(self) -> str:
        """The search term that finds the articles naming it, in any of its forms.

        A short form counts under this name except in articles that name
        another of its owners ('Blair' beside 'Cherie Blair'), so those are
        left out of its part of the query, as they are of the count."""
        own = name_query(self.label, self.name)
        if not self.aliases:
            return own
        parts = [own]
        for alias in self.aliases:
            term = name_query(self.label, alias.name)
            if alias.unless:
                rivals = " OR ".join(dict.fromkeys(name_query(self.label, rival) for rival in alias.unless))
                term = f"({term} AND NOT ({rivals}))"
            parts.append(term)
        return "(" + " OR ".join(dict.fromkeys(parts)) + ")"

    @property
    def forms(self) -> list[str]:
        """Every spelling counted under it, its own first."""
        return [self.name, *(alias.name for alias in self.aliases)]

    def to_json(self) -> dict:
        return {"label": self.label, "name": self.name, "articles": self.articles, "forms": self.forms}


def count_names(names_per_article: Iterable[object], limit: int | None = None) -> dict[str, list[Facet]]:
    """Facets per label, most mentioned first (ties by name), with the forms
    of one entity across the articles counted once (see `index.names`)."""
    stored = [_all_names(names) for names in names_per_article]
    merged = LibraryNames(stored)
    return _ranked(merged, _count(merged, stored), limit)


def _all_names(names: object) -> dict[str, list[str]]:
    return {label: _names(names, label) for label in FACET_LABELS}


def _names(names: object, label: str) -> list[str]:
    """The names of one kind stored for an article; nothing for a document
    stored without names or with names of the wrong shape (older or damaged)."""
    if not isinstance(names, dict):
        return []
    values = names.get(label)
    if not isinstance(values, list | tuple):
        return []
    return [value for value in values if isinstance(value, str) and value]


def _count(merged: LibraryNames, stored: Iterable[dict[str, list[str]]]) -> dict[str, Counter[str]]:
    """Articles per entity, each article counted once per entity."""
    counters: dict[str, Counter[str]] = {label: Counter() for label in FACET_LABELS}
    for names in stored:
        # Speakers beside speakers only: a facet's query searches that field alone.
        for label, entities in merged.resolve(names, speakers_beside_names=False).items():
            counters[label].update({e for e in entities.values() if e is not None})
    return counters


def _ranked(merged: LibraryNames, counters: Mapping[str, Mapping[str, int]], limit: int | None) -> dict[str, list[Facet]]:
    return {
        label: [
            Facet(label, name, count, merged.aliases(label, name))
            for name, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
        ]
        for label, counter in counters.items()
    }


def library_facets(library, article_ids: Iterable[str] | None = None, limit: int | None = None) -> dict[str, list[Facet]]:
    """Facets of the given articles, or of the whole library.

    Names come from the names file beside the index (`index.names_store`),
    never from every stored document. The whole library's entity counts
    are kept there as articles come and go (`names_store.tally`), the
    facets made from them cached by change stamp, and in this process by
    index state.
    Search results' names merge on their own evidence: merging 200 results
    against the whole library would need every article's names again."""
    searcher = library.searcher()
    if article_ids is None:
        return _limited(_whole_library(Path(library.directory), searcher), limit)
    wanted = list(dict.fromkeys(article_ids))  # an id listed twice counts once
    names = _names_of(Path(library.directory), searcher, wanted)
    return count_names((names.get(i) for i in wanted), limit)


def _limited(ranked: dict[str, list[Facet]], limit: int | None) -> dict[str, list[Facet]]:
    return {label: items[:limit] for label, items in ranked.items()}


_memo: dict[Path, tuple[str, dict[str, list[Facet]]]] = {}
"""Library directory -> (index state, its whole-library facets, all of them)."""
_memo_lock = threading.Lock()  # facets load in a worker thread; one reading at a time


class _Unusable(Exception):
    """The names file cannot be used here (a read-only library): read the index."""


def _whole_library(directory: Path, searcher: Searcher) -> dict[str, list[Facet]]:
    token = index_token(searcher)
    key = directory.absolute()
    with _memo_lock:
        memo = _memo.get(key)
        if memo is not None and memo[0] == token:
            return memo[1]
        ranked = None
        with _gc_paused():
            if os.access(directory, os.W_OK):
                ranked = usable(directory, lambda: _from_store(directory, searcher, token))
            if ranked is None:
                ranked = index_facets(searcher)
        _memo[key] = (token, ranked)
        return ranked


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cycle collection while a count builds its many small lists and
    dicts (none of them cyclic): at 100,000 articles the collector's passes
    over them cost more than reading the rows (tests/bench/facets.py --scale)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _synced(directory: Path, searcher: Searcher, token: str, read: Callable[[sqlite3.Connection], T]) -> T:
    """`read(connection)` on the names file once its rows match the index as
    `searcher` sees it (reconciled first if need be)."""
    for _attempt in range(3):
        with files.opened(directory, write=False) as connection:
            if connection is not None and store.synced(connection) == token:
                return read(connection)
        reconcile(directory, searcher, token)
    raise _Unusable("the index keeps changing")


def _from_store(directory: Path, searcher: Searcher, token: str) -> dict[str, list[Facet]] | None:
    try:
        payload = _synced(directory, searcher, token, lambda c: store.cached(c, LIBRARY_FACETS))
    except _Unusable:
        return None
    if payload is not None:
        try:
            return _decode(payload)
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # garbled: listed again from the counts
    for _attempt in range(3):
        with files.opened(directory, write=True) as connection:
            assert connection is not None
            if store.synced(connection) == token:
                # Counted by changes: only articles that may count differently are read (see `tally`).
                merged = tally.refresh(connection)
                ranked = _ranked(merged, tally.counts_by_name(connection, merged), None)
                store.cache(connection, LIBRARY_FACETS, store.stamp(connection), _encode(ranked))
                return ranked
        reconcile(directory, searcher, token)
    return None


LIBRARY_FACETS = "library-facets"
"""The cache entry of the whole library's facets."""


def _encode(ranked: dict[str, list[Facet]]) -> str:
    return json.dumps(
        {label: [[f.name, f.articles, [[a.name, list(a.unless)] for a in f.aliases]] for f in items]
         for label, items in ranked.items()},
        separators=(",", ":"), ensure_ascii=False,
    )


def _decode(payload: str) -> dict[str, list[Facet]]:
    data = json.loads(payload)
    return {
        label: [Facet(label, name, count, tuple(Alias(alias, tuple(unless)) for alias, unless in aliases))
                for name, count, aliases in data[label]]
        for label in FACET_LABELS
    }


def _names_of(directory: Path, searcher: Searcher, wanted: list[str]) -> dict[str, object]:
    """The stored names of the wanted articles, from the names file where it
    can be used, else (and for any id it lacks) from the index."""
    found: dict[str, object] = {}
    if os.access(directory, os.W_OK):
        token = index_token(searcher)

        def read() -> dict[str, object]:
            try:
                return dict(_synced(directory, searcher, token, lambda c: store.names_of(c, wanted)))
            except _Unusable:
                return {}

        found = usable(directory, read) or {}
    for article_id in wanted:
        if article_id not in found:
            found[article_id] = (searcher.document(id=article_id) or {}).get("names")
    return found


def index_facets(searcher: Searcher) -> dict[str, list[Facet]]:
    """The whole library's facets read from every stored document: where the
    names file cannot be used, and what tests compare the file's against."""
    names = [_all_names((fields or {}).get("names")) for fields in searcher.reader().all_stored_fields()]
    merged = LibraryNames(names)
    return _ranked(merged, _count(merged, names), None)
