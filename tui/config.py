"""The app's remembered choices (list view, colour theme...): a small JSON
file under the platform's config directory.

Settings are preferences, never data: a missing, unreadable or corrupt file
gives the defaults, and a failed write is ignored (the choice just isn't
remembered), so the app never stops over them.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from platformdirs import user_config_path

CONFIG_ENV = "NEWSREADER_CONFIG_DIR"
"""Overrides the config directory (the tests point it at a temporary one)."""


def config_path() -> Path:
    configured = os.environ.get(CONFIG_ENV)
    directory = Path(configured).expanduser() if configured else user_config_path("newsreader", appauthor=False)
    return directory / "settings.json"


def load_settings() -> dict[str, Any]:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get_setting(key: str, default: Any = None) -> Any:
    return load_settings().get(key, default)


def set_setting(key: str, value: Any) -> bool:
    """Remember `key`; written atomically (a crash never leaves half a file).
    Returns False if it could not be written."""
    settings = load_settings()
    settings[key] = value
    path = config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings, handle, indent=2, sort_keys=True)
        os.replace(temporary, path)
    except OSError:
        return False
    return True
