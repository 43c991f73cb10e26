"""The list of search results: title, outlet and date, and a snippet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..keys import vim_list
from ..safe import masked, one_line

if TYPE_CHECKING:
    from index.api import Hit


def _date(hit: Hit) -> str:
    return hit.published.strftime("%Y-%m-%d") if hit.published else ""


class ResultList(OptionList):
    """Search hits as multi-line options; the option id is the article id.

    Articles can be marked (for comparing); marks outlive new searches.
    """

    COMPONENT_CLASSES = {
        "result-list--meta", "result-list--snippet", "result-list--match", "result-list--title", "result-list--mark",
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
    """

    BINDINGS = [Binding("enter", "select", "Read"), *vim_list()]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marked: dict[str, str] = {}
        """Marked article ids -> titles, in the order they were marked."""
        self._hits: dict[str, Hit] = {}

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
        self._hits = {hit.id: hit for hit in hits}
        previous = self.highlighted_option.id if self.highlighted_option else None
        self.clear_options()
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
        meta = " · ".join(part for part in (one_line(hit.source or hit.id), _date(hit)) if part)
        if hit.snippet:
            snippet_text, snippet_spans = masked(hit.snippet.text), hit.snippet.spans
        else:
            snippet_text, snippet_spans = masked(hit.lede), []
        title = Content(one_line(hit.title)).stylize(title_style)
        if hit.id in self.marked:
            title = Content.assemble(("● ", self.get_visual_style("result-list--mark")), title)
        parts = [title, Content(meta).stylize(meta_style)]
        if snippet_text:
            snippet = Content(snippet_text, spans=[Span(0, len(snippet_text), snippet_style)])
            snippet = snippet.add_spans([Span(s, e, match_style) for s, e in snippet_spans])
            parts.append(snippet)
        return Content("\n").join(parts)
