"""Small dialogs of the feeds screen: confirm a removal, and rename a feed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from ..safe import one_line, plain_content
from .base import NewsModal


class ConfirmScreen(NewsModal[bool]):
    """A yes/no question; dismisses with True only on `y`."""

    CSS_PATH = "../styles/feeds.tcss"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes"),
        Binding("n,escape,q", "dismiss(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        """Untrusted (it names a feed): shown as plain text."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="feed-dialog"):
            yield Static(plain_content(one_line(self.question)), classes="feed-dialog-title")
            yield Static(Content("y: yes · n or escape: no"), classes="feed-dialog-hint")
        yield Footer()


class RenameScreen(NewsModal[str | None]):
    """An input prefilled with the feed's name; dismisses with the new name, or None."""

    CSS_PATH = "../styles/feeds.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="feed-dialog"):
            yield Static(Content("Rename the feed"), classes="feed-dialog-title")
            yield Input(one_line(self.current), placeholder="the feed's new name", id="rename-input")
            yield Static(Content("enter: save · escape: cancel"), id="rename-status", classes="feed-dialog-hint")
        yield Footer()

    @on(Input.Submitted, "#rename-input")
    def submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            # Refused here, in one line; the facade would refuse it too.
            self.query_one("#rename-status", Static).update(Content("A feed's name cannot be empty; type one."))
            self.query_one("#rename-status", Static).add_class("-error")
            return
        self.dismiss(name)
