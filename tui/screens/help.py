"""The `?` screen: every key, from `help.md`, opened at the current screen's section."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from ..help_keys import help_as_lists
from ..keys import vim_scroll
from .base import NewsModal

SECTIONS = {
    "LibraryScreen": "Library",
    "ReaderScreen": "Reader",
    "CompareScreen": "Compare",
    "StoriesScreen": "Stories",
    "FeedsScreen": "Feeds",
    "AddScreen": "Adding",
}
"""The help.md heading (`## …`) that documents each screen, by its class name
(names, not classes: importing every screen here would load them all for `?`)."""


def section_for(stack: list[Screen]) -> str | None:
    """The section of the topmost screen that has one (a dialog over a screen opens the screen's)."""
    for screen in reversed(stack):
        for cls in type(screen).__mro__:
            if cls.__name__ in SECTIONS:
                return SECTIONS[cls.__name__]
    return None


class HelpBody(VerticalScroll, can_focus=True):
    """The scrolling help text, with the keys it documents: `j` `k` `g` `G`
    `space` `b` beside the arrows, home/end and the page keys."""

    BINDINGS = [*vim_scroll()]


class HelpScreen(NewsModal[None]):
    CSS_PATH = "../styles/help.tcss"
    AUTO_FOCUS = "#help-body"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section
        """The heading to open at (None: the top)."""

    def compose(self) -> ComposeResult:
        with HelpBody(id="help-body"):
            yield Markdown(help_as_lists())  # our own file, trusted: the one place Markdown is rendered
        yield Footer()

    @on(Markdown.TableOfContentsUpdated)
    def _contents_ready(self, event: Markdown.TableOfContentsUpdated) -> None:
        # The headings exist only once the Markdown has been laid out: scroll after that.
        if self.section is not None:
            self.call_after_refresh(self._show_section, event.table_of_contents)

    def _show_section(self, contents: list[tuple[int, str, str | None]]) -> None:
        heading_id = next((id for _level, title, id in contents if title == self.section and id), None)
        if heading_id is None:
            return
        body = self.query_one(HelpBody)
        heading = self.query_one(f"#{heading_id}")
        body.scroll_to_widget(heading, animate=False, top=True)
