"""The terminal summary of a comparison: conflicts, shared quotes, unique
reporting, then who is covered and quoted by whom.

The counts, quote-change notes and coverage headings come from the
comparison itself (`summary()`, `notes()`, `heading`), the same words the
app and the Markdown report use; this module only styles them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..safe import one_line
from .output import PIPED, QUOTE_STYLE, block, console, line

if TYPE_CHECKING:
    from index.api import ChangeNote, Comparison, SharedQuote

COVERAGE_ROWS = 40
"""Rows of the coverage table in a terminal (piped output has them all)."""
NOTE_STYLES = {"replace": "yellow", "insert": "green", "delete": "dim", "excerpt": "dim"}


def _print(renderable: Text | Table | str = "") -> None:
    console.print(renderable, soft_wrap=PIPED)


def _heading(title: str, style: str) -> None:
    _print()
    _print(Text(title, style=style))


def _note(note: ChangeNote) -> Text:
    """A word change, compactly: 'old → new', '+added', '−omitted', '(excerpt)'."""
    if note.kind == "replace":
        text = Text.assemble(line(note.old), " → ", line(note.new))
    elif note.kind == "insert":
        text = Text.assemble("+", line(note.new))
    elif note.kind == "delete":
        text = Text.assemble("−", line(note.old))
    else:
        text = Text("(excerpt)")
    text.stylize(NOTE_STYLES.get(note.kind, "dim"))
    return text


def _variants(shared: SharedQuote, names: dict[str, str]) -> list[Text]:
    """One line per outlet's wording, with how it differs from the fullest."""
    lines = []
    for variant in shared.variants:
        text = Text.assemble("    ", line(names[variant.article], "cyan"), ": “", block(variant.text, QUOTE_STYLE), "”")
        for note in variant.notes():
            text.append("  ")
            text.append_text(_note(note))
        lines.append(text)
    return lines


def print_comparison(comparison: Comparison) -> None:
    names = comparison.labels()
    for info in comparison.articles:
        _print(Text.assemble(line(names[info.id], "bold cyan"), "  ", line(info.title)))
    _print()
    _print(Text(" · ".join(comparison.summary())))
    if comparison.conflicts:
        _heading("Conflicts", "bold red")
        for conflict in comparison.conflicts:
            _print(Text.assemble("  ", line(conflict.about, "bold")))
            for reading in conflict.readings:
                _print(Text.assemble(
                    "    ", line(names[reading.article], "cyan"), ": ", line(reading.value, "bold red"),
                    "  “", line(reading.context), "”",
                ))
    if comparison.quotes:
        _heading("Shared quotes", "bold magenta")
        for shared in comparison.quotes:
            _print(Text.assemble("  ", line(shared.speaker or "Unattributed", "bold")))
            for text in _variants(shared, names):
                _print(text)
    _print_unique(comparison, names)
    _print_coverage(comparison, names)
    _heading("Voices", "bold")
    for info in comparison.articles:
        voices = comparison.voices.get(info.id, [])
        quoted = "; ".join(f"{one_line(v.speaker)} ({v.role}) ×{v.quotes}" for v in voices) or "quotes no one directly"
        _print(Text.assemble("  ", line(names[info.id], "cyan"), ": ", line(quoted)))


def _print_unique(comparison: Comparison, names: dict[str, str]) -> None:
    _heading("Only one outlet reports", "bold yellow")
    for info in comparison.articles:
        items = [u for u in comparison.unique if u.article == info.id]
        if not items:
            continue
        _print(Text.assemble("  ", line(names[info.id], "bold cyan")))
        for unique in items:
            if unique.kind == "passage":
                _print(Text.assemble("    • ", line(unique.text)))
        facts = [one_line(u.text) for u in items if u.kind == "fact"]
        if facts:
            _print(Text.assemble(("    facts: ", "yellow"), line(", ".join(facts), "yellow")))


def _print_coverage(comparison: Comparison, names: dict[str, str]) -> None:
    _print()
    _print(Text.assemble(("Coverage", "bold"), " (mentions per article)"))
    if PIPED:  # tab-separated, for other programs
        sys.stdout.write("\t".join(["mentions", *(one_line(a.id) for a in comparison.articles)]) + "\n")
        for row in comparison.coverage:
            counts = [str(row.counts[a.id]) for a in comparison.articles]
            sys.stdout.write("\t".join([one_line(row.heading), *counts]) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("", no_wrap=True, overflow="ellipsis", min_width=24, ratio=1)
    for info in comparison.articles:
        table.add_column(line(names[info.id][:8]), justify="right", no_wrap=True, max_width=8)
    for row in comparison.coverage[:COVERAGE_ROWS]:
        cells = [Text(str(row.counts[a.id]) if row.counts[a.id] else "·") for a in comparison.articles]
        table.add_row(line(row.heading), *cells)
    console.print(table)
