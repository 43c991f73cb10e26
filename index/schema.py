"""The Whoosh schema of a library and the analyzers behind it."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer

from .positions import compact_positions

# Stop words are kept: phrases such as "head of state" must match exactly,
# and BM25 already gives common words little weight.
TEXT_ANALYZER = StemmingAnalyzer(stoplist=None)
PLAIN_ANALYZER = StandardAnalyzer(stoplist=None)

TITLE_BOOST = 3.0


def build_schema() -> fields.Schema:
    """No `spelling=True`: Whoosh's unstemmed spelling twins cut ingest from
    ~340 to ~95 articles/s (measured on BBC articles); suggestions are made
    from the stemmed lexicon instead (see `index.spelling`)."""
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        # A few words of the title, accepted in place of the id (not unique).
        slug=fields.ID(stored=True),
        content_hash=fields.ID(stored=True),
        title=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER, field_boost=TITLE_BOOST),
        standfirst=fields.STORED(),
        body=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER),
        source=fields.TEXT(stored=True, analyzer=PLAIN_ANALYZER),
        source_sort=fields.ID(sortable=True),
        author=fields.TEXT(stored=True, analyzer=PLAIN_ANALYZER),
        url=fields.STORED(),
        # What names the outlet when no source is given (index.outlets).
        site_name=fields.STORED(),
        feed_title=fields.STORED(),
        path=fields.STORED(),
        published=fields.DATETIME(stored=True, sortable=True),
        # Shown, never searched or sorted on: stored only (its numeric terms
        # cost ~2.5 MB at 100,000 articles). Older libraries index it too.
        word_count=fields.STORED(),
        # Analysis made at ingest: canonical names per kind, speakers and
        # quoted words are searchable (person:Putin, speaker:Muttaqi,
        # quote:courageous); the offsets are stored compactly for display.
        person=fields.TEXT(analyzer=PLAIN_ANALYZER),
        org=fields.TEXT(analyzer=PLAIN_ANALYZER),
        place=fields.TEXT(analyzer=PLAIN_ANALYZER),
        speaker=fields.TEXT(analyzer=PLAIN_ANALYZER),
        quote=fields.TEXT(analyzer=TEXT_ANALYZER),
        names=fields.STORED(),
        analysis=fields.STORED(),
    )
    # Positions packed into a few bytes (index.positions): smaller postings
    # than Whoosh's pickled lists, and quicker to decode.
    compact_positions(schema)
    return schema


SEARCH_FIELDS = ("title", "body")
"""Searched by default; the body field also indexes the standfirst."""
