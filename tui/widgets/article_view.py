"""The article text, with search matches highlighted and navigable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from index.api import match_offsets

from ..keys import vim_scroll
from ..palette import entity_css, quote_css
from ..safe import masked, one_line

if TYPE_CHECKING:
    from index.api import Article, Flags, MatchTerms


@dataclass
class Block:
    """One displayed piece of the article and its highlighted ranges."""

    widget: Static
    text: str
    spans: list[tuple[int, int]]
    """Search matches."""
    offset: int = -1
    """Where the block starts in the article body (-1: not body text)."""
    marks: list[tuple[int, int, str]] | None = None
    """Entity and quote ranges in the block: (start, end, component class)."""


@dataclass(frozen=True)
class MatchLocation:
    block: int
    start: int
    end: int


def _date(article: Article) -> str:
    return article.published.strftime("%d %B %Y").lstrip("0") if article.published else ""


def also_published_line(outlets: list[str], limit: int = 6, lead: str = "Also published by") -> str:
    """"Also published by X, Y and 3 more": near copies from other outlets (plain text)."""
    names = [one_line(name) for name in outlets[:limit]]
    more = len(outlets) - len(names)
    return f"{lead} " + ", ".join(names) + (f" and {more} more" if more else "")


class ArticleView(VerticalScroll, can_focus=True):
    """One article: headline, byline, standfirst and one widget per paragraph.

    Paragraphs are separate widgets so a match (and, later, an entity or an
    aligned passage) can be scrolled into view with `scroll_to_widget`.
    """

    COMPONENT_CLASSES = {
        "article-view--match",
        "article-view--match-current",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--date",
        "article-view--money",
        "article-view--number",
        "article-view--quote",
        "article-view--speaker",
        "article-view--focus",
        "article-view--unread",
        "article-view--star",
        "article-view--address",
    }

    SCOPED_CSS = False
    """Every rule names the widget; unscoped so the palette's `App.-dark-mode …` rules can match."""
    DEFAULT_CSS = """
    ArticleView > .headline {
        /* The body text colour: a name in the headline shows in its kind's colour. */
        text-style: bold;
        color: $foreground;
        margin-bottom: 1;
    }
    ArticleView > .byline {
        color: $text-muted;
        margin-bottom: 1;
    }
    ArticleView > .byline.-empty {
        display: none;
    }
    ArticleView > .article-view--unread {
        color: $text-success;
        text-style: bold;
    }
    ArticleView > .article-view--star {
        color: $text-warning;
    }
    ArticleView > .article-view--address {
        color: $text-muted;
    }
    ArticleView > .standfirst {
        text-style: italic;
        margin-bottom: 1;
    }
    ArticleView > .paragraph {
        margin-bottom: 1;
    }
    ArticleView > .article-view--match {
        color: $text-warning;
        background: $warning-muted;
        text-style: bold;
    }
    ArticleView > .article-view--match-current {
        color: $text;
        background: $accent;
        text-style: bold underline;
    }
    ArticleView > .article-view--quote {
        text-style: italic;
    }
    ArticleView > .article-view--speaker {
        text-style: bold underline;
    }
    ArticleView > .article-view--focus {
        background: $accent-muted;
        text-style: bold;
    }
    """ + entity_css("ArticleView > .article-view--{kind}") + quote_css("ArticleView > .article-view--quote")

    BINDINGS = [*vim_scroll()]

    show_entities: var[bool] = var(True, init=False)
    """Whether names, dates, numbers and speakers are highlighted (`e` in the reader)."""
    show_quotes: var[bool] = var(True, init=False)
    """Whether quotations are highlighted (`"` in the reader)."""
    flags: var[Flags | None] = var(None, init=False)
    """The article's read and starred flags, shown in the byline (None: not known yet)."""
    also: var[list[str]] = var(list, init=False)
    """Other outlets that published a near copy, shown under the byline."""

    class MatchChanged(Message):
        """The current match moved; `index` is 0-based, `total` may be 0."""

        def __init__(self, index: int, total: int) -> None:
            self.index = index
            self.total = total
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None, analysis: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.blocks: list[Block] = []
        self.matches: list[MatchLocation] = []
        self.current_match = -1
        self.show_analysis = analysis
        """Whether entities and quotes are highlighted at all (the reader, not the preview)."""
        self.focus_span: tuple[int, int] | None = None
        """A body range picked from the side panel, highlighted until the next pick."""

    def show(self, article: Article | None, terms: MatchTerms | None = None) -> None:
        """Replace the displayed article, highlighting what `terms` match."""
        self.article = article
        self.current_match = -1
        self.flags = None
        self.also = []
        self.remove_children()
        self.blocks = []
        self.matches = []
        if article is None:
            return
        # The byline is drawn from the article and its flags (`_byline`), which change while it is on show.
        pieces: list[tuple[str, str]] = [(article.title, "headline"), ("", "byline")]
        if article.standfirst:
            pieces.append((article.standfirst, "standfirst"))
        pieces.extend((paragraph, "paragraph") for paragraph in article.paragraphs)
        offset = 0
        for text, kind in pieces:
            spans = match_offsets(text, terms) if terms else []
            block = Block(Static(classes=kind), text, spans)
            if kind == "paragraph":
                offset = article.body.index(text, offset)
                block.offset = offset
                offset += len(text)
            block.marks = self._marks(article, block, kind)
            block.widget.update(self._highlight(block))
            self.blocks.append(block)
        self.matches = [
            MatchLocation(index, start, end)
            for index, block in enumerate(self.blocks)
            for start, end in block.spans
        ]
        self.mount_all(block.widget for block in self.blocks)
        self.scroll_home(animate=False)

    def _byline(self) -> Content:
        """`● unread · ★ starred · outlet · date · author`, then the web address
        (untrusted, plain text: never a link the terminal would follow)."""
        article = self.article
        if article is None:
            return Content()
        parts: list[Content] = []
        if self.flags is not None and not self.flags.read:
            parts.append(Content("● unread").stylize(self.get_visual_style("article-view--unread", partial=True)))
        if self.flags is not None and self.flags.starred:
            parts.append(Content("★ starred").stylize(self.get_visual_style("article-view--star", partial=True)))
        parts += [Content(one_line(part)) for part in (article.outlet, _date(article), article.author) if part]
        lines = [Content(" · ").join(parts)] if parts else []
        if article.url:
            lines.append(Content(one_line(article.url)).stylize(self.get_visual_style("article-view--address", partial=True)))
        if self.also:
            lines.append(Content(also_published_line(self.also)).stylize(
                self.get_visual_style("article-view--address", partial=True)))  # fmt: skip
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        # Entity colours are baked into each block's spans: draw them again in the new theme's.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def watch_also(self) -> None:
        self.watch_flags()

    def watch_flags(self) -> None:
        for block in self.blocks:
            if block.widget.has_class("byline"):
                block.widget.update(self._highlight(block))

    def _marks(self, article: Article, block: Block, kind: str) -> list[tuple[int, int, str]]:
        """Entity, speaker and quote ranges inside one block, relative to it."""
        if not self.show_analysis:
            return []
        if kind == "headline" and article.title_analysis is not None:
            return [(e.start, e.end, f"article-view--{e.label.lower()}") for e in article.title_analysis.entities]
        if block.offset < 0 or article.analysis is None:
            return []
        start, end = block.offset, block.offset + len(block.text)
        marks = []
        for quote in article.analysis.quotes:
            if start <= quote.start and quote.end <= end:
                marks.append((quote.start - start, quote.end - start, "article-view--quote"))
            speaker = quote.speaker
            if speaker and start <= speaker.start and speaker.end <= end:
                marks.append((speaker.start - start, speaker.end - start, "article-view--speaker"))
        for entity in article.analysis.entities:
            if start <= entity.start and entity.end <= end:
                marks.append((entity.start - start, entity.end - start, f"article-view--{entity.label.lower()}"))
        return marks

    def _highlight(self, block: Block, current: tuple[int, int] | None = None) -> Content:
        """The block's text as plain Content (article text is never markup),
        control characters masked in place so the spans still fit."""
        if block.widget.has_class("byline"):
            byline = self._byline()
            block.widget.set_class(not byline, "-empty")
            return byline
        spans: list[Span] = []
        for s, e, component in block.marks or ():
            if component == "article-view--quote" and not self.show_quotes:
                continue
            if component != "article-view--quote" and not self.show_entities:
                continue
            # Entities only colour the text, so a quote's background shows through.
            partial = component not in ("article-view--quote",)
            spans.append(Span(s, e, self.get_visual_style(component, partial=partial)))
        if self.focus_span and block.offset >= 0:
            s, e = self.focus_span[0] - block.offset, self.focus_span[1] - block.offset
            if 0 <= s < e <= len(block.text):
                spans.append(Span(s, e, self.get_visual_style("article-view--focus")))
        if block.spans:
            match_style = self.get_visual_style("article-view--match")
            current_style = self.get_visual_style("article-view--match-current")
            spans.extend(Span(s, e, current_style if (s, e) == current else match_style) for s, e in block.spans)
        return Content(masked(block.text), spans=spans)

    def redraw(self) -> None:
        """Re-render every block (after a toggle or a pick in the side panel)."""
        current = self.matches[self.current_match] if self.current_match >= 0 else None
        for index, block in enumerate(self.blocks):
            mark = (current.start, current.end) if current and current.block == index else None
            block.widget.update(self._highlight(block, mark))

    def watch_show_entities(self) -> None:
        self.redraw()

    def watch_show_quotes(self) -> None:
        self.redraw()

    def goto_body_offset(self, start: int, end: int) -> None:
        """Scroll to a body range and mark it (a mention picked in the side panel)."""
        self.focus_span = (start, end)
        for block in self.blocks:
            if block.offset >= 0 and block.offset <= start < block.offset + len(block.text) + 1:
                self.redraw()
                self.scroll_to_widget(block.widget, animate=False, center=True)
                return

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
            block.widget.update(self._highlight(block, current))
        self.scroll_to_widget(self.blocks[location.block].widget, animate=False, center=True)
        self.post_message(self.MatchChanged(self.current_match, len(self.matches)))
