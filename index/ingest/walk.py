"""Expand the paths given to `add` into article files, never raising.

The walk is iterative (an explicit stack, so 1,000 nested directories cost
no recursion), follows each symlinked directory once (visited directories
are tracked by (st_dev, st_ino)), and yields a `Failure` for every problem
it meets: unreadable directories, symlink loops, FIFOs, devices and sockets
with an article's name, broken links, entries vanishing mid-walk. Files of
other types and empty directories are not errors, but the user should hear
of them: each yields an `Ignored`, which counts as a `Failure` only for
code that does not know it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .failure import Failure, file_kind_reason, os_error_reason

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_DirKey = tuple[int, int]

UNSUPPORTED = "unsupported"
EMPTY_DIRECTORY = "empty directory"


@dataclass(frozen=True)
class Ignored(Failure):
    """A file of a type newsreader does not read, or a directory with nothing
    in it: said once, never an error."""

    kind: str = UNSUPPORTED


def unsupported(path: Path) -> Ignored:
    return Ignored(str(path), f"is not an article file; newsreader reads {', '.join(ARTICLE_SUFFIXES)}", UNSUPPORTED)


def is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


@dataclass(frozen=True)
class _Directory:
    path: Path
    key: _DirKey
    parent: _Directory | None

    def is_within(self, key: _DirKey) -> bool:
        """True if `key` is this directory or one of its ancestors."""
        node: _Directory | None = self
        while node is not None:
            if node.key == key:
                return True
            node = node.parent
        return False


def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path | Failure]:
    """Article files under `paths` (directories walked depth first, sorted),
    and a `Failure` for everything that cannot be read."""
    for path in paths:
        try:
            yield from _expand(Path(path))
        except Exception as error:  # the walk must never abort a run
            yield Failure(str(path), f"could not be walked ({type(error).__name__}: {error}); check the path")


def _expand(path: Path) -> Iterator[Path | Failure]:
    try:
        status = os.stat(path)
    except OSError as error:
        yield Failure(str(path), _stat_failure_reason(path, error))
        return
    if stat.S_ISDIR(status.st_mode):
        yield from _walk(path, (status.st_dev, status.st_ino))
    elif not is_article_name(path.name):
        yield unsupported(path)
    elif not stat.S_ISREG(status.st_mode):
        yield Failure(str(path), file_kind_reason(status.st_mode))
    else:
        yield path


def _stat_failure_reason(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        try:
            os.lstat(path)
        except OSError:
            return "does not exist; check the path"
        return "is a broken symbolic link (its target does not exist); fix or remove the link"
    return os_error_reason(error)


def _walk(root: Path, key: _DirKey) -> Iterator[Path | Failure]:
    visited = {key}
    stack = [_Directory(root, key, None)]
    while stack:
        directory = stack.pop()
        entries: list[os.DirEntry[str]] = []
        listed = True
        try:
            with os.scandir(directory.path) as listing:
                for entry in listing:
                    entries.append(entry)
        except OSError as error:
            # Keep whatever was listed before the error.
            listed = False
            yield Failure(str(directory.path), f"is a directory that {os_error_reason(error)}")
        subdirectories: list[_Directory] = []
        if listed and all(entry.name.startswith(".") for entry in entries):
            reason = "is an empty directory" if not entries else "holds only hidden files, which are not read"
            yield Ignored(str(directory.path), reason, EMPTY_DIRECTORY)
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue  # hidden files and directories (.git, editor backups)
            for item in _classify(entry, directory, visited):
                if isinstance(item, _Directory):
                    subdirectories.append(item)
                else:
                    yield item
        # Reversed onto the stack, so they are walked in sorted order.
        stack.extend(reversed(subdirectories))


def _classify(
    entry: os.DirEntry[str], parent: _Directory, visited: set[_DirKey]
) -> Iterator[Path | Failure | _Directory]:
    """What one directory entry is: an article, a directory to walk, a
    failure to report, or nothing (not an article's name)."""
    path = Path(entry.path)
    article = is_article_name(entry.name)
    link = False
    try:
        link = entry.is_symlink()
        if not link and entry.is_file(follow_symlinks=False):
            # The common case, decided from d_type without a stat.
            yield path if article else unsupported(path)
            return
        status = entry.stat(follow_symlinks=True)
    except OSError as error:
        # A link loop is reported whatever its name; other vanished or broken
        # entries only if they would have been articles.
        if error.errno == errno.ELOOP or article:
            yield Failure(str(path), _entry_failure_reason(error, link))
        return
    if stat.S_ISDIR(status.st_mode):
        key = (status.st_dev, status.st_ino)
        if parent.is_within(key):
            yield Failure(str(path), "loops back to a directory that contains it (a symbolic link loop); skipped")
        elif key not in visited:
            visited.add(key)
            yield _Directory(path, key, parent)
        # else: a second way to a directory already walked, read once only
    elif article:
        yield path if stat.S_ISREG(status.st_mode) else Failure(str(path), file_kind_reason(status.st_mode))
    elif stat.S_ISREG(status.st_mode):
        yield unsupported(path)  # a link to a file of another type


def _entry_failure_reason(error: OSError, link: bool) -> str:
    if error.errno == errno.ENOENT:
        if link:
            return "is a broken symbolic link (its target does not exist); fix or remove the link"
        return "disappeared while its directory was being read; add it again"
    return os_error_reason(error)
