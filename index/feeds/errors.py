"""The one error the feed layer raises."""

from __future__ import annotations

from index.errors import LibraryError


class FeedError(LibraryError):
    """A feed or OPML file that cannot be read; str() names it and says what to do."""
