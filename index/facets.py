"""Who and what a set of articles mentions most: entity facets with counts,
and the query that filters a search to one of them."""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .names import Alias, LibraryNames

if TYPE_CHECKING:
    from whoosh.fields import FieldType
    from whoosh.searching import Searcher

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


def _ranked(merged: LibraryNames, counters: dict[str, Counter[str]], limit: int | None) -> dict[str, list[Facet]]:
    return {
        label: [
            Facet(label, name, count, merged.aliases(label, name))
            for name, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
        ]
        for label, counter in counters.items()
    }


@dataclass
class _Snapshot:
    """The library's facets as one searcher sees them: read once, reused
    until the index changes (the searcher is then replaced)."""

    merged: LibraryNames
    counts: dict[str, Counter[str]]
    """Whole-library articles per entity."""


_snapshots: weakref.WeakKeyDictionary[Searcher, _Snapshot] = weakref.WeakKeyDictionary()
_snapshots_lock = threading.Lock()


def _snapshot(searcher: Searcher) -> _Snapshot:
    with _snapshots_lock:  # facets load in a worker thread; one reading at a time
        snapshot = _snapshots.get(searcher)
        if snapshot is None:
            names = [_all_names((fields or {}).get("names")) for fields in searcher.reader().all_stored_fields()]
            merged = LibraryNames(names)
            snapshot = _snapshots[searcher] = _Snapshot(merged, _count(merged, names))
        return snapshot


def library_facets(library, article_ids: Iterable[str] | None = None, limit: int | None = None) -> dict[str, list[Facet]]:
    """Facets of the given articles, or of the whole library.

    The whole library's are read once per searcher and kept until the index
    changes. Search results' names merge on their own evidence: reading
    every article to list facets of 200 results would cost seconds at 10,000."""
    searcher = library.searcher()
    if article_ids is None:
        snapshot = _snapshot(searcher)
        return _ranked(snapshot.merged, snapshot.counts, limit)
    wanted = dict.fromkeys(article_ids)  # an id listed twice counts once
    return count_names(((searcher.document(id=i) or {}).get("names") for i in wanted), limit)
