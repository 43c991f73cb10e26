"""Stories: the library's articles grouped by the event they cover, and the
user's corrections to that grouping (which persist)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from index.api import LibraryError, grouping_notice

from ..keys import vim_list
from ..safe import one_line, plain_text
from .base import NewsScreen

if TYPE_CHECKING:
    from index.api import ArticleSummary, CoverageChoice, Library, Story


@dataclass(frozen=True)
class Item:
    """What a tree node stands for."""

    kind: str
    """'story' or 'article'."""
    id: str
    story: str


class StoriesTree(Tree[Item]):
    """Stories, each with its articles beneath it."""

    BINDINGS = [*vim_list(first="scroll_home", last="scroll_end")]


def story_label(story: Story) -> str:
    count = len(story.articles)
    return f"{story.id} · {count} article{'s' if count != 1 else ''} · {story.title}"


class StoriesScreen(NewsScreen):
    """Stories with several outlets' coverage first; enter compares them.

    Corrections: `x` puts the article under the cursor in a story of its
    own; `m` picks up an article (or a whole story) and `p` puts it in the
    story under the cursor.
    """

    CSS_PATH = "../styles/stories.tcss"
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("enter", "open", "Compare / read"),
        Binding("c", "compare_from", "Compare"),
        Binding("x", "split_off", "Own story"),
        Binding("m", "pick", "Move…"),
        Binding("p", "put", "Put here"),
    ]

    picked: reactive[Item | None] = reactive(None, init=False)
    """The article or story `m` picked up, waiting for `p` (None: nothing)."""

    @dataclass
    class Grouping(Message):
        """The load groups many articles first: tell the user why it takes a while."""

        notice: str

    @dataclass
    class Loaded(Message):
        stories: list[Story]
        summaries: dict[str, ArticleSummary]
        focus_story: str | None
        """The story to put the cursor on (the one just changed)."""

    @dataclass
    class LoadFailed(Message):
        error: str

    @dataclass
    class Changed(Message):
        """A correction was saved."""

        done: str
        """What was done, for the user."""
        story: str
        """The story the correction ended in."""

    @dataclass
    class ChangeFailed(Message):
        error: str

    @dataclass
    class CoverageChosen(Message):
        """The articles of a story to compare were chosen."""

        choice: CoverageChoice
        include: str | None
        """The article the user asked to compare from, if any."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        """Whether the stories were ever shown (a failed first load closes the screen)."""
        self.titles: dict[str, str] = {}
        self.stories: dict[str, list[str]] = {}
        """Story id -> its article ids, as shown."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(Content("Grouping the library into stories…"), id="stories-status")
        tree = StoriesTree(Text("Stories"), id="stories-list")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "stories"
        library = self.library
        if library is None:
            return
        self.query_one(StoriesTree).loading = True
        self._load(library)

    # -- loading and changing ------------------------------------------------------

    @work(thread=True, exclusive=True, group="stories-load", exit_on_error=False)
    def _load(self, library: Library, focus_story: str | None = None) -> None:
        """Read the stories, grouping first what no story lists yet."""
        try:
            waiting = library.ungrouped()
            if waiting:
                notice = grouping_notice(waiting)
                if notice:
                    self.post_message(self.Grouping(notice))
                library.group_stories()
            stories = library.stories()
            summaries = {s.id: s for s in library.summaries()}
        except LibraryError as error:
            self.post_message(self.LoadFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(stories, summaries, focus_story))

    @work(thread=True, exclusive=True, group="stories-change", exit_on_error=False)
    def _change(self, change: Callable[[], Story], done: str) -> None:
        """Save one correction (it takes the library's write lock)."""
        try:
            story = change()
        except LibraryError as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.Changed(done, story.id))

    @work(thread=True, exclusive=True, group="stories-coverage", exit_on_error=False)
    def _choose_coverage(self, library: Library, story_id: str, include: str | None) -> None:
        try:
            choice = library.coverage(story_id=story_id, article_id=include)
        except LibraryError as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.CoverageChosen(choice, include))

    @on(Grouping)
    def grouping(self, message: Grouping) -> None:
        self.notify(message.notice, markup=False)

    @on(LoadFailed)
    def load_failed(self, message: LoadFailed) -> None:
        self.notify(one_line(message.error), severity="error", markup=False)
        self._give_up()

    @on(ChangeFailed)
    def change_failed(self, message: ChangeFailed) -> None:
        self.notify(one_line(message.error), severity="error", markup=False)

    @on(Changed)
    def changed(self, message: Changed) -> None:
        self.notify(one_line(message.done), timeout=3, markup=False)
        if self.library is not None:
            self._load(self.library, message.story)

    def worker_failed(self, error: BaseException | None) -> None:
        super().worker_failed(error)
        if not self.loaded:
            self._give_up()

    def _give_up(self) -> None:
        """The stories could not be read: nothing to show, so close."""
        self.query_one(StoriesTree).loading = False
        if not self.loaded:
            self.query_one("#stories-status", Static).update(Content("The stories could not be read."))
            if self.is_current:
                self.app.pop_screen()

    @on(Loaded)
    def show_stories(self, message: Loaded) -> None:
        summaries = message.summaries
        self.loaded = True
        self.titles = {article_id: summary.title for article_id, summary in summaries.items()}
        self.stories = {s.id: list(s.articles) for s in message.stories}
        tree = self.query_one(StoriesTree)
        tree.loading = False
        tree.clear()
        focus_node = None
        # Labels are titles and outlets: Text, since a str label is parsed as markup.
        for story in message.stories:
            node = tree.root.add(
                plain_text(one_line(story_label(story))),
                data=Item("story", story.id, story.id),
                expand=len(story.articles) > 1,
            )
            for article_id in story.articles:
                summary = summaries.get(article_id)
                source = summary.outlet if summary else article_id
                title = summary.title if summary else article_id
                node.add_leaf(plain_text(one_line(f"{source} · {title}")), data=Item("article", article_id, story.id))
            if story.id == message.focus_story:
                focus_node = node
        tree.focus()
        target = focus_node or (tree.root.children[0] if tree.root.children else None)
        if target is not None:
            # After the new nodes are laid out, or the cursor lands on line 0.
            self.call_after_refresh(tree.move_cursor, target)
        self._show_status()

    # -- status line ---------------------------------------------------------------------

    def watch_picked(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        several = sum(1 for articles in self.stories.values() if len(articles) > 1)
        noun = "story" if len(self.stories) == 1 else "stories"
        picked = self.picked
        if not self.stories:
            text = "No stories: the library is empty."
        elif picked is not None:
            what = one_line(self.titles.get(picked.id, picked.id) if picked.kind == "article" else f"story {picked.id}")
            text = f"Moving {what}: go to a story and press p (escape cancels)"
        else:
            text = (f"{len(self.stories)} {noun}, {several} covered by more than one article  ·  "
                    "enter compares a story · x gives an article its own story · m, p move")
        # The text may quote a title: Content, never markup.
        self.query_one("#stories-status", Static).update(Content(text))

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
            self.news_app.open_article(item.id)
            return
        articles = self.stories.get(item.story, [])
        if len(articles) < 2:
            self.notify("Only one article covers this story; opening it", timeout=3)
            self.news_app.open_article(articles[0])
            return
        self._compare_story(item.story, None)

    def action_compare_from(self) -> None:
        """Compare the story of the article under the cursor, starting with it."""
        item = self._current()
        if item is None:
            return
        if len(self.stories.get(item.story, [])) < 2:
            self.notify("No other article covers this story", severity="warning")
            return
        self._compare_story(item.story, item.id if item.kind == "article" else None)

    def _compare_story(self, story: str, include: str | None) -> None:
        if self.library is not None:
            self._choose_coverage(self.library, story, include)

    @on(CoverageChosen)
    def coverage_chosen(self, message: CoverageChosen) -> None:
        choice = message.choice
        if not choice.comparable:
            self.notify("No other article covers this story", severity="warning")
            return
        if choice.partial:
            self.notify(
                f"Comparing {len(choice.articles)} of {choice.total} articles, one per outlet first"
                + (" (the one you were on included)" if message.include else "")
                + ". Press c on an article to compare from it.",
                timeout=5,
                markup=False,
            )
        self.news_app.compare(choice.articles)

    # -- corrections ---------------------------------------------------------------------

    def action_split_off(self) -> None:
        item = self._current()
        library = self.library
        if library is None:
            return
        if item is None or item.kind != "article":
            self.notify("Put the cursor on an article to give it a story of its own", severity="warning")
            return
        if len(self.stories.get(item.story, [])) < 2:
            self.notify("This article already has a story of its own", timeout=3)
            return
        self._change(partial(library.split_story, item.story, [item.id]), "Moved to a story of its own")

    def action_pick(self) -> None:
        item = self._current()
        if item is not None:
            self.picked = item

    def action_put(self) -> None:
        target = self._current()
        picked = self.picked
        library = self.library
        if library is None:
            return
        if picked is None:
            self.notify("First pick an article or story with m", severity="warning")
            return
        if target is None or target.story == picked.story:
            self.notify("Choose another story to put it in", severity="warning")
            return
        self.picked = None
        change: Callable[[], Story]
        if picked.kind == "article":
            change = partial(library.move_to_story, picked.id, target.story)
            done = f"Moved into story {target.story}"
        else:
            change = partial(library.merge_stories, target.story, picked.story)
            done = f"Merged story {picked.story} into {target.story}"
        self._change(change, done)

    def action_back(self) -> None:
        if self.picked is not None:
            self.picked = None
            return
        self.app.pop_screen()
