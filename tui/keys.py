"""Key bindings shared by many widgets, declared once.

Every list, tree and scrolling view takes vim keys beside the arrows:
`j`/`k` move, `g`/`G` go to the first and last. Widgets add these to their
own BINDINGS with the action names their base class already has.
"""

from __future__ import annotations

from textual.binding import Binding


def vim_list(*, first: str = "first", last: str = "last") -> list[Binding]:
    """`j` `k` `g` `G` for a list or tree (OptionList, Tree, DataTable...):
    `first`/`last` name the widget's go-to-top/bottom actions."""
    return [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", first, "First", show=False),
        Binding("G", last, "Last", show=False),
    ]


def help_in_a_text_box() -> list[Binding]:
    """`f1` for help, shown in the footer while a text box has the focus
    (there `?` is typing, and Textual hides letter keys from the footer)."""
    return [Binding("f1", "app.help", "Help")]


def vim_scroll() -> list[Binding]:
    """`j` `k` `g` `G`, `space` `b` for a scrolling text view."""
    return [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("b", "page_up", "Page up", show=False),
    ]
