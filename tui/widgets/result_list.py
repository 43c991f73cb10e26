"""The list of search results: title, outlet and date, and a snippet, with
unread, starred and compare marks before the title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..keys import vim_list
from ..safe import masked, one_line
from .article_view import also_published_line

if TYPE_CHECKING:
    from textual.style import Style

    from index.api import Flags, Hit


def _date(hit: Hit) -> str:
    return hit.published.strftime("%Y-%m-%d") if hit.published else ""


class ResultList(OptionList):
    """Search hits as multi-line options; the option id is the article id.

    Articles can be marked (for comparing); marks outlive new searches. Read
    and starred flags arrive from the screen's workers (`set_flags`).
    """

    COMPONENT_CLASSES = {
        "result-list--meta", "result-list--snippet", "result-list--match", "result-list--title", "result-list--mark",
        "result-list--unread", "result-list--star",
    }

    DEFAULT_CSS = """
    ResultList > .result-list--title {
        text-style: bold;
    }
    ResultList > .result-list--meta {
        color: $text-secondary;
    }
    ResultList > .result-list--snippet {
        color: $text-muted;
    }
    ResultList > .result-list--match {
        color: $text-warning;
        background: $warning-muted;
        text-style: bold;
    }
    ResultList > .result-list--mark {
        color: $text-accent;
        text-style: bold;
    }
    ResultList > .result-list--unread {
        color: $text-success;
        text-style: bold;
    }
    ResultList > .result-list--star {
        color: $text-warning;
    }
    """

    BINDINGS = [Binding("enter", "select", "Read"), *vim_list()]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marked: dict[str, str] = {}
        """Marked article ids -> titles, in the order they were marked."""
        self._hits: dict[str, Hit] = {}
        self.flags: dict[str, Flags] = {}
        """Read and starred flags of the articles seen (rows on show and marked ones)."""
        self.copies: dict[str, list[str]] = {}
        """Other outlets that published each article on show (near copies)."""

    def clear_options(self) -> ResultList:
        self._hits = {}  # no rows left to redraw
        return super().clear_options()

    def set_flags(self, flags: dict[str, Flags]) -> None:
        """Take new flags; the rows on show whose flags changed are redrawn."""
        changed = [i for i, f in flags.items() if self.flags.get(i) != f and i in self._hits]
        self.flags.update(flags)
        for article_id in changed:
            self.replace_option_prompt(article_id, self._prompt(self._hits[article_id]))

    def set_copies(self, copies: dict[str, list[str]]) -> None:
        """Take the outlets that also published the rows on show (they arrive with a search)."""
        changed = [i for i in set(copies) | set(self.copies) if copies.get(i) != self.copies.get(i) and i in self._hits]
        self.copies = dict(copies)
        for article_id in changed:
            self.replace_option_prompt(article_id, self._prompt(self._hits[article_id]))

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    @property
    def shown_ids(self) -> list[str]:
        """The articles on show, in order."""
        return list(self._hits)

    def toggle_mark(self) -> str | None:
        """Mark or unmark the highlighted article; returns its id."""
        option = self.highlighted_option
        if option is None or option.id is None or option.id not in self._hits:
            return None
        hit = self._hits[option.id]
        if hit.id in self.marked:
            del self.marked[hit.id]
        else:
            self.marked[hit.id] = hit.title
        self.replace_option_prompt(hit.id, self._prompt(hit))
        return hit.id

    def clear_marks(self) -> None:
        marked = [i for i in self.marked if i in self._hits]
        self.marked.clear()
        for article_id in marked:
            self.replace_option_prompt(article_id, self._prompt(self._hits[article_id]))

    def show_hits(self, hits: list[Hit], *, keep_selection: bool = False) -> None:
        """Replace the options; the top hit is selected unless `keep_selection`."""
        previous = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
        self._hits = {hit.id: hit for hit in hits}
        options: list[Option | None] = []
        for hit in hits:
            if options:
                options.append(None)  # a separator line between results
            options.append(Option(self._prompt(hit), id=hit.id))
        self.add_options(options)
        ids = [hit.id for hit in hits]
        if hits:
            self.highlighted = self.get_option_index(previous) if keep_selection and previous in ids else 0
            self.scroll_to_highlight()

    def refresh_hits(self, hits: list[Hit]) -> None:
        """Redraw the given hits in place (their snippets arrived)."""
        for hit in hits:
            self._hits[hit.id] = hit
            self.replace_option_prompt(hit.id, self._prompt(hit))

    def _prompt(self, hit: Hit) -> Content:
        """Title, outlet and date, snippet: all untrusted, so plain Content
        (never markup) with control characters masked (snippet offsets kept)."""
        title_style = self.get_visual_style("result-list--title", partial=True)
        meta_style = self.get_visual_style("result-list--meta", partial=True)
        snippet_style = self.get_visual_style("result-list--snippet", partial=True)
        match_style = self.get_visual_style("result-list--match")
        also = also_published_line(self.copies[hit.id], limit=3, lead="also published by") if hit.id in self.copies else ""
        meta = " · ".join(part for part in (one_line(hit.outlet), _date(hit), also) if part)
        if hit.snippet:
            snippet_text, snippet_spans = masked(hit.snippet.text), hit.snippet.spans
        else:
            snippet_text, snippet_spans = masked(hit.lede), []
        title = Content.assemble(*self._marks(hit.id), Content(one_line(hit.title)).stylize(title_style))
        parts = [title, Content(meta).stylize(meta_style)]
        if snippet_text:
            snippet = Content(snippet_text, spans=[Span(0, len(snippet_text), snippet_style)])
            snippet = snippet.add_spans([Span(s, e, match_style) for s, e in snippet_spans])
            parts.append(snippet)
        return Content("\n").join(parts)

    def _marks(self, article_id: str) -> list[tuple[str, Style]]:
        """What goes before a title: unread `●`, compare mark `✓`, starred `★`."""
        flags = self.flags.get(article_id)
        marks: list[tuple[str, Style]] = []
        if flags is not None and not flags.read:
            marks.append(("● ", self.get_visual_style("result-list--unread", partial=True)))
        if article_id in self.marked:
            marks.append(("✓ ", self.get_visual_style("result-list--mark", partial=True)))
        if flags is not None and flags.starred:
            marks.append(("★ ", self.get_visual_style("result-list--star", partial=True)))
        return marks
