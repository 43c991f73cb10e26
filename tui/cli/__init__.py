"""The `newsreader` command line: not Textual code, a front end of its own.

`main` parses and dispatches; `output` prints for people (Rich, every
untrusted string as `Text`) while `--json` prints for scripts.
"""

from __future__ import annotations

from .main import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, entry_point, main

__all__ = ["EXIT_ERROR", "EXIT_NOT_FOUND", "EXIT_OK", "EXIT_USAGE", "entry_point", "main"]
