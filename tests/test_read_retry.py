"""A read that meets a segment another writer replaced is read again from a
fresh searcher before the library is called damaged."""

from __future__ import annotations

import pytest
import whoosh.filedb.structfile as structfile

from index.api import Library, LibraryDamaged


def _raiser():
    """A function that raises as if inside Whoosh's file reading (where
    damage is recognised), as a torn read of a replaced segment does."""
    namespace = dict(vars(structfile))
    exec("def torn_read():\n    raise IndexError('segment replaced while reading')", namespace)  # noqa: S102
    return namespace["torn_read"]


def test_a_read_that_fails_once_is_read_again(library_dir, monkeypatch):
    library = Library.open(library_dir)
    real = type(library._core).searcher
    torn_read = _raiser()
    calls: list[int] = []

    def flaky(self):
        calls.append(1)
        if len(calls) == 1:
            torn_read()
        return real(self)

    monkeypatch.setattr(type(library._core), "searcher", flaky)
    assert library.count() >= 1
    assert len(calls) >= 2
    monkeypatch.undo()
    library.close()


def test_a_read_that_keeps_failing_says_the_library_is_damaged(library_dir, monkeypatch):
    library = Library.open(library_dir)
    torn_read = _raiser()
    monkeypatch.setattr(type(library._core), "searcher", lambda self: torn_read())
    with pytest.raises(LibraryDamaged, match="newsreader repair"):
        library.count()
    monkeypatch.undo()
    library.close()
