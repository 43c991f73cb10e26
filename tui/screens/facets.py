"""Filter the results by who or what they mention: a list of entity facets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from index.facets import Facet

TITLES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "SPEAKER": "Quoted"}
FIELDS = {"PERSON": "person", "ORG": "org", "PLACE": "place", "SPEAKER": "speaker"}


class FacetScreen(ModalScreen[str | None]):
    """Dismisses with a query term such as `person:"Vladimir Putin"`, or None."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, facets: dict[str, list[Facet]], scope: str) -> None:
        super().__init__()
        self.facets = facets
        self.scope = scope

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for label, items in self.facets.items():
            if not items:
                continue
            if options:
                options.append(None)
            options.append(Option(TITLES[label], disabled=True))
            for facet in items:
                term = f'{FIELDS[label]}:"{facet.name}"'
                options.append(Option(f"  {facet.name}  ({facet.articles})", id=term))
        with Vertical(id="facet-box"):
            yield Static(f"Filter {self.scope} by who or what they mention", id="facet-title")
            yield OptionList(*options, id="facet-list")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
