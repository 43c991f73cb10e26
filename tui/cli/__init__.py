"""The `newsreader` command line: not Textual code, a front end of its own.

`parser` declares the arguments, `commands` does each one through
`index.api` (the only part of `index` it uses), `main` dispatches and turns
every error into one line with its exit code (`errors`); `output` and
`compare_output` print for people (Rich, every untrusted string as clean
`Text`) while `--json` prints for scripts.
"""

from __future__ import annotations

from .main import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, entry_point, main

__all__ = ["EXIT_ERROR", "EXIT_NOT_FOUND", "EXIT_OK", "EXIT_USAGE", "entry_point", "main"]
