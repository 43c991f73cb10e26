"""The newsreader Textual app."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from index.api import LibraryError

from .commands import NewsCommands
from .messages import CountsReady, FeedsChanged, LibraryChanged, RefreshDone, RefreshProgress
from .safe import one_line, plain_text
from .screens.library import LibraryScreen
from .theme import remember_theme, remembered_theme

if TYPE_CHECKING:
    from index.api import Library, MatchTerms, RefreshReport


def refresh_summary(report: RefreshReport, feeds: int) -> str:
    """One notification for a finished refresh: what arrived, and each failure in one line."""
    new = len(report.added)
    lines = [f"{new} new article{'s' if new != 1 else ''} from {feeds} feed{'s' if feeds != 1 else ''}"]
    if report.duplicates:
        lines[0] += f" ({report.duplicates} already in the library)"
    for failed in report.failed:
        where = failed.url if failed.name in ("", failed.url) else f"{failed.name} ({failed.url})"
        lines.append(one_line(f"{where}: {failed.error}"))
    return "\n".join(lines)


class NewsReaderApp(App[None]):
    TITLE = "newsreader"
    CSS_PATH = ["newsreader.tcss", "styles/app.tcss", "styles/library.tcss"]
    """App-wide styles, and the library screen's: Textual reads a screen's own
    CSS_PATH when it is pushed, but not for the default screen."""
    COMMANDS = App.COMMANDS | {NewsCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),  # also while typing in a text box
        Binding("a", "add", "Add", show=False),
        Binding("F", "feeds", "Feeds", show=False),
        Binding("S", "stories", "Stories", show=False),
    ]

    def __init__(self, library_dir: Path | None = None) -> None:
        super().__init__()
        self.library_dir = library_dir
        self.library: Library | None = None
        """The open library: set by the library screen once its worker opened it."""
        self.new_articles: set[str] = set()
        """Articles added while the app runs (by a refresh or an add); those still
        unread are the title bar's "new"."""
        self.refreshing = False
        """A feed refresh is running (one at a time)."""
        self._stopping = threading.Event()
        """Set when the app quits: a running refresh stops fetching (and indexes nothing)."""
        self._counts = (0, 0, 0)
        """Articles, unread articles, and new ones still unread."""
        if (theme := remembered_theme(self.available_themes)) is not None:
            self.theme = theme  # the last theme chosen in the palette

    def watch_theme(self, theme: str) -> None:
        remember_theme(theme)

    def get_default_screen(self) -> Screen:
        return LibraryScreen()

    def library_opened(self, library: Library, count: int) -> None:
        """Called by the library screen once its worker has opened the index
        (and again whenever the number of articles changed)."""
        self.library = library
        self._counts = (count, *self._counts[1:])
        self._show_counts()
        self.update_counts()

    # -- the title bar: articles, unread, new -----------------------------------

    def update_counts(self, added: list[str] | None = None) -> None:
        """Recount articles and unread ones (in a worker) for the title bar;
        with `added`, every screen then hears the library changed."""
        if self.library is not None:
            self._count_articles(self.library, list(added or []), set(self.new_articles))

    @work(thread=True, group="counts", exit_on_error=False)
    def _count_articles(self, library: Library, added: list[str], new: set[str]) -> None:
        try:
            count = library.count()
            unread = library.unread_ids()
        except LibraryError:
            return  # the library screen reports a damaged library; counts can wait
        self.post_message(CountsReady(count, len(unread), added, len(new & unread)))

    @on(CountsReady)
    def _counts_ready(self, message: CountsReady) -> None:
        self._counts = (message.count, message.unread, message.new)
        self._show_counts()
        if message.added:
            for screen in self.screen_stack:
                screen.post_message(LibraryChanged(message.count))

    def _show_counts(self, activity: str = "") -> None:
        count, unread, new = self._counts
        parts = [f"{count} article{'s' if count != 1 else ''}"]
        if unread:
            parts.append(f"{unread} unread")
        if new:
            parts.append(f"{new} new")
        if activity:
            parts.append(activity)
        self.sub_title = " · ".join(parts)

    def articles_added(self, added: list[str]) -> None:
        """Articles arrived (a refresh or an add): count them as new and tell every screen."""
        self.new_articles.update(added)
        self.articles_changed(added)

    def articles_changed(self, added: list[str] | None = None) -> None:
        """Articles or their flags changed: every screen reloads what it shows,
        and the title bar is recounted (off the UI thread)."""
        for screen in self.screen_stack:
            screen.post_message(FeedsChanged(list(added or [])))
        self.update_counts(added)

    # -- refreshing feeds ---------------------------------------------------------

    def refresh_feeds(self, feed_ids: list[str] | None = None) -> None:
        """Refresh every feed, or those named, in a worker; progress shows in the
        title bar and the outcome in a notification. One refresh at a time."""
        if self.library is None:
            return
        if self.refreshing:
            self.notify("A refresh is already running.", title="Feeds")
            return
        self.refreshing = True
        self._show_counts("refreshing feeds…")
        self._refresh(self.library, list(feed_ids or []))

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh(self, library: Library, feed_ids: list[str]) -> None:
        try:
            feeds = len(feed_ids) or len(library.feeds())
            if not feeds:
                self.post_message(RefreshDone(None, 0))
                return
            report = library.refresh_feeds(
                feed_ids, progress=lambda done: self.post_message(RefreshProgress(done)), stop=self._stopping.is_set
            )
        except LibraryError as error:
            self.post_message(RefreshDone(None, error=one_line(error)))
            return
        self.post_message(RefreshDone(report, feeds))

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        self._indexed = getattr(self, "_indexed", 0) + message.indexed
        self._show_counts(f"refreshing feeds… {self._indexed} indexed")

    @on(RefreshDone)
    def _refresh_done(self, message: RefreshDone) -> None:
        self.refreshing = False
        self._indexed = 0
        self._show_counts()
        report = message.report
        if message.error:
            self.notify(message.error, title="Refresh failed", severity="error", markup=False)
            return
        if report is None:
            self.notify("No feeds yet: press a to subscribe to one.", title="Feeds", markup=False)
            return
        self.notify(refresh_summary(report, message.feeds), title="Feeds", markup=False,
                    severity="warning" if report.failed else "information")  # fmt: skip
        self.articles_added(list(report.added))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of the app itself that raised: one line, and no refresh left 'running'."""
        if event.state != WorkerState.ERROR or event.worker.node is not self:
            return
        if event.worker.group == "refresh":
            self.refreshing = False
            self._show_counts()
        reason = one_line(event.worker.error) if event.worker.error is not None else "unknown error"
        self.notify(f"Something went wrong: {reason}", title="Error", severity="error", markup=False)

    def fail(self, error: object) -> None:
        """Leave the app, printing one plain line (never markup: the error may quote a path or an id)."""
        self.exit(return_code=1, message=plain_text(f"newsreader: {one_line(error)}"))

    def open_article(
        self, article_id: str, terms: MatchTerms | None = None, at: tuple[int, int] | None = None
    ) -> None:
        """Read an article; `at` is a body range to show and mark (a passage)."""
        from .screens.reader import ReaderScreen  # not needed for the first paint

        if self.library is None:
            return
        reader = ReaderScreen(article_id, terms, at=at)
        if isinstance(self.screen, ReaderScreen):
            self.switch_screen(reader)  # one reader at a time
        else:
            self.push_screen(reader)

    def compare(self, article_ids: list[str]) -> None:
        """Open the compare screen on two or more articles."""
        from .screens.compare import CompareScreen

        if self.library is None:
            return
        self.push_screen(CompareScreen(article_ids))

    def show_stories(self) -> None:
        from .screens.stories import StoriesScreen

        if self.library is not None and not isinstance(self.screen, StoriesScreen):
            self.push_screen(StoriesScreen())

    def action_stories(self) -> None:
        """`S` from any screen: the stories."""
        self.show_stories()

    def search_library(self, query: str) -> None:
        """Back to the library screen, searching for `query` (from the reader's panel)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, LibraryScreen):
            screen.search_for(query)

    def action_help(self) -> None:
        from .screens.help import HelpScreen, section_for  # Markdown is only needed here

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(section_for(self.screen_stack)))

    def action_add(self) -> None:
        """The add dialog: pages, files or feeds (one dialog at a time)."""
        from .screens.add import AddScreen

        if not isinstance(self.screen, AddScreen):
            self.push_screen(AddScreen())

    def action_feeds(self) -> None:
        """The feeds screen: subscriptions, their counts and errors."""
        from .screens.feeds import FeedsScreen

        if self.library is None:
            self.notify("The library is still opening; try again in a moment.", title="Feeds")
        elif not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def on_unmount(self) -> None:
        self._stopping.set()  # a refresh in a worker thread: stop, so quitting does not wait for it
        if self.library is not None:
            self.library.close()
