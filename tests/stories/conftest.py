"""Fixtures of the stories tests: a library of generated multi-outlet stories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .corpus import write_story_corpus


@pytest.fixture(scope="session")
def story_template(tmp_path_factory) -> Path:
    """The seed library with the corpus added."""
    from index.api import Library

    root = tmp_path_factory.mktemp("stories")
    write_story_corpus(root / "in")
    library = Library.open(root / "library", seed=True)
    assert len(library.add_paths([root / "in"]).added) == 16
    library.close()
    return root / "library"


@pytest.fixture
def story_library_dir(tmp_path, story_template) -> Path:
    """A fresh copy of the story corpus library."""
    directory = tmp_path / "story-library"
    shutil.copytree(story_template, directory)
    return directory
