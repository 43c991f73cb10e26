"""Feeds: every subscription with its counts, last refresh and last error;
refresh, remove or rename one, and list the articles it brought in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from index.api import LibraryError

from ..keys import vim_list
from ..messages import FeedsChanged
from ..safe import one_line, plain_content
from .base import NewsScreen
from .feed_dialogs import ConfirmScreen, RenameScreen

if TYPE_CHECKING:
    from index.api import FeedInfo, Library

EMPTY = "No feeds yet: press a to subscribe, or run `newsreader feeds add URL`"
NAME_WIDTH = 40
STATUS_WIDTH = 60
"""Longest name and status shown in the table (the rest is cut with "…")."""
COLUMNS = (("Feed", "name"), ("Articles", "articles"), ("Unread", "unread"),
           ("Last refresh", "refresh"), ("Status", "status"))  # fmt: skip
TABLE_CHROME = 4
"""Columns of the table's width that are not cells: its border and a scroll bar."""
CELL_PADDING = 2
"""Blank columns around each cell (DataTable's cell padding, both sides)."""
MIN_WIDTH = 6
"""The narrowest the name and status columns get on a narrow screen."""


def now() -> datetime:
    """The moment relative times are measured from (tests freeze it)."""
    return datetime.now(timezone.utc)


def relative_time(when: datetime | None, at: datetime) -> str:
    """How long ago `when` was: 5 min ago, 3 h ago, 2 days ago; a date beyond a month; never."""
    if when is None:
        return "never"
    seconds = (at - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days < 31:
        return f"{days} day{'s' if days != 1 else ''} ago"
    return when.strftime("%Y-%m-%d")


def clip(text: str, width: int) -> str:
    """One line of at most `width` characters, cut with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def feed_name(feed: FeedInfo) -> str:
    """Its title, with the outlet its articles are credited to when that differs."""
    if feed.source and feed.source != feed.name:
        return f"{feed.name} ({feed.source})"
    return feed.name


def last_error(feed: FeedInfo) -> str:
    """Its last error, without the feed's address it usually starts with (shown beside it)."""
    error = feed.last_error or "error"
    if error.startswith(feed.url):
        error = error[len(feed.url) :].lstrip(": ") or error
    return error


def feed_detail(feed: FeedInfo) -> str:
    """The highlighted feed in full: its address, and its last error whole."""
    parts = [feed.url]
    if feed.failing:
        parts.append(f"FAILING: {feed.failures} refreshes in a row failed")
    elif feed.failures:
        parts.append(f"{feed.failures} failed refresh{'es' if feed.failures != 1 else ''} in a row")
    if feed.last_status == "error" and feed.last_error:
        parts.append(last_error(feed))
    return " · ".join(one_line(part) for part in parts)


def feed_status(feed: FeedInfo) -> str:
    """How its last refresh went, in words."""
    if feed.last_status is None:
        return "not refreshed yet"
    if feed.last_status == "error":
        return last_error(feed)
    return "not modified" if feed.last_status == "not-modified" else "ok"


def column_widths(cells: list[list[Text]], screen_width: int) -> list[int]:
    """Each column's width: as wide as its widest cell, except that the name and
    status share what the other columns leave of `screen_width` (set when
    the table is filled, so the first paint never depends on timing)."""
    widths = [max([len(label), *(row[i].cell_len for row in cells)]) for i, (label, _) in enumerate(COLUMNS)]
    room = screen_width - TABLE_CHROME - CELL_PADDING * len(COLUMNS) - sum(widths[1:4])
    name, status = widths[0], widths[4]
    if name + status > room:
        name = max(MIN_WIDTH, min(name, max(room - status, room // 2)))
        status = max(MIN_WIDTH, room - name)
    return [name, *widths[1:4], status]


def fit(text: Text, width: int) -> Text:
    """`text` cut to `width` cells with an ellipsis."""
    if text.cell_len <= width:
        return text
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


@dataclass(frozen=True)
class FeedArticle:
    """One row of the articles pane."""

    id: str
    title: str
    source: str
    published: datetime | None
    unread: bool


class FeedTable(DataTable):
    """The feeds, one row each, with vim keys; enter lists the feed's articles."""

    COMPONENT_CLASSES = {"feed-table--failing"}
    """The FAILING mark's style, coloured in feeds.tcss."""
    BINDINGS = [Binding("enter", "select_cursor", "Articles"), *vim_list(first="scroll_top", last="scroll_bottom")]


class FeedArticleList(OptionList):
    """A feed's articles, newest first; enter reads one."""

    BINDINGS = [Binding("enter", "select", "Read"), *vim_list()]


class FeedsScreen(NewsScreen):
    """The subscriptions. `r`/`R` refresh (the app runs it), `d` removes,
    `E` renames, `a` subscribes, `enter` lists a feed's articles."""

    CSS_PATH = "../styles/feeds.tcss"
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("r", "refresh_one", "Refresh"),
        # Short words, and `a` (a key of every screen) left to the help: the footer holds them all at 80 columns.
        Binding("R", "refresh_all", "All"),
        Binding("a", "add", "Add", show=False),
        Binding("E", "rename", "Rename"),
        Binding("d", "remove", "Remove"),
    ]

    @dataclass
    class Loaded(Message):
        feeds: list[FeedInfo]

    @dataclass
    class ArticlesLoaded(Message):
        feed: FeedInfo
        articles: list[FeedArticle]

    @dataclass
    class Failed(Message):
        """Loading or changing a feed failed: one line."""

        error: str

    @dataclass
    class Done(Message):
        """A feed was removed or renamed: what was done, for the user."""

        done: str

    def __init__(self) -> None:
        super().__init__()
        self.feeds: dict[str, FeedInfo] = {}
        """Feed id -> the feed, as shown (in table order)."""
        self.shown_feed: str | None = None
        """The feed whose articles the pane lists (None: the pane is closed)."""
        self.feed_list: list[FeedInfo] = []
        """The feeds as last loaded (the table is refilled from them on resize)."""
        self.widths: list[int] = []
        """The table's column widths, as last filled."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(Content("Loading feeds…"), id="feeds-status")
        with Vertical(id="feeds-body"):
            yield FeedTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
            yield Static(Content(""), id="feed-detail")
            yield Static(Content(""), id="feed-articles-title")
            yield FeedArticleList(id="feed-articles")
        yield Footer()

    @property
    def table(self) -> FeedTable:
        return self.query_one(FeedTable)

    @property
    def article_list(self) -> FeedArticleList:
        return self.query_one(FeedArticleList)

    def on_mount(self) -> None:
        self.title = "Feeds"
        self.reload()

    @property
    def selected(self) -> FeedInfo | None:
        """The feed under the table's cursor."""
        table = self.table
        if not self.feeds or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.feeds.get(key or "")

    # -- loading -------------------------------------------------------------------

    def reload(self) -> None:
        if self.library is not None:
            self._load(self.library)
            if self.shown_feed is not None:
                self._load_articles(self.library, self.shown_feed)

    @work(thread=True, exclusive=True, group="feeds-load", exit_on_error=False)
    def _load(self, library: Library) -> None:
        try:
            feeds = library.feeds()
        except LibraryError as error:
            self.post_message(self.Failed(one_line(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(feeds))

    @work(thread=True, exclusive=True, group="feeds-articles", exit_on_error=False)
    def _load_articles(self, library: Library, feed_id: str) -> None:
        try:
            feed = next((f for f in library.feeds() if f.id == feed_id), None)
            if feed is None:
                return  # removed meanwhile: the table reload closes the pane
            ids = library.feed_articles(feed_id)
            # In the library's order: newest first by published date, undated last
            # (an article removed from the library since is not listed). Only
            # this feed's articles are read, not the whole library.
            summaries = library.summaries_of(ids)
            flags = library.flags(ids)
        except LibraryError as error:
            self.post_message(self.Failed(one_line(error)))
            return
        articles = [
            FeedArticle(s.id, s.title, s.source, s.published, s.id in flags and not flags[s.id].read) for s in summaries
        ]
        if not get_current_worker().is_cancelled:
            self.post_message(self.ArticlesLoaded(feed, articles))

    def _cells(self, feeds: list[FeedInfo]) -> list[list[Text]]:
        at = now()
        failing = self.table.get_component_rich_style("feed-table--failing", partial=True)
        rows = []
        for feed in feeds:
            status = Text(clip(feed_status(feed), STATUS_WIDTH))
            if feed.failing:
                status = Text.assemble(Text(f"FAILING ×{feed.failures}", style=failing), " ", status)
            rows.append([
                Text(clip(feed_name(feed), NAME_WIDTH)),
                Text(str(feed.articles), justify="right"),
                Text(str(feed.unread), justify="right"),
                Text(relative_time(feed.last_refresh, at)),
                status,
            ])  # fmt: skip
        return rows

    def _fill(self, feeds: list[FeedInfo]) -> None:
        """(Re)fill the table, its column widths set from the screen's width."""
        table = self.table
        keep = self.selected.id if self.selected else None
        self.feeds = {feed.id: feed for feed in feeds}
        self.feed_list = feeds
        cells = self._cells(feeds)
        self.widths = column_widths(cells, self.size.width or self.app.size.width)
        table.clear(columns=True)
        for (label, key), width in zip(COLUMNS, self.widths, strict=True):
            table.add_column(Text(label), width=width, key=key)
        for feed, row in zip(feeds, cells, strict=True):
            table.add_row(*(fit(cell, width) for cell, width in zip(row, self.widths, strict=True)), key=feed.id)
        if keep in self.feeds:
            table.move_cursor(row=table.get_row_index(keep))

    def on_resize(self) -> None:
        if self.feed_list and column_widths(self._cells(self.feed_list), self.size.width) != self.widths:
            self._fill(self.feed_list)

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        table = self.table
        self._fill(message.feeds)
        empty = not message.feeds
        self.set_class(empty, "-empty")
        self.refresh_bindings()
        status_line = self.query_one("#feeds-status", Static)
        if empty:
            status_line.update(Content(EMPTY))
        else:
            count = len(message.feeds)
            failing_count = sum(feed.failing for feed in message.feeds)
            text = f"{count} feed{'s' if count != 1 else ''}"
            if failing_count:
                text += f" · {failing_count} failing (5 or more refreshes in a row failed)"
            status_line.update(Content(text))
        if self.shown_feed is not None and self.shown_feed not in self.feeds:
            self._close_articles()
        if not isinstance(self.focused, FeedArticleList):
            table.focus()

    @on(ArticlesLoaded)
    def articles_loaded(self, message: ArticlesLoaded) -> None:
        if message.feed.id != self.shown_feed:
            return  # the pane moved on to another feed, or closed
        pane = self.article_list
        keep = pane.highlighted_option.id if pane.highlighted_option else None
        pane.clear_options()
        pane.add_options(self._article_option(article) for article in message.articles)
        count = len(message.articles)
        title = f"{one_line(message.feed.name)}: {count} article{'s' if count != 1 else ''}"
        if not count:
            title += " (none yet: r refreshes it)"
        self.query_one("#feed-articles-title", Static).update(plain_content(title))
        if keep is not None and keep in {a.id for a in message.articles}:
            pane.highlighted = pane.get_option_index(keep)
        elif count:
            pane.highlighted = 0
        if pane.loading:  # just opened: the list takes the keys
            pane.loading = False
            pane.focus()

    @staticmethod
    def _article_option(article: FeedArticle) -> Option:
        date = article.published.strftime("%Y-%m-%d") if article.published else ""
        parts = [one_line(part) for part in (article.title, article.source, date) if part.strip()]
        return Option(plain_content(f"{'●' if article.unread else ' '} {' · '.join(parts)}"), id=article.id)

    @on(Failed)
    def failed(self, message: Failed) -> None:
        self.article_list.loading = False
        if not self.feeds:
            self.query_one("#feeds-status", Static).update(plain_content(message.error))
        self.notify(message.error, title="Feeds", severity="error", markup=False)

    @on(Done)
    def done(self, message: Done) -> None:
        self.notify(message.done, title="Feeds", timeout=4, markup=False)
        self.reload()

    @on(FeedsChanged)
    def feeds_changed(self, message: FeedsChanged) -> None:
        self.reload()

    # -- the articles pane ----------------------------------------------------------

    @on(DataTable.RowHighlighted, "#feeds-table")
    def show_detail(self, event: DataTable.RowHighlighted) -> None:
        feed = self.feeds.get(event.row_key.value or "")
        self.query_one("#feed-detail", Static).update(plain_content(feed_detail(feed) if feed else ""))

    @on(DataTable.RowSelected, "#feeds-table")
    def show_articles(self, event: DataTable.RowSelected) -> None:
        feed = self.feeds.get(event.row_key.value or "")
        if feed is None or self.library is None:
            return
        self.shown_feed = feed.id
        self.add_class("-articles")
        pane = self.article_list
        pane.clear_options()
        pane.loading = True
        self.query_one("#feed-articles-title", Static).update(plain_content(f"{one_line(feed.name)}: loading…"))
        self._load_articles(self.library, feed.id)

    @on(OptionList.OptionSelected, "#feed-articles")
    def read_article(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.news_app.open_article(event.option.id)

    def _close_articles(self) -> None:
        self.shown_feed = None
        self.remove_class("-articles")
        self.article_list.clear_options()
        self.table.focus()

    # -- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on a feed are hidden while there is none."""
        if action in ("refresh_one", "refresh_all", "rename", "remove") and not self.feeds:
            return False
        return True

    def action_back(self) -> None:
        """Close the articles pane first, then the screen."""
        if self.shown_feed is not None:
            self._close_articles()
        else:
            self.app.pop_screen()

    def action_refresh_one(self) -> None:
        feed = self.selected
        if feed is not None:
            self.news_app.refresh_feeds([feed.id])

    def action_refresh_all(self) -> None:
        self.news_app.refresh_feeds()

    def action_add(self) -> None:
        self.news_app.action_add()

    def action_remove(self) -> None:
        feed = self.selected
        if feed is None or self.library is None:
            return
        library = self.library
        count = feed.articles
        question = (
            f"Unsubscribe from {clip(feed.name, NAME_WIDTH)}? "
            f"Its {count} article{'s' if count != 1 else ''} stay in the library."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(library, feed)

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_rename(self) -> None:
        feed = self.selected
        if feed is None or self.library is None:
            return
        library = self.library

        def named(title: str | None) -> None:
            if title and title != feed.title:
                self._rename(library, feed, title)

        self.app.push_screen(RenameScreen(feed.name), named)

    @work(thread=True, exclusive=True, group="feeds-change", exit_on_error=False)
    def _remove(self, library: Library, feed: FeedInfo) -> None:
        try:
            library.remove_feed(feed.id)
        except LibraryError as error:
            self.post_message(self.Failed(one_line(error)))
            return
        self.post_message(self.Done(f"Unsubscribed from {one_line(feed.name)}; its articles stay in the library."))

    @work(thread=True, exclusive=True, group="feeds-change", exit_on_error=False)
    def _rename(self, library: Library, feed: FeedInfo, title: str) -> None:
        try:
            renamed = library.rename_feed(feed.id, title)
        except LibraryError as error:
            self.post_message(self.Failed(one_line(error)))
            return
        self.post_message(self.Done(f"Renamed {one_line(feed.name)} to {one_line(renamed.name)}."))
