"""Make untrusted article text safe to print in a terminal.

Article text comes from files and web pages we do not control. Anything that
could drive the user's terminal (escape sequences, other control characters,
bidirectional overrides) is removed at ingest, so every later consumer (the
app, the CLI printing bodies, JSON output) only ever sees plain text.
`newsreader extract` runs the same function on its input.
"""

from __future__ import annotations

import re

# String sequences (OSC, DCS, SOS, PM, APC) run to their terminator: BEL, ST
# (ESC \ or 8-bit \x9c). Real payloads never span lines, so an unterminated
# one ends at the line's end: stripping it to the end of the text would throw
# away the rest of the article for one stray byte.
_PAYLOAD = r"[^\x07\x1b\x9c\n]*"
_END = r"(?:\x07|\x1b\\|\x9c)"

_ESCAPE_SEQUENCES = re.compile(
    rf"""
    \x1b\[[0-?]*[ -/]*[@-~]             # CSI (colours, cursor moves, clear screen)
    | \x9b[0-?]*[ -/]*[@-~]             # 8-bit CSI
    | \x1b[\]PX^_]{_PAYLOAD}{_END}?      # OSC (incl. 8 hyperlinks, 52 clipboard), DCS, SOS, PM, APC
    # Their 8-bit C1 introducers only with a terminator: a lone \x90 or \x9d
    # is a stray byte of a Latin-1 file, and payload left behind is harmless
    # text once the introducer (a C1 control, removed below) is gone.
    | [\x9d\x90\x98\x9e\x9f]{_PAYLOAD}{_END}
    | \x1b[^\n]?                        # any other escape (ESC + one character)
    """,
    re.VERBOSE,
)

# Whatever is left of the controls: C0 except tab and newline, DEL, C1;
# bidi embeddings, overrides, isolates and marks (they visually reorder what
# the terminal shows, the "Trojan source" trick); BOM and interlinear
# annotation controls. Zero-width joiners stay: emoji and scripts need them.
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufff9-\ufffb]"
)


def strip_terminal_controls(text: str) -> str:
    """Return `text` without escape sequences and control characters.

    Carriage returns become newlines first so that `\\r\\n` and old Mac line
    endings keep their line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCES.sub("", text)
    return _CONTROL_CHARS.sub("", text)


def sanitize_text(text: str) -> str:
    """The one sanitiser for untrusted text (ingest, `extract`, any future source)."""
    return strip_terminal_controls(text)
