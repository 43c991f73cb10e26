"""Stories: the library's articles grouped by the event they cover, and the
user's corrections to that grouping (which persist)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode

from index.errors import LibraryError

MAX_COMPARED = 5


@dataclass(frozen=True)
class Item:
    """What a tree node stands for."""

    kind: str
    """'story' or 'article'."""
    id: str
    story: str


class StoriesTree(Tree[Item]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]


class StoriesScreen(Screen[None]):
    """Stories with several outlets' coverage first; enter compares them.

    Corrections: `x` puts the article under the cursor in a story of its
    own; `m` picks up an article (or a whole story) and `p` puts it in the
    story under the cursor.
    """

    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("enter", "open", "Compare / read"),
        Binding("c", "compare_from", "Compare"),
        Binding("x", "split_off", "Own story"),
        Binding("m", "pick", "Move…"),
        Binding("p", "put", "Put here"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.picked: Item | None = None
        self.titles: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.stories: dict[str, list[str]] = {}

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static("Grouping the library into stories…", id="status")
        tree = StoriesTree("Stories", id="stories-list")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "stories"
        self.query_one(StoriesTree).loading = True
        self._load(self.app.library._core)  # type: ignore[attr-defined]  # transitional: the core store API until stories.py moves to index.api

    # -- loading and changing ------------------------------------------------------

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _load(self, library, focus_story: str | None = None) -> None:
        self._fetch(library, focus_story)

    def _fetch(self, library, focus_story: str | None) -> None:
        """Read the stories (in a worker) and show them."""
        try:
            waiting = library.ungrouped()
            if waiting > 200:
                self.app.call_from_thread(
                    self.notify, f"Grouping {waiting} articles into stories (once; later adds group as they go)…"
                )
            store = library.stories()
            summaries = {s.id: s for s in library.summaries()}
        except LibraryError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show, list(store.stories.values()), summaries, focus_story)

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _change(self, library, change: Callable, done: str) -> None:
        try:
            story = library.change_stories(change)
        except LibraryError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.notify, done, timeout=3)
        self._fetch(library, story.id if story is not None else None)

    def _failed(self, error: str) -> None:
        self.notify(error, severity="error")
        self.app.pop_screen()

    def _show(self, stories, summaries, focus_story: str | None) -> None:
        stories = sorted(stories, key=lambda s: (-len(s.articles), int(s.id[1:]) if s.id[1:].isdigit() else 0))
        self.titles = {article_id: summary.title for article_id, summary in summaries.items()}
        self.sources = {article_id: summary.source for article_id, summary in summaries.items()}
        self.stories = {s.id: list(s.articles) for s in stories}
        tree = self.query_one(StoriesTree)
        tree.loading = False
        tree.clear()
        focus_node = None
        for story in stories:
            count = len(story.articles)
            label = f"{story.id} · {count} article{'s' if count != 1 else ''} · {story.title}"
            node = tree.root.add(label, data=Item("story", story.id, story.id), expand=count > 1)
            for article_id in story.articles:
                summary = summaries.get(article_id)
                source = (summary.source if summary else "") or article_id
                title = summary.title if summary else article_id
                node.add_leaf(f"{source} · {title}", data=Item("article", article_id, story.id))
            if story.id == focus_story:
                focus_node = node
        tree.focus()
        target = focus_node or (tree.root.children[0] if tree.root.children else None)
        if target is not None:
            # After the new nodes are laid out, or the cursor lands on line 0.
            self.call_after_refresh(tree.move_cursor, target)
        self._update_status()

    def _update_status(self) -> None:
        several = sum(1 for articles in self.stories.values() if len(articles) > 1)
        noun = "story" if len(self.stories) == 1 else "stories"
        if not self.stories:
            text = "No stories: the library is empty."
        elif self.picked is not None:
            what = self.titles.get(self.picked.id, self.picked.id) if self.picked.kind == "article" else f"story {self.picked.id}"
            text = f"Moving {what}: go to a story and press p (escape cancels)"
        else:
            text = (f"{len(self.stories)} {noun}, {several} covered by more than one article  ·  "
                    "enter compares a story · x gives an article its own story · m, p move")
        self.query_one("#status", Static).update(text)

    # -- the item under the cursor ---------------------------------------------------------

    def _current(self) -> Item | None:
        node: TreeNode[Item] | None = self.query_one(StoriesTree).cursor_node
        return node.data if node is not None else None

    @on(Tree.NodeSelected, "#stories-list")
    def node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        item = self._current()
        if item is None:
            return
        if item.kind == "article":
            self.app.open_article(item.id)  # type: ignore[attr-defined]
            return
        articles = self.stories.get(item.story, [])
        if len(articles) < 2:
            self.notify("Only one article covers this story; opening it", timeout=3)
            self.app.open_article(articles[0])  # type: ignore[attr-defined]
            return
        self._compare_story(item.story, None)

    def _compare_story(self, story: str, include: str | None) -> None:
        from index.stories.pick import pick_coverage

        articles = self.stories.get(story, [])
        chosen = pick_coverage(articles, self.sources, include, MAX_COMPARED)
        if len(articles) > len(chosen):
            self.notify(
                f"Comparing {len(chosen)} of {len(articles)} articles, one per outlet first"
                + (" (the one you were on included)" if include else "")
                + ". Press c on an article to compare from it.",
                timeout=5,
            )
        self.app.compare(chosen)  # type: ignore[attr-defined]

    def action_compare_from(self) -> None:
        """Compare the story of the article under the cursor, starting with it."""
        item = self._current()
        if item is None:
            return
        if len(self.stories.get(item.story, [])) < 2:
            self.notify("No other article covers this story", severity="warning")
            return
        self._compare_story(item.story, item.id if item.kind == "article" else None)

    # -- corrections ---------------------------------------------------------------------

    def action_split_off(self) -> None:
        item = self._current()
        if item is None or item.kind != "article":
            self.notify("Put the cursor on an article to give it a story of its own", severity="warning")
            return
        if len(self.stories.get(item.story, [])) < 2:
            self.notify("This article already has a story of its own", timeout=3)
            return
        titles = dict(self.titles)
        self._change(
            self.app.library._core,  # type: ignore[attr-defined]  # transitional: the core store API until stories.py moves to index.api
            lambda store: store.move(item.id, None, titles.get(item.id, item.id), titles),
            "Moved to a story of its own",
        )

    def action_pick(self) -> None:
        item = self._current()
        if item is None:
            return
        self.picked = item
        self._update_status()

    def action_put(self) -> None:
        target = self._current()
        picked = self.picked
        if picked is None:
            self.notify("First pick an article or story with m", severity="warning")
            return
        if target is None or target.story == picked.story:
            self.notify("Choose another story to put it in", severity="warning")
            return
        self.picked = None
        titles = dict(self.titles)
        if picked.kind == "article":
            change = lambda store: store.move(picked.id, target.story, titles.get(picked.id, ""), titles)  # noqa: E731
            done = f"Moved into story {target.story}"
        else:
            change = lambda store: store.merge(target.story, picked.story)  # noqa: E731
            done = f"Merged story {picked.story} into {target.story}"
        self._change(self.app.library._core, change, done)  # type: ignore[attr-defined]  # transitional: the core store API until stories.py moves to index.api

    def action_back(self) -> None:
        if self.picked is not None:
            self.picked = None
            self._update_status()
            return
        self.app.pop_screen()
