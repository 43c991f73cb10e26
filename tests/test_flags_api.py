"""Read and starred flags and feed names through the facade (`index.api.Library`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from index.api import Library
from index.errors import ArticleNotFound, LibraryError
from index.state import add_article, add_feed
from tests.conftest import file_id, write_article


# The ids the two articles get (made from their text, so known before they are added).
def _write(folder: Path) -> tuple[str, str]:
    alpha = write_article(folder, "alpha.txt", "Alpha title", "Alpha body words here.", source="Alpha Times")
    beta = write_article(folder, "beta.txt", "Beta title", "Beta body words there.", source="Beta Post")
    return file_id(alpha), file_id(beta)


with tempfile.TemporaryDirectory() as _folder:
    ALPHA, BETA = _write(Path(_folder))


@pytest.fixture
def fresh(tmp_path) -> Library:
    folder = tmp_path / "articles"
    folder.mkdir()
    _write(folder)
    library = Library.open(tmp_path / "lib")
    library.add_paths([folder])
    yield library
    library.close()


def test_mark_read_and_starred_resolve_prefixes_and_round_trip(fresh):
    fresh.mark_read([ALPHA], read=False)
    assert ALPHA in fresh.unread_ids()
    assert fresh.mark_read(["alp"]) == [ALPHA]  # the start of its slug, alpha-title
    assert fresh.flags([ALPHA])[ALPHA].read
    assert ALPHA not in fresh.unread_ids()
    fresh.mark_read([ALPHA], read=False)
    assert ALPHA in fresh.unread_ids()
    assert fresh.mark_starred([BETA]) == [BETA]
    assert fresh.starred_ids() == {BETA}
    fresh.mark_starred([BETA], starred=False)
    assert fresh.starred_ids() == set()


def test_a_bad_id_changes_nothing(fresh):
    fresh.mark_read([ALPHA], read=False)
    with pytest.raises(ArticleNotFound):
        fresh.mark_read([ALPHA, "nope-no-such"])
    assert ALPHA in fresh.unread_ids()


def test_rename_feed_and_feed_of(fresh):
    db = fresh._state()
    feed = add_feed(db, "http://127.0.0.1:9/feed.xml", title="Old name")
    add_article(db, ALPHA, feed)
    renamed = fresh.rename_feed(feed.id, "  World   news ")
    assert renamed.title == "World news" and renamed.articles == 1 and renamed.unread == 1
    info = fresh.feed_of(ALPHA)
    assert info is not None and info.name == "World news" and not info.failing
    assert fresh.feed_of(BETA) is None
    assert fresh.feed_articles("World") == [ALPHA]
    with pytest.raises(LibraryError, match="cannot be empty"):
        fresh.rename_feed(feed.id, "   ")
