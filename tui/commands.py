"""Command palette: every action of the current screen, and open any article."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from .safe import one_line
from .wording import demo_summary

if TYPE_CHECKING:
    from index.api import Library

    from .app import NewsReaderApp

Command = tuple[str, str, Callable[[], object]]
"""Title, help and callback of one palette command."""


def _highlighted(matcher: Matcher, text: str) -> Content:
    """`text` with the typed letters marked, built without markup: an article
    title such as `[Updated] Kabul talks` must show as written
    (`Matcher.highlight` parses its candidate as markup)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def restore_demo(app: NewsReaderApp) -> None:
    """Add the bundled demo articles (in a worker); a notification says what it did."""
    if app.library is None:
        app.notify("The library is still opening; try again in a moment.", title="Demo articles", markup=False)
        return
    app.run_worker(partial(_add_demo, app, app.library), thread=True, group="demo", exit_on_error=False)


def _add_demo(app: NewsReaderApp, library: Library) -> None:
    from index.api import LibraryError

    try:
        report = library.add_demo()
    except LibraryError as error:
        message = one_line(error)
        app.call_from_thread(app.notify, message, title="Demo articles", severity="error", markup=False)
        return

    def done() -> None:
        app.notify(demo_summary(len(report.added), len(report.skipped)), title="Demo articles", markup=False)
        if report.added:
            app.articles_added(list(report.added))

    app.call_from_thread(done)


class NewsCommands(Provider):
    """Screen actions first, then one `open:` command per article title."""

    @property
    def news_app(self) -> NewsReaderApp:
        return cast("NewsReaderApp", self.app)

    def _commands(self) -> list[Command]:
        from .screens.compare import CompareScreen
        from .screens.library import LibraryScreen
        from .screens.reader import ReaderScreen
        from .screens.stories import StoriesScreen

        app = self.news_app
        screen = self.screen
        commands: list[Command] = []
        if isinstance(screen, LibraryScreen):
            commands += [
                ("library: Search articles", "Focus the search box (/)", screen.action_focus_search),
                ("library: Show all articles", "Clear the search", screen.action_show_all),
                ("library: Read selected article", "Open the highlighted result (enter)", screen.action_open_article),
                ("library: Go to results", "Move focus to the result list", screen.action_focus_results),
                ("library: Filter by person, organisation or place", "Entity facets of the results (f)", screen.action_filter),
                ("library: Mark article for comparing", "Mark or unmark the selected article (space, m)", screen.action_toggle_mark),
                ("library: Compare marked articles", "Side by side: shared, unique, quotes, conflicts (c)", screen.action_compare),
                ("library: Stories", "The library grouped by the event each article covers (S)", screen.action_stories),
                ("library: Toggle read", "Mark the selected (or marked) articles read or unread (u)", screen.action_toggle_read),
                ("library: Star or unstar", "Star the selected (or marked) articles, or unstar them (s)", screen.action_toggle_star),
                ("library: Open original web page", "The selected article's page in the browser (o)", screen.action_open_original),
                ("library: Copy URL", "The selected article's web address to the clipboard (y)", screen.action_copy_address),
                ("library: Refresh this article's feed", "Fetch new articles from its feed (R)", screen.action_refresh_feed),
            ]
        if isinstance(screen, ReaderScreen):
            commands += [
                ("reader: Next match", "Jump to the next search match (n)", screen.action_next_match),
                ("reader: Previous match", "Jump to the previous search match (N)", screen.action_previous_match),
                ("reader: Toggle read", "Mark this article unread, or read again (u)", screen.action_toggle_read),
                ("reader: Star or unstar", "Star this article, or unstar it (s)", screen.action_toggle_star),
                ("reader: Open original web page", "This article's page in the browser (o)", screen.action_open_original),
                ("reader: Copy URL", "This article's web address to the clipboard (y)", screen.action_copy_address),
                ("reader: Refresh this article's feed", "Fetch new articles from its feed (R)", screen.action_refresh_feed),
                ("reader: Back to library", "Close the article (escape)", app.pop_screen),
            ]
        if isinstance(screen, StoriesScreen):
            commands += [
                ("stories: Compare or read", "A story's articles side by side, or read an article (enter)", screen.action_open),
                ("stories: Compare from this article", "Its story side by side, starting with it (c)", screen.action_compare_from),
                ("stories: Give an article its own story", "Split the article under the cursor off (x)", screen.action_split_off),
                ("stories: Pick up to move", "The article or story under the cursor (m)", screen.action_pick),
                ("stories: Put here", "Move what was picked up into this story (p)", screen.action_put),
                ("stories: Back", "Close the stories (escape)", app.pop_screen),
            ]
        if isinstance(screen, CompareScreen):
            commands += [
                ("compare: Next column", "Move to the next outlet (tab)", screen.action_next_column),
                ("compare: Previous column", "Move to the previous outlet (shift+tab)", screen.action_previous_column),
                ("compare: Next finding", "The next most important conflict, fact or passage (n)", screen.action_next_finding),
                ("compare: Previous finding", "The one before, in rank order (N)", screen.action_previous_finding),
                ("compare: Findings", "What the comparison found, most important first (2)", partial(screen.action_show_view, "findings")),
                ("compare: Lock or unlock scrolling", "The columns scroll together by alignment, or each on its own (L)", partial(screen.action_lock, not screen.synced)),
                ("compare: Side by side", "The columns view (1, c)", partial(screen.action_show_view, "columns")),
                ("compare: Coverage matrix", "Who and what each outlet mentions (3)", partial(screen.action_show_view, "matrix")),
                ("compare: Quote ledger", "Shared quotes and each outlet's voices (4)", partial(screen.action_show_view, "quotes")),
                ("compare: Read this article", "Open the current column's article (enter)", screen.action_open_article),
                ("compare: Back", "Close the comparison (escape)", app.pop_screen),
            ]
        commands.append(("app: Refresh all feeds", "Fetch new articles from every feed (r in the library)", app.refresh_feeds))
        # Adding articles and the feeds screen arrive with their own branch: offered once the app has them.
        if (add := getattr(app, "action_add", None)) is not None:
            commands.append(("app: Add articles", "From files, directories or web addresses (a)", add))
        if (feeds := getattr(app, "action_feeds", None)) is not None:
            commands.append(("app: Feeds", "Subscribe, rename, remove and refresh feeds (F)", feeds))
        commands.append(("app: Restore the demo articles",
                         "Add the five bundled demo articles to this library (none twice)", partial(restore_demo, app)))
        # Quit and the keys panel are Textual's own system commands.
        commands.append(("app: Help", "All keys and the search syntax (?)", app.action_help))
        return commands

    async def _open_commands(self, query: str) -> list[Command]:
        """`open:` commands for the articles whose titles match what was typed,
        looked up in the index (in a thread) rather than kept in memory.
        Titles and sources are untrusted: made safe here, shown without markup."""
        library = self.news_app.library
        words = query.removeprefix("open:").strip()
        if library is None or len(words) < 2:
            return []
        summaries = await asyncio.to_thread(library.titles_matching, words)
        return [
            (f"open: {one_line(s.title)}", one_line(s.outlet), partial(self.news_app.open_article, s.id))
            for s in summaries
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        for title, source, callback in await self._open_commands(query):
            score = matcher.match(title)
            if score > 0:
                # The palette parses `help` as markup, so the source goes in the prompt instead.
                prompt = Content("\n").join([_highlighted(matcher, title), Content(source).stylize("dim")])
                yield Hit(score, prompt, callback, text=title)
