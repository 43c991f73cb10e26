"""What a screen showing articles can do to them (the library, the reader):
mark them read or unread and starred, open or copy the original page's
address, refresh the feed one came from, and remove them from the library.

Every library call runs in a worker; results come back as the messages
below, and flags changed here are announced to every screen through
`NewsReaderApp.articles_changed` (which also recounts the title bar).
"""

from __future__ import annotations

import webbrowser
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import on, work
from textual.message import Message

from index.api import LibraryError

from ..messages import FeedsChanged, LibraryChanged, Notice
from ..safe import one_line, safe
from .base import NewsScreen

if TYPE_CHECKING:
    from index.api import Flags, Library

NO_ADDRESS = "This article has no web address (it was added from a file)"
NOT_FROM_A_FEED = "This article did not come from a feed you subscribe to (R refreshes every feed)"


def address_problem(url: str) -> str | None:
    """Why `url` cannot be opened or copied as a web page (None: it can).
    Only http(s) goes to a browser: an address from a file's front matter
    could be `javascript:` or `file:`."""
    if not url.strip():
        return NO_ADDRESS
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"This article's address is not a web page: {one_line(url)}"
    return None


def also_published(library: Library, article_id: str) -> list[str]:
    """The outlets that also published an article; none when that cannot be read
    (the article itself is still worth showing)."""
    try:
        return library.also_published(article_id)
    except LibraryError:
        return []


def flags_note(ids: list[str], *, read: bool | None = None, starred: bool | None = None) -> str:
    """What a toggle did, in a few words: "Marked unread", "3 articles starred"."""
    if read is not None:
        what = "marked read" if read else "marked unread"
    else:
        what = "starred" if starred else "unstarred"
    return f"{len(ids)} articles {what}" if len(ids) > 1 else what.capitalize()


@dataclass
class FlagsLoaded(Message):
    """Articles' read and starred flags, fresh from the state database."""

    flags: dict[str, Flags]
    changed: bool = False
    """This screen just changed them: recount, and tell the other screens."""
    note: str = ""
    """What to tell the user about the change ("Starred")."""


@dataclass
class ArticlesRemoved(Message):
    """Articles are gone from the library, which now holds `count`."""

    ids: list[str]
    count: int


def removal_question(count: int) -> str:
    return f"Remove {count} article{'s' if count != 1 else ''} from the library? y/n"


@dataclass
class AddressFound(Message):
    """An article's web address, to copy."""

    url: str


@dataclass
class FeedFound(Message):
    """The feed an article came from, to refresh."""

    feed_id: str


class ArticleScreen(NewsScreen):
    """A screen that shows articles and acts on them (`u` `s` `d` `o` `y` `r` `R`).

    Subclasses say which article is current (`current_article`); by default
    the keys act on it alone and its flags are the ones on show. A screen
    showing more (the library's list, its marks) overrides `chosen_articles`
    and `shown_articles`; one that draws flags overrides `known_flags` and
    `show_flags`.
    """

    def current_article(self) -> str | None:
        """The one article `o`, `y` and `R` act on (None: nothing on show yet)."""
        return None

    def chosen_articles(self) -> list[str]:
        """The articles `u` and `s` act on."""
        current = self.current_article()
        return [current] if current is not None else []

    def shown_articles(self) -> list[str]:
        """The articles whose flags are on show (reloaded when flags change anywhere)."""
        return self.chosen_articles()

    def known_flags(self, article_id: str) -> Flags | None:
        """Flags already on show for an article (None: not known, read them)."""
        return None

    def show_flags(self, flags: dict[str, Flags]) -> None:
        """Draw new flags; a screen that draws none ignores them."""

    # -- read and starred ------------------------------------------------------

    def action_toggle_read(self) -> None:
        """Unread ones among the chosen: mark them all read; all read: mark them unread."""
        ids = self._chosen()
        if ids and self.library is not None:
            read = not all(self._flags(i).read for i in ids)
            self._set_flags(self.library, ids, read=read)

    def action_toggle_star(self) -> None:
        """All chosen starred: unstar them; otherwise star them all."""
        ids = self._chosen()
        if ids and self.library is not None:
            starred = not all(self._flags(i).starred for i in ids)
            self._set_flags(self.library, ids, starred=starred)

    def _chosen(self) -> list[str]:
        ids = self.chosen_articles()
        if not ids:
            self.notify("No article selected", severity="warning")
        return ids

    def _flags(self, article_id: str) -> Flags:
        known = self.known_flags(article_id)
        if known is not None:
            return known
        from index.api import Flags

        return Flags(read=True, starred=False)  # as the library counts an article it has no flags for

    def _set_flags(
        self, library: Library, ids: list[str], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        # Shown at once, so a second key press toggles from what the first did;
        # the worker's answer then shows what the database holds.
        shown = {}
        for article_id in ids:
            flags = self._flags(article_id)
            shown[article_id] = replace(
                flags, read=flags.read if read is None else read, starred=flags.starred if starred is None else starred
            )
        self.show_flags(shown)
        self._write_flags(library, ids, read, starred)

    @work(thread=True, group="flags", exit_on_error=False)
    def _write_flags(self, library: Library, ids: list[str], read: bool | None, starred: bool | None) -> None:
        try:
            if read is not None:
                library.mark_read(ids, read)
            if starred is not None:
                library.mark_starred(ids, starred)
        except LibraryError as error:
            self.post_message(Notice(one_line(error), "error"))
            self._reload_flags(library, ids)  # undo what was shown
            return
        self.post_message(FlagsLoaded(library.flags(ids), True, flags_note(ids, read=read, starred=starred)))

    def reload_flags(self) -> None:
        """Fetch the flags of the articles on show again (they changed elsewhere)."""
        ids = self.shown_articles()
        if ids and self.library is not None:
            self._load_flags(self.library, ids)

    @work(thread=True, exclusive=True, group="flags-load", exit_on_error=False)
    def _load_flags(self, library: Library, ids: list[str]) -> None:
        self._reload_flags(library, ids)

    def _reload_flags(self, library: Library, ids: list[str]) -> None:
        """(In a worker.) Post the flags of `ids`; a state database that fails says so once, here."""
        try:
            self.post_message(FlagsLoaded(library.flags(ids)))
        except LibraryError as error:
            self.post_message(Notice(one_line(error), "error"))

    @on(FlagsLoaded)
    def _flags_loaded(self, message: FlagsLoaded) -> None:
        self.show_flags(message.flags)
        if message.note:
            self.notify(message.note, timeout=2, markup=False)
        if message.changed:
            self.news_app.articles_changed()  # the title bar's unread count, and every other screen

    @on(FeedsChanged)
    def _feeds_changed(self, message: FeedsChanged) -> None:
        self.reload_flags()

    @on(Notice)
    def show_notice(self, message: Notice) -> None:
        self.notify(message.text, severity=message.severity, markup=False)

    # -- removing ----------------------------------------------------------------

    def action_remove(self) -> None:
        """Remove the chosen articles from the library, once the user says yes."""
        from .feed_dialogs import ConfirmScreen

        ids = self._chosen()
        if not ids or self.library is None:
            return
        library = self.library

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(library, ids)

        self.app.push_screen(ConfirmScreen(removal_question(len(ids))), answered)

    @work(thread=True, group="remove", exit_on_error=False)
    def _remove(self, library: Library, ids: list[str]) -> None:
        try:
            removed = library.remove(ids)
            count = library.count()
        except LibraryError as error:
            self.post_message(Notice(one_line(error), "error"))
            return
        self.post_message(ArticlesRemoved(removed, count))

    @on(ArticlesRemoved)
    def _articles_removed(self, message: ArticlesRemoved) -> None:
        count = len(message.ids)
        self.notify(f"Removed {count} article{'s' if count != 1 else ''}", timeout=3, markup=False)
        if self.library is not None:
            self.news_app.library_opened(self.library, message.count)  # the title bar's counts
        for screen in self.app.screen_stack:
            if screen is not self:
                screen.post_message(LibraryChanged(message.count))
        self.articles_removed(message.ids)

    def articles_removed(self, ids: list[str]) -> None:
        """After a removal: a screen showing one removed article (the reader) closes;
        the library overrides this to follow in its list."""
        if self.current_article() in ids and self.app.screen is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- the original page -------------------------------------------------------

    def _current(self) -> str | None:
        article_id = self.current_article()
        if article_id is None:
            self.notify("No article selected", severity="warning")
        return article_id

    def action_open_original(self) -> None:
        """The article's web page in the browser (`$BROWSER`, else the system's)."""
        article_id = self._current()
        if article_id is not None and self.library is not None:
            self._open_original(self.library, article_id)

    @work(thread=True, group="original", exit_on_error=False)
    def _open_original(self, library: Library, article_id: str) -> None:
        # A browser can take a while to start (or be a program $BROWSER names): never on the UI thread.
        article = library.get(article_id)
        url = safe(article.url).strip() if article is not None else ""
        problem = address_problem(url)
        if problem:
            self.post_message(Notice(problem, "warning"))
            return
        try:
            opened = webbrowser.open(url)
        except (webbrowser.Error, OSError) as error:
            self.post_message(Notice(f"The browser could not be started: {one_line(error)}", "error"))
            return
        if opened:
            self.post_message(Notice(f"Opening {one_line(url)} in the browser"))
        else:
            self.post_message(Notice("No web browser found: set $BROWSER, or copy the address with y", "warning"))

    def action_copy_address(self) -> None:
        """The article's web address to the clipboard (OSC 52: works over ssh)."""
        article_id = self._current()
        if article_id is not None and self.library is not None:
            self._find_address(self.library, article_id)

    @work(thread=True, group="original", exit_on_error=False)
    def _find_address(self, library: Library, article_id: str) -> None:
        article = library.get(article_id)
        url = safe(article.url).strip() if article is not None else ""
        problem = address_problem(url)
        self.post_message(Notice(problem, "warning") if problem else AddressFound(url))

    @on(AddressFound)
    def _copy_address(self, message: AddressFound) -> None:
        self.app.copy_to_clipboard(message.url)
        self.notify(f"Copied URL: {one_line(message.url)}", timeout=3, markup=False)

    # -- feeds -------------------------------------------------------------------

    def action_refresh_all(self) -> None:
        self.news_app.refresh_feeds()

    def action_refresh_feed(self) -> None:
        """Refresh the feed the current article came from."""
        article_id = self._current()
        if article_id is not None and self.library is not None:
            self._find_feed(self.library, article_id)

    @work(thread=True, group="feed-of", exit_on_error=False)
    def _find_feed(self, library: Library, article_id: str) -> None:
        try:
            feed = library.feed_of(article_id)
        except LibraryError as error:
            self.post_message(Notice(one_line(error), "error"))
            return
        self.post_message(FeedFound(feed.id) if feed is not None else Notice(NOT_FROM_A_FEED, "warning"))

    @on(FeedFound)
    def _refresh_found_feed(self, message: FeedFound) -> None:
        self.news_app.refresh_feeds([message.feed_id])
