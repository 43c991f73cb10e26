"""Read the bytes of one article file, safely whatever the path points at.

Only regular files are read: a FIFO would block for ever and a device such
as /dev/zero never ends (its st_size is 0, so a size check alone does not
help). The file is checked before opening, opened without blocking, checked
again on the open descriptor (the path may have been swapped in between),
and the read itself stops after `READ_CAP` bytes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .decode import UnreadableInput
from .failure import file_kind_reason, os_error_reason
from .limits import TEXT_CAP

# Four bytes per character in the worst encodings (UTF-32, 4-byte UTF-8),
# plus room for front matter: always enough for TEXT_CAP characters.
READ_CAP = 4 * TEXT_CAP + 512 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block
    | getattr(os, "O_NOCTTY", 0)  # never become the process's terminal
    | getattr(os, "O_CLOEXEC", 0)
)


@dataclass(frozen=True)
class FileBytes:
    data: bytes
    size: int
    """The whole file's size in bytes (more than len(data) if cut)."""
    complete: bool
    """False if the file was longer than the cap and only its start was read."""


def read_capped(path: Path, cap: int = READ_CAP) -> FileBytes:
    """Read at most `cap` bytes of a regular file; raises `UnreadableInput`."""
    try:
        before = os.stat(path)
    except OSError as error:
        raise UnreadableInput(os_error_reason(error)) from error
    except ValueError as error:  # an embedded NUL byte
        raise UnreadableInput(f"is not a valid path ({error})") from error
    if not stat.S_ISREG(before.st_mode):
        raise UnreadableInput(file_kind_reason(before.st_mode))
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise UnreadableInput(os_error_reason(error)) from error
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableInput(file_kind_reason(status.st_mode))
        chunks: list[bytes] = []
        remaining = cap + 1  # one byte more than the cap tells a longer file
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise UnreadableInput(os_error_reason(error)) from error
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > cap:
        return FileBytes(data[:cap], max(status.st_size, len(data)), complete=False)
    return FileBytes(data, len(data), complete=True)
