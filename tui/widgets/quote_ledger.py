"""The quote ledger: each statement several outlets quote, in each one's
words, and whom each outlet gives a voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..keys import vim_scroll
from ..safe import one_line

if TYPE_CHECKING:
    from index.api import ChangeNote, Comparison, SharedQuote

NOTE_SEPARATOR = Content("  ·  ")
Line = tuple[int, Content]
"""One line of an entry and its indent: a wrapped line keeps the indent of its first."""


class QuoteLedger(VerticalScroll, can_focus=True):
    """Shared quotes with how each outlet's wording differs, then each outlet's voices.

    Speakers, quotes and outlet names are untrusted: they become `Content`
    (plain text) and never pass through markup.
    """

    COMPONENT_CLASSES = {
        "quote-ledger--speaker", "quote-ledger--outlet", "quote-ledger--quote", "quote-ledger--replace",
        "quote-ledger--insert", "quote-ledger--delete", "quote-ledger--role",
    }
    DEFAULT_CSS = """
    QuoteLedger .ledger-line.-indent-2 { padding-left: 2; }
    QuoteLedger .ledger-line.-indent-6 { padding-left: 6; }
    """
    BINDINGS = [*vim_scroll()]

    def show(self, comparison: Comparison) -> None:
        self.remove_children()
        names = comparison.labels()
        blocks: list[Static | VerticalGroup] = [
            Static(Content.assemble(("Shared quotes", "bold")), classes="ledger-title")
        ]
        if not comparison.quotes:
            blocks.append(Static(
                Content("No statement is quoted by more than one of these articles."), classes="ledger-empty"
            ))
        blocks += [_entry(self._shared_quote(shared, names)) for shared in comparison.quotes]
        blocks.append(Static(Content.assemble(("Voices: whom each outlet quotes", "bold")), classes="ledger-title"))
        blocks += [_entry(self._voices(comparison, info.id, names)) for info in comparison.articles]
        self.mount_all(blocks)

    def _shared_quote(self, shared: SharedQuote, names: dict[str, str]) -> list[Line]:
        """The speaker, then each outlet's wording and how it differs from the fullest."""
        style = self.get_visual_style
        outlets = len({v.article for v in shared.variants})
        lines = [(0, Content.assemble(
            (one_line(shared.speaker or "Unattributed"), style("quote-ledger--speaker")),
            (f"  quoted by {outlets} outlets", style("quote-ledger--role")),
        ))]  # fmt: skip
        for variant in shared.variants:
            lines.append((2, Content.assemble(
                (one_line(names[variant.article]), style("quote-ledger--outlet")), "  “",
                (one_line(variant.text), style("quote-ledger--quote")), "”",
            )))  # fmt: skip
            notes = [self._note(note) for note in variant.notes()]
            if notes:
                lines.append((6, NOTE_SEPARATOR.join(notes)))
        return lines

    def _note(self, note: ChangeNote) -> Content:
        """One difference in wording, in the ledger's colours (what it says is `index`'s)."""
        style = self.get_visual_style
        old, new = one_line(note.old), one_line(note.new)
        if note.kind == "replace":
            return Content.assemble(
                (old, style("quote-ledger--delete")), " → ", (new, style("quote-ledger--insert"))
            )
        if note.kind == "insert":
            return Content.assemble("+", (new, style("quote-ledger--insert")))
        if note.kind == "delete":
            return Content.assemble("−", (old, style("quote-ledger--delete")))
        return Content.assemble((one_line(note.plain), style("quote-ledger--role")))

    def _voices(self, comparison: Comparison, article_id: str, names: dict[str, str]) -> list[Line]:
        """Whom one outlet quotes, in what capacity, and how often."""
        style = self.get_visual_style
        voices = comparison.voices.get(article_id, [])
        lines = [(0, Content.assemble((one_line(names[article_id]), style("quote-ledger--outlet"))))]
        if not voices:
            lines.append((2, Content("quotes no one directly")))
        for voice in voices:
            detail = f"{voice.role}{', ' + voice.description if voice.description else ''}"
            lines.append((2, Content.assemble(
                (one_line(voice.speaker), style("quote-ledger--speaker")), "  ",
                (one_line(detail), style("quote-ledger--role")), f"  ×{voice.quotes}",
            )))  # fmt: skip
        return lines


def _entry(lines: list[Line]) -> VerticalGroup:
    """One entry: a line per widget, so each wraps under its own indent."""
    return VerticalGroup(
        *(Static(content, classes=f"ledger-line -indent-{indent}" if indent else "ledger-line") for indent, content in lines),
        classes="ledger-entry",
    )
