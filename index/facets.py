"""Who and what a set of articles mentions most: entity facets with counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

FACET_LABELS = ("PERSON", "ORG", "PLACE", "SPEAKER")


@dataclass(frozen=True)
class Facet:
    label: str
    name: str
    articles: int
    """How many of the articles mention it."""

    @property
    def query(self) -> str:
        """The query term that filters to the articles naming it."""
        return name_query(self.label, self.name)

    def to_json(self) -> dict:
        return {"label": self.label, "name": self.name, "articles": self.articles}


FIELD_OF_LABEL = {"PERSON": "person", "ORG": "org", "PLACE": "place", "SPEAKER": "speaker"}


def name_query(label: str, name: str) -> str:
    """A query term for articles naming `name` as a `label`: `person:"Vladimir Putin"`.
    Double quotes would end the phrase, so they are left out (they never matter:
    the field's analyzer drops them)."""
    return f'{FIELD_OF_LABEL[label]}:"{name.replace(chr(34), " ").strip()}"'


def count_names(names_per_article: Iterable[dict | None], limit: int | None = None) -> dict[str, list[Facet]]:
    """Facets per label, most mentioned first (ties by name)."""
    articles: dict[str, dict[str, set[int]]] = {label: {} for label in FACET_LABELS}
    for index, names in enumerate(names_per_article):
        for label in FACET_LABELS:
            for name in (names or {}).get(label, ()):
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
    if article_ids is None:
        stored = (fields.get("names") for fields in searcher.all_stored_fields())
    else:
        stored = ((searcher.document(id=i) or {}).get("names") for i in article_ids)
    return count_names(stored, limit)
