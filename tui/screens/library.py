"""The library screen: search as you type, a result list and a preview."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from index.api import MAX_COMPARED, Library, LibraryDamaged, LibraryError, first_screen, grouping_notice

from ..config import get_setting, set_setting
from ..keys import help_in_a_text_box
from ..messages import (
    ChangeCheckFailed,
    CoverageChosen,
    FlagsChangedElsewhere,
    LibraryChanged,
    LibraryFailed,
    LibraryOpened,
    Notice,
    PreviewLoaded,
    SearchFailed,
)
from ..safe import one_line, plain_content
from ..widgets.article_view import ArticleView
from ..widgets.result_list import PAGE_SIZE, ResultList
from .articles import ArticleScreen, also_published

if TYPE_CHECKING:
    from textual.timer import Timer

    from index.api import FirstScreen, Flags, Hit, MatchTerms, ResultPages, SearchResults

SNIPPETS = 20
"""Snippets are made for the first rows at once, the rest as they scroll into view."""
NARROW_WIDTH = 100
COMPACT_BELOW = 120
"""Under this many columns the list is compact unless the user chose cards (`v`)."""
CHANGE_CHECK_SECONDS = 3.0
"""How often to look for articles added or removed by another process."""
FACETS_PER_LABEL = 12
SORT_NAMES = {"relevance": "by relevance", "newest": "newest first", "outlet": "by outlet"}


class SearchInput(Input):
    BINDINGS = [*help_in_a_text_box(), Binding("down", "screen.focus_results", "Results")]


@dataclass
class PagesFound(Message):
    """A search's result set, its first page read (with its flags, copies and stories)."""

    pages: ResultPages
    rows: RowInfo
    keep_selection: bool = False


@dataclass
class RowInfo:
    """What the list draws beside a page of hits: flags, near copies, story markers."""

    flags: dict[str, Flags] = field(default_factory=dict)
    copies: dict[str, list[str]] = field(default_factory=dict)
    outlets: dict[str, int] = field(default_factory=dict)


@dataclass
class PageLoaded(Message):
    pages: ResultPages
    generation: int
    start: int
    hits: list[Hit]
    rows: RowInfo


@dataclass
class StoryMarks(Message):
    """Story markers for rows already shown: they need the story listing, read after the rows
    (at 100,000 articles it takes about a second; the rows should not wait for it)."""

    outlets: dict[str, int]


@dataclass
class SnippetsMade(Message):
    generation: int
    hits: list[Hit]


def row_info(library: Library, hits: list[Hit]) -> RowInfo:
    """(In a worker.) The marks of a page of rows but its story markers (`story_marks`
    reads those after); each part that fails is left out: the rows are still worth
    showing, and `u` or `s` say what is wrong when used."""
    ids = [hit.id for hit in hits]
    info = RowInfo()
    for name, read in (("flags", library.flags), ("copies", library.also_published_by)):
        try:
            setattr(info, name, read(ids))
        except LibraryError:
            pass
    return info


def story_marks(library: Library, hits: list[Hit]) -> dict[str, int]:
    """(In a worker.) How many other outlets cover each row's story ({} if the stories cannot be read)."""
    try:
        return library.other_outlets([hit.id for hit in hits])
    except LibraryError:
        return {}


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def status_parts(results: SearchResults, sort: str, marked: int, timings: bool) -> list[str]:
    """The status line's parts, most important first (the last ones are dropped when it is too long)."""
    if not results.query:
        parts = [f"{plural(results.total, 'article')} in the library"]
    else:
        about = "" if results.total_exact else "about "
        parts = [f"{about}{plural(results.total, 'result')} for {results.query}"]
    if results.suggestion:
        parts.append(f"Did you mean: {results.suggestion}?" + ("" if results.hits else " (enter)"))
    if marked:
        parts.append(f"{marked} marked (c compares, d removes, escape clears)")
    if results.total > 1:
        parts.append(SORT_NAMES.get(sort, sort) + " (O sorts)")
    parts += results.notes  # a limit cut the search short: say how
    if results.query and timings:
        parts.append(f"{results.seconds * 1000:.0f} ms")
    return parts


def status_text(parts: list[str], width: int, lines: int = 2) -> str:
    """`parts` joined with `·`, dropping the last ones until the text wraps
    into `lines` lines of `width` (the first part is always kept; it wraps at words)."""
    kept = list(parts)
    while len(kept) > 1 and len(textwrap.wrap("  ·  ".join(kept), max(10, width))) > lines:
        kept.pop()
    return "  ·  ".join(kept)


class LibraryScreen(ArticleScreen):
    """Opens at once; the library arrives from a worker (`LibraryOpened`)."""

    # Styles: tui/styles/library.tcss, read by the app (see NewsReaderApp.CSS_PATH).
    AUTO_FOCUS = "#results"
    show_timings = True
    """Search times in the status line; off in snapshot tests, where they vary."""

    # The footer shows the keys used most (it must fit 80 columns with `? Help`);
    # the rest are in help (?) and the palette.
    BINDINGS = [
        # Priority: handled as the key arrives, so keys typed (or pasted) right
        # after it already go to the search box. The box itself still takes `/`.
        Binding("slash", "focus_search", "Search", show=False, priority=True),
        Binding("u", "toggle_read", "Read/unread", show=False),
        Binding("s", "toggle_star", "Star", show=False),
        Binding("d", "remove", "Remove"),
        Binding("o", "open_original", "Web page", show=False),
        Binding("y", "copy_address", "Copy URL", show=False),
        Binding("r", "refresh_feed", "Refresh its feed", show=False),
        Binding("R", "refresh_all", "Refresh all", show=False),
        Binding("v", "toggle_view", "View"),
        Binding("O", "cycle_sort", "Sort"),
        Binding("a", "app.add", "Add", show=False),
        Binding("F", "app.feeds", "Feeds", show=False),
        Binding("f", "filter", "Filter by name", show=False),
        Binding("space,m", "toggle_mark", "Mark"),
        Binding("c", "compare", "Compare"),
        Binding("S", "stories", "Stories"),
        Binding("escape", "leave_search", "Results", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    results: var[SearchResults | None] = var(None, always_update=True)
    """The search on show: its total and first page (None before the first, or after a failed query)."""
    error: var[str] = var("")
    """Why the last query failed, shown in the status line instead of results."""
    marked: var[int] = var(0)
    """How many articles are marked for comparing or removing."""
    sort: var[str] = var("relevance")
    """The order asked for with `O`; a list without a query is newest first when this is relevance."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: ResultPages | None = None
        """The result set on show, read a page at a time."""
        self._flags_stamp: tuple[int, ...] | None = None
        """The state database as last seen by the change check (None: not yet)."""
        self._change_checks: Timer | None = None
        """Looks for articles added or removed by another process, every few seconds."""
        self._first_sort: str | None = None
        """The order of the kept first screen on show until the library opens (None: none shown)."""

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
        yield Footer(compact=True)

    @property
    def result_list(self) -> ResultList:
        return self.query_one(ResultList)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        chosen = get_setting("list_view")
        self._view_chosen = chosen in ("compact", "cards")
        """The user chose a view with `v`: it holds at any width."""
        self.result_list.compact = chosen == "compact" if self._view_chosen else self.app.size.width < COMPACT_BELOW
        self._apply_width(self.size.width)
        # The first frame shows the rows kept from the last start, if they still
        # hold (a few ms, no Whoosh); the index is opened in a worker meanwhile.
        if (first := first_screen(self.news_app.library_dir)) is not None:
            self._show_first_screen(first)
            # Opening imports Whoosh, holding the GIL for ~0.15 s: after the first frame, not during it.
            self.call_after_refresh(self._open_library, self.news_app.library_dir)
        else:
            self.result_list.loading = True
            self._open_library(self.news_app.library_dir)

    def _show_first_screen(self, first: FirstScreen) -> None:
        """The library's opening listing as last kept: the real one replaces it, the cursor staying put."""
        from index.api import SearchResults

        listing = self.result_list
        self._first_sort = first.sort
        self._take_rows(RowInfo(dict(first.flags), first.copies, first.outlets))  # type: ignore[arg-type]
        listing.show(first.total, first.hits)
        self.results = SearchResults("", first.total, first.hits)
        self._show_empty(not first.total, "")

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)
        if not getattr(self, "_view_chosen", True):
            self.result_list.compact = event.size.width < COMPACT_BELOW
        self._draw_status()

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
        self.run_search(self.search_box.value, keep_selection=self._first_sort is not None)
        self._change_checks = self.set_interval(CHANGE_CHECK_SECONDS, self._check_for_changes)
        self.set_timer(0.5, self._prepare_compare)

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare_compare(self) -> None:
        """Import the compare and stories screens ahead of use: `c` then opens at once."""
        from . import compare, reader, stories  # noqa: F401

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
            self.search_box.cursor_position = len(results.suggestion)  # typing goes on at the end
            return
        self.action_focus_results()

    def run_search(self, text: str, *, keep_selection: bool = False) -> None:
        if self.library is not None:
            self._search(self.library, text, self.sort, keep_selection)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, library: Library, text: str, sort: str, keep_selection: bool) -> None:
        worker = get_current_worker()
        opening = not text.strip() and sort == "relevance"  # the listing the app opens on: kept for the next start
        try:
            pages = library.search_pages(text, sort=sort, first=PAGE_SIZE, snippets=SNIPPETS)
        except LibraryError as error:
            if not worker.is_cancelled:
                failed = SearchFailed(text.strip(), one_line(error))
                if isinstance(error, LibraryDamaged):
                    failed.hint = "Quit (q) and run `newsreader repair`: it rebuilds the library from what survives."
                self.post_message(failed)
            return
        if worker.is_cancelled:
            return
        # Flags first in the same message, so the rows are drawn with their marks.
        rows = row_info(library, pages.results.hits)
        self.post_message(PagesFound(pages, rows, keep_selection))
        if opening:  # kept at once: the story markers may take seconds the first time
            library.keep_first_screen(pages, rows.copies, None)
        outlets = story_marks(library, pages.results.hits)
        self.post_message(StoryMarks(outlets))
        if opening and not worker.is_cancelled:
            library.keep_first_screen(pages, rows.copies, outlets)

    @on(StoryMarks)
    def story_marks_read(self, message: StoryMarks) -> None:
        self.result_list.set_outlets(message.outlets)

    def _is_current(self, query: str) -> bool:
        return query == self.search_box.value.strip()

    @on(PagesFound)
    def show_results(self, message: PagesFound) -> None:
        pages = message.pages
        results = pages.results
        if not self._is_current(results.query):
            return  # a newer query is on its way
        listing = self.result_list
        keep = listing.highlighted_id if message.keep_selection else None
        keep_index = listing.cursor if message.keep_selection and listing.cursor >= 0 else None
        self.error = ""
        self.pages = pages
        self._take_rows(message.rows)
        listing.wants_snippets = bool(results.query)
        listing.show(pages.total, results.hits, keep=keep, keep_index=keep_index)
        self.results = results
        if results.query:
            empty = f"No articles match {one_line(results.query)}."
        else:
            empty = "The library is empty. Add articles with a, or `newsreader add PATH`."
        self._show_empty(not pages.total, empty)

    def _take_rows(self, rows: RowInfo) -> None:
        listing = self.result_list
        listing.set_flags(rows.flags)
        listing.set_copies(rows.copies)
        listing.set_outlets(rows.outlets)

    @on(ResultList.PageWanted)
    def page_wanted(self, message: ResultList.PageWanted) -> None:
        if self.library is not None and self.pages is not None:
            self._load_page(self.library, self.pages, message.generation, message.start)

    @work(thread=True, group="pages", exit_on_error=False)
    def _load_page(self, library: Library, pages: ResultPages, generation: int, start: int) -> None:
        try:
            hits = library.page(pages, start, PAGE_SIZE)
        except LibraryError as error:
            self.post_message(Notice(one_line(error), "error"))
            return
        self.post_message(PageLoaded(pages, generation, start, hits, row_info(library, hits)))
        self.post_message(StoryMarks(story_marks(library, hits)))

    @on(PageLoaded)
    def page_loaded(self, message: PageLoaded) -> None:
        if message.pages is not self.pages:
            return
        self._take_rows(message.rows)
        self.result_list.add_page(message.generation, message.start, message.hits)
        if self.results is not None and self.pages.total != self.result_list.total:
            self.results.total = self.result_list.total  # an estimate met the set's real end
            self._draw_status()

    @on(SearchFailed)
    def show_error(self, message: SearchFailed) -> None:
        if not self._is_current(message.query):
            return
        self.error = message.error
        self.results = None
        self.pages = None
        self.result_list.clear()
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
            sort = self.pages.sort if self.pages is not None else self._first_sort or self.sort
            parts = status_parts(self.results, sort, self.marked, self.show_timings)
            width = self.size.width - status.styles.padding.left - status.styles.padding.right
            status.update(plain_content(status_text(parts, width)))

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

    def articles_removed(self, ids: list[str]) -> None:
        """The list follows a removal: marks of removed articles go, the search runs again."""
        self.result_list.forget(ids)
        self.marked = len(self.result_list.marked)
        self.run_search(self.search_box.value, keep_selection=True)

    # -- preview and snippets ----------------------------------------------------

    @on(ResultList.Highlighted)
    def preview_highlighted(self, event: ResultList.Highlighted) -> None:
        if self.library is None or self.results is None:
            return
        self._load_preview(self.library, event.hit.id, self.results.terms)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _load_preview(self, library: Library, article_id: str, terms: MatchTerms | None) -> None:
        article = library.get(article_id)
        also = also_published(library, article_id) if article is not None else []
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewLoaded(article, terms, also))

    @on(PreviewLoaded)
    def show_preview(self, message: PreviewLoaded) -> None:
        preview = self.query_one("#preview", ArticleView)
        preview.show(message.article, message.terms)
        if message.article is not None:
            preview.flags = self.result_list.flags.get(message.article.id)
            preview.also = message.also

    @on(ResultList.SnippetsWanted)
    def snippets_wanted(self, message: ResultList.SnippetsWanted) -> None:
        if self.library is not None and self.results is not None:
            self._make_snippets(self.library, self.results.terms, message.generation, message.hits)

    @work(thread=True, group="snippets", exit_on_error=False)
    def _make_snippets(self, library: Library, terms: MatchTerms, generation: int, hits: list[Hit]) -> None:
        library.add_snippets(hits, terms)
        self.post_message(SnippetsMade(generation, hits))

    @on(SnippetsMade)
    def snippets_made(self, message: SnippetsMade) -> None:
        if message.generation == self.result_list.generation:
            self.result_list.update_hits(message.hits)

    # -- actions -------------------------------------------------------------

    @on(ResultList.Selected)
    def row_selected(self, event: ResultList.Selected) -> None:
        self.action_open_article()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search" and self.focused is self.search_box:
            return False  # typing a `/` in the query
        return True

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

    def action_toggle_view(self) -> None:
        """Compact lines or cards; the choice is remembered for the next run."""
        listing = self.result_list
        listing.compact = not listing.compact
        self._view_chosen = True
        set_setting("list_view", "compact" if listing.compact else "cards")

    def action_cycle_sort(self) -> None:
        """Newest first, by outlet, by relevance (only with words to rank by), and round again."""
        query = bool(self.results is not None and self.results.query)
        shown = self.pages.sort if self.pages is not None else self.sort
        order = ["relevance", "newest", "outlet"] if query else ["newest", "outlet"]
        self.sort = order[(order.index(shown) + 1) % len(order)] if shown in order else order[0]
        self.run_search(self.search_box.value, keep_selection=True)

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
        article_id = self.result_list.highlighted_id
        if self.library is None or article_id is None:
            self.notify("Mark two or more articles with space or m, then press c", severity="warning")
            return
        self._choose_coverage(self.library, article_id)

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
        article_id = self.result_list.highlighted_id
        if article_id is None:
            self.notify("No article selected", severity="warning")
            return
        self.news_app.open_article(article_id, self.results.terms if self.results else None)

    def action_filter(self) -> None:
        library = self.library
        if library is None or self.results is None:
            return
        from .facets import FacetScreen

        # The rows read so far (the first page at least) stand for a query's results.
        loaded = self.result_list.rows
        ids = None if not self.results.query else [loaded[i].id for i in sorted(loaded)]

        def apply(term: str | None) -> None:
            if term:
                current = self.search_box.value.strip()
                self.search_for(f"{current} {term}".strip())

        # The dialog opens at once and counts in its own worker.
        scope = "the library" if ids is None else "these results"
        self.app.push_screen(FacetScreen(None, scope, lambda: library.facets(ids, limit=FACETS_PER_LABEL)), apply)

    def search_for(self, query: str) -> None:
        self.search_box.value = query
        self.search_box.cursor_position = len(query)
        self.action_focus_results()

    def action_show_all(self) -> None:
        self.search_box.value = ""
        self.action_focus_results()
