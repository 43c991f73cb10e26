"""Whether an entry's own text is enough or its page must be fetched."""

from __future__ import annotations

from typing import Literal

from index.feeds.model import FeedEntry

FullTextMode = Literal["auto", "always", "never"]
MODES: tuple[FullTextMode, ...] = ("auto", "always", "never")

# Summaries and teasers run to a paragraph or two; real articles are longer.
SHORT_WORDS = 150


def needs_full_text(entry: FeedEntry, mode: FullTextMode = "auto") -> bool:
    """With "auto", True when the entry carries only a summary or its content
    is under SHORT_WORDS words; "always" and "never" override that. An entry
    without a link has no page to fetch."""
    if mode not in MODES:
        raise ValueError(f"full-text mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "never" or not entry.link:
        return False
    if mode == "always":
        return True
    return not entry.content_html or entry.word_count < SHORT_WORDS
