"""The `newsreader` command: the app with no subcommand, scripting commands with.

Every subcommand can answer in JSON (`--json`) with stable keys, so the
library can be scripted and tested without a screen. Errors are one line
on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    exit_code,
    report_candidates,
    report_error,
)
from .parser import build_parser

__all__ = [
    "EXIT_ERROR", "EXIT_NOT_FOUND", "EXIT_OK", "EXIT_USAGE", "CommandError", "build_parser", "entry_point", "main",
]


def run_app(library_dir: Path | None) -> int:
    from ..app import NewsReaderApp

    app = NewsReaderApp(library_dir=library_dir)
    app.run()
    return app.return_code or EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from index.api import LibraryError

    try:
        if args.command is None:
            return run_app(args.library)  # the commands' modules are not needed to paint the app
        from .commands import COMMANDS

        return COMMANDS[args.command](args)
    except (CommandError, LibraryError) as error:
        report_error(error)
        report_candidates(error)
        return exit_code(error)
    except KeyboardInterrupt:
        report_error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error. Point
        # stdout at /dev/null so the interpreter's final flush cannot fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main())
