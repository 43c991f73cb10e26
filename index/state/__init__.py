"""The library's state in SQLite (`LIBRARY/state.sqlite3`): feeds and their
fetch state, the feed entries already seen, which article holds each URL,
and each article's read and starred flags. Whoosh stays the full-text index.

Every function takes a `StateDB`; one StateDB per library can be shared by
threads. Errors are one-line LibraryError subclasses.
"""

from __future__ import annotations

from .check import check_state
from .db import BUSY_TIMEOUT_SECONDS, STATE_FILE, StateDB, state_path
from .entries import entry_keys, is_known, known_keys, mark_all_seen, mark_seen
from .feeds import (
    FAILING_AFTER,
    FETCH_STATUSES,
    FULL_TEXT_MODES,
    Feed,
    FetchState,
    add_feed,
    find_feed,
    get_feed,
    list_feeds,
    record_fetch,
    remove_feed,
    rename_feed,
    set_full_text,
    set_source,
)
from .flags import (
    FeedCounts,
    Flags,
    add_article,
    adopt_articles,
    article_feed,
    article_feeds,
    feed_articles,
    feed_counts,
    flags,
    forget_articles,
    set_read,
    set_starred,
    starred_ids,
    unread_ids,
)
from .schema import SCHEMA_VERSION
from .urls import article_for_url, article_urls, remember_url

__all__ = [
    "BUSY_TIMEOUT_SECONDS", "FAILING_AFTER", "FETCH_STATUSES", "FULL_TEXT_MODES", "SCHEMA_VERSION", "STATE_FILE",
    "Feed", "FeedCounts", "FetchState", "Flags", "StateDB",
    "add_article", "add_feed", "adopt_articles", "article_feed", "article_feeds", "article_for_url", "article_urls", "check_state", "entry_keys",
    "feed_articles", "feed_counts", "find_feed", "flags", "forget_articles", "get_feed", "is_known", "known_keys",
    "list_feeds", "mark_all_seen", "mark_seen", "record_fetch", "remember_url", "remove_feed", "rename_feed",
    "set_full_text", "set_read", "set_source", "set_starred", "starred_ids", "state_path", "unread_ids",
]  # fmt: skip
