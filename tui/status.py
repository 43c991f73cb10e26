"""Status lines that fit: parts in order of importance, each kept whole on
a line where it fits, the least important left out until the rest fits the
lines there are.

A status line is a `Static`, which wraps at words but would happily put "3"
at the end of one line and "unique passages" at the start of the next, and
loses whatever runs past its height. Breaking only between parts, and
dropping whole parts, means what is shown always reads as written.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len

SEPARATOR = "  ·  "


def wrapped_lines(text: str, width: int) -> int:
    """How many lines `text` takes when wrapped at words to `width` columns."""
    return len(textwrap.wrap(text, max(1, width), break_on_hyphens=False)) if text else 0


def status_lines(parts: list[str], width: int, separator: str = SEPARATOR) -> list[str]:
    """`parts` joined by `separator`, a new line started wherever the next
    part would not fit (a part wider than a line gets lines of its own)."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1] + separator + part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines


def shorten_to_lines(text: str, width: int, lines: int) -> str:
    """`text` cut at a word, with `…`, so it wraps to at most `lines` lines of `width`."""
    if wrapped_lines(text, width) <= lines:
        return text
    words = text.split()
    while len(words) > 1 and wrapped_lines(" ".join(words) + "…", width) > lines:
        words.pop()
    return " ".join(words).rstrip(" ,;:") + "…"


def fit_status(parts: list[str], width: int, lines: int = 2, *, keep: int = 1, separator: str = SEPARATOR) -> str:
    """`parts` (most important first) laid out by `status_lines`, leaving out
    parts from the end until they take at most `lines` lines of `width`; the
    first `keep` parts always stay (they may then take more lines)."""
    shown = [part for part in parts if part]

    def height(laid: list[str]) -> int:
        return sum(wrapped_lines(line, width) for line in laid)

    while len(shown) > keep and height(status_lines(shown, width, separator)) > lines:
        shown.pop()
    return "\n".join(status_lines(shown, width, separator))
