"""The quote ledger: each statement several outlets quote, in each one's
words, and whom each outlet gives a voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from index.compare.model import Comparison


class QuoteLedger(VerticalScroll, can_focus=True):
    COMPONENT_CLASSES = {
        "quote-ledger--speaker", "quote-ledger--outlet", "quote-ledger--quote", "quote-ledger--replace",
        "quote-ledger--insert", "quote-ledger--delete", "quote-ledger--role",
    }
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def show(self, comparison: Comparison) -> None:
        self.remove_children()
        names = comparison.labels()
        style = self.get_visual_style
        blocks: list[Static] = [Static(Content.assemble(("Shared quotes", "bold")), classes="ledger-title")]
        if not comparison.quotes:
            blocks.append(Static("No statement is quoted by more than one of these articles.", classes="ledger-empty"))
        for shared in comparison.quotes:
            outlets = len({v.article for v in shared.variants})
            lines = [Content.assemble(
                (shared.speaker or "Unattributed", style("quote-ledger--speaker")),
                (f"  quoted by {outlets} outlets", style("quote-ledger--role")),
            )]
            for variant in shared.variants:
                line = Content.assemble(
                    "  ", (names[variant.article], style("quote-ledger--outlet")), "  “",
                    (" ".join(variant.text.split()), style("quote-ledger--quote")), "”",
                )
                changes = [Content.assemble(("an excerpt of the fullest wording", style("quote-ledger--role")))] if variant.is_excerpt else []
                for change in () if variant.is_excerpt else variant.changes:
                    if change.op == "replace":
                        changes.append(Content.assemble(
                            (change.old, style("quote-ledger--delete")), " → ", (change.new, style("quote-ledger--insert"))
                        ))
                    elif change.op == "insert":
                        changes.append(Content.assemble("+", (change.new, style("quote-ledger--insert"))))
                    else:
                        changes.append(Content.assemble("−", (change.old, style("quote-ledger--delete"))))
                if changes:
                    line = Content.assemble(line, "\n      ", Content("  ·  ").join(changes))
                lines.append(line)
            blocks.append(Static(Content("\n").join(lines), classes="ledger-entry"))
        blocks.append(Static(Content.assemble(("Voices: whom each outlet quotes", "bold")), classes="ledger-title"))
        for info in comparison.articles:
            voices = comparison.voices.get(info.id, [])
            lines = [Content.assemble((names[info.id], style("quote-ledger--outlet")))]
            if not voices:
                lines.append(Content("  quotes no one directly"))
            for voice in voices:
                detail = f"{voice.role}{', ' + voice.description if voice.description else ''}"
                lines.append(Content.assemble(
                    "  ", (voice.speaker, style("quote-ledger--speaker")), "  ",
                    (detail, style("quote-ledger--role")), f"  ×{voice.quotes}",
                ))
            blocks.append(Static(Content("\n").join(lines), classes="ledger-entry"))
        self.mount_all(blocks)
