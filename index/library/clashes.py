"""Two articles with one id: the same page again, or (rarely) a clash of hashes.

An id is the hash of an article's URL, else of its text (`index.identity`).
The same text is skipped as a duplicate before ids are compared. The same
URL with different text is the same page saved or fetched again: it is a
duplicate too, as `add URL` treats a page the library holds (the first copy
stays, with its read state and story). Anything else sharing ten hex digits
is a genuine clash of two different articles: the newcomer takes more digits
of its own hash, so neither is lost and both ids still depend only on the
articles.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from whoosh.reading import TermNotFound

from ..article import Article
from ..identity import ID_LENGTH, article_id, identity_key, is_hash_id


def settle_clash(article: Article, reader: Any, ids: Container[str]) -> str | None:
    """The id `article` should take when its id is already in `ids` (the
    library's, and this add's so far), or None when it is the article already
    held under that id (skip it as a duplicate)."""
    if not is_hash_id(article.id):
        # Ids given by the caller (an older library's stems, a test's names): made distinct as before.
        return _free(f"{article.id}-{article.content_hash[:8]}", ids)
    held = _held(reader, article.id)
    key = identity_key(article.url, article.content_hash)
    if held is not None and identity_key(held.get("url", ""), held.get("content_hash", "")) == key:
        return None
    return _free(article_id(article.url, article.content_hash, ID_LENGTH + 6), ids)


def _free(candidate: str, ids: Container[str]) -> str:
    """`candidate`, or it with a number after it when even that is taken."""
    number = 2
    chosen = candidate
    while chosen in ids:
        chosen, number = f"{candidate}-{number}", number + 1
    return chosen


def _held(reader: Any, article_id: str) -> dict | None:
    """The stored fields of the live article with this id, if the reader has one."""
    try:
        numbers = list(reader.postings("id", article_id).all_ids())
    except TermNotFound:  # added earlier in this same add
        return None
    for number in numbers:
        if not reader.is_deleted(number):
            return reader.stored_fields(number)
    return None
