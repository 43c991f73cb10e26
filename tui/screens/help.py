"""The `?` screen: every key, from `help.md`."""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown

from ..keys import vim_scroll
from .base import NewsModal


class HelpBody(VerticalScroll, can_focus=True):
    """The scrolling help text, with vim keys (`j` `k` `g` `G` `space` `b`)."""

    BINDINGS = [*vim_scroll()]


class HelpScreen(NewsModal[None]):
    CSS_PATH = "../styles/help.tcss"
    AUTO_FOCUS = "#help-body"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        # Our own file, trusted: the one place Markdown is rendered.
        text = files("tui").joinpath("help.md").read_text(encoding="utf-8")
        with HelpBody(id="help-body"):
            yield Markdown(text)
        yield Footer()
