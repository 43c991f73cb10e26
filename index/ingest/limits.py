"""The article size cap: text past it is cut at a paragraph boundary.

100,000 characters is about 16,000 words: four times the longest article
of the BBC corpus (25,000 characters) and longer than nearly every
long-form feature, so real articles are kept whole. Cost grows with the
text, entity and quote analysis most (about 1 s per 100,000 characters of
news text, worse than linearly past that). A 19.9 MB article took 22 s and
780 MB to add (real news text: unfinished after 45 min), then `search`
1.6 s and `show` 4.2 s; cut at this cap it adds in 0.4-0.6 s and 40 MB,
and `search` and `show` take 0.2 s, as with the seeds alone.
"""

from __future__ import annotations

TEXT_CAP = 100_000
"""Characters of article text (after front matter, before markup) kept."""


def cut_text(text: str, cap: int = TEXT_CAP, *, force: bool = False) -> tuple[str, bool]:
    """`text` cut to at most `cap` characters, at a paragraph boundary if one
    is in the second half (else a line, else a space); returns (text, cut).

    `force` cuts even short text at its last boundary: the text is the start
    of a longer input, so its last paragraph is probably incomplete.
    """
    if len(text) <= cap and not force:
        return text, False
    window = text[:cap]
    for separator in ("\n\n", "\n", " "):
        at = window.rfind(separator)
        if at >= len(window) // 2:
            return window[:at], True
    return window, True


CUT_NOTE_START = "(Article cut here: newsreader keeps the first "


def cut_note(original_bytes: int, cap: int = TEXT_CAP) -> str:
    """The paragraph appended to a cut article."""
    return (
        f"{CUT_NOTE_START}{cap:,} characters of an article's text; "
        f"the original was {_size(original_bytes)}.)"
    )


def without_cut_note(body: str) -> str:
    """The article's own text: `body` without the note ending a cut article.
    The note is ours, not the outlet's, so its figures ("100,000", "146 KB")
    are never read as the article's facts. Offsets in what is kept are unchanged."""
    at = body.rfind(CUT_NOTE_START)
    if at < 0 or (at and not body[:at].endswith("\n")) or "\n" in body[at:].strip():
        return body
    return body[:at].rstrip()


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{max(1, round(count / 1000)):,} KB"
