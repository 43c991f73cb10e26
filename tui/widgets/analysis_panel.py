"""Side panel of the reader: who and what the article names, and who says what."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from index.api import name_query

from ..keys import vim_list
from ..safe import one_line, plain_text

if TYPE_CHECKING:
    from index.api import Article, Quote

GROUPS = (("PERSON", "People"), ("ORG", "Organisations"), ("PLACE", "Places"))
SEARCHABLE = ("PERSON", "ORG", "PLACE", "SPEAKER")
"""Labels a leaf can search the library for (`s`); unattributed quotes cannot."""


@dataclass
class Mentions:
    """What a leaf stands for: a name (or a quote) and where it occurs in the body."""

    label: str
    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    next_index: int = 0

    @property
    def query(self) -> str:
        return name_query(self.label, self.name)


def _short(text: str, width: int = 48) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(text: str, suffix: str = "") -> Text:
    """A node label: names and quotes come from the article, so never markup
    (the Tree parses a str label as Rich markup)."""
    return plain_text(one_line(text) + suffix)


class AnalysisPanel(Tree[Mentions]):
    """People, organisations, places, and quotes grouped by speaker."""

    BINDINGS = [Binding("s", "search", "Search library"), *vim_list(first="scroll_home", last="scroll_end")]

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
        super().__init__(Text("Article"), id=id)
        self.show_root = False

    def show(self, article: Article | None) -> None:
        self.clear()
        analysis = article.analysis if article else None
        if analysis is None:
            self.root.add_leaf(Text("No analysis for this article"))
            return
        by_label: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        for entity in analysis.entities:
            if entity.label in ("PERSON", "ORG", "PLACE"):
                by_label[entity.label][entity.canonical].append((entity.start, entity.end))
        for label, title in GROUPS:
            names = by_label.get(label, {})
            group = self.root.add(Text(f"{title} ({len(names)})"), expand=True)
            for name, spans in sorted(names.items(), key=lambda item: (-len(item[1]), item[0])):
                group.add_leaf(_label(name, f"  ×{len(spans)}"), data=Mentions(label, name, spans))
        quotes_by_speaker: dict[str, list[Quote]] = defaultdict(list)
        for quote in analysis.quotes:
            who = quote.speaker.canonical or quote.speaker.text if quote.speaker else None
            quotes_by_speaker[who or ("scare quotes" if quote.kind == "scare" else "unattributed")].append(quote)
        group = self.root.add(Text(f"Quotes ({len(analysis.quotes)})"), expand=True)
        for speaker, quotes in quotes_by_speaker.items():
            named = not speaker.startswith(("scare quotes", "unattributed"))
            node = group.add(
                _label(speaker, f" ({len(quotes)})"),
                data=Mentions("SPEAKER", speaker, [(q.start, q.end) for q in quotes]) if named else None,
                expand=True,
            )
            for quote in quotes:
                node.add_leaf(
                    _label(f"“{_short(quote.text)}”"),
                    data=Mentions("SPEAKER", speaker, [(quote.start, quote.end)]) if named else Mentions("QUOTE", speaker, [(quote.start, quote.end)]),
                )

    def on_tree_node_selected(self, event: Tree.NodeSelected[Mentions]) -> None:
        mentions = event.node.data
        if mentions is None or not mentions.spans:
            return
        start, end = mentions.spans[mentions.next_index % len(mentions.spans)]
        mentions.next_index += 1  # enter again: the next mention
        self.post_message(self.MentionChosen(start, end))

    def action_search(self) -> None:
        node = self.cursor_node
        if node is not None and node.data is not None and node.data.label in SEARCHABLE:
            self.post_message(self.SearchRequested(node.data.query))
        else:
            self.notify("Choose a person, organisation, place or speaker to search for", severity="warning")
