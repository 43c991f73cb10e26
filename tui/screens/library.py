"""The library screen: search as you type, a result list and a preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.worker import get_current_worker

from index.errors import LibraryError

from ..messages import LibraryFailed, LibraryOpened, PreviewLoaded, SearchFailed, SearchFinished
from ..widgets.article_view import ArticleView
from ..widgets.result_list import ResultList

if TYPE_CHECKING:
    from index import SearchResults

RESULT_LIMIT = 200
SNIPPETS = 20
"""Snippets are made only for the rows a person can see without scrolling far."""
NARROW_WIDTH = 100


class SearchInput(Input):
    BINDINGS = [Binding("down", "screen.focus_results", "Results", show=False)]


class LibraryScreen(Screen[None]):
    """Opens at once; the library arrives from a worker (`LibraryOpened`)."""

    AUTO_FOCUS = "#results"
    show_timings = True
    """Search times in the status line; off in snapshot tests, where they vary."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("enter", "open_article", "Read", show=True),
        Binding("escape", "leave_search", "Results", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.results: SearchResults | None = None
        self._search_started = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield SearchInput(placeholder="Search the library  ( / )   e.g.  sanction*  \"foreign ministry\"  title:taliban", id="search")
        yield Static("Opening library…", id="status")
        with Horizontal(id="panes"):
            yield ResultList(id="results")
            with Vertical(id="preview-pane"):
                yield ArticleView(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ResultList).loading = True
        self.query_one(ResultList).focus()
        self._apply_width(self.size.width)
        # First paint happens before the index is touched: open it in a worker.
        self._open_library(self.app.library_dir)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self, directory) -> None:
        from index import Library  # imports Whoosh: off the UI thread, after first paint

        try:
            library = Library.open(directory)
            summaries = library.summaries()
        except LibraryError as error:
            self.post_message(LibraryFailed(str(error)))
            return
        self.post_message(LibraryOpened(library, summaries))

    @on(LibraryFailed)
    def library_failed(self, message: LibraryFailed) -> None:
        self.app.exit(return_code=1, message=f"newsreader: {message.error}")

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    # -- library and search --------------------------------------------------

    @on(LibraryOpened)
    def library_ready(self, message: LibraryOpened) -> None:
        self.app.library_opened(message.library, message.summaries)  # type: ignore[attr-defined]
        self.query_one(ResultList).loading = False
        self.run_search(self.query_one(Input).value)

    @on(Input.Changed, "#search")
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def query_submitted(self, event: Input.Submitted) -> None:
        results = self.results
        if results and not results.hits and results.suggestion:
            self.query_one(Input).value = results.suggestion
            return
        self.action_focus_results()

    def run_search(self, text: str) -> None:
        library = self.app.library  # type: ignore[attr-defined]
        if library is None:
            return
        self._search(library, text)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, library, text: str) -> None:
        from index import search

        worker = get_current_worker()
        try:
            results = search(library, text, limit=RESULT_LIMIT, snippets=SNIPPETS)
        except LibraryError as error:
            if not worker.is_cancelled:
                self.post_message(SearchFailed(text, str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(SearchFinished(results))

    @on(SearchFinished)
    def show_results(self, message: SearchFinished) -> None:
        results = message.results
        if results.query != self.query_one(Input).value.strip():
            return  # a newer query is on its way
        self.results = results
        self.query_one(ResultList).show_hits(results.hits)
        self.query_one("#status", Static).update(self._status_text(results))
        self.set_class(not results.hits, "-empty")
        if not results.hits:
            self.query_one(ArticleView).show(None)

    @on(SearchFailed)
    def show_error(self, message: SearchFailed) -> None:
        if message.query != self.query_one(Input).value.strip():
            return
        self.query_one("#status", Static).update(message.error)
        self.query_one("#status").add_class("-error")

    def _status_text(self, results: SearchResults) -> str:
        self.query_one("#status").remove_class("-error")
        if not results.query:
            noun = "article" if results.total == 1 else "articles"
            return f"{results.total} {noun} in the library"
        text = f"{results.total} result{'s' if results.total != 1 else ''} for {results.query}"
        if self.show_timings:
            text += f"  ·  {results.seconds * 1000:.0f} ms"
        if results.suggestion:
            text += f"  ·  Did you mean: {results.suggestion}?"
            if not results.hits:
                text += "  (enter to search it)"
        return text

    # -- preview -------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def preview_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        library = self.app.library  # type: ignore[attr-defined]
        if library is not None and event.option.id:
            terms = self.results.terms if self.results else frozenset()
            self._load_preview(library, event.option.id, terms)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _load_preview(self, library, article_id: str, terms: frozenset[str]) -> None:
        article = library.get(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewLoaded(article, terms))

    @on(PreviewLoaded)
    def show_preview(self, message: PreviewLoaded) -> None:
        self.query_one(ArticleView).show(message.article, message.terms)

    # -- actions -------------------------------------------------------------

    @on(OptionList.OptionSelected, "#results")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_article()

    def action_focus_search(self) -> None:
        self.query_one(Input).focus()

    def action_focus_results(self) -> None:
        self.query_one(ResultList).focus()

    def action_leave_search(self) -> None:
        if self.query_one(Input).has_focus:
            self.action_focus_results()

    def action_open_article(self) -> None:
        option = self.query_one(ResultList).highlighted_option
        if option is None or option.id is None:
            self.notify("No article selected", severity="warning")
            return
        terms = self.results.terms if self.results else frozenset()
        self.app.open_article(option.id, terms)  # type: ignore[attr-defined]

    def action_show_all(self) -> None:
        self.query_one(Input).value = ""
        self.action_focus_results()
