"""Where libraries live and where the bundled seed articles are."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

LIBRARY_ENV = "NEWSREADER_LIBRARY"


def default_library_dir() -> Path:
    """`NEWSREADER_LIBRARY` if set, else the user's data directory."""
    configured = os.environ.get(LIBRARY_ENV)
    if configured:
        return Path(configured).expanduser()
    return user_data_path("newsreader", appauthor=False) / "library"


def seeds_dir() -> Path:
    """The bundled demo articles: inside the installed package, or the repo's `seeds/`."""
    packaged = Path(__file__).parent / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"
