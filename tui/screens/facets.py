"""Filter the results by who or what they mention: a list of entity facets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..keys import vim_list
from ..safe import one_line
from .base import NewsModal

if TYPE_CHECKING:
    from index.api import Facet

TITLES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "SPEAKER": "Quoted"}

Facets = dict[str, list["Facet"]]


class FacetList(OptionList):
    """The facets, with vim keys."""

    BINDINGS = [*vim_list()]


def facet_options(facets: Facets) -> list[Option | None]:
    """A heading per kind of name, then its names with their counts."""
    options: list[Option | None] = []
    for label, items in facets.items():
        if not items:
            continue
        if options:
            options.append(None)
        options.append(Option(Content(TITLES.get(label, label)), disabled=True))
        for facet in items:
            # The name comes from an article: a Content prompt, never markup.
            prompt = Content(f"  {one_line(facet.name)}  ({facet.articles})")
            options.append(Option(prompt, id=facet.query))
    if not options:
        options.append(Option(Content("No people, organisations or places are named."), disabled=True))
    return options


class FacetScreen(NewsModal[str | None]):
    """Dismisses with the chosen facet's query term (`person:"Vladimir Putin"`), or None.

    Opens at once: given `load` rather than facets, it shows a loading
    indicator while a worker counts them (a large library's first count
    after an add takes a moment)."""

    CSS_PATH = "../styles/facets.tcss"
    BINDINGS = [Binding("escape,q", "dismiss(None)", "Close"), Binding("question_mark", "app.help", "Help")]

    @dataclass
    class Loaded(Message):
        facets: Facets

    def __init__(self, facets: Facets | None, scope: str, load: Callable[[], Facets] | None = None) -> None:
        super().__init__()
        self.facets = facets
        self.scope = scope
        """What was counted: "the library" or "these results"."""
        self._load = load

    def compose(self) -> ComposeResult:
        with Vertical(id="facet-box"):
            yield Static(Content(f"Filter {self.scope} by who or what they mention"), id="facet-title")
            yield FacetList(*(facet_options(self.facets) if self.facets is not None else ()), id="facet-list")
        yield Footer()

    def on_mount(self) -> None:
        if self.facets is None and self._load is not None:
            self.query_one(FacetList).loading = True
            self._count(self._load)

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _count(self, load: Callable[[], Facets]) -> None:
        self.post_message(self.Loaded(load()))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.facets = message.facets
        facet_list = self.query_one(FacetList)
        facet_list.set_options(facet_options(message.facets))
        facet_list.loading = False
        facet_list.focus()
        # The cursor on the first name, as when the list opens with its options.
        facet_list.highlighted = next(
            (i for i in range(facet_list.option_count) if not facet_list.get_option_at_index(i).disabled), None
        )

    def worker_failed(self, error: BaseException | None) -> None:
        super().worker_failed(error)
        self.dismiss(None)  # nothing to choose from: back to the results, the error shown

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
