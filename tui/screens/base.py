"""What every screen of the app shares: typed access to the app and the
library, and one home for workers that fail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from ..safe import one_line

if TYPE_CHECKING:
    from index.api import Library

    from ..app import NewsReaderApp


class WorkerFailures:
    """Mixin: a worker that raised shows its error and never leaves a spinner.

    Workers report results by messages; the errors they expect (a
    `LibraryError`) they report as messages too. Anything else ends here:
    the user sees one line, and whatever was loading stops loading.
    """

    # Named, not `@on`-decorated: Textual registers `@on` handlers only on
    # classes built by its metaclass, and this mixin is a plain class.
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        event.stop()
        error = event.worker.error
        self.worker_failed(error)

    def worker_failed(self, error: BaseException | None) -> None:
        """Show the error and stop every loading indicator on the screen.
        Screens override this to also leave a state that no longer makes sense."""
        screen = cast(Screen, self)
        for widget in screen.query("*"):
            if widget.loading:
                widget.loading = False
        reason = one_line(error) if error is not None else "unknown error"
        screen.notify(f"Something went wrong: {reason}", title="Error", severity="error", markup=False)


HELP_ACTIONS = frozenset({"help", "app.help"})


class HelpFirst:
    """Mixin: the footer lists `? Help` first.

    Textual's footer lists the focused widget's keys, then the screen's, then
    the app's, and cuts what does not fit: the app's `?` came last and was the
    first to go at 80 columns. Only the order the footer reads changes; which
    binding a key runs does not (Textual dispatches along its own chain).
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        first = {key: active for key, active in bindings.items() if active.binding.action in HELP_ACTIONS}
        return first | {key: active for key, active in bindings.items() if key not in first}


class NewsScreen(HelpFirst, WorkerFailures, Screen[None]):
    """A full screen of the app."""

    @property
    def news_app(self) -> NewsReaderApp:
        from ..app import NewsReaderApp

        return cast(NewsReaderApp, self.app)

    @property
    def library(self) -> Library | None:
        """The open library (None until the library screen has opened it)."""
        return self.news_app.library


ResultType = TypeVar("ResultType")


class NewsModal(HelpFirst, WorkerFailures, ModalScreen[ResultType], Generic[ResultType]):
    """A dialog over another screen (help, facets)."""

    # A dialog stops the app's keys: `?` is bound again here, and the help
    # opens at the section of the screen under the dialog (or the dialog's own).
    BINDINGS = [Binding("question_mark", "app.help", "Help")]

    @property
    def news_app(self) -> NewsReaderApp:
        from ..app import NewsReaderApp

        return cast(NewsReaderApp, self.app)
