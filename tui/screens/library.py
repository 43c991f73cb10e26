"""The library screen: search as you type, a result list and a preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.reactive import var
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.worker import get_current_worker

from index.api import MAX_COMPARED, Library, LibraryDamaged, LibraryError, grouping_notice

from ..messages import (
    ChangeCheckFailed,
    CopiesLoaded,
    CoverageChosen,
    FlagsChangedElsewhere,
    LibraryChanged,
    LibraryFailed,
    LibraryOpened,
    Notice,
    PreviewLoaded,
    SearchFailed,
    SearchFinished,
    SnippetsReady,
)
from ..safe import one_line, plain_content
from ..widgets.article_view import ArticleView
from ..widgets.result_list import ResultList
from .articles import ArticleScreen, FlagsLoaded, also_published

if TYPE_CHECKING:
    from textual.timer import Timer

    from index.api import Flags, MatchTerms, SearchResults

RESULT_LIMIT = 200
SNIPPETS = 20
"""Snippets are made for the first rows at once, the rest as they scroll into view."""
NARROW_WIDTH = 100
CHANGE_CHECK_SECONDS = 3.0
"""How often to look for articles added or removed by another process."""
FACETS_PER_LABEL = 12


class SearchInput(Input):
    BINDINGS = [Binding("down", "screen.focus_results", "Results", show=False)]


def status_text(results: SearchResults, marked: int, timings: bool) -> str:
    """The status line under the search box for a finished search."""
    if not results.query:
        noun = "article" if results.total == 1 else "articles"
        text = f"{results.total} {noun} in the library"
    else:
        about = "" if results.total_exact else "about "
        text = f"{about}{results.total} result{'s' if results.total != 1 else ''} for {results.query}"
    if len(results.hits) < results.total:
        text += f" (showing the first {len(results.hits)})"
    if results.query and timings:
        text += f"  ·  {results.seconds * 1000:.0f} ms"
    if results.suggestion:
        text += f"  ·  Did you mean: {results.suggestion}?"
        if not results.hits:
            text += " (enter)"
    for note in results.notes:  # a limit cut the search short: say how
        text += f"  ·  {note}"
    if marked:
        text += f"  ·  {marked} marked (c compares, escape clears)"
    return text


class LibraryScreen(ArticleScreen):
    """Opens at once; the library arrives from a worker (`LibraryOpened`)."""

    # Styles: tui/styles/library.tcss, read by the app (see NewsReaderApp.CSS_PATH).
    AUTO_FOCUS = "#results"
    show_timings = True
    """Search times in the status line; off in snapshot tests, where they vary."""

    # The footer shows the keys used most; the rest are in help (?) and the palette.
    BINDINGS = [
        Binding("slash", "focus_search", "Search", show=False),  # the search box says so
        Binding("u", "toggle_read", "Read/unread"),
        Binding("s", "toggle_star", "Star"),
        Binding("o", "open_original", "Web page"),
        Binding("y", "copy_address", "Copy URL", show=False),
        Binding("r", "refresh_all", "Refresh"),
        Binding("R", "refresh_feed", "Refresh its feed", show=False),
        Binding("a", "app.add", "Add"),
        Binding("F", "app.feeds", "Feeds"),
        Binding("f", "filter", "Filter by name", show=False),
        Binding("space,m", "toggle_mark", "Mark", show=False),
        Binding("c", "compare", "Compare"),
        Binding("S", "stories", "Stories"),
        Binding("escape", "leave_search", "Results", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    results: var[SearchResults | None] = var(None, always_update=True)
    """The search on show (None before the first, or after a failed query)."""
    error: var[str] = var("")
    """Why the last query failed, shown in the status line instead of results."""
    marked: var[int] = var(0)
    """How many articles are marked for comparing."""

    def __init__(self) -> None:
        super().__init__()
        self._flags_stamp: tuple[int, ...] | None = None
        """The state database as last seen by the change check (None: not yet)."""
        self._change_checks: Timer | None = None
        """Looks for articles added or removed by another process, every few seconds."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield SearchInput(
            placeholder='Search the library  ( / )   e.g.  sanction*  "foreign ministry"  title:taliban', id="search"
        )
        yield Static(Content("Opening library…"), id="library-status")
        with Horizontal(id="panes"):
            with Vertical(id="results-pane"):
                yield ResultList(id="results")
                yield Static(Content(), id="library-empty")
            with Vertical(id="preview-pane"):
                yield ArticleView(id="preview")
        yield Footer()

    @property
    def result_list(self) -> ResultList:
        return self.query_one(ResultList)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        self.result_list.loading = True
        self._apply_width(self.size.width)
        # First paint happens before the index is touched: open it in a worker.
        self._open_library(self.news_app.library_dir)

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def worker_failed(self, error: BaseException | None) -> None:
        if self.library is None:
            # Failing to open: nothing to show, so leave with the reason
            # rather than sit at "Opening library…".
            self.news_app.fail(error if error is not None else "the library could not be opened")
            return
        super().worker_failed(error)

    # -- the library ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self, directory: Path | None) -> None:
        # Opening imports Whoosh: here, off the UI thread, after the first paint.
        try:
            library = Library.open(directory)
        except LibraryError as error:
            self.post_message(LibraryFailed(one_line(error)))
            return
        try:
            count = library.count()
        except LibraryError as error:
            library.close()
            self.post_message(LibraryFailed(one_line(error)))
            return
        self.post_message(LibraryOpened(library, count))

    @on(LibraryFailed)
    def library_failed(self, message: LibraryFailed) -> None:
        self.news_app.fail(message.error)

    @on(LibraryOpened)
    def library_ready(self, message: LibraryOpened) -> None:
        self.news_app.library_opened(message.library, message.count)
        self.result_list.loading = False
        self.run_search(self.search_box.value)
        self._change_checks = self.set_interval(CHANGE_CHECK_SECONDS, self._check_for_changes)
        self.set_timer(0.5, self._prepare_compare)

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare_compare(self) -> None:
        """Import the compare and stories screens ahead of use: `c` then opens at once."""
        from . import compare, stories  # noqa: F401

    def _check_for_changes(self) -> None:
        if self.library is not None and self._change_checks is not None:
            self._look_for_changes(self.library)

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def _look_for_changes(self, library: Library) -> None:
        try:
            count = library.refresh()
            stamp = library.flags_stamp()
        except LibraryError as error:
            self.post_message(ChangeCheckFailed(one_line(error)))
            return
        if count is not None:
            self.post_message(LibraryChanged(count))
        if stamp != self._flags_stamp:
            self._flags_stamp = stamp
            self.post_message(FlagsChangedElsewhere())

    @on(FlagsChangedElsewhere)
    def flags_changed_elsewhere(self) -> None:
        """Read marks or stars changed (perhaps by `newsreader read` in another
        shell): redraw the marks on show and recount the title bar."""
        self.reload_flags()
        self.news_app.update_counts()

    @on(ChangeCheckFailed)
    def change_check_failed(self, message: ChangeCheckFailed) -> None:
        # Say it once: the check would fail the same way every few seconds.
        if self._change_checks is not None:
            self._change_checks.stop()
            self._change_checks = None
        self.notify(message.error, title="Library", severity="error", markup=False)

    @on(LibraryChanged)
    def library_changed(self, message: LibraryChanged) -> None:
        if self.library is not None:
            self.news_app.library_opened(self.library, message.count)
        self.run_search(self.search_box.value, keep_selection=True)

    # -- search ----------------------------------------------------------------

    @on(Input.Changed, "#search")
    def query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def query_submitted(self, event: Input.Submitted) -> None:
        results = self.results
        if results and not results.hits and results.suggestion:
            self.search_box.value = results.suggestion
            return
        self.action_focus_results()

    def run_search(self, text: str, *, keep_selection: bool = False) -> None:
        if self.library is not None:
            self._search(self.library, text, keep_selection)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, library: Library, text: str, keep_selection: bool) -> None:
        worker = get_current_worker()
        try:
            results = library.search(text, limit=RESULT_LIMIT, snippets=SNIPPETS)
        except LibraryError as error:
            if not worker.is_cancelled:
                failed = SearchFailed(text.strip(), one_line(error))
                if isinstance(error, LibraryDamaged):
                    failed.hint = "Quit (q) and run `newsreader repair`: it rebuilds the library from what survives."
                self.post_message(failed)
            return
        if worker.is_cancelled:
            return
        # One state-database call per result page; posted first, so the rows are drawn with their marks.
        try:
            self.post_message(FlagsLoaded(library.flags([hit.id for hit in results.hits])))
        except LibraryError:
            pass  # the results are still worth showing; `u` and `s` say what is wrong when used
        try:
            self.post_message(CopiesLoaded(library.also_published_by([hit.id for hit in results.hits])))
        except LibraryError:
            pass  # as for flags: the results come first
        self.post_message(SearchFinished(results, keep_selection))

    def _is_current(self, query: str) -> bool:
        return query == self.search_box.value.strip()

    @on(SearchFinished)
    def show_results(self, message: SearchFinished) -> None:
        results = message.results
        if not self._is_current(results.query):
            return  # a newer query is on its way
        self.error = ""
        self.results = results
        self.result_list.show_hits(results.hits, keep_selection=message.keep_selection)
        if results.query:
            empty = f"No articles match {one_line(results.query)}."
        else:
            empty = "The library is empty. Add articles with `newsreader add PATH`."
        self._show_empty(not results.hits, empty)

    @on(SearchFailed)
    def show_error(self, message: SearchFailed) -> None:
        if not self._is_current(message.query):
            return
        self.error = message.error
        self.results = None
        self.result_list.clear_options()
        self._show_empty(True, message.hint)

    def _show_empty(self, empty: bool, text: str) -> None:
        self.set_class(empty, "-empty")
        self.query_one("#library-empty", Static).update(plain_content(text if empty else ""))
        if empty:
            self.query_one("#preview", ArticleView).show(None)

    def watch_results(self) -> None:
        self._draw_status()

    def watch_error(self) -> None:
        self._draw_status()

    def watch_marked(self) -> None:
        self._draw_status()

    def _draw_status(self) -> None:
        """The status line, from the reactive state (never markup: it quotes the query)."""
        status = self.query_one("#library-status", Static)
        status.set_class(bool(self.error), "-error")
        if self.error:
            status.update(plain_content(self.error))
        elif self.results is not None:
            status.update(plain_content(status_text(self.results, self.marked, self.show_timings)))

    # -- read and starred (see ArticleScreen) -----------------------------------

    def chosen_articles(self) -> list[str]:
        """The marked articles, else the selected one."""
        if self.result_list.marked:
            return list(self.result_list.marked)
        current = self.current_article()
        return [current] if current else []

    def current_article(self) -> str | None:
        return self.result_list.highlighted_id

    def shown_articles(self) -> list[str]:
        return list(dict.fromkeys([*self.result_list.shown_ids, *self.result_list.marked]))

    def known_flags(self, article_id: str) -> Flags | None:
        return self.result_list.flags.get(article_id)

    def show_flags(self, flags: dict[str, Flags]) -> None:
        self.result_list.set_flags(flags)
        preview = self.query_one("#preview", ArticleView)
        if preview.article is not None and preview.article.id in flags:
            preview.flags = flags[preview.article.id]

    def on_screen_resume(self) -> None:
        # Back from the reader (which marked its article read) or another screen.
        self.reload_flags()

    # -- preview and snippets ----------------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def preview_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.library is None or not event.option.id or self.results is None:
            return
        self._load_preview(self.library, event.option.id, self.results.terms)
        hits = self.results.hits
        index = next((i for i, hit in enumerate(hits) if hit.id == event.option.id), 0)
        if index + 5 < len(hits) and hits[index + 5].snippet is None:
            self._make_snippets(self.library, self.results, index)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _load_preview(self, library: Library, article_id: str, terms: MatchTerms | None) -> None:
        article = library.get(article_id)
        also = also_published(library, article_id) if article is not None else []
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewLoaded(article, terms, also))

    @on(CopiesLoaded)
    def show_copies(self, message: CopiesLoaded) -> None:
        self.result_list.set_copies(message.copies)

    @on(PreviewLoaded)
    def show_preview(self, message: PreviewLoaded) -> None:
        preview = self.query_one("#preview", ArticleView)
        preview.show(message.article, message.terms)
        if message.article is not None:
            preview.flags = self.result_list.flags.get(message.article.id)
            preview.also = message.also

    @work(thread=True, exclusive=True, group="snippets", exit_on_error=False)
    def _make_snippets(self, library: Library, results: SearchResults, index: int) -> None:
        first = max(0, index - 5)
        batch = results.hits[first:first + SNIPPETS]
        library.add_snippets(batch, results.terms)
        self.post_message(SnippetsReady(results, first, len(batch)))

    @on(SnippetsReady)
    def snippets_ready(self, message: SnippetsReady) -> None:
        if message.results is self.results:
            self.result_list.refresh_hits(message.results.hits[message.first:message.first + message.count])

    # -- actions -------------------------------------------------------------

    @on(OptionList.OptionSelected, "#results")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_article()

    def action_focus_search(self) -> None:
        # set_focus now, not focus() (which waits a frame): keys typed right
        # after `/` must land in the search box.
        self.set_focus(self.search_box)

    def action_focus_results(self) -> None:
        self.set_focus(self.result_list)

    def action_leave_search(self) -> None:
        if self.search_box.has_focus:
            self.action_focus_results()
        elif self.result_list.marked:
            self.result_list.clear_marks()
            self.marked = 0

    def action_toggle_mark(self) -> None:
        results = self.result_list
        if results.toggle_mark() is None:
            return
        if len(results.marked) == MAX_COMPARED + 1:  # once, as the limit is crossed: not a toast per mark
            self.notify(f"Compare shows up to {MAX_COMPARED} articles at once; unmark one", severity="warning", markup=False)
        self.marked = len(results.marked)

    def action_compare(self) -> None:
        """Compare the marked articles; with none marked, the story of the highlighted one."""
        marked = list(self.result_list.marked)
        if len(marked) > MAX_COMPARED:
            self.notify(
                f"Mark at most {MAX_COMPARED} articles to compare (now {len(marked)})", severity="warning", markup=False
            )
            return
        if len(marked) >= 2:
            self.news_app.compare(marked)
            return
        if len(marked) == 1:
            self.notify("Mark one more article to compare with (space or m), or unmark it to compare the story")
            return
        option = self.result_list.highlighted_option
        if self.library is None or option is None or option.id is None:
            self.notify("Mark two or more articles with space or m, then press c", severity="warning")
            return
        self._choose_coverage(self.library, option.id)

    @work(thread=True, exclusive=True, group="coverage", exit_on_error=False)
    def _choose_coverage(self, library: Library, article_id: str) -> None:
        """The story of `article_id`, one article per outlet first (grouping first if needed)."""
        try:
            notice = grouping_notice(library.ungrouped())
            if notice:
                self.post_message(Notice(notice))
            choice = library.coverage(article_id=article_id)
        except LibraryError as error:
            self.post_message(Notice(one_line(error), "error"))
            return
        self.post_message(CoverageChosen(choice))

    @on(CoverageChosen)
    def compare_coverage(self, message: CoverageChosen) -> None:
        choice = message.choice
        if not choice.comparable:
            self.notify(
                "No other outlet's coverage of this story here: mark two or more articles with space or m, then press c",
                severity="warning",
            )
            return
        if choice.partial:
            self.notify(
                f"Comparing {len(choice.articles)} of the story's {choice.total} articles: this one and one per "
                "outlet first. Mark articles (space or m) to choose others.",
                timeout=5,
                markup=False,
            )
        self.news_app.compare(choice.articles)

    def action_stories(self) -> None:
        self.news_app.show_stories()

    def action_open_article(self) -> None:
        option = self.result_list.highlighted_option
        if option is None or option.id is None:
            self.notify("No article selected", severity="warning")
            return
        self.news_app.open_article(option.id, self.results.terms if self.results else None)

    def action_filter(self) -> None:
        library = self.library
        if library is None or self.results is None:
            return
        from .facets import FacetScreen

        ids = None if not self.results.query else [hit.id for hit in self.results.hits]

        def apply(term: str | None) -> None:
            if term:
                current = self.search_box.value.strip()
                self.search_for(f"{current} {term}".strip())

        # The dialog opens at once and counts in its own worker.
        scope = "the library" if ids is None else "these results"
        self.app.push_screen(FacetScreen(None, scope, lambda: library.facets(ids, limit=FACETS_PER_LABEL)), apply)

    def search_for(self, query: str) -> None:
        self.search_box.value = query
        self.action_focus_results()

    def action_show_all(self) -> None:
        self.search_box.value = ""
        self.action_focus_results()

