"""Filter the results by who or what they mention: a list of entity facets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..keys import vim_list
from ..safe import one_line
from .base import NewsModal

if TYPE_CHECKING:
    from index.api import Facet

TITLES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "SPEAKER": "Quoted"}


class FacetList(OptionList):
    """The facets, with vim keys."""

    BINDINGS = [*vim_list()]


class FacetScreen(NewsModal[str | None]):
    """Dismisses with the chosen facet's query term (`person:"Vladimir Putin"`), or None."""

    CSS_PATH = "../styles/facets.tcss"
    BINDINGS = [Binding("escape,q", "dismiss(None)", "Close")]

    def __init__(self, facets: dict[str, list[Facet]], scope: str) -> None:
        super().__init__()
        self.facets = facets
        self.scope = scope
        """What was counted: "the library" or "these results"."""

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for label, items in self.facets.items():
            if not items:
                continue
            if options:
                options.append(None)
            options.append(Option(Content(TITLES.get(label, label)), disabled=True))
            for facet in items:
                # The name comes from an article: a Content prompt, never markup.
                prompt = Content(f"  {one_line(facet.name)}  ({facet.articles})")
                options.append(Option(prompt, id=facet.query))
        with Vertical(id="facet-box"):
            yield Static(Content(f"Filter {self.scope} by who or what they mention"), id="facet-title")
            yield FacetList(*options, id="facet-list")
        yield Footer()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
