"""How an article is stored in the index, and read back: documents and summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..analysis.model import NAMED_LABELS
from ..article import Article
from ..identity import article_slug
from ..outlets import outlet_name

if TYPE_CHECKING:
    from ..analysis.model import Analysis


@dataclass(frozen=True)
class ArticleSummary:
    """What lists show of an article, without its body."""

    id: str
    title: str
    source: str
    published: datetime | None
    standfirst: str
    word_count: int
    lede: str = ""
    """The standfirst, or else the opening of the body: what a list shows."""
    url: str = ""
    slug: str = ""
    """A few words of the title, shown beside the id."""
    outlet: str = ""
    """The outlet by name (`index.outlets`): the source, else the site's
    name, else the feed's title, else a short form of the title."""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "slug": self.slug,
            "title": self.title,
            "source": self.source,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "standfirst": self.standfirst,
            "word_count": self.word_count,
        }


def article_from_fields(stored: dict) -> Article:
    from ..analysis.storage import decode
    from .stored import unpack

    analysis = unpack(stored.get("analysis"))
    body = stored.get("body", "")
    title = stored.get("title", "")
    return Article(
        id=stored["id"],
        title=title,
        body=body,
        standfirst=stored.get("standfirst", ""),
        source=stored.get("source", ""),
        url=stored.get("url", ""),
        author=stored.get("author", ""),
        published=stored.get("published"),
        content_hash=stored.get("content_hash", ""),
        word_count=stored.get("word_count", 0),
        path=stored.get("path", ""),
        slug=stored.get("slug", ""),
        site_name=stored.get("site_name", ""),
        feed_title=stored.get("feed_title", ""),
        analysis=decode(analysis.get("body"), body) if analysis else None,
        title_analysis=decode(analysis.get("title"), title) if analysis else None,
    )


def summary_from_fields(stored: dict) -> ArticleSummary:
    title = stored.get("title", "")
    source = stored.get("source", "")
    url = stored.get("url", "")
    return ArticleSummary(
        id=stored["id"],
        title=title,
        source=source,
        published=stored.get("published"),
        standfirst=stored.get("standfirst", ""),
        word_count=stored.get("word_count", 0),
        lede=stored.get("standfirst", "") or lede(stored.get("body", "")),
        url=url,
        # A library made before slugs and outlets were stored: made from what it has.
        slug=stored.get("slug", "") or article_slug(title),
        outlet=outlet_name(source, url, stored.get("site_name", ""), stored.get("feed_title", ""), title),
    )


def lede(body: str, width: int = 200) -> str:
    """The opening of the body, cut at a word, for articles without a standfirst."""
    first = body.split("\n\n", 1)[0]
    if len(first) <= width:
        return first
    return first[:width].rsplit(" ", 1)[0] + " …"


def to_document(article: Article) -> dict:
    doc = {
        "id": article.id,
        "content_hash": article.content_hash,
        "title": article.title,
        "standfirst": article.standfirst,
        # The standfirst is searched as part of the body (one field less to
        # score per query word) but stored on its own.
        "body": f"{article.standfirst}\n\n{article.body}" if article.standfirst else article.body,
        "_stored_body": article.body,
        "source": article.source,
        "source_sort": article.outlet.casefold(),
        "author": article.author,
        "url": article.url,
        "slug": article.slug,
        "site_name": article.site_name,
        "feed_title": article.feed_title,
        "path": article.path,
        "word_count": article.word_count,
    }
    if article.published is not None:
        doc["published"] = naive_utc(article.published)
    if article.analysis is not None:
        doc.update(analysis_fields(article))
    return doc


NAME_SEPARATOR = " ; "
"""Between names in a field, so a phrase never spans two names."""


def linked_acronyms(analysis) -> list[str]:
    """Acronyms the article links to their expansion ('British Telecom
    (BT)', then 'BT'): stored beside the expansion, so the library-wide
    merge sees the evidence that 'BT' in other articles is British Telecom."""
    from ..names.forms import acronym_letters

    found: dict[str, None] = {}
    for entity in analysis.entities:
        text = entity.text.strip()
        if entity.label == "ORG" and text != entity.canonical and acronym_letters(text):
            found.setdefault(text, None)
    return list(found)


def analysis_fields(article: Article) -> dict:
    from ..analysis.storage import encode
    from .stored import pack

    body, title = article.analysis, article.title_analysis
    assert body is not None, "only analysed articles have analysis fields"  # to_document checks
    names = {label: body.canonical_names(label) for label in NAMED_LABELS}
    if title is not None:
        for label in names:
            names[label] += [n for n in title.canonical_names(label) if n not in names[label]]
    names["ORG"] += [a for a in linked_acronyms(body) if a not in names["ORG"]]
    speakers = body.speakers()
    return {
        "person": NAME_SEPARATOR.join(names["PERSON"]),
        "org": NAME_SEPARATOR.join(names["ORG"]),
        "place": NAME_SEPARATOR.join(names["PLACE"]),
        "speaker": NAME_SEPARATOR.join(speakers),
        "quote": "\n".join(q.text for q in body.quotes if q.kind != "scare"),
        "names": {"PERSON": names["PERSON"], "ORG": names["ORG"], "PLACE": names["PLACE"], "SPEAKER": speakers},
        "analysis": pack(encode(body), encode(title) if title is not None else None),
    }


def naive_utc(moment: datetime) -> datetime:
    """Whoosh stores naive datetimes, and lists compare them: every date is
    kept as wall-clock UTC, whichever way the article arrived (front matter,
    a web page's metadata, a feed)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def names_analysis(names: dict[str, list[str]] | None) -> Analysis:
    """An analysis holding only an article's names, as its document's "names"
    field gives them: `analysis_fields` of an article with it (and no title
    analysis) gives the same "names", so the names file counts the same. A
    bulk add keeps this, not the article's full analyses, for the articles it
    has written until their chunk commits (one small entity per distinct
    name, against some 30 mentions of every kind and the quotes' words)."""
    from ..analysis.model import Analysis, Entity, Quote, SpeakerRef

    names = names or {}
    # Every ORG name, linked acronyms included, as an entity of its own:
    # its text is its canonical form, so none is taken for an acronym again.
    entities = [Entity(0, 0, name, label, name) for label in NAMED_LABELS for name in names.get(label, ())]
    quotes = [Quote(0, 0, "", SpeakerRef(name, 0, 0, name), None) for name in names.get("SPEAKER", ())]
    return Analysis(entities=entities, quotes=quotes)
