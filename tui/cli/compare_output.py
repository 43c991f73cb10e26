"""The terminal summary of a comparison: its findings, most important first,
then conflicts, shared quotes, and who is covered and quoted by whom.

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
from ..widgets.findings_text import in_context, marker, tally
from .output import PIPED, QUOTE_STYLE, block, console, line

if TYPE_CHECKING:
    from index.api import ChangeNote, Comparison, SharedQuote

COVERAGE_ROWS = 40
"""Rows of the coverage table in a terminal (piped output has them all)."""
NOTE_STYLES = {"replace": "yellow", "insert": "green", "delete": "dim", "excerpt": "dim"}
FINDING_STYLES = {"conflict": "bold red", "fact": "yellow", "passage": "cyan"}


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
    _print_findings(comparison)
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
    _print_coverage(comparison, names)
    _heading("Voices", "bold")
    for info in comparison.articles:
        voices = comparison.voices.get(info.id, [])
        quoted = "; ".join(f"{one_line(v.speaker)} ({v.role}) ×{v.quotes}" for v in voices) or "quotes no one directly"
        _print(Text.assemble("  ", line(names[info.id], "cyan"), ": ", line(quoted)))


def _print_findings(comparison: Comparison) -> None:
    """The findings, most important first, each said in words (a fact with
    the words around it); trivial ones counted, not listed."""
    findings = comparison.findings
    _print()
    _print(Text.assemble(("Findings", "bold"), f" ({tally(findings)})"))
    ranked = [f for f in findings if not f.trivial]
    if not ranked:
        _print(Text("  Nothing to report: no conflicts, and no passage or fact only one outlet gives."))
    width = len(str(len(ranked)))
    for rank, finding in enumerate(ranked, 1):
        text = Text.assemble(
            f"  {rank:>{width}}. ", (marker(finding), FINDING_STYLES.get(finding.kind, "")), " ",
            line(finding.description),
        )
        if finding.needs_context:
            text.append_text(Text.assemble("  “", line(in_context(comparison, finding.spans[0])), "”", style="dim"))
        _print(text)
    trivial = len(findings) - len(ranked)
    if trivial:
        noun = "finding" if trivial == 1 else "findings"
        _print(Text(f"  and {trivial} trivial {noun} (short passages, furniture, repeated background): "
                    "--json lists them", style="dim"))


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
