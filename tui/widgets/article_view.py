"""The article text, with search matches highlighted and navigable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from index.article import Article
    from index.highlight import MatchTerms


@dataclass
class Block:
    """One displayed piece of the article and its highlighted ranges."""

    widget: Static
    text: str
    spans: list[tuple[int, int]]


@dataclass(frozen=True)
class MatchLocation:
    block: int
    start: int
    end: int


def _date(article: Article) -> str:
    return article.published.strftime("%d %B %Y").lstrip("0") if article.published else ""


class ArticleView(VerticalScroll, can_focus=True):
    """One article: headline, byline, standfirst and one widget per paragraph.

    Paragraphs are separate widgets so a match (and, later, an entity or an
    aligned passage) can be scrolled into view with `scroll_to_widget`.
    """

    COMPONENT_CLASSES = {"article-view--match", "article-view--match-current"}

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    class MatchChanged(Message):
        """The current match moved; `index` is 0-based, `total` may be 0."""

        def __init__(self, index: int, total: int) -> None:
            self.index = index
            self.total = total
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.blocks: list[Block] = []
        self.matches: list[MatchLocation] = []
        self.current_match = -1

    def show(self, article: Article | None, terms: MatchTerms | None = None) -> None:
        """Replace the displayed article, highlighting what `terms` match."""
        self.article = article
        self.current_match = -1
        self.remove_children()
        self.blocks = []
        self.matches = []
        if article is None:
            return
        from index.highlight import match_offsets

        pieces: list[tuple[str, str]] = [(article.title, "headline")]
        meta = " · ".join(part for part in (article.source, article.author, _date(article)) if part)
        if meta:
            pieces.append((meta, "byline"))
        if article.standfirst:
            pieces.append((article.standfirst, "standfirst"))
        pieces.extend((paragraph, "paragraph") for paragraph in article.paragraphs)
        for text, kind in pieces:
            spans = match_offsets(text, terms) if terms and kind != "byline" else []
            self.blocks.append(Block(Static(self._highlight(text, spans), classes=kind), text, spans))
        self.matches = [
            MatchLocation(index, start, end)
            for index, block in enumerate(self.blocks)
            for start, end in block.spans
        ]
        self.mount_all(block.widget for block in self.blocks)
        self.scroll_home(animate=False)

    def _highlight(self, text: str, spans: list[tuple[int, int]], current: tuple[int, int] | None = None) -> Content:
        if not spans:
            return Content(text)
        match_style = self.get_visual_style("article-view--match")
        current_style = self.get_visual_style("article-view--match-current")
        return Content(
            text,
            spans=[Span(s, e, current_style if (s, e) == current else match_style) for s, e in spans],
        )

    def goto_match(self, step: int) -> None:
        """Move to the next (`step=1`) or previous (`-1`) match, wrapping round."""
        if not self.matches:
            self.post_message(self.MatchChanged(-1, 0))
            return
        previous = self.matches[self.current_match] if self.current_match >= 0 else None
        if self.current_match < 0:
            self.current_match = 0 if step > 0 else len(self.matches) - 1
        else:
            self.current_match = (self.current_match + step) % len(self.matches)
        location = self.matches[self.current_match]
        for index in {location.block, previous.block if previous else location.block}:
            block = self.blocks[index]
            current = (location.start, location.end) if index == location.block else None
            block.widget.update(self._highlight(block.text, block.spans, current))
        self.scroll_to_widget(self.blocks[location.block].widget, animate=False, center=True)
        self.post_message(self.MatchChanged(self.current_match, len(self.matches)))
