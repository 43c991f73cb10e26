"""A comparison as a Markdown report a person can paste into notes."""

from __future__ import annotations

from .model import Comparison, QuoteVariant


def _quote(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


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

    lines += ["## Conflicts", ""]
    if not comparison.conflicts:
        lines += ["None found.", ""]
    for conflict in comparison.conflicts:
        lines.append(f"### {conflict.about}")
        lines.append("")
        for reading in conflict.readings:
            lines.append(f"- **{names[reading.article]}**: {reading.value} — “{_quote(reading.context)}”")
        lines.append("")

    lines += ["## Shared quotes", ""]
    if not comparison.quotes:
        lines += ["None found.", ""]
    for shared in comparison.quotes:
        lines.append(f"### {shared.speaker or 'Unattributed'}")
        lines.append("")
        for variant in shared.variants:
            lines.append(f"- **{names[variant.article]}**: “{_quote(variant.text)}”{_changes(variant)}")
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
            lines.append(f"- Facts no other outlet gives: {', '.join(_quote(u.text) for u in facts)}")
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


def _changes(variant: QuoteVariant) -> str:
    notes = variant.notes()
    return " — " + "; ".join(note.plain for note in notes) if notes else ""
