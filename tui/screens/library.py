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

from ..messages import (
    LibraryChanged,
    LibraryFailed,
    LibraryOpened,
    PreviewLoaded,
    SearchFailed,
    SearchFinished,
    SnippetsReady,
)
from ..widgets.article_view import ArticleView
from ..widgets.result_list import ResultList

if TYPE_CHECKING:
    from index import Library, SearchResults

RESULT_LIMIT = 200
SNIPPETS = 20
"""Snippets are made for the first rows at once, the rest as they scroll into view."""
NARROW_WIDTH = 100
MAX_COMPARED = 5
"""Columns the compare screen shows side by side."""
CHANGE_CHECK_SECONDS = 3.0
"""How often to look for articles added or removed by another process."""


class SearchInput(Input):
    BINDINGS = [Binding("down", "screen.focus_results", "Results", show=False)]


class LibraryScreen(Screen[None]):
    """Opens at once; the library arrives from a worker (`LibraryOpened`)."""

    AUTO_FOCUS = "#results"
    show_timings = True
    """Search times in the status line; off in snapshot tests, where they vary."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("f", "filter", "Filter by name"),
        Binding("space,m", "toggle_mark", "Mark"),
        Binding("c", "compare", "Compare"),
        Binding("s", "stories", "Stories"),
        Binding("escape", "leave_search", "Results", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.results: SearchResults | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield SearchInput(
            placeholder='Search the library  ( / )   e.g.  sanction*  "foreign ministry"  title:taliban', id="search"
        )
        yield Static("Opening library…", id="status")
        with Horizontal(id="panes"):
            with Vertical(id="results-pane"):
                yield ResultList(id="results")
                yield Static("", id="empty")
            with Vertical(id="preview-pane"):
                yield ArticleView(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ResultList).loading = True
        self._apply_width(self.size.width)
        # First paint happens before the index is touched: open it in a worker.
        self._open_library(self.app.library_dir)  # type: ignore[attr-defined]

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    @property
    def library(self) -> Library | None:
        return self.app.library  # type: ignore[attr-defined]

    # -- the library ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self, directory) -> None:
        from index import Library  # imports Whoosh: off the UI thread, after first paint

        try:
            library = Library.open(directory)
            count = library.count()
        except LibraryError as error:
            self.post_message(LibraryFailed(str(error)))
            return
        self.post_message(LibraryOpened(library, count))

    @on(LibraryFailed)
    def library_failed(self, message: LibraryFailed) -> None:
        self.app.exit(return_code=1, message=f"newsreader: {message.error}")

    @on(LibraryOpened)
    def library_ready(self, message: LibraryOpened) -> None:
        self.app.library_opened(message.library, message.count)  # type: ignore[attr-defined]
        self.query_one(ResultList).loading = False
        self.run_search(self.query_one(Input).value)
        self.set_interval(CHANGE_CHECK_SECONDS, self._check_for_changes)
        self.set_timer(0.5, self._prepare_compare)

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare_compare(self) -> None:
        """Import comparing and stories ahead of use: `c` then opens at once."""
        import index.compare  # noqa: F401
        import index.stories  # noqa: F401

        from . import compare, stories  # noqa: F401

    def _check_for_changes(self) -> None:
        if self.library is not None:
            self._look_for_changes(self.library)

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def _look_for_changes(self, library: Library) -> None:
        if library.has_changed():
            library.searcher()  # refresh to the new generation
            self.post_message(LibraryChanged(library.count()))

    @on(LibraryChanged)
    def library_changed(self, message: LibraryChanged) -> None:
        self.app.library_opened(self.library, message.count)  # type: ignore[attr-defined]
        self.run_search(self.query_one(Input).value, keep_selection=True)

    # -- search ----------------------------------------------------------------

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

    def run_search(self, text: str, *, keep_selection: bool = False) -> None:
        if self.library is not None:
            self._search(self.library, text, keep_selection)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, library: Library, text: str, keep_selection: bool) -> None:
        from index.search import search

        worker = get_current_worker()
        try:
            results = search(library, text, limit=RESULT_LIMIT, snippets=SNIPPETS)
        except LibraryError as error:
            if not worker.is_cancelled:
                self.post_message(SearchFailed(text.strip(), str(error)))
            return
        if not worker.is_cancelled:
            self.post_message(SearchFinished(results, keep_selection))

    def _is_current(self, query: str) -> bool:
        return query == self.query_one(Input).value.strip()

    @on(SearchFinished)
    def show_results(self, message: SearchFinished) -> None:
        results = message.results
        if not self._is_current(results.query):
            return  # a newer query is on its way
        self.results = results
        self.query_one("#status", Static).remove_class("-error")
        self.query_one("#status", Static).update(self._status_text(results))
        self.query_one(ResultList).show_hits(results.hits, keep_selection=message.keep_selection)
        self._show_empty(not results.hits, f"No articles match {results.query}." if results.query else "The library is empty. Add articles with `newsreader add PATH`.")

    @on(SearchFailed)
    def show_error(self, message: SearchFailed) -> None:
        if not self._is_current(message.query):
            return
        self.results = None
        status = self.query_one("#status", Static)
        status.update(message.error)
        status.add_class("-error")
        self.query_one(ResultList).clear_options()
        self._show_empty(True, "Press ? for the search syntax.")

    def _show_empty(self, empty: bool, text: str) -> None:
        self.set_class(empty, "-empty")
        self.query_one("#empty", Static).update(text if empty else "")
        if empty:
            self.query_one(ArticleView).show(None)

    def _status_text(self, results: SearchResults) -> str:
        if not results.query:
            noun = "article" if results.total == 1 else "articles"
            text = f"{results.total} {noun} in the library"
        else:
            about = "" if results.total_exact else "about "
            text = f"{about}{results.total} result{'s' if results.total != 1 else ''} for {results.query}"
        if len(results.hits) < results.total:
            text += f" (showing the first {len(results.hits)})"
        if results.query and self.show_timings:
            text += f"  ·  {results.seconds * 1000:.0f} ms"
        if results.suggestion:
            text += f"  ·  Did you mean: {results.suggestion}?"
            if not results.hits:
                text += " (enter)"
        marked = len(self.query_one(ResultList).marked)
        if marked:
            text += f"  ·  {marked} marked (c compares, escape clears)"
        return text

    # -- preview and snippets ----------------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def preview_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.library is None or not event.option.id or self.results is None:
            return
        self._load_preview(self.library, event.option.id, self.results.terms)
        index = next((i for i, hit in enumerate(self.results.hits) if hit.id == event.option.id), 0)
        if index + 5 < len(self.results.hits) and self.results.hits[index + 5].snippet is None:
            self._make_snippets(self.library, self.results, index)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _load_preview(self, library: Library, article_id: str, terms) -> None:
        article = library.get(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewLoaded(article, terms))

    @on(PreviewLoaded)
    def show_preview(self, message: PreviewLoaded) -> None:
        self.query_one(ArticleView).show(message.article, message.terms)

    @work(thread=True, exclusive=True, group="snippets", exit_on_error=False)
    def _make_snippets(self, library: Library, results: SearchResults, index: int) -> None:
        from index.search import add_snippets

        first = max(0, index - 5)
        batch = results.hits[first:first + SNIPPETS]
        add_snippets(library, batch, results.terms)
        self.post_message(SnippetsReady(results, first, len(batch)))

    @on(SnippetsReady)
    def snippets_ready(self, message: SnippetsReady) -> None:
        if message.results is self.results:
            self.query_one(ResultList).refresh_hits(message.results.hits[message.first:message.first + message.count])

    # -- actions -------------------------------------------------------------

    @on(OptionList.OptionSelected, "#results")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_article()

    def action_focus_search(self) -> None:
        # set_focus now, not focus() (which waits a frame): keys typed right
        # after `/` must land in the search box.
        self.set_focus(self.query_one(Input))

    def action_focus_results(self) -> None:
        self.set_focus(self.query_one(ResultList))

    def action_leave_search(self) -> None:
        if self.query_one(Input).has_focus:
            self.action_focus_results()
        elif self.query_one(ResultList).marked:
            self.query_one(ResultList).clear_marks()
            self._refresh_status()

    def action_toggle_mark(self) -> None:
        results = self.query_one(ResultList)
        if results.toggle_mark() is None:
            return
        if len(results.marked) > MAX_COMPARED:
            self.notify(f"Compare shows up to {MAX_COMPARED} articles at once; unmark one", severity="warning")
        self._refresh_status()

    def _refresh_status(self) -> None:
        if self.results is not None:
            self.query_one("#status", Static).update(self._status_text(self.results))

    def action_compare(self) -> None:
        """Compare the marked articles; with none marked, the story of the highlighted one."""
        marked = list(self.query_one(ResultList).marked)
        if len(marked) > MAX_COMPARED:
            self.notify(f"Mark at most {MAX_COMPARED} articles to compare (now {len(marked)})", severity="warning")
            return
        if len(marked) >= 2:
            self.app.compare(marked)  # type: ignore[attr-defined]
            return
        if len(marked) == 1:
            self.notify("Mark one more article to compare with (space or m), or unmark it to compare the story")
            return
        option = self.query_one(ResultList).highlighted_option
        if self.library is None or option is None or option.id is None:
            self.notify("Mark two or more articles with space or m, then press c", severity="warning")
            return
        self._compare_story_of(self.library, option.id, marked)

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _compare_story_of(self, library: Library, article_id: str, marked: list[str]) -> None:
        try:
            waiting = library.ungrouped()
            if waiting > 200:
                self.app.call_from_thread(
                    self.notify, f"Grouping {waiting} articles into stories (once; later adds group as they go)…"
                )
            story = library.stories().story_of(article_id)
            chosen: list[str] = []
            if story is not None and len(story.articles) >= 2:
                from index.stories.pick import pick_coverage

                sources = {}
                if len(story.articles) > MAX_COMPARED:
                    for other in story.articles[:50]:
                        found = library.get(other)
                        sources[other] = found.source if found else ""
                chosen = pick_coverage(story.articles, sources, article_id, MAX_COMPARED)
        except LibraryError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._compare_story, chosen, len(story.articles) if story else 0)

    def _compare_story(self, chosen: list[str], total: int) -> None:
        if len(chosen) < 2:
            self.notify(
                "No other outlet's coverage of this story here: mark two or more articles with space or m, then press c",
                severity="warning",
            )
            return
        if total > len(chosen):
            self.notify(
                f"Comparing {len(chosen)} of the story's {total} articles: this one and one per outlet first. "
                "Mark articles (space or m) to choose others.",
                timeout=5,
            )
        self.app.compare(chosen)  # type: ignore[attr-defined]

    def action_stories(self) -> None:
        self.app.show_stories()  # type: ignore[attr-defined]

    def action_open_article(self) -> None:
        option = self.query_one(ResultList).highlighted_option
        if option is None or option.id is None:
            self.notify("No article selected", severity="warning")
            return
        self.app.open_article(option.id, self.results.terms if self.results else None)  # type: ignore[attr-defined]

    def action_filter(self) -> None:
        if self.library is None or self.results is None:
            return
        self._load_facets(self.library, self.results)

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _load_facets(self, library: Library, results: SearchResults) -> None:
        from index.facets import library_facets

        ids = None if not results.query else [hit.id for hit in results.hits]
        facets = library_facets(library, ids, limit=12)
        scope = "the library" if ids is None else "these results"
        self.app.call_from_thread(self._choose_facet, facets, scope)

    def _choose_facet(self, facets, scope: str) -> None:
        from .facets import FacetScreen

        def apply(term: str | None) -> None:
            if term:
                current = self.query_one(Input).value.strip()
                self.search_for(f"{current} {term}".strip())

        self.app.push_screen(FacetScreen(facets, scope), apply)

    def search_for(self, query: str) -> None:
        self.query_one(Input).value = query
        self.action_focus_results()

    def action_show_all(self) -> None:
        self.query_one(Input).value = ""
        self.action_focus_results()
