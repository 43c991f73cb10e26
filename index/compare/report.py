"""A comparison as a Markdown report a person can paste into notes.

It leads with the findings, most important first, and gives every fact the
sentence it comes from: "60" alone tells a reader nothing.
"""

from __future__ import annotations

import re

from .model import Comparison, Finding, QuoteVariant, TextSpan

CONTEXT_WIDTH = 160
"""Characters of a sentence quoted around a fact (cut at words, around it)."""


def _quote(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


_OPENING_STRAIGHT = re.compile(r'(?:^|(?<=[\s(\[—–-]))"')


def _in_quotes(text: str) -> str:
    """Words quoted from an article, in “…”; quotation marks inside become
    ‘…’ as in print, so a sentence that opens with a quote never reads
    ““DHS employees…”."""
    text = _quote(text)
    text = _OPENING_STRAIGHT.sub("‘", text).replace('"', "’")
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def _label(comparison: Comparison) -> dict[str, str]:
    """Short column names: the outlet when known, else the article id."""
    return comparison.labels()


def to_markdown(comparison: Comparison) -> str:
    names = _label(comparison)
    lines = ["# Coverage compared", ""]
    for info in comparison.articles:
        date = f", {info.published[:10]}" if info.published else ""
        lines.append(f"- **{names[info.id]}**{date}: {info.title} (`{info.id}`, {info.word_count} words)")
    lines += ["", ", ".join(comparison.summary()) + ".", ""]

    lines += _findings(comparison)

    lines += ["## Conflicts", ""]
    if not comparison.conflicts:
        lines += ["None found.", ""]
    for conflict in comparison.conflicts:
        lines.append(f"### {conflict.about}")
        lines.append("")
        for reading in conflict.readings:
            lines.append(f"- **{names[reading.article]}**: {reading.value} — {_in_quotes(reading.context)}")
        lines.append("")

    lines += ["## Shared quotes", ""]
    if not comparison.quotes:
        lines += ["None found.", ""]
    for shared in comparison.quotes:
        lines.append(f"### {shared.speaker or 'Unattributed'}")
        lines.append("")
        for variant in shared.variants:
            lines.append(f"- **{names[variant.article]}**: {_in_quotes(variant.text)}{_changes(variant)}")
        lines.append("")

    lines += ["## Only one outlet reports", ""]
    for info in comparison.articles:
        passages = [u for u in comparison.unique if u.article == info.id and u.kind == "passage"]
        facts = [u for u in comparison.unique if u.article == info.id and u.kind == "fact"]
        if not passages and not facts:
            continue
        lines.append(f"### {names[info.id]}")
        lines.append("")
        lines += [f"- {_quote(u.text)}" for u in passages]
        if facts:
            lines.append("- Facts no other outlet gives:")
            lines += [f"  - **{_quote(u.name or u.text)}**: {_in_quotes(in_context(comparison, u))}" for u in facts]
        lines.append("")

    lines += ["## Aligned passages", ""]
    for number, alignment in enumerate(comparison.alignments, 1):
        lines.append(f"{number}. (similarity {alignment.similarity:.2f})")
        for passage in alignment.passages:
            lines.append(f"   - **{names[passage.article]}**: {_quote(passage.text)}")
    lines.append("")

    lines += ["## Coverage", ""]
    header = "| | " + " | ".join(names[a.id] for a in comparison.articles) + " |"
    lines += [header, "|---" * (len(comparison.articles) + 1) + "|"]
    for row in comparison.coverage:
        if sum(1 for n in row.counts.values() if n) < 1:
            continue
        cells = " | ".join(str(row.counts[a.id]) if row.counts[a.id] else "·" for a in comparison.articles)
        lines.append(f"| {_quote(row.heading)} | {cells} |")
    lines.append("")

    lines += ["## Voices", ""]
    for info in comparison.articles:
        voices = comparison.voices.get(info.id, [])
        if voices:
            quoted = "; ".join(
                f"{v.speaker} ({v.role}{', ' + v.description if v.description else ''}) ×{v.quotes}" for v in voices
            )
        else:
            quoted = "quotes no one directly"
        lines.append(f"- **{names[info.id]}**: {quoted}")
    lines.append("")
    return "\n".join(lines)


def _findings(comparison: Comparison) -> list[str]:
    """The ranked findings, each in words, a fact with its sentence and a
    conflict with each outlet's; trivial ones counted at the end."""
    names = _label(comparison)
    lines = ["## Findings", ""]
    ranked = [f for f in comparison.findings if not f.trivial]
    if not ranked:
        lines += ["Nothing to report: no conflicts, and no passage or fact only one outlet gives.", ""]
    for rank, finding in enumerate(ranked, 1):
        lines.append(f"{rank}. {_finding(comparison, finding)}")
        if finding.kind == "conflict":
            for span in finding.spans:
                lines.append(f"   - **{names[span.article]}**: {_quote(span.text)} — {_in_quotes(in_context(comparison, span))}")
    trivial = len(comparison.findings) - len(ranked)
    if trivial:
        if ranked:
            lines.append("")
        noun = "finding" if trivial == 1 else "findings"
        lines.append(f"And {trivial} trivial {noun} (short passages, furniture, repeated background), not listed.")
    lines.append("")
    return lines


def _finding(comparison: Comparison, finding: Finding) -> str:
    kind = {"conflict": "Conflict", "fact": "Fact", "passage": "Passage"}.get(finding.kind, finding.kind.title())
    text = f"**{kind}.** {_quote(finding.description)}"
    if finding.needs_context:
        text += f" — {_in_quotes(in_context(comparison, finding.spans[0]))}"
    return text


def in_context(comparison: Comparison, span: TextSpan, width: int = CONTEXT_WIDTH) -> str:
    """The sentence holding `span`, cut to the report's width around it."""
    return comparison.in_context(span, width)


def _changes(variant: QuoteVariant) -> str:
    notes = variant.notes()
    return " — " + "; ".join(note.plain for note in notes) if notes else ""
