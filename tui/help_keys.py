"""The key map in `help.md`, read as data: its sections and their key tables.

`help.md` is the one place keys are written down. The help screen shows
it; `scripts/readme_keys.py` copies its tables into the README; a test
checks every key listed for a screen is bound there. All three read it
through this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

KEY_NAMES = {
    "?": "question_mark",
    '"': "quotation_mark",
    "/": "slash",
    "↓": "down",
    "↑": "up",
    "←": "left",
    "→": "right",
}
"""Keys as help.md writes them -> Textual's key names (letters, digits and
names such as `enter` or `ctrl+p` are the same in both)."""
PAGE_KEYS = ("pageup", "pagedown")
"""What "page keys" in a key cell stands for."""

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class KeyRow:
    """One row of a key table: the key cell as written, and the action."""

    keys: str
    action: str

    def key_names(self) -> list[str]:
        """The Textual key names the cell lists (`\"` -> quotation_mark, page keys -> pageup, pagedown)."""
        names = [KEY_NAMES.get(key, key) for key in _CODE.findall(self.keys)]
        if "page keys" in _CODE.sub("", self.keys):
            names += PAGE_KEYS
        return names


@dataclass(frozen=True)
class Section:
    """A `##` section of help.md: its title, and the rows of its key table (none for prose)."""

    title: str
    rows: tuple[KeyRow, ...]
    table: tuple[str, ...]
    """The key table's lines as written (header, rule and rows)."""


def help_text() -> str:
    """help.md itself (our own file, trusted)."""
    return files("tui").joinpath("help.md").read_text(encoding="utf-8")


def help_as_lists(text: str | None = None) -> str:
    """help.md with each key table written as a list (`- keys: action`):
    in a terminal a two-column table wraps its key cells into tall rows,
    where a list keeps one line per key."""
    lines: list[str] = []
    for line in (help_text() if text is None else text).splitlines():
        if not line.startswith("|"):
            lines.append(line)
            continue
        cells = _cells(line)
        if len(cells) < 2 or cells[0] == "Key" or set(cells[0]) <= set("-: "):
            continue  # the header and its rule
        lines.append(f"- {cells[0]}: {cells[1]}")
    return "\n".join(lines) + "\n"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def sections(text: str | None = None) -> list[Section]:
    """Every `##` section of `text` (help.md by default), in order, with its
    first table (the key table; later tables of a section are not keys)."""
    found: list[Section] = []
    title: str | None = None
    table: list[str] = []
    table_done = False

    def close() -> None:
        if title is not None:
            rows = tuple(KeyRow(*_cells(line)[:2]) for line in table[2:])
            found.append(Section(title, rows, tuple(table)))

    for line in (help_text() if text is None else text).splitlines():
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            close()
            title, table, table_done = heading.group(2), [], False
        elif title is not None and not table_done:
            if line.startswith("|"):
                table.append(line)
            elif table:
                table_done = True
    close()
    return found


def section(title: str, text: str | None = None) -> Section:
    """The section called `title` (KeyError when help.md has none)."""
    for candidate in sections(text):
        if candidate.title == title:
            return candidate
    raise KeyError(title)


README_START = "<!-- keys:start -->"
README_END = "<!-- keys:end -->"


def readme_keys(text: str | None = None) -> str:
    """The README's key tables, between and including the markers: help.md's
    key table for each section that has one, under the section's name."""
    lines = [README_START, "<!-- Made from tui/help.md by scripts/readme_keys.py: edit help.md, then run it. -->"]
    for found in sections(text):
        if found.table:
            lines += ["", f"**{found.title}**", "", *found.table]
    return "\n".join([*lines, "", README_END])


def with_readme_keys(readme: str, text: str | None = None) -> str:
    """`readme` with what is between its key markers replaced by `readme_keys()`."""
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    return readme[:start] + readme_keys(text) + readme[end:]
