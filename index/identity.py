"""Article ids that stay meaningful, and the readable slugs shown beside them.

An id depends on the article alone, never on what else is in the library:
the hash of its canonical URL when it has one (so a page fetched again is
the same article), else of its normalised title and body (the content hash).
The same file added to two libraries gets the same id, and adding other
files never changes one. Ten hex digits (40 bits) make a clash between two
different articles unlikely below about a million articles; the library
settles one that happens (see `index.library.identity`).

Libraries built before these ids keep their old ids (file stems such as
`000_f2f3f3720328d6d9`): an id is only made for an article as it is added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_LENGTH = 10
"""Hex digits of an article id."""

_ID = re.compile(r"[0-9a-f]{%d}" % ID_LENGTH)


def article_id(url: str, content_hash: str, length: int = ID_LENGTH) -> str:
    """The id of an article found at `url` (may be "") with this content hash."""
    return hashlib.sha256(identity_key(url, content_hash).encode("utf-8")).hexdigest()[:length]


def identity_key(url: str, content_hash: str) -> str:
    """What makes an article itself: its URL compared as `normalize_url`
    compares them, else its text."""
    from .web.urls import is_url, normalize_url

    return f"url {normalize_url(url)}" if url and is_url(url) else f"text {content_hash}"


def is_hash_id(text: str) -> bool:
    """An id made by `article_id` (not an older library's file-stem id)."""
    return bool(_ID.fullmatch(text))


SLUG_WORDS = 6
SLUG_LENGTH = 40
# Words that say little at the start of a headline: left out of slugs while others remain.
_SMALL_WORDS = frozenset(
    "a an the of to in on at for and or by as is are was be with from its it this that after over".split()
)


def words_of(text: str) -> list[str]:
    """Lower-case ASCII words of `text` (accents folded: 'Zürich' -> 'zurich')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower())


def article_slug(title: str, fallback: str = "") -> str:
    """A few words of the title joined by hyphens ('russia-pioneers-diplomatic-recognition'),
    at most `SLUG_LENGTH` characters; of `fallback` (a file stem) when the
    title has no words; 'article' when neither has."""
    words = words_of(title) or words_of(fallback)
    if not words:
        return "article"
    kept = [w for w in words if w not in _SMALL_WORDS] or words
    slug = ""
    for word in kept[:SLUG_WORDS]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_LENGTH:
            break
        slug = candidate
    return slug or kept[0][:SLUG_LENGTH]
