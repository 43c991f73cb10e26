"""The README's key tables are made from tui/help.md, so the two cannot drift."""

from __future__ import annotations

import subprocess
import sys

from tui.help_keys import README_END, README_START, readme_keys, sections, with_readme_keys

from .conftest import ROOT

HELP = """# keys

## Everywhere

| Key | Action |
| --- | --- |
| `?` | help |

## Reader

Prose first.

| Key | Action |
| --- | --- |
| `e` | entities |

| Not | keys |
| --- | --- |
| `x` | a later table |

## Search syntax

- no table here
"""


def test_readme_key_tables_match_help_md():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(README_START) == 1 and readme.count(README_END) == 1
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_keys(), (
        "README.md's key tables differ from tui/help.md: run `python scripts/readme_keys.py`"
    )


def test_the_tables_are_each_sections_key_table_under_its_name():
    made = readme_keys(HELP)
    assert made.startswith(README_START) and made.endswith(README_END)
    assert "**Everywhere**\n\n| Key | Action |\n| --- | --- |\n| `?` | help |" in made
    assert "**Reader**\n\n| Key | Action |\n| --- | --- |\n| `e` | entities |\n" in made
    assert "a later table" not in made and "Prose first" not in made and "Search syntax" not in made
    assert [s.title for s in sections(HELP)] == ["Everywhere", "Reader", "Search syntax"]


def test_only_the_text_between_the_markers_changes():
    readme = f"# Title\n\nBefore.\n\n{README_START}\nold table\n{README_END}\n\nAfter.\n"
    updated = with_readme_keys(readme, HELP)
    assert updated.startswith("# Title\n\nBefore.\n\n" + README_START)
    assert updated.endswith(README_END + "\n\nAfter.\n")
    assert "old table" not in updated and "| `e` | entities |" in updated


def test_the_script_checks_the_readme():
    script = ROOT / "scripts" / "readme_keys.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "match" in result.stdout
