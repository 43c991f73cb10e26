"""`Failure`, the record of one input that could not be read, and the
one-line reasons given for filesystem problems."""

from __future__ import annotations

import errno
import stat
from dataclasses import dataclass

from .sanitize import strip_terminal_controls


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str

    def __post_init__(self) -> None:
        # File names are untrusted too: they are printed in messages.
        object.__setattr__(self, "path", strip_terminal_controls(self.path).replace("\n", " "))

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def os_error_reason(error: OSError) -> str:
    """Why a path could not be read, and what to do about it, in one line."""
    if error.errno == errno.ENOENT:
        return "does not exist (it may have been moved or deleted while reading); check the path"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied); check its permissions"
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop; fix or remove the link"
    if error.errno == errno.ENAMETOOLONG:
        return "has a path too long to open; move it to a shallower directory"
    return f"cannot be read ({error.strerror or error}); check the file"


def file_kind_reason(mode: int) -> str:
    """Why a path that is not a regular file or directory is skipped."""
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISDIR(mode):
        kind = "a directory"
    else:
        kind = "a special file"
    return f"is {kind}, not a regular file; skipped (save the article to a file and add that)"
