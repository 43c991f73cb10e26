"""The reader: one article at a comfortable width, with search matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from ..messages import PreviewLoaded
from ..widgets.article_view import ArticleView

if TYPE_CHECKING:
    from index.highlight import MatchTerms


class ReaderScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("n", "next_match", "Next match"),
        Binding("N", "previous_match", "Prev match"),
    ]

    def __init__(self, article_id: str, terms: MatchTerms | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.terms = terms

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Center(id="reader-frame"):
            yield ArticleView(id="reader")
        yield Static("", id="reader-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self._load(self.app.library, self.article_id, self.terms)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    def _load(self, library, article_id: str, terms: MatchTerms | None) -> None:
        article = library.get(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(PreviewLoaded(article, terms))

    @on(PreviewLoaded)
    def show_article(self, message: PreviewLoaded) -> None:
        view = self.query_one(ArticleView)
        if message.article is None:
            self.notify(f"Article {self.article_id} is no longer in the library", severity="error")
            self.app.pop_screen()
            return
        self.sub_title = message.article.title
        view.show(message.article, message.terms)
        total = len(view.matches)
        status = f"{total} match{'es' if total != 1 else ''}  ·  n / N to jump" if message.terms else ""
        self.query_one("#reader-status", Static).update(status)

    @on(ArticleView.MatchChanged)
    def match_changed(self, message: ArticleView.MatchChanged) -> None:
        status = self.query_one("#reader-status", Static)
        if message.total == 0:
            status.update("No search matches in this article")
        else:
            status.update(f"Match {message.index + 1} of {message.total}  ·  n / N to jump")

    def action_next_match(self) -> None:
        self.query_one(ArticleView).goto_match(1)

    def action_previous_match(self) -> None:
        self.query_one(ArticleView).goto_match(-1)
