"""The newsreader Textual app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from .commands import NewsCommands
from .safe import one_line, plain_text
from .screens.library import LibraryScreen
from .screens.reader import ReaderScreen

if TYPE_CHECKING:
    from index.api import Library, MatchTerms


class NewsReaderApp(App[None]):
    TITLE = "newsreader"
    CSS_PATH = ["newsreader.tcss", "styles/library.tcss"]
    """App-wide styles, and the library screen's: Textual reads a screen's own
    CSS_PATH when it is pushed, but not for the default screen."""
    COMMANDS = App.COMMANDS | {NewsCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, library_dir: Path | None = None) -> None:
        super().__init__()
        self.library_dir = library_dir
        self.library: Library | None = None
        """The open library: set by the library screen once its worker opened it."""

    def get_default_screen(self) -> Screen:
        return LibraryScreen()

    def library_opened(self, library: Library, count: int) -> None:
        """Called by the library screen once its worker has opened the index."""
        self.library = library
        self.sub_title = f"{count} article{'s' if count != 1 else ''}"

    def fail(self, error: object) -> None:
        """Leave the app, printing one plain line (never markup: the error may quote a path or an id)."""
        self.exit(return_code=1, message=plain_text(f"newsreader: {one_line(error)}"))

    def open_article(
        self, article_id: str, terms: MatchTerms | None = None, at: tuple[int, int] | None = None
    ) -> None:
        """Read an article; `at` is a body range to show and mark (a passage)."""
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

    def search_library(self, query: str) -> None:
        """Back to the library screen, searching for `query` (from the reader's panel)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, LibraryScreen):
            screen.search_for(query)

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # Markdown is only needed here

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()
