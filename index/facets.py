"""Who and what a set of articles mentions most: entity facets with counts,
and the query that filters a search to one of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whoosh.fields import FieldType

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
    """How many of the articles mention it."""

    @property
    def query(self) -> str:
        """The search term that finds the articles naming it."""
        return name_query(self.label, self.name)

    def to_json(self) -> dict:
        return {"label": self.label, "name": self.name, "articles": self.articles}


def count_names(names_per_article: Iterable[object], limit: int | None = None) -> dict[str, list[Facet]]:
    """Facets per label, most mentioned first (ties by name)."""
    articles: dict[str, dict[str, set[int]]] = {label: {} for label in FACET_LABELS}
    for index, names in enumerate(names_per_article):
        for label in FACET_LABELS:
            for name in _names(names, label):
                articles[label].setdefault(name, set()).add(index)
    for label in ("PERSON", "SPEAKER"):
        _merge_surnames(articles[label])
    counters = {label: Counter({n: len(ids) for n, ids in table.items()}) for label, table in articles.items()}
    return {
        label: [
            Facet(label, name, count)
            for name, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
        ]
        for label, counter in counters.items()
    }


def _names(names: object, label: str) -> list[str]:
    """The names of one kind stored for an article; nothing for a document
    stored without names or with names of the wrong shape (older or damaged)."""
    if not isinstance(names, dict):
        return []
    values = names.get(label)
    if not isinstance(values, list | tuple):
        return []
    return [value for value in values if isinstance(value, str) and value]


def _merge_surnames(table: dict[str, set[int]]) -> None:
    """'Putin' in one article and 'Vladimir Putin' in others are one person
    when exactly one full name ends with that surname."""
    full_names = [name for name in table if " " in name]
    for name in [n for n in table if " " not in n]:
        owners = [full for full in full_names if full.split()[-1] == name]
        if len(owners) == 1:
            table[owners[0]] |= table.pop(name)


def library_facets(library, article_ids: Iterable[str] | None = None, limit: int | None = None) -> dict[str, list[Facet]]:
    """Facets of the given articles, or of the whole library."""
    searcher = library.searcher()
    if article_ids is None:  # every stored document, one pass
        stored = ((fields or {}).get("names") for fields in searcher.all_stored_fields())
    else:
        stored = ((searcher.document(id=i) or {}).get("names") for i in article_ids)
    return count_names(stored, limit)
