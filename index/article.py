"""The article record shared by ingest, the index and every front end."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis.model import Analysis


@dataclass
class Article:
    """One clean article as stored in the library."""

    id: str
    """Stable identifier, unique in a library: "" to have it made from the
    article itself (`index.identity.article_id`: ten hex digits of the hash of
    its URL, else of its text). Libraries made before keep their file-stem ids."""
    title: str
    body: str
    """Clean text; paragraphs separated by one blank line."""
    standfirst: str = ""
    """The summary line (dek) under the headline, when the article has one."""
    source: str = ""
    """The outlet, from front matter, a feed, or the file name."""
    url: str = ""
    author: str = ""
    published: datetime | None = None
    content_hash: str = ""
    word_count: int = 0
    path: str = ""
    """Where the article was read from, for the user's reference."""
    analysis: Analysis | None = None
    """Entities and quotes of the body (offsets into `body`), made at ingest."""
    title_analysis: Analysis | None = None
    """Entities of the title (offsets into `title`)."""
    extra: dict[str, Any] = field(default_factory=dict)
    slug: str = ""
    """A few words of the title ('russia-pioneers-diplomatic-recognition'),
    shown beside the id and accepted in its place; made from the title if not given."""
    site_name: str = ""
    """The site's name for itself (og:site_name), captured at web ingest."""
    feed_title: str = ""
    """The title of the feed the article came from, set at feed ingest."""

    def __post_init__(self) -> None:
        from .identity import article_id, article_slug

        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.body)
        if not self.word_count:
            self.word_count = count_words(self.body)
        if not self.id:
            self.id = article_id(self.url, self.content_hash)
        if not self.slug:
            self.slug = article_slug(self.title)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]

    @property
    def outlet(self) -> str:
        """The outlet by name: the source, else the site's name, else the
        feed's title, else a short form of the title (`index.outlets`)."""
        from .outlets import outlet_name

        return outlet_name(self.source, self.url, self.site_name, self.feed_title, self.title)

    @property
    def display_source(self) -> str:
        """The older name of `outlet`."""
        return self.outlet

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in ("extra", "analysis", "title_analysis")}
        data["published"] = self.published.isoformat() if self.published else None
        data["outlet"] = self.outlet
        if self.analysis is not None:
            data.update(self.analysis.to_json())
        if self.title_analysis is not None:
            data["title_entities"] = [e.to_json() for e in self.title_analysis.entities]
        return data


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised title and body: same text, same hash.

    Whitespace and case are folded so a re-saved copy of a page counts as a
    duplicate, while any change of wording does not.
    """
    normal = " ".join(f"{title}\n{body}".split()).casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


_SLUG_CHARS = re.compile(r"[^a-z0-9_-]+")


def slugify(text: str, max_length: int = 60) -> str:
    slug = _SLUG_CHARS.sub("-", text.lower()).strip("-_")
    return slug[:max_length].rstrip("-_") or "article"
