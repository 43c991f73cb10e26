"""Make untrusted article text safe to print in a terminal.

Article text comes from files and web pages we do not control. Anything that
could drive the user's terminal (escape sequences, other control characters,
bidirectional overrides) is removed at ingest, so every later consumer (the
app, the CLI printing bodies, JSON output) only ever sees plain text.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL/ST),
# DCS/SOS/PM/APC strings, and two-byte escapes (ESC + one char).
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)? # OSC, terminated by BEL or ST
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?      # DCS, SOS, PM, APC
    | \x9b[0-?]*[ -/]*[@-~]            # 8-bit CSI
    | \x1b.?                           # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 controls except tab and newline, DEL, C1 controls, bidi overrides and
# isolates (they can visually reorder what the terminal shows).
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def strip_terminal_controls(text: str) -> str:
    """Return `text` without escape sequences and control characters.

    Carriage returns become newlines first so that `\\r\\n` and old Mac line
    endings keep their line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCES.sub("", text)
    return _CONTROL_CHARS.sub("", text)
