"""Command palette: every action of the current screen, and open any article."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class NewsCommands(Provider):
    """Screen actions first, then one `open:` command per article title."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from .screens.library import LibraryScreen
        from .screens.reader import ReaderScreen

        app = self.app
        screen = self.screen
        commands: list[tuple[str, str, Callable[[], object]]] = []
        if isinstance(screen, LibraryScreen):
            commands += [
                ("library: Search articles", "Focus the search box (/)", screen.action_focus_search),
                ("library: Show all articles", "Clear the search", screen.action_show_all),
                ("library: Read selected article", "Open the highlighted result (enter)", screen.action_open_article),
                ("library: Go to results", "Move focus to the result list", screen.action_focus_results),
                ("library: Filter by person, organisation or place", "Entity facets of the results (f)", screen.action_filter),
            ]
        if isinstance(screen, ReaderScreen):
            commands += [
                ("reader: Next match", "Jump to the next search match (n)", screen.action_next_match),
                ("reader: Previous match", "Jump to the previous search match (N)", screen.action_previous_match),
                ("reader: Back to library", "Close the article (escape)", app.pop_screen),
            ]
        # Quit and the keys panel are Textual's own system commands.
        commands.append(("app: Help", "All keys and the search syntax (?)", app.action_help))
        return commands

    async def _open_commands(self, query: str) -> list[tuple[str, str, Callable[[], object]]]:
        """`open:` commands for the articles whose titles match what was typed,
        looked up in the index (in a thread) rather than kept in memory."""
        library = getattr(self.app, "library", None)
        words = query.removeprefix("open:").strip()
        if library is None or len(words) < 2:
            return []
        summaries = await asyncio.to_thread(library.titles_matching, words)
        return [
            (f"open: {s.title}", s.source or s.id, partial(self.app.open_article, s.id))  # type: ignore[attr-defined]
            for s in summaries
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if not title.startswith("open:"):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands() + await self._open_commands(query):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
