"""Stories: the library's articles grouped by the event they cover."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from index.errors import LibraryError

MAX_COMPARED = 5


class StoriesList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class StoriesScreen(Screen[None]):
    """Stories with several outlets' coverage first; enter compares them."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("enter", "compare", "Compare"),
        Binding("o", "open_first", "Read first"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Grouping the library into stories…", id="status")
        yield StoriesList(id="stories-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "stories"
        self.query_one(StoriesList).loading = True
        self._load(self.app.library)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _load(self, library) -> None:
        try:
            store = library.stories()
            summaries = {s.id: s for s in library.summaries()}
        except LibraryError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        stories = sorted(store.stories.values(), key=lambda s: (-len(s.articles), int(s.id[1:])))
        self.app.call_from_thread(self._show, stories, summaries)

    def _failed(self, error: str) -> None:
        self.notify(error, severity="error")
        self.app.pop_screen()

    def _show(self, stories, summaries) -> None:
        self.stories = stories
        options: list[Option | None] = []
        for story in stories:
            if options:
                options.append(None)
            outlets = ", ".join(
                (summaries[a].source or a) if a in summaries else a for a in story.articles[:6]
            ) + (" …" if len(story.articles) > 6 else "")
            prompt = Content.assemble(
                (story.title, "bold"), f"  ({len(story.articles)} article{'s' if len(story.articles) != 1 else ''})",
                "\n", (f"{story.id} · {outlets}", "dim"),
            )
            options.append(Option(prompt, id=story.id))
        stories_list = self.query_one(StoriesList)
        stories_list.loading = False
        stories_list.add_options(options)
        if stories:
            stories_list.highlighted = 0
        stories_list.focus()
        several = sum(1 for s in stories if len(s.articles) > 1)
        noun = "story" if len(stories) == 1 else "stories"
        self.query_one("#status", Static).update(
            f"{len(stories)} {noun}, {several} covered by more than one article  ·  enter compares a story's coverage"
            if stories else "No stories: the library is empty."
        )

    def _current(self):
        option = self.query_one(StoriesList).highlighted_option
        return next((s for s in self.stories if option and s.id == option.id), None)

    @on(OptionList.OptionSelected, "#stories-list")
    def story_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_compare()

    def action_compare(self) -> None:
        story = self._current()
        if story is None:
            return
        if len(story.articles) < 2:
            self.notify("Only one article covers this story; opening it", timeout=3)
            self.app.open_article(story.articles[0])  # type: ignore[attr-defined]
            return
        if len(story.articles) > MAX_COMPARED:
            self.notify(f"Comparing the first {MAX_COMPARED} of {len(story.articles)} articles", timeout=3)
        self.app.compare(story.articles[:MAX_COMPARED])  # type: ignore[attr-defined]

    def action_open_first(self) -> None:
        story = self._current()
        if story is not None:
            self.app.open_article(story.articles[0])  # type: ignore[attr-defined]
