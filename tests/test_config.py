"""Remembered settings: written atomically, and a broken file gives the defaults."""

from __future__ import annotations

from tui.config import config_path, get_setting, set_setting


def test_a_setting_is_remembered() -> None:
    assert get_setting("view", "compact") == "compact"
    assert set_setting("view", "cards")
    assert get_setting("view") == "cards"
    assert config_path().exists()


def test_a_corrupt_file_gives_the_defaults_and_is_replaced_on_the_next_choice() -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00{not json")
    assert get_setting("theme", "textual-dark") == "textual-dark"
    assert set_setting("theme", "nord")
    assert get_setting("theme") == "nord"
