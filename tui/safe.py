"""Untrusted text on the terminal: shown as it is written, never obeyed.

Titles, sources, article text, feed fields, file names and queries reach
Rich and Textual only through these helpers (or as `Text`/`Content` built
from them): never parsed as markup, so `[/]` or `[link=...]` in a headline
shows as typed, and stripped of control characters, so no escape sequence
or bidi override can drive the terminal even if one slipped past ingest.
`tests/test_safe_rendering.py` checks that no widget or printer takes an
untrusted string any other way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text
    from textual.content import Content

# C0 controls but tab and newline (ESC among them), DEL, C1 controls (8-bit
# CSI/OSC/DCS), bidi embeddings, overrides, isolates and marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """`text` as a plain string with nothing that could drive a terminal."""
    return _UNSAFE.sub("", str(text))


def one_line(text: object) -> str:
    """`safe`, with line breaks folded: for labels, titles and status lines."""
    return " ".join(safe(text).split())


def plain_text(text: object, style: str = "") -> Text:
    """A Rich `Text` of untrusted text (for the command line)."""
    from rich.text import Text  # here: the commands that print only JSON never import Rich

    return Text(safe(text), style=style)


def plain_content(text: object, style: str = "") -> Content:
    """A Textual `Content` of untrusted text (for widgets)."""
    from textual.content import Content

    content = Content(safe(text))
    return content.stylize(style) if style else content


# -- added by app-browse: text whose offsets must survive -------------------------


def masked(text: str) -> str:
    """`safe`, but each unsafe character becomes U+FFFD instead of vanishing,
    so offsets into `text` (search matches, entities) still point right."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub("\ufffd", text)
