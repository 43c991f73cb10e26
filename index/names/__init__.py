"""Names across articles: which canonical names are one entity library-wide."""

from .merge import Alias, LibraryNames, NameMerge, merge_counts

__all__ = ["Alias", "LibraryNames", "NameMerge", "merge_counts"]
