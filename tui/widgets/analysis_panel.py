"""Side panel of the reader: who and what the article names, and who says what.

A list rather than a tree so every quotation is shown whole, wrapped to the
panel's width with its indent held on every line (a tree row is one line).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Spacing
from textual.message import Message
from textual.visual import Padding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.api import name_query

from ..keys import vim_list
from ..palette import entity_css
from ..safe import one_line

if TYPE_CHECKING:
    from index.api import Article, Quote

GROUPS = (("PERSON", "People"), ("ORG", "Organisations"), ("PLACE", "Places"))
SEARCHABLE = ("PERSON", "ORG", "PLACE", "SPEAKER")
"""Labels a row can search the library for (`/`); unattributed quotes cannot."""
KIND = {"PERSON": "person", "ORG": "org", "PLACE": "place", "SPEAKER": "person"}
"""The colour a row's name is drawn in (a speaker is a person)."""
NAME_INDENT = 2
QUOTE_INDENT = 4


@dataclass
class Mentions:
    """What a row stands for: a name (or a quote) and where it occurs in the body."""

    label: str
    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    next_index: int = 0

    @property
    def query(self) -> str:
        return name_query(self.label, self.name)


@dataclass
class Row:
    """One row of the panel: its text (untrusted, plain), how it is drawn, and what it stands for."""

    text: str
    kind: str
    """heading, name, speaker, quote or note."""
    mentions: Mentions | None = None


class AnalysisPanel(OptionList):
    """People, organisations, places, and quotes grouped by speaker."""

    COMPONENT_CLASSES = {
        "analysis-panel--heading",
        "analysis-panel--quote",
        *(f"analysis-panel--{kind}" for kind in ("person", "org", "place")),
    }
    SCOPED_CSS = False
    """Every rule names the widget; unscoped so the palette's `App.-dark-mode …` rules can match."""
    DEFAULT_CSS = """
    AnalysisPanel > .analysis-panel--heading {
        text-style: bold;
    }
    AnalysisPanel > .option-list--option-disabled {
        /* Headings are disabled rows (the cursor skips them), not greyed-out ones. */
        color: $text-muted;
    }
    AnalysisPanel > .analysis-panel--quote {
        text-style: italic;
    }
    """ + entity_css("AnalysisPanel > .analysis-panel--{kind}", ("person", "org", "place"))

    BINDINGS = [Binding("slash", "search", "Search"), *vim_list()]

    class MentionChosen(Message):
        def __init__(self, start: int, end: int) -> None:
            self.start = start
            self.end = end
            super().__init__()

    class SearchRequested(Message):
        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows: list[Row] = []

    def on_mount(self) -> None:
        # Row colours are baked into each option: draw them again in the new theme's.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw())

    def show(self, article: Article | None) -> None:
        self.rows = _rows(article)
        self._draw()
        self.highlighted = next((i for i, row in enumerate(self.rows) if row.mentions is not None), None)

    def _draw(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(self._prompt(row), disabled=row.kind in ("heading", "note")) for row in self.rows
        )
        if highlighted is not None and highlighted < len(self.rows):
            self.highlighted = highlighted

    def _prompt(self, row: Row) -> Padding | Content:
        """A row as plain Content (names and quotes are never markup), indented
        with a hanging indent so a wrapped line stays under its first."""
        if row.kind == "heading":
            return Content(row.text).stylize(self.get_visual_style("analysis-panel--heading", partial=True))
        if row.kind == "quote":
            content = Content(row.text).stylize(self.get_visual_style("analysis-panel--quote", partial=True))
            return Padding(content, Spacing(0, 0, 0, QUOTE_INDENT))
        content = Content(row.text)
        if row.mentions is not None and row.mentions.label in KIND:
            name_length = len(one_line(row.mentions.name))
            style = self.get_visual_style(f"analysis-panel--{KIND[row.mentions.label]}", partial=True)
            content = content.stylize(style, 0, name_length)
        return Padding(content, Spacing(0, 0, 0, NAME_INDENT))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        mentions = self.rows[event.option_index].mentions
        if mentions is None or not mentions.spans:
            return
        start, end = mentions.spans[mentions.next_index % len(mentions.spans)]
        mentions.next_index += 1  # enter again: the next mention
        self.post_message(self.MentionChosen(start, end))

    @property
    def current(self) -> Row | None:
        return self.rows[self.highlighted] if self.highlighted is not None else None

    def action_search(self) -> None:
        row = self.current
        if row is not None and row.mentions is not None and row.mentions.label in SEARCHABLE:
            self.post_message(self.SearchRequested(row.mentions.query))
        else:
            self.notify("Choose a person, organisation, place or speaker to search for", severity="warning")


def _rows(article: Article | None) -> list[Row]:
    """The panel's rows for an article: each group's heading, then its names
    (most mentioned first), then the quotes under their speakers."""
    analysis = article.analysis if article else None
    if analysis is None:
        return [Row("No analysis for this article", "note")]
    by_label: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for entity in analysis.entities:
        if entity.label in ("PERSON", "ORG", "PLACE"):
            by_label[entity.label][entity.canonical].append((entity.start, entity.end))
    rows = []
    for label, title in GROUPS:
        names = by_label.get(label, {})
        rows.append(Row(f"{title} ({len(names)})", "heading"))
        for name, spans in sorted(names.items(), key=lambda item: (-len(item[1]), item[0])):
            rows.append(Row(f"{one_line(name)}  ×{len(spans)}", "name", Mentions(label, name, spans)))
    quotes_by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in analysis.quotes:
        who = quote.speaker.canonical or quote.speaker.text if quote.speaker else None
        quotes_by_speaker[who or ("scare quotes" if quote.kind == "scare" else "unattributed")].append(quote)
    rows.append(Row(f"Quotes ({len(analysis.quotes)})", "heading"))
    for speaker, quotes in quotes_by_speaker.items():
        named = not speaker.startswith(("scare quotes", "unattributed"))
        label = "SPEAKER" if named else "QUOTE"
        rows.append(Row(
            f"{one_line(speaker)} ({len(quotes)})", "speaker",
            Mentions(label, speaker, [(q.start, q.end) for q in quotes]),
        ))  # fmt: skip
        rows += [
            Row(f"“{one_line(quote.text)}”", "quote", Mentions(label, speaker, [(quote.start, quote.end)]))
            for quote in quotes
        ]
    return rows
