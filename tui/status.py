"""Status lines that fit: parts joined in order of importance, the least
important left out until the whole wraps (at words) into the lines there are.

A status line is a `Static` that wraps at word boundaries; what it cannot
hold is lost from its end. Dropping whole parts instead means the words
shown always make sense, and the important ones are never the ones lost.
"""

from __future__ import annotations

import textwrap

SEPARATOR = "  ·  "


def wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes when wrapped at words to `width` columns."""
    return len(textwrap.wrap(text, max(1, width), break_on_hyphens=False)) if text else 0


def fit_status(parts: list[str], width: int, lines: int = 2, *, keep: int = 1, separator: str = SEPARATOR) -> str:
    """`parts` (most important first) joined by `separator`, leaving out parts
    from the end until the text wraps into `lines` lines of `width`; the first
    `keep` parts always stay (they may then take more lines)."""
    shown = [part for part in parts if part]
    while len(shown) > keep and wrapped_lines(separator.join(shown), width) > lines:
        shown.pop()
    return separator.join(shown)
