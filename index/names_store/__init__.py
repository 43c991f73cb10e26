"""Each article's names (people, organisations, places, speakers) kept
beside the index in a small SQLite file, so facets and entity lists never
read every stored document: recorded on add, forgotten on removal, checked
against the index on read, with the library-wide facets cached by a change
stamp."""

from .hooks import article_names, forget_removed, record_added

__all__ = ["article_names", "forget_removed", "record_added"]
