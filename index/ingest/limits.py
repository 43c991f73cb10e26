"""The article size cap: text past it is cut at a paragraph boundary.

300,000 characters is about 50,000 words, several times the longest
long-form feature (the BBC corpus tops out near 25,000 characters), so no
real article is cut. Past it, indexing, analysis and rendering cost grow
with the text: a 19 MB article took 32 s and 1 GB to add, and every later
`search` 2.7 s and `show` 3.1 s. Cut, it is added in about a second.
"""

from __future__ import annotations

TEXT_CAP = 300_000
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


def cut_note(original_bytes: int, cap: int = TEXT_CAP) -> str:
    """The paragraph appended to a cut article."""
    return (
        f"(Article cut here: newsreader keeps the first {cap:,} characters of an article's text; "
        f"the original was {_size(original_bytes)}.)"
    )


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{max(1, round(count / 1000)):,} KB"
