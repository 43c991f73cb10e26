"""The findings view of the compare screen: what the comparison found, most
important first, one line each, with trivial ones collapsed at the end.

Descriptions and contexts quote the articles: they become `Content`
(plain text) and never pass through markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ..keys import vim_list
from ..safe import one_line
from .findings_text import in_context, marker

if TYPE_CHECKING:
    from index.api import Comparison

TRIVIAL_ID = "trivial"
"""The option that shows or hides the trivial findings."""


class FindingsList(OptionList):
    """Ranked findings; an option's id is the finding's index in `comparison.findings`."""

    COMPONENT_CLASSES = {
        "findings-list--conflict", "findings-list--fact", "findings-list--passage",
        "findings-list--context", "findings-list--trivial", "findings-list--rank",
    }
    BINDINGS = [
        *vim_list(),
        Binding("t", "toggle_trivial", "Trivial"),
    ]

    @dataclass
    class Chosen(Message):
        """Enter on a finding: show it in the columns."""

        index: int
        """Index into `comparison.findings`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: Comparison | None = None
        self.show_trivial = False

    def show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._fill()

    def _fill(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        findings = comparison.findings
        ranked = [n for n, f in enumerate(findings) if not f.trivial]
        trivial = [n for n, f in enumerate(findings) if f.trivial]
        options = [self._option(n, rank) for rank, n in enumerate(ranked, 1)]
        if not findings:
            options.append(Option(Content("Nothing to report: no conflicts, and every outlet reports the same."),
                                  disabled=True))
        if trivial:
            verb = "hide" if self.show_trivial else "show"
            noun = "finding" if len(trivial) == 1 else "findings"
            label = f"{len(trivial)} trivial {noun}: short passages, furniture, repeated background (t to {verb})"
            options.append(Option(
                Content.assemble(("▸ " if not self.show_trivial else "▾ ", ""),
                                 (label, self.get_visual_style("findings-list--trivial", partial=True))),
                id=TRIVIAL_ID,
            ))
            if self.show_trivial:
                options += [self._option(n, None) for n in trivial]
        self.set_options(options)
        if highlighted is not None:
            try:
                self.highlighted = self.get_option_index(highlighted)
            except OptionDoesNotExist:  # the option is gone (trivial ones hidden)
                self.highlighted = self.get_option_index(TRIVIAL_ID) if trivial else 0
        elif options:
            self.highlighted = 0

    def _option(self, index: int, rank: int | None) -> Option:
        comparison = self.comparison
        assert comparison is not None
        finding = comparison.findings[index]
        def style(component: str):  # partial: the option's own background (the cursor) shows through
            return self.get_visual_style(component, partial=True)

        kind_style = style(f"findings-list--{finding.kind}") if finding.kind in ("conflict", "fact", "passage") else None
        parts: list[tuple[str, object] | str] = [
            (f"{rank:>3} " if rank is not None else "    ", style("findings-list--rank")),
            (marker(finding) + " ", kind_style),
            (one_line(finding.description), style("findings-list--trivial") if finding.trivial else None),
        ]
        if finding.needs_context:
            # A bare name or number says little: the words around it say what it is.
            parts.append(("  “" + in_context(comparison, finding.spans[0]) + "”", style("findings-list--context")))
        return Option(Content.assemble(*parts), id=str(index))  # type: ignore[arg-type]

    def select_finding(self, index: int) -> None:
        """Highlight finding `index` (showing the trivial ones if it is one)."""
        comparison = self.comparison
        if comparison is None or not 0 <= index < len(comparison.findings):
            return
        if comparison.findings[index].trivial and not self.show_trivial:
            self.show_trivial = True
            self._fill()
        self.highlighted = self.get_option_index(str(index))

    def action_toggle_trivial(self) -> None:
        self.show_trivial = not self.show_trivial
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id == TRIVIAL_ID:
            self.action_toggle_trivial()
        elif option_id is not None:
            self.post_message(self.Chosen(int(option_id)))
