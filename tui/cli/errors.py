"""Exit codes and the one-line error messages of the command line."""

from __future__ import annotations

import sys

from ..safe import one_line

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_INTERRUPTED = 130
"""128 + SIGINT, as shells report a command stopped by Ctrl-C."""


class CommandError(Exception):
    """A user-facing failure with its exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def exit_code(error: Exception) -> int:
    """The documented exit code for a library error: 3 for an unknown
    article or story, 2 for an id that needs more of itself or a story
    correction that cannot be made, 1 for everything else."""
    if isinstance(error, CommandError):
        return error.code
    from index.api import AmbiguousId, ArticleNotFound, StoryError, StoryNotFound

    if isinstance(error, (ArticleNotFound, StoryNotFound)):
        return EXIT_NOT_FOUND
    if isinstance(error, (AmbiguousId, StoryError)):
        return EXIT_USAGE
    return EXIT_ERROR


def report_error(message: object) -> None:
    """`newsreader: <message>` on stderr, on one line. Messages quote file
    names, ids and queries, so they are cleaned of anything that could drive
    the terminal and never go through Rich markup."""
    sys.stderr.write(f"newsreader: {one_line(message)}\n")
    sys.stderr.flush()


def report_candidates(error: Exception) -> None:
    """The articles an ambiguous id matches, one a line on stderr (id,
    outlet, title), under the error that names them."""
    candidates = getattr(error, "candidates", None) or []
    for summary in candidates:
        sys.stderr.write(f"  {one_line(summary.id)}  {one_line(summary.outlet)}  {one_line(summary.title)}\n")
    more = getattr(error, "total", 0) - len(candidates)
    if candidates and more > 0:
        sys.stderr.write(f"  … and {more} more\n")
    sys.stderr.flush()
