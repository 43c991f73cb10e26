"""The article text, with search matches highlighted and navigable."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

from index.article import Article


@dataclass(frozen=True)
class MatchLocation:
    paragraph: int
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
        self.terms: frozenset[str] = frozenset()
        self.matches: list[MatchLocation] = []
        self.current_match = -1
        self._paragraph_spans: list[list[tuple[int, int]]] = []

    def show(self, article: Article | None, terms: frozenset[str] = frozenset()) -> None:
        """Replace the displayed article; `terms` are analysed query words."""
        self.article = article
        self.terms = terms
        self.current_match = -1
        self.remove_children()
        if article is None:
            self.matches = []
            return
        from index.highlight import match_offsets

        paragraphs = article.paragraphs
        self._paragraph_spans = [match_offsets(p, terms) for p in paragraphs]
        self.matches = [
            MatchLocation(index, start, end)
            for index, spans in enumerate(self._paragraph_spans)
            for start, end in spans
        ]
        widgets: list[Static] = [
            Static(self._highlight(article.title, match_offsets(article.title, terms)), classes="headline")
        ]
        meta = " · ".join(part for part in (article.source, article.author, _date(article)) if part)
        if meta:
            widgets.append(Static(Content(meta), classes="byline"))
        if article.standfirst:
            widgets.append(
                Static(self._highlight(article.standfirst, match_offsets(article.standfirst, terms)), classes="standfirst")
            )
        widgets.extend(
            Static(self._highlight(text, spans), classes="paragraph")
            for text, spans in zip(paragraphs, self._paragraph_spans)
        )
        self.mount_all(widgets)
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

    def _paragraph_widgets(self) -> list[Static]:
        return list(self.query(".paragraph").results(Static))

    def goto_match(self, step: int) -> None:
        """Move to the next (`step=1`) or previous (`-1`) match, wrapping round."""
        if not self.matches or self.article is None:
            self.post_message(self.MatchChanged(-1, 0))
            return
        previous = self.matches[self.current_match] if self.current_match >= 0 else None
        if self.current_match < 0:
            self.current_match = 0 if step > 0 else len(self.matches) - 1
        else:
            self.current_match = (self.current_match + step) % len(self.matches)
        location = self.matches[self.current_match]
        paragraphs = self._paragraph_widgets()
        texts = self.article.paragraphs
        for index in {location.paragraph, previous.paragraph if previous else location.paragraph}:
            current = (location.start, location.end) if index == location.paragraph else None
            paragraphs[index].update(self._highlight(texts[index], self._paragraph_spans[index], current))
        self.scroll_to_widget(paragraphs[location.paragraph], animate=False, top=False)
        self.post_message(self.MatchChanged(self.current_match, len(self.matches)))
