"""The add dialog (`a`): web pages, files and directories, or feeds to subscribe to.

The work runs in a worker, so typing never waits on it. Progress comes back
by message; the outcome is handed over on the UI thread with
`call_from_thread`, because the user may have closed the dialog meanwhile:
an add is never abandoned half-way (the library stays consistent), it
finishes in the background and the app is told either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, ProgressBar, RadioButton, RadioSet, Static

from index.api import LibraryError, count_added_items

from ..add_input import AddRequest, InputProblem, Kind, describe, resolve
from ..safe import one_line, plain_content
from .base import NewsModal

if TYPE_CHECKING:
    from index.api import AddReport, FeedInfo, Library

    from ..app import NewsReaderApp

PLACEHOLDER = "URLs or paths, separated by spaces (quote a path that has spaces)"
HINT = "enter: add · tab: say whether it is a page or a feed · escape: close"
SHOWN_PROBLEMS = 200
"""Problem lines listed in the dialog; the rest are counted."""
KINDS = [Kind.AUTO, Kind.PAGES, Kind.FEEDS]
"""The radio buttons, in order."""


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def add_summary(report: AddReport) -> str:
    """'3 added, 1 already in the library, 1 failed'."""
    parts = [f"{len(report.added)} added"]
    if report.skipped:
        parts.append(f"{len(report.skipped)} already in the library")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    if report.interrupted:
        parts.append("interrupted (what was read is kept)")
    return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One item that was not added, for one line in the dialog."""

    item: str
    reason: str
    failed: bool = True
    """False: skipped (already in the library), not an error."""

    def line(self) -> str:
        return one_line(f"{'not added' if self.failed else 'skipped'}: {self.item}: {self.reason}")


class AddInput(Input):
    """The items to add; its enter is shown in the footer (Input hides it)."""

    BINDINGS = [Binding("enter", "submit", "Add")]


class AddScreen(NewsModal[None]):
    """Type URLs or paths; enter adds them (or subscribes to them as feeds)."""

    CSS_PATH = "../styles/add.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    @dataclass
    class Started(Message):
        """The add will read `total` files and pages (0: unknown)."""

        total: int

    @dataclass
    class Progress(Message):
        """So many items read so far (cumulative, so a newer one replaces an older)."""

        done: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, AddScreen.Progress)

    @dataclass
    class Finished(Message):
        """Pages and files were added (`report`), or the add could not run (`error`)."""

        report: AddReport | None
        error: str = ""

    @dataclass
    class Subscribed(Message):
        feeds: list[FeedInfo]
        problems: list[Problem] = field(default_factory=list)

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        """An add or a subscription is under way (one at a time)."""
        self.closed_early = False
        """The dialog was closed while its work ran: the outcome goes to a notification."""

    def compose(self) -> ComposeResult:
        with Vertical(id="add-box"):
            yield Static(Content("Add web pages, files or feeds"), id="add-title")
            yield AddInput(placeholder=PLACEHOLDER, id="add-input")
            with RadioSet(id="add-kind"):
                yield RadioButton("Auto: a feed if the address looks like one", value=True)
                yield RadioButton("Web page or file(s)")
                yield RadioButton("Subscribe to feed")
            yield Static(Content(HINT), id="add-hint")
            yield ProgressBar(id="add-progress", show_eta=False)
            yield Static(Content(""), id="add-summary")
            yield VerticalScroll(id="add-problems")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#add-input", Input).focus()

    @property
    def kind(self) -> Kind:
        index = self.query_one(RadioSet).pressed_index
        return KINDS[index] if 0 <= index < len(KINDS) else Kind.AUTO

    # -- the hint: what enter will do ---------------------------------------------------

    @on(Input.Changed, "#add-input")
    @on(RadioSet.Changed, "#add-kind")
    def update_hint(self) -> None:
        text = self.query_one("#add-input", Input).value
        hint = self.query_one("#add-hint", Static)
        if not text.strip():
            hint.update(Content(HINT))
            return
        try:
            hint.update(plain_content(describe(resolve(text, self.kind))))
        except InputProblem as problem:
            hint.update(plain_content(one_line(problem)))

    # -- starting -----------------------------------------------------------------------

    @on(Input.Submitted, "#add-input")
    def submitted(self) -> None:
        if self.running:
            self._say("Still working on the last items; wait for them to finish.", error=True)
            return
        self.remove_class("-done")
        self._list_problems([])  # the last run's, no longer current
        library = self.news_app.library
        if library is None:
            self._say("The library is still opening; try again in a moment.", error=True)
            return
        try:
            request = resolve(self.query_one("#add-input", Input).value, self.kind)
        except InputProblem as problem:
            self._say(one_line(problem), error=True)
            return
        self._start(library, request)

    def _start(self, library: Library, request: AddRequest) -> None:
        self.running = True
        self.add_class("-running")
        self.query_one("#add-problems", VerticalScroll).remove_children()
        self.query_one(ProgressBar).update(total=None, progress=0)
        if request.feeds:
            self._say(f"Subscribing to {plural(len(request.items), 'feed')}…")
            self._subscribe(self.news_app, library, request.items)
        else:
            self._say(f"Reading {plural(len(request.items), 'item')}…")
            self._add(self.news_app, library, request.items)

    # -- the work (worker threads) -------------------------------------------------------

    @work(thread=True, exclusive=True, group="add", exit_on_error=False)
    def _add(self, app: NewsReaderApp, library: Library, items: list[str]) -> None:
        done = 0

        def progress(count: int) -> None:
            nonlocal done
            done += count
            self._post(self.Progress(done))

        try:
            self._post(self.Started(count_added_items(items)))
            outcome = self.Finished(library.add(items, progress=progress))
        except LibraryError as error:
            outcome = self.Finished(None, one_line(error))
        except Exception as error:  # said in one line even if the dialog is gone
            outcome = self.Finished(None, f"Something went wrong: {one_line(error)}")
        self._hand_over(app, outcome)

    @work(thread=True, exclusive=True, group="add", exit_on_error=False)
    def _subscribe(self, app: NewsReaderApp, library: Library, urls: list[str]) -> None:
        feeds: list[FeedInfo] = []
        problems: list[Problem] = []
        for url in urls:
            try:
                feeds.append(library.add_feed(url))
            except LibraryError as error:
                problems.append(Problem(url, one_line(error)))
            except Exception as error:  # one bad URL never stops the others
                problems.append(Problem(url, f"something went wrong: {one_line(error)}"))
        self._hand_over(app, self.Subscribed(feeds, problems))

    def _post(self, message: Message) -> None:
        """From the worker: progress for the dialog, dropped once it is closed
        (a closed dialog no longer finds its app from a thread)."""
        try:
            self.post_message(message)
        except RuntimeError:
            pass

    def _hand_over(self, app: NewsReaderApp, outcome: Message) -> None:
        """From the worker: deliver the outcome on the UI thread, to the dialog if
        it is still open (its queue may be closed otherwise), else to the app.
        `app` was taken when the work started: a closed dialog has none."""
        try:
            app.call_from_thread(self._deliver, app, outcome)
        except RuntimeError:
            pass  # the app has exited: the add itself is complete and committed

    def _deliver(self, app: NewsReaderApp, outcome: Message) -> None:
        if not app.is_running:
            return
        if self.closed_early:
            self._outcome_in_background(app, outcome)
        else:
            self.post_message(outcome)

    # -- progress and outcome ------------------------------------------------------------

    @on(Started)
    def started(self, message: Started) -> None:
        self.query_one(ProgressBar).update(total=message.total or None, progress=0)

    @on(Progress)
    def progressed(self, message: Progress) -> None:
        bar = self.query_one(ProgressBar)
        # Files the count could not see (a missing path, a directory that
        # changed) still report progress: grow the total rather than overflow.
        total = max(bar.total or 0, message.done)
        bar.update(total=total, progress=message.done)

    @on(Finished)
    def finished(self, message: Finished) -> None:
        self._stop()
        if message.report is None:
            self._say(message.error, error=True)
            return
        report = message.report
        bar = self.query_one(ProgressBar)
        bar.update(total=max(bar.total or 0, 1), progress=max(bar.total or 0, 1))
        self._say(add_summary(report), error=bool(report.failed) and not report.added)
        self._list_problems(
            [Problem(f.path, f.reason) for f in report.failed]
            + [Problem(s.path, s.reason, failed=False) for s in report.skipped]
        )
        if report.added:
            self.query_one("#add-input", Input).value = ""
            self.news_app.articles_added(list(report.added))

    @on(Subscribed)
    def subscribed(self, message: Subscribed) -> None:
        self._stop()
        self.query_one(ProgressBar).update(total=1, progress=1 if message.feeds else 0)
        self._list_problems(message.problems)
        if not message.feeds:
            self._say(f"Not subscribed: {plural(len(message.problems), 'feed')} failed", error=True)
            return
        self.query_one("#add-input", Input).value = ""
        self._say(self._fetch(self.news_app, message.feeds))

    def _outcome_in_background(self, app: NewsReaderApp, outcome: Message) -> None:
        """The dialog was closed: the outcome as a notification."""
        if isinstance(outcome, self.Finished):
            if outcome.report is None:
                app.notify(outcome.error, title="Add failed", severity="error", markup=False)
                return
            lines = [add_summary(outcome.report)] + [one_line(f) for f in outcome.report.failed[:5]]
            app.notify("\n".join(lines), title="Add", markup=False,
                       severity="warning" if outcome.report.failed else "information")  # fmt: skip
            if outcome.report.added:
                app.articles_added(list(outcome.report.added))
        elif isinstance(outcome, self.Subscribed):
            lines = [problem.line() for problem in outcome.problems[:5]]
            if outcome.feeds:
                lines.insert(0, self._fetch(app, outcome.feeds))
            app.notify("\n".join(lines), title="Feeds", markup=False,
                       severity="warning" if outcome.problems else "information")  # fmt: skip

    def _fetch(self, app: NewsReaderApp, feeds: list[FeedInfo]) -> str:
        """Start the first refresh of new feeds (the app shows its progress in
        the title bar and its outcome in a notification); what to tell the user."""
        names = one_line(", ".join(feed.name for feed in feeds))
        app.articles_changed()  # the feeds screen lists them at once
        if app.refreshing:
            return f"Subscribed to {names}; a refresh is running, so press R in the feeds screen (F) afterwards."
        app.refresh_feeds([feed.id for feed in feeds])
        return f"Subscribed to {names}; fetching the articles (progress in the title bar)."

    # -- showing ---------------------------------------------------------------------------

    def _stop(self) -> None:
        self.running = False
        self.remove_class("-running")
        self.add_class("-done")  # the bar stays, full, beside the outcome

    def _say(self, text: str, *, error: bool = False) -> None:
        summary = self.query_one("#add-summary", Static)
        summary.update(plain_content(one_line(text)))
        summary.set_class(error, "-error")

    def _list_problems(self, problems: list[Problem]) -> None:
        box = self.query_one("#add-problems", VerticalScroll)
        box.remove_children()
        lines = [
            Static(plain_content(problem.line()), classes="-failed" if problem.failed else "-skipped")
            for problem in problems[:SHOWN_PROBLEMS]
        ]
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(Static(Content(f"… and {len(problems) - SHOWN_PROBLEMS} more"), classes="-skipped"))
        box.mount_all(lines)
        box.set_class(bool(problems), "-some")

    def worker_failed(self, error: BaseException | None) -> None:
        super().worker_failed(error)
        self._stop()

    def action_close(self) -> None:
        """Close; work under way finishes in the background and says how it went."""
        if self.running:
            self.closed_early = True
            self.notify("Still adding in the background; you will be told when it is done.", markup=False)
        self.dismiss(None)
