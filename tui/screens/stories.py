"""Stories: the library's articles grouped by the event they cover, and the
user's corrections to that grouping (which persist).

One line per story (dates, title, outlets, article count), newest first;
`/` filters as you type, `f` keeps the stories two or more outlets cover,
`O` sorts. A story's articles are listed under it on `l` / `→`. The
filtering is the index's (`select_stories` over compact per-story
records): no article is read to list or filter.
"""

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
from textual.events import Resize
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import get_current_worker

from index.api import STORY_SORT_NAMES, STORY_SORTS, LibraryError, grouping_notice, select_stories

from ..config import get_setting, set_setting
from ..keys import help_in_a_text_box, vim_list
from ..messages import FeedsChanged, LibraryChanged
from ..safe import one_line
from ..widgets.story_rows import article_row, date_width, story_row
from .base import NewsScreen

if TYPE_CHECKING:
    from index.api import CoverageChoice, Library, Story, StoryMember, StoryRecord

CHUNK = 200
"""Story rows added to the list at a time: more as the cursor nears the end."""
NEAR_END = 20
"""... when the cursor is this close to the last row."""
SEVERAL = 2
"""`f` keeps the stories at least this many outlets cover."""


class FilterInput(Input):
    """The stories filter box: help stays on f1 while typing."""

    BINDINGS = [*help_in_a_text_box()]


@dataclass(frozen=True)
class Item:
    """What a tree node stands for."""

    kind: str
    """'story' or 'article'."""
    id: str
    story: str


class StoriesTree(Tree[Item]):
    """Stories, each with its articles beneath it (listed when expanded)."""

    BINDINGS = [
        *vim_list(first="scroll_home", last="scroll_end"),
        Binding("space", "screen.pick", "Pick up", show=False),
        Binding("l,right", "open_node", "Articles", show=False),
        Binding("h,left", "close_node", "Close", show=False),
    ]

    def action_open_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            node.expand()

    def action_close_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_scroll_end(self) -> None:
        screen = self.screen
        if isinstance(screen, StoriesScreen):
            screen.add_rows(all_rows=True)
        super().action_scroll_end()


def story_count(count: int) -> str:
    return f"{count:,} {'story' if count == 1 else 'stories'}"


class StoriesScreen(NewsScreen):
    """Stories, newest first; enter compares one.

    Corrections: `x` puts the article under the cursor in a story of its
    own; `m` picks up an article (or a whole story) and `p` puts it in the
    story under the cursor; `d` removes a story's articles from the library.
    """

    CSS_PATH = "../styles/stories.tcss"
    AUTO_FOCUS = "#stories-list"
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("enter", "open", "Compare", show=False),
        Binding("slash", "filter", "Filter", priority=True),  # at once: keys typed right after it go to the box
        Binding("f", "several", "2+ outlets"),
        Binding("O", "sort", "Sort"),
        Binding("c", "compare_from", "Compare"),
        # The footer keeps to what fits 80 columns beside `? Help`; help lists the rest.
        Binding("m", "pick", "Move", show=False),
        Binding("p", "put", "Put", show=False),
        Binding("x", "split_off", "Own story", show=False),
        Binding("d", "remove", "Remove", show=False),
    ]

    picked: reactive[Item | None] = reactive(None, init=False)
    """The article or story `m` picked up, waiting for `p` (None: nothing)."""

    @dataclass
    class Grouping(Message):
        """The load groups many articles first: tell the user why it takes a while."""

        notice: str

    @dataclass
    class Loaded(Message):
        records: list[StoryRecord]
        focus_story: str | None
        """The story to put the cursor on (the one just changed)."""

    @dataclass
    class Filtered(Message):
        shown: list[StoryRecord]
        generation: int
        """Which filter this answers (a later keystroke's result wins)."""
        focus_story: str | None

    @dataclass
    class MembersLoaded(Message):
        story: str
        members: list[StoryMember]

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
    class Removed(Message):
        ids: list[str]

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
        self.records: list[StoryRecord] = []
        """Every story, as the index lists them."""
        self.shown: list[StoryRecord] = []
        """The stories the filter keeps, in the chosen order."""
        self.stories: dict[str, list[str]] = {}
        """Story id -> its article ids (every story)."""
        self.members: dict[str, StoryMember] = {}
        """Articles of the stories opened so far, by id."""
        self.query_text = ""
        self.several_only = bool(get_setting("stories.several", False))
        sort = get_setting("stories.sort", "newest")
        self.sort = sort if sort in STORY_SORTS else "newest"
        self._generation = 0
        self._rows = 0
        """How many of `shown` have a row in the tree."""
        self._dates_width = 0
        self._expanded: set[str] = set()
        """Stories whose articles are listed: still listed after a reload."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield FilterInput(placeholder="/ filter: words of titles or outlets", id="stories-filter")
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
        tree = self.query_one(StoriesTree)
        tree.loading = True
        tree.focus()
        self._load(library)

    # -- loading ---------------------------------------------------------------------

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
            records = library.story_listing()
        except LibraryError as error:
            self.post_message(self.LoadFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(records, focus_story))

    @work(thread=True, exclusive=True, group="stories-filter", exit_on_error=False)
    def _filter(self, records: list[StoryRecord], query: str, several: bool, sort: str,
                generation: int, focus_story: str | None) -> None:
        shown = select_stories(records, query=query, min_outlets=SEVERAL if several else 1, sort=sort)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Filtered(shown, generation, focus_story))

    @work(thread=True, group="stories-members", exit_on_error=False)
    def _load_members(self, library: Library, story_id: str) -> None:
        try:
            members = library.story_members(story_id)
        except LibraryError as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.MembersLoaded(story_id, members))

    @on(Grouping)
    def grouping(self, message: Grouping) -> None:
        self.notify(message.notice, markup=False)

    @on(LoadFailed)
    def load_failed(self, message: LoadFailed) -> None:
        self.notify(one_line(message.error), severity="error", markup=False)
        self._give_up()

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
    def stories_loaded(self, message: Loaded) -> None:
        self.loaded = True
        self.records = message.records
        self.stories = {r.id: list(r.articles) for r in message.records}
        self.members = {}
        self.query_one(StoriesTree).loading = False
        self._refilter(message.focus_story or self._current_story())

    @on(LibraryChanged)
    @on(FeedsChanged)
    def library_changed(self) -> None:
        if self.library is not None and self.loaded:
            self._load(self.library, self._current_story())

    # -- filtering and sorting ---------------------------------------------------------

    def _refilter(self, focus_story: str | None = None) -> None:
        self._generation += 1
        self._filter(self.records, self.query_text, self.several_only, self.sort, self._generation, focus_story)

    @on(Input.Changed, "#stories-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._refilter(self._current_story())

    @on(Input.Submitted, "#stories-filter")
    def filter_submitted(self) -> None:
        self.query_one(StoriesTree).focus()

    def on_key(self, event) -> None:
        # From the filter box, `down` and `escape` go to the list (the filter stays).
        if self.focused is self.query_one("#stories-filter") and event.key in ("down", "escape"):
            event.stop()
            event.prevent_default()
            self.query_one(StoriesTree).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and isinstance(self.focused, FilterInput):
            return False  # typing a `/` in the filter
        return True

    def action_filter(self) -> None:
        # At once, not after a refresh: what is typed next must land in the box.
        self.set_focus(self.query_one("#stories-filter", Input))

    def action_several(self) -> None:
        self.several_only = not self.several_only
        set_setting("stories.several", self.several_only)
        self._refilter(self._current_story())

    def action_sort(self) -> None:
        self.sort = STORY_SORTS[(STORY_SORTS.index(self.sort) + 1) % len(STORY_SORTS)]
        set_setting("stories.sort", self.sort)
        self._refilter(self._current_story())

    @on(Filtered)
    def show_filtered(self, message: Filtered) -> None:
        if message.generation != self._generation:
            return  # a later keystroke's filter is on its way
        self.shown = message.shown
        tree = self.query_one(StoriesTree)
        tree.clear()
        self._rows = 0
        self._dates_width = date_width([r.short_dates for r in self.shown[:CHUNK]], self._row_width())
        focus = message.focus_story
        position = next((i for i, r in enumerate(self.shown) if r.id == focus), 0) if focus else 0
        self.add_rows(upto=position + 1)
        self._show_status()
        if self.shown:
            target = tree.root.children[position]
            # After the new nodes are laid out, or the cursor lands on line 0.
            self.call_after_refresh(tree.move_cursor, target)

    def add_rows(self, *, upto: int = 0, all_rows: bool = False) -> None:
        """Give the next stories rows (at least up to `upto`), a chunk at a time."""
        tree = self.query_one(StoriesTree)
        end = len(self.shown) if all_rows else min(len(self.shown), max(self._rows + CHUNK, upto))
        width = self._row_width()
        for record in self.shown[self._rows:end]:
            node = tree.root.add(story_row(record, width, self._dates_width), data=Item("story", record.id, record.id),
                                 allow_expand=True)
            if record.id in self._expanded:
                node.expand()
        self._rows = max(self._rows, end)

    def _row_width(self) -> int:
        tree = self.query_one(StoriesTree)
        width = tree.content_region.width or self.size.width - 4
        # Room for the scrollbar whether it shows yet or not, and the expand arrow.
        return max(20, width - tree.styles.scrollbar_size_vertical - 3)

    @on(Tree.NodeHighlighted, "#stories-list")
    def node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        node = event.node
        if node.parent is self.query_one(StoriesTree).root and self._rows < len(self.shown):
            if node.tree.cursor_line >= len(node.tree.root.children) - NEAR_END:
                self.add_rows()

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._relabel)

    def _relabel(self) -> None:
        width = self._row_width()
        by_id = {r.id: r for r in self.shown[: self._rows]}
        for node in self.query_one(StoriesTree).root.children:
            if node.data is not None and node.data.id in by_id:
                node.set_label(story_row(by_id[node.data.id], width, self._dates_width))
            for leaf in node.children:
                member = self.members.get(leaf.data.id) if leaf.data else None
                if member is not None:
                    leaf.set_label(article_row(member, width - 4, self._dates_width))

    # -- a story's articles ----------------------------------------------------------------

    @on(Tree.NodeExpanded, "#stories-list")
    def node_expanded(self, event: Tree.NodeExpanded) -> None:
        node = event.node
        if node.data is not None and node.data.kind == "story":
            self._expanded.add(node.data.id)
            if not node.children and self.library is not None:
                self._load_members(self.library, node.data.id)

    @on(Tree.NodeCollapsed, "#stories-list")
    def node_collapsed(self, event: Tree.NodeCollapsed) -> None:
        if event.node.data is not None:
            self._expanded.discard(event.node.data.id)

    @on(MembersLoaded)
    def members_loaded(self, message: MembersLoaded) -> None:
        tree = self.query_one(StoriesTree)
        node = next((n for n in tree.root.children if n.data and n.data.id == message.story), None)
        if node is None or node.children:
            return
        width = self._row_width() - 4  # the guide
        for member in message.members:
            self.members[member.id] = member
            node.add_leaf(article_row(member, width, self._dates_width), data=Item("article", member.id, message.story))

    def expand_story(self, story_id: str) -> None:
        """List a story's articles under it (for tests and the palette)."""
        for node in self.query_one(StoriesTree).root.children:
            if node.data and node.data.id == story_id:
                node.expand()

    # -- status line ---------------------------------------------------------------------

    def watch_picked(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        picked = self.picked
        total = len(self.records)
        if not self.records:
            text = "No stories: the library is empty."
        elif picked is not None:
            what = self._describe(picked)
            text = f"Moving {what}: go to a story and press p (escape cancels)"
        else:
            filters = []
            if self.query_text.strip():
                filters.append(f"matching “{one_line(self.query_text.strip())}”")
            if self.several_only:
                filters.append(f"covered by {SEVERAL}+ outlets")
            order = STORY_SORT_NAMES[self.sort]
            if filters:
                shown = len(self.shown)
                text = f"{shown:,} of {story_count(total)} · " + " · ".join(filters) + f" · {order}"
                if not shown:
                    text += " · none: f or / to widen"
            else:
                several = sum(1 for r in self.records if len(r.outlets) >= SEVERAL)
                text = f"{story_count(total)} · {several:,} covered by {SEVERAL}+ outlets · {order}"
        # The text may quote a title or a query: Content, never markup.
        self.query_one("#stories-status", Static).update(Content(text))

    def _describe(self, item: Item) -> str:
        if item.kind == "article":
            member = self.members.get(item.id)
            return one_line(member.title if member else item.id)
        return f"story {item.id}"

    # -- the item under the cursor ---------------------------------------------------------

    def _current(self) -> Item | None:
        node: TreeNode[Item] | None = self.query_one(StoriesTree).cursor_node
        return node.data if node is not None else None

    def _current_story(self) -> str | None:
        item = self._current()
        return item.story if item is not None else None

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

    @work(thread=True, exclusive=True, group="stories-coverage", exit_on_error=False)
    def _choose_coverage(self, library: Library, story_id: str, include: str | None) -> None:
        try:
            choice = library.coverage(story_id=story_id, article_id=include)
        except LibraryError as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.CoverageChosen(choice, include))

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

    @work(thread=True, exclusive=True, group="stories-change", exit_on_error=False)
    def _change(self, change: Callable[[], Story], done: str) -> None:
        """Save one correction (it takes the library's write lock)."""
        try:
            story = change()
        except LibraryError as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.Changed(done, story.id))

    @on(ChangeFailed)
    def change_failed(self, message: ChangeFailed) -> None:
        self.notify(one_line(message.error), severity="error", markup=False)

    @on(Changed)
    def changed(self, message: Changed) -> None:
        self.notify(one_line(message.done), timeout=3, markup=False)
        if self.library is not None:
            self._load(self.library, message.story)

    def action_split_off(self) -> None:
        item = self._current()
        library = self.library
        if library is None:
            return
        if item is None or item.kind != "article":
            self.notify("Put the cursor on an article (l lists a story's articles) to give it a story of its own",
                        severity="warning")
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

    # -- removing ------------------------------------------------------------------------

    def action_remove(self) -> None:
        """Remove the story's articles (or the article under the cursor), once confirmed."""
        from .feed_dialogs import ConfirmScreen

        item = self._current()
        if item is None or self.library is None:
            return
        if item.kind == "article":
            ids = [item.id]
            question = f"Remove “{self._describe(item)}” from the library?"
        else:
            ids = list(self.stories.get(item.story, []))
            record = next((r for r in self.shown if r.id == item.story), None)
            title = one_line(record.title) if record else item.story
            count = len(ids)
            question = (f"Remove the {count} articles of “{title}” from the library?" if count != 1
                        else f"Remove “{title}” (1 article) from the library?")
        if not ids:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.library is not None:
                self._remove(self.library, ids)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="stories-change", exit_on_error=False)
    def _remove(self, library: Library, ids: list[str]) -> None:
        try:
            removed = library.remove(ids)
        except LibraryError as error:
            self.post_message(self.ChangeFailed(str(error)))
            return
        self.post_message(self.Removed(removed))

    @on(Removed)
    def removed(self, message: Removed) -> None:
        count = len(message.ids)
        self.notify(f"Removed {count} article{'s' if count != 1 else ''} from the library", timeout=3, markup=False)
        if self.picked is not None and self.picked.id in message.ids:
            self.picked = None
        if self.library is not None:
            self._load(self.library, self._current_story())
        # The title bar's counts, and every screen showing articles, follow.
        self.news_app.update_counts(message.ids)

    def action_back(self) -> None:
        if self.picked is not None:
            self.picked = None
            return
        self.app.pop_screen()
