"""Each article's names (people, organisations, places, speakers) kept
beside the index in a small SQLite file, so facets and entity lists never
read every stored document: recorded on add, forgotten on removal (with
each name's count, in the same transaction), checked against the index on
read. The library-wide entity counts are kept by changes (`tally`), and
the facets made from them cached by a change stamp."""

from .hooks import article_names, forget_removed, record_added

__all__ = ["article_names", "forget_removed", "record_added"]
