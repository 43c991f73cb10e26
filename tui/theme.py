"""The colour theme the user last chose (Textual's "Change theme" in the
command palette), remembered in the config file and applied at start-up."""

from __future__ import annotations

from collections.abc import Iterable

from .config import get_setting, set_setting

THEME_SETTING = "theme"


def remembered_theme(available: Iterable[str]) -> str | None:
    """The remembered theme, if there is one and this Textual still has it."""
    name = get_setting(THEME_SETTING)
    return name if isinstance(name, str) and name in set(available) else None


def remember_theme(name: str) -> None:
    """Keep `name` for the next start (the file is written only when it changes)."""
    if get_setting(THEME_SETTING) != name:
        set_setting(THEME_SETTING, name)
