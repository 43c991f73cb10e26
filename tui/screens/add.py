"""The add dialog (`a`): web pages, files and directories, or feeds to subscribe to.

The work runs in a worker, so typing never waits on it. Progress comes back
by message; the outcome is handed over on the UI thread with
`call_from_thread`, because the user may have closed the dialog meanwhile:
an add is never abandoned half-way (the library stays consistent), it
finishes in the background and the app is told either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Input, ProgressBar, RadioButton, RadioSet, Static

from index.api import EMPTY_DIRECTORY, LibraryError, count_added_items, split_sources

from ..add_input import InputProblem, Kind, describe, resolve
from ..safe import one_line, plain_content
from ..wording import plural
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


def add_summary(report: AddReport) -> str:
    """'3 added, 1 already in the library, 1 failed, 2 not articles, 1 empty directory, 1 warning'."""
    parts = [f"{len(report.added)} added"]
    if report.skipped:
        parts.append(f"{len(report.skipped)} already in the library")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    empty = sum(item.kind == EMPTY_DIRECTORY for item in report.ignored)
    if len(report.ignored) > empty:
        parts.append(f"{len(report.ignored) - empty} not {'an article' if len(report.ignored) - empty == 1 else 'articles'}")
    if empty:
        parts.append(plural(empty, "empty directory", "empty directories"))
    if report.warnings:
        parts.append(plural(len(report.warnings), "warning"))
    if report.interrupted:
        parts.append("interrupted (what was read is kept)")
    return ", ".join(parts)


SUBSCRIBE_INSTEAD = "choose Subscribe to feed"
_SENT_A_FEED = re.compile(r"the server sent (\S+), not a web page")
_FEED_MEDIA_WORDS = ("rss", "atom", "xml", "feed", "json")
_ALREADY = re.compile(r"already subscribed as feed \S+ \((.*)\)$")


@dataclass(frozen=True)
class Problem:
    """One item that was not added, for one line in the dialog."""

    item: str
    reason: str
    failed: bool = True
    """False: skipped (already in the library), not an error."""
    name: str = ""
    """A feed already subscribed: its name (for the summary)."""
    label: str = ""
    """What the line starts with (default: 'not added' or 'skipped')."""

    @property
    def style(self) -> str:
        return "-failed" if self.failed else "-warning" if self.label == "warning" else "-skipped"

    def line(self) -> str:
        label = self.label or ("not added" if self.failed else "skipped")
        return one_line(f"{label}: {self.item}: {self.reason}")


def page_problem(item: str, reason: str) -> Problem:
    """A page or file that was not added; a page that turned out to be a feed,
    or that may only link one, says to subscribe instead."""
    sent = _SENT_A_FEED.search(reason)
    if sent and any(word in sent.group(1).lower() for word in _FEED_MEDIA_WORDS):
        reason = f"{sent.group(0)}; it is a feed: {SUBSCRIBE_INSTEAD}"
    elif "links a feed" in reason:
        reason = f"{reason.split(';')[0]}; it links a feed: {SUBSCRIBE_INSTEAD}"
    elif "has no article text" in reason and split_sources([item])[0]:
        reason = f"{reason}; if it links a feed: {SUBSCRIBE_INSTEAD}"
    return Problem(item, reason)


def feed_problem(url: str, error: Exception) -> Problem:
    """A feed that was not subscribed to; one already subscribed is skipped, not failed."""
    text = one_line(error)
    if type(error).__name__ == "FeedExists":
        found = _ALREADY.search(text)
        name = found.group(1) if found else url
        return Problem(url, f"already subscribed as {name}", failed=False, name=name)
    return Problem(url, text)


class AddInput(Input):
    """The items to add; its enter is shown in the footer (Input hides it)."""

    BINDINGS = [Binding("enter", "submit", "Add")]


class KindChoice(RadioSet):
    """Page or feed; enter picks the highlighted choice and adds, as in the input."""

    BINDINGS = [Binding("enter", "choose_and_add", "Add")]

    @dataclass
    class Chosen(Message):
        index: int

    def action_choose_and_add(self) -> None:
        index = getattr(self, "_selected", None)
        if index is None:
            index = self.pressed_index
        self.action_toggle_button()
        self.post_message(self.Chosen(index))


class AddScreen(NewsModal[None]):
    """Type URLs or paths; enter adds them (or subscribes to them as feeds)."""

    CSS_PATH = "../styles/add.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        # `?` types itself in the text box, so the footer offers f1 there.
        Binding("f1", "app.help", "Help"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

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
        """The work is done: feeds subscribed to (and those that were not), and
        pages and files added (`report`, None if none were asked for or the add
        could not run: then `error`)."""

        report: AddReport | None
        error: str = ""
        feeds: list[FeedInfo] = field(default_factory=list)
        feed_problems: list[Problem] = field(default_factory=list)

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
            with KindChoice(id="add-kind"):
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

    @on(KindChoice.Chosen)
    def chosen(self, message: KindChoice.Chosen) -> None:
        self.submitted(KINDS[message.index] if 0 <= message.index < len(KINDS) else None)

    @on(Input.Submitted, "#add-input")
    def submitted(self, kind: Kind | Input.Submitted | None = None) -> None:
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
            request = resolve(self.query_one("#add-input", Input).value,
                              kind if isinstance(kind, Kind) else self.kind)  # fmt: skip
        except InputProblem as problem:
            self._say(one_line(problem), error=True)
            return
        self._start(library, request.feeds, request.pages)

    def _start(self, library: Library, feeds: list[str], pages: list[str]) -> None:
        self.running = True
        self.add_class("-running")
        self.query_one("#add-problems", VerticalScroll).remove_children()
        self.query_one(ProgressBar).update(total=None, progress=0)
        if feeds and pages:
            self._say(f"Subscribing to {plural(len(feeds), 'feed')} and reading {plural(len(pages), 'item')}…")
        elif feeds:
            self._say(f"Subscribing to {plural(len(feeds), 'feed')}…")
        else:
            self._say(f"Reading {plural(len(pages), 'item')}…")
        self._run(self.news_app, library, feeds, pages)

    # -- the work (worker threads) -------------------------------------------------------

    @work(thread=True, exclusive=True, group="add", exit_on_error=False)
    def _run(self, app: NewsReaderApp, library: Library, feeds: list[str], pages: list[str]) -> None:
        done = 0

        def progress(count: int) -> None:
            nonlocal done
            done += count
            self._post(self.Progress(done))

        outcome = self.Finished(None)
        try:
            self._post(self.Started(len(feeds) + (count_added_items(pages) if pages else 0)))
            for url in feeds:
                try:
                    outcome.feeds.append(library.add_feed(url))
                except LibraryError as error:
                    outcome.feed_problems.append(feed_problem(url, error))
                except Exception as error:  # one bad URL never stops the others
                    outcome.feed_problems.append(Problem(url, f"something went wrong: {one_line(error)}"))
                progress(1)
            if pages:
                outcome.report = library.add(pages, progress=progress)
        except LibraryError as error:
            outcome.error = one_line(error)
        except Exception as error:  # said in one line even if the dialog is gone
            outcome.error = f"Something went wrong: {one_line(error)}"
        self._hand_over(app, outcome)

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
        bar = self.query_one(ProgressBar)
        bar.update(total=max(bar.total or 0, 1), progress=max(bar.total or 0, 1))
        text, error, problems, added = self._outcome(self.news_app, message)
        self._say(text, error=error)
        self._list_problems(problems)
        if message.feeds or added:
            self.query_one("#add-input", Input).value = ""  # ready for more
        if added:
            self.news_app.articles_added(added)

    def _outcome(self, app: NewsReaderApp, outcome: Finished) -> tuple[str, bool, list[Problem], list[str]]:
        """What the work did, in one line (and whether it all failed), the items
        not added, and the articles added; starts new feeds' first refresh."""
        parts: list[str] = []
        problems: list[Problem] = list(outcome.feed_problems)
        added: list[str] = []
        succeeded = bool(outcome.feeds)
        if outcome.feeds:
            parts.append(self._fetch(app, outcome.feeds))
        already = [p.name for p in outcome.feed_problems if not p.failed]
        if already:
            parts.append(f"Already subscribed to {one_line(', '.join(already))}")
            succeeded = True  # nothing to fix
        not_subscribed = sum(p.failed for p in outcome.feed_problems)
        if not_subscribed:
            parts.append(f"Not subscribed: {plural(not_subscribed, 'feed')} failed")
        if outcome.error:
            parts.append(outcome.error)
        elif outcome.report is not None:
            report = outcome.report
            parts.append(add_summary(report))
            problems += [page_problem(f.path, f.reason) for f in report.failed]
            problems += [Problem(w.path, w.reason, failed=False, label="warning") for w in report.warnings]
            problems += [Problem(s.path, s.reason, failed=False) for s in report.skipped]
            problems += [Problem(i.path, i.reason, failed=False) for i in report.ignored]
            added = list(report.added)
            # Nothing added and nothing already here: whatever was given held no article.
            succeeded = succeeded or bool(report.added) or bool(report.skipped)
        return " · ".join(parts), not succeeded, problems, added

    def _outcome_in_background(self, app: NewsReaderApp, outcome: Message) -> None:
        """The dialog was closed: the outcome as a notification."""
        if not isinstance(outcome, self.Finished):
            return
        text, error, problems, added = self._outcome(app, outcome)
        lines = [text] + [problem.line() for problem in problems if problem.failed][:5]
        severity = "error" if error else "warning" if any(p.failed for p in problems) else "information"
        app.notify("\n".join(lines), title="Add", severity=severity, markup=False)
        if added:
            app.articles_added(added)

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
            Static(plain_content(problem.line()), classes=problem.style)
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
