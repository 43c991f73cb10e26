"""The reader: one article at a comfortable width, with search matches,
entities and quotations highlighted, and a side panel of who says what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal
from textual.content import Content
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from index.api import LibraryError

from ..messages import Notice, PreviewLoaded
from ..palette import LEGEND_LABELS
from ..safe import one_line
from ..widgets.analysis_panel import AnalysisPanel
from ..widgets.article_view import ArticleView
from .articles import ArticleScreen, FlagsLoaded, also_published

if TYPE_CHECKING:
    from index.api import Flags, Library, MatchTerms

LEGEND = (*LEGEND_LABELS.items(), ("quote", "“quote”"), ("speaker", "speaker"))
"""Component of ArticleView (without its prefix) and the word drawn in its style."""
WIDE_WIDTH = 120
"""From this width the side panel opens with the article."""


class ReaderScreen(ArticleScreen):
    """One article; opening it marks it read (`u` marks it unread again)."""

    CSS_PATH = "../styles/reader.tcss"
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("n", "next_match", "Next match"),
        Binding("N", "previous_match", "Prev match", show=False),
        Binding("u", "toggle_read", "Read/unread", show=False),
        Binding("s", "toggle_star", "Star", show=False),
        Binding("d", "remove", "Remove", show=False),  # ArticleScreen.action_remove: asks, then closes the reader
        Binding("o", "open_original", "Web page", show=False),
        Binding("y", "copy_address", "Copy URL", show=False),
        Binding("r", "refresh_feed", "Refresh feed", show=False),
        Binding("e", "toggle_entities", "Entities"),
        Binding("quotation_mark", "toggle_quotes", "Quotes", show=False),
        Binding("p", "toggle_panel", "Panel"),
        Binding("tab", "switch_pane", "Switch pane", show=False),
    ]

    def __init__(
        self, article_id: str, terms: MatchTerms | None = None, *, at: tuple[int, int] | None = None
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.terms = terms
        self.at = at
        """A body range to scroll to and mark once the article is shown."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="reader-body"):
            with Center(id="reader-frame"):
                yield ArticleView(id="reader", analysis=True)
            yield AnalysisPanel(id="analysis-panel")
        yield Static(Content(), id="reader-legend")
        yield Static(Content(), id="reader-status")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one("#reader", ArticleView)

    def _status(self, text: str) -> None:
        self.query_one("#reader-status", Static).update(Content(text))

    def on_mount(self) -> None:
        self.view.focus()
        self.set_class(self.size.width < WIDE_WIDTH, "-panel-hidden")
        self._draw_legend()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw_legend())
        if self.library is not None:
            self._load(self.library, self.article_id, self.terms)

    def _draw_legend(self) -> None:
        view = self.view
        # One word per kind, two spaces apart, so the legend wraps between words on a narrow terminal.
        parts = [Content("Legend:")]
        for component, label in LEGEND:
            partial = component != "quote"
            parts.append(Content(label).stylize(view.get_visual_style(f"article-view--{component}", partial=partial)))
        self.query_one("#reader-legend", Static).update(Content("  ").join(parts))

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    def _load(self, library: Library, article_id: str, terms: MatchTerms | None) -> None:
        article = library.get(article_id)
        also = also_published(library, article_id) if article is not None else []
        if get_current_worker().is_cancelled:
            return
        self.post_message(PreviewLoaded(article, terms, also))
        if article is None:
            return
        try:  # opening an article marks it read
            flags = library.flags([article_id])
            unread = not flags[article_id].read
            if unread:
                library.mark_read([article_id])
                flags = library.flags([article_id])
        except LibraryError as error:
            self.post_message(Notice(f"Could not mark the article read: {one_line(error)}", "warning"))
            return
        self.post_message(FlagsLoaded(flags, changed=unread))

    # -- what the article keys act on (see ArticleScreen) --------------------------

    def current_article(self) -> str | None:
        return self.article_id if self.view.article is not None else None

    def known_flags(self, article_id: str) -> Flags | None:
        return self.view.flags if article_id == self.article_id else None

    def show_flags(self, flags: dict[str, Flags]) -> None:
        if self.article_id in flags:
            self.view.flags = flags[self.article_id]

    @on(PreviewLoaded)
    def show_article(self, message: PreviewLoaded) -> None:
        view = self.view
        if message.article is None:
            self.notify(
                f"Article {one_line(self.article_id)} is no longer in the library", severity="error", markup=False
            )
            self.app.pop_screen()
            return
        # The Header shows it as plain Content; one line, no controls.
        self.sub_title = one_line(message.article.title)
        view.show(message.article, message.terms)
        view.also = message.also
        self.query_one(AnalysisPanel).show(message.article)
        if self.at is not None:
            self.call_after_refresh(view.goto_body_offset, *self.at)
        total = len(view.matches)
        self._status(f"{total} match{'es' if total != 1 else ''}  ·  n / N to jump" if message.terms else "")

    def worker_failed(self, error: BaseException | None) -> None:
        super().worker_failed(error)
        if self.view.article is None:
            self._status("The article could not be loaded: escape goes back")

    @on(ArticleView.MatchChanged)
    def match_changed(self, message: ArticleView.MatchChanged) -> None:
        if message.total == 0:
            self._status("No search matches in this article")
        else:
            self._status(f"Match {message.index + 1} of {message.total}  ·  n / N to jump")

    @on(AnalysisPanel.MentionChosen)
    def mention_chosen(self, message: AnalysisPanel.MentionChosen) -> None:
        self.view.goto_body_offset(message.start, message.end)

    @on(AnalysisPanel.SearchRequested)
    def search_requested(self, message: AnalysisPanel.SearchRequested) -> None:
        self.news_app.search_library(message.query)

    def action_next_match(self) -> None:
        self.view.goto_match(1)

    def action_previous_match(self) -> None:
        self.view.goto_match(-1)

    def action_toggle_entities(self) -> None:
        self.view.show_entities = not self.view.show_entities
        self.notify(f"Entity highlighting {'on' if self.view.show_entities else 'off'}", timeout=2, markup=False)

    def action_toggle_quotes(self) -> None:
        self.view.show_quotes = not self.view.show_quotes
        self.notify(f"Quote highlighting {'on' if self.view.show_quotes else 'off'}", timeout=2, markup=False)

    def action_toggle_panel(self) -> None:
        hidden = not self.has_class("-panel-hidden")
        self.set_class(hidden, "-panel-hidden")
        if not hidden:
            self.query_one(AnalysisPanel).focus()
        else:
            self.view.focus()

    def action_switch_pane(self) -> None:
        if self.has_class("-panel-hidden"):
            return
        panel = self.query_one(AnalysisPanel)
        (self.view if panel.has_focus else panel).focus()
