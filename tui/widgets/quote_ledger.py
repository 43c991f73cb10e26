"""The quote ledger: each statement several outlets quote, in each one's
words, and whom each outlet gives a voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..keys import vim_scroll
from ..safe import one_line

if TYPE_CHECKING:
    from index.api import ChangeNote, Comparison, SharedQuote

NOTE_SEPARATOR = Content("  ·  ")


class QuoteLedger(VerticalScroll, can_focus=True):
    """Shared quotes with how each outlet's wording differs, then each outlet's voices.

    Speakers, quotes and outlet names are untrusted: they become `Content`
    (plain text) and never pass through markup.
    """

    COMPONENT_CLASSES = {
        "quote-ledger--speaker", "quote-ledger--outlet", "quote-ledger--quote", "quote-ledger--replace",
        "quote-ledger--insert", "quote-ledger--delete", "quote-ledger--role",
    }
    BINDINGS = [*vim_scroll()]

    def show(self, comparison: Comparison) -> None:
        self.remove_children()
        names = comparison.labels()
        blocks: list[Static] = [Static(Content.assemble(("Shared quotes", "bold")), classes="ledger-title")]
        if not comparison.quotes:
            blocks.append(Static(
                Content("No statement is quoted by more than one of these articles."), classes="ledger-empty"
            ))
        blocks += [Static(self._shared_quote(shared, names), classes="ledger-entry") for shared in comparison.quotes]
        blocks.append(Static(Content.assemble(("Voices: whom each outlet quotes", "bold")), classes="ledger-title"))
        blocks += [Static(self._voices(comparison, info.id, names), classes="ledger-entry") for info in comparison.articles]
        self.mount_all(blocks)

    def _shared_quote(self, shared: SharedQuote, names: dict[str, str]) -> Content:
        """The speaker, then each outlet's wording and how it differs from the fullest."""
        style = self.get_visual_style
        outlets = len({v.article for v in shared.variants})
        lines = [Content.assemble(
            (one_line(shared.speaker or "Unattributed"), style("quote-ledger--speaker")),
            (f"  quoted by {outlets} outlets", style("quote-ledger--role")),
        )]
        for variant in shared.variants:
            line = Content.assemble(
                "  ", (one_line(names[variant.article]), style("quote-ledger--outlet")), "  “",
                (one_line(variant.text), style("quote-ledger--quote")), "”",
            )
            notes = [self._note(note) for note in variant.notes()]
            if notes:
                line = Content.assemble(line, "\n      ", NOTE_SEPARATOR.join(notes))
            lines.append(line)
        return Content("\n").join(lines)

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

    def _voices(self, comparison: Comparison, article_id: str, names: dict[str, str]) -> Content:
        """Whom one outlet quotes, in what capacity, and how often."""
        style = self.get_visual_style
        voices = comparison.voices.get(article_id, [])
        lines = [Content.assemble((one_line(names[article_id]), style("quote-ledger--outlet")))]
        if not voices:
            lines.append(Content("  quotes no one directly"))
        for voice in voices:
            detail = f"{voice.role}{', ' + voice.description if voice.description else ''}"
            lines.append(Content.assemble(
                "  ", (one_line(voice.speaker), style("quote-ledger--speaker")), "  ",
                (one_line(detail), style("quote-ledger--role")), f"  ×{voice.quotes}",
            ))
        return Content("\n").join(lines)
