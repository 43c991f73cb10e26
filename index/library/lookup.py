"""Finding an article by what a person types: its id, a unique start of it, or its slug.

Ids come first: an exact id, then ids starting with what was typed (old
file-stem ids such as `000_f2f3f3720328d6d9` too, so `000` still works in
a library made before content-derived ids). Then slugs: an exact slug,
then slugs starting with it (`russia-pioneers` or `Russia Pioneers`). What
matches several articles raises `AmbiguousId` carrying them, so a front
end can list them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh import query

from ..errors import AmbiguousId, ArticleNotFound
from ..identity import article_slug, words_of
from .documents import ArticleSummary

if TYPE_CHECKING:
    from whoosh.searching import Searcher

SHOWN_CANDIDATES = 10
"""An ambiguous id lists at most this many of the articles it matches."""


def find_ids(searcher: Searcher, given: str, has_slugs: bool) -> list[str]:
    """The ids of the articles `given` names: one when it names one, several
    when it is ambiguous (all of them, sorted), none when it names nothing."""
    given = given.strip()
    if not given:
        return []
    for exact in dict.fromkeys((given, given.lower())):
        if searcher.document_number(id=exact) is not None:
            return [exact]
    ids = _ids_starting(searcher, given.lower())
    if ids:
        return ids
    slug = "-".join(words_of(given))
    if not slug:
        return []
    if has_slugs:
        return _matching(searcher, query.Term("slug", slug)) or _matching(searcher, query.Prefix("slug", slug))
    return _scan_slugs(searcher, slug)


def _ids_starting(searcher: Searcher, prefix: str) -> list[str]:
    """The ids starting with `prefix`, from the index's id terms when every
    one of them is a live article's (ids are unique), so that a short
    prefix of a large library ("00": 21k old-style ids at 100k) reads no
    stored document; else, as for any query, from the stored ids of the matches."""
    reader = searcher.reader()
    terms = [term.decode("utf-8") if isinstance(term, bytes) else term for term in reader.expand_prefix("id", prefix)]
    if not terms:
        return []
    # Without deletions every term is a live article's; counting the matches
    # opens every term's postings (8 s for 21k ids at 100k), so only then.
    if not reader.has_deletions() or len(terms) == sum(1 for _ in searcher.docs_for_query(query.Prefix("id", prefix))):
        return sorted(terms)
    return _matching(searcher, query.Prefix("id", prefix))


def _matching(searcher: Searcher, q: query.Query) -> list[str]:
    reader = searcher.reader()
    return sorted({reader.stored_fields(number)["id"] for number in searcher.docs_for_query(q)})


def _scan_slugs(searcher: Searcher, slug: str) -> list[str]:
    """Slugs in a library made before they were stored: made from every title
    (only when no id matched, so only for what a person typed). Streams the
    stored documents, keeping only the ids that match; only the slug is made
    (a whole summary also makes the lede and outlet: 41 against 24 us each)."""
    exact, started = [], []
    for stored in searcher.reader().all_stored_fields():
        made = stored.get("slug", "") or article_slug(stored.get("title", ""))
        if made == slug:
            exact.append(stored["id"])
        elif made.startswith(slug):
            started.append(stored["id"])
    return sorted(exact or started)


def ambiguous(given: str, ids: list[str], summary_of) -> AmbiguousId:
    """The error for `given` matching every one of `ids`, carrying the first
    `SHOWN_CANDIDATES` of them as summaries (id, slug, outlet, title)."""
    candidates: list[ArticleSummary] = [s for s in (summary_of(i) for i in ids[:SHOWN_CANDIDATES]) if s is not None]
    shown = ", ".join(ids[:2]) + (", ..." if len(ids) > 2 else "")
    return AmbiguousId(
        f"id {given!r} matches several articles ({len(ids)}: {shown}); give more of it", candidates, total=len(ids)
    )


def not_found(given: str) -> ArticleNotFound:
    return ArticleNotFound(f"no article with id {given!r}; `newsreader list` shows the ids")
