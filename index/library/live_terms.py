"""Is an id or content hash already held? Asked of the index per article.

Adding 100 articles to a 100,000-article library used to read every id and
every content hash in the lexicon into two sets first: 0.65 s of CPU and
about 25 MB before the first article was looked at, at every add and every
bulk chunk. Looking each new article's terms up costs O(articles added).
"""

from __future__ import annotations

from typing import Any


class LiveTerms:
    """The terms of one field held by live (not removed) articles, plus those
    added during this write. A set as far as `in` and `add` go, so callers
    that took the old set (`settle_clash`) keep working.

    Removed articles' terms stay in the lexicon until their segment is merged,
    so a term found is only held if some article that has it is not deleted:
    a removed article added again is not a duplicate of itself."""

    def __init__(self, reader: Any, field_name: str) -> None:
        self.reader = reader
        self.field_name = field_name
        self.added: set[str] = set()
        self.deletions = reader.has_deletions()

    def __contains__(self, term: object) -> bool:
        if not isinstance(term, str):
            return False
        if term in self.added:
            return True
        if (self.field_name, term) not in self.reader:
            return False
        if not self.deletions:
            return True
        postings = self.reader.postings(self.field_name, term)
        return any(not self.reader.is_deleted(number) for number in postings.all_ids())

    def add(self, term: str) -> None:
        self.added.add(term)
