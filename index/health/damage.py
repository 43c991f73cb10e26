"""Telling data corruption apart from bugs, and saying so in one line.

Whoosh reads its files lazily, so a damaged file surfaces as whatever the
decoding step happened to raise: measured by truncating, garbling and
deleting each kind of file of a seed library (tests/test_health.py keeps
those cases), that is UnpicklingError, zlib.error, struct.error,
UnicodeError, EOFError, OSError (a seek before the start, a missing file),
TypeError and IndexError (None or short data where numbers were expected),
Whoosh's own FileFormatError, CorruptIndexError and IndexError. Those types
are also what a bug raises, so an exception counts as damage only when it
was raised inside Whoosh's storage and decoding code (the innermost Whoosh
frame of its traceback is in one of STORAGE_MODULES): a KeyError from our
own code, or a query-syntax error from Whoosh's parser, stays a bug.
"""

from __future__ import annotations

import errno
import functools
import pickle
import struct
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from ..errors import LibraryDamaged

REPAIR_HINT = "run `newsreader repair`"

DAMAGE_TYPES: tuple[type[BaseException], ...] = (
    pickle.UnpicklingError,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,  # UnicodeDecodeError and friends, bad varints
    TypeError,
    IndexError,
    KeyError,
    AttributeError,
    OverflowError,
    MemoryError,
    AssertionError,  # Whoosh asserts on the TOC generation
)
"""What decoding damaged bytes raises (plus Whoosh's own error classes,
which all derive from Exception and are matched by module below)."""

STORAGE_MODULES = (
    "whoosh.index",
    "whoosh.reading",
    "whoosh.columns",
    "whoosh.scoring",
    "whoosh.codec.",
    "whoosh.filedb.",
    "whoosh.matching.",
    "whoosh.util.",
    "whoosh.system",
)

# Not damage: the file system refusing a write is another fault with its own message.
_NOT_DAMAGE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}

# Where the innermost Whoosh frame is, which part of the index was being read.
_PART_BY_FUNCTION = {
    "stored_fields": "stored fields (_stored.col)",
    "_read_offsets_and_lengths": "a column file (.col)",
    "bm25": "field lengths (_*_len.col)",
    "_read_header": "postings (.pst)",
    "_goto": "postings (.pst)",
    "_read_data": "postings (.pst)",
    "read_pickle": "terms (.trm)",
}

F = TypeVar("F", bound=Callable[..., Any])


def _whoosh_module(frame_globals: dict[str, Any]) -> str:
    name = frame_globals.get("__name__", "")
    return name if isinstance(name, str) and name.startswith("whoosh") else ""


def _innermost_whoosh_frame(traceback: TracebackType | None) -> tuple[str, str] | None:
    found = None
    while traceback is not None:
        module = _whoosh_module(traceback.tb_frame.f_globals)
        if module:
            found = (module, traceback.tb_frame.f_code.co_name)
        traceback = traceback.tb_next
    return found


def is_damage(error: BaseException) -> bool:
    """True when `error` comes from reading a damaged index file."""
    if isinstance(error, LibraryDamaged):
        return True
    if isinstance(error, OSError) and error.errno in _NOT_DAMAGE_ERRNOS:
        return False
    type_module = type(error).__module__
    whoosh_error = type_module.startswith("whoosh") and type(error).__name__ not in ("LockError", "QueryParserError")
    if not (whoosh_error or isinstance(error, DAMAGE_TYPES)):
        return False
    frame = _innermost_whoosh_frame(error.__traceback__)
    if frame is None:
        return False
    module = frame[0]
    return any(module == m or module.startswith(m) for m in STORAGE_MODULES)


def damaged_part(error: BaseException) -> str:
    """Which file, or kind of file, the error was raised reading."""
    filename = getattr(error, "filename", None)
    if isinstance(error, OSError) and filename:
        return f"{Path(str(filename)).name} is missing or unreadable"
    named = _file_in_frames(error.__traceback__)
    frame = _innermost_whoosh_frame(error.__traceback__)
    kind = _PART_BY_FUNCTION.get(frame[1], "") if frame else ""
    if named:
        return f"{named}: {type(error).__name__}"
    if kind:
        return f"{kind}: {type(error).__name__}"
    return type(error).__name__


def _file_in_frames(traceback: TracebackType | None) -> str:
    """The name of the innermost Whoosh StructFile being read, if any."""
    from whoosh.filedb.structfile import StructFile

    name = ""
    while traceback is not None:
        if _whoosh_module(traceback.tb_frame.f_globals):
            for value in traceback.tb_frame.f_locals.values():
                candidates = [value] + (list(vars(value).values()) if hasattr(value, "__dict__") else [])
                for candidate in candidates:
                    if isinstance(candidate, StructFile) and candidate._name:
                        name = str(candidate._name)
        traceback = traceback.tb_next
    return name


def damage_error(directory: Path, error: BaseException) -> LibraryDamaged:
    """The one-line message for a damage exception found in `directory`."""
    if isinstance(error, LibraryDamaged):
        return error
    return LibraryDamaged(f"library {directory} is damaged ({damaged_part(error)}); {REPAIR_HINT}")


@contextmanager
def damage_guard(directory: Path) -> Iterator[None]:
    """Turn index-corruption exceptions raised inside into LibraryDamaged.

        with damage_guard(library.directory):
            return library.summary(article_id)

    Anything else (bugs, LibraryError, KeyboardInterrupt) passes unchanged.
    """
    try:
        yield
    except Exception as error:
        if isinstance(error, LibraryDamaged) or not is_damage(error):
            raise
        raise damage_error(directory, error) from error


def guarded(method: F) -> F:
    """Decorator for methods of objects with a `directory` (or `library.directory`)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        directory = getattr(self, "directory", None) or getattr(getattr(self, "library", None), "directory", "")
        with damage_guard(Path(str(directory))):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
