"""The library list: every article of a result set, one line or one card each.

A virtual list (Textual's Line API): it knows how many rows there are and
draws only those on screen. Rows arrive a page at a time; a row that is not
loaded yet is drawn as `…` and asks for its page (`PageWanted`), which the
screen reads from the index in a worker and hands back (`add_page`).

Articles can be marked (for comparing or removing); marks outlive new
searches. Read and starred flags, near copies and story markers arrive with
each page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from .result_rows import CARD_LINES, Columns, RowMarks, RowStyles, card_lines, columns_for, compact_line

if TYPE_CHECKING:
    from index.api import Flags, Hit

PAGE_SIZE = 100
"""Rows read from the index at a time."""


class ResultList(ScrollView, can_focus=True):
    """A virtual list of search hits; `compact` chooses lines or cards."""

    COMPONENT_CLASSES = {
        "result-list--title", "result-list--read", "result-list--meta", "result-list--outlet", "result-list--date",
        "result-list--snippet", "result-list--match", "result-list--mark", "result-list--unread",
        "result-list--star", "result-list--story", "result-list--cursor", "result-list--loading",
    }

    DEFAULT_CSS = """
    ResultList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    ResultList > .result-list--title { text-style: bold; }
    ResultList > .result-list--read { }
    ResultList > .result-list--meta { color: $text-secondary; }
    ResultList > .result-list--outlet { color: $text-secondary; }
    ResultList > .result-list--date { color: $text-muted; }
    ResultList > .result-list--snippet { color: $text-muted; }
    ResultList > .result-list--match {
        color: $text-warning;
        background: $warning-muted;
        text-style: bold;
    }
    ResultList > .result-list--mark { color: $text-accent; text-style: bold; }
    ResultList > .result-list--unread { color: $text-success; text-style: bold; }
    ResultList > .result-list--star { color: $text-warning; }
    ResultList > .result-list--story { color: $text-accent; }
    ResultList > .result-list--loading { color: $text-muted; }
    ResultList > .result-list--cursor {
        background: $block-cursor-blurred-background;
    }
    ResultList:focus > .result-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    BINDINGS = [
        Binding("enter", "select", "Read"),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    cursor: reactive[int] = reactive(-1, repaint=False)
    """The highlighted row (-1: none, the list is empty)."""
    compact: reactive[bool] = reactive(True, repaint=False)
    """One line per article, or cards with a snippet."""

    @dataclass
    class PageWanted(Message):
        """Rows from `start` (a page boundary) are on screen but not loaded."""

        generation: int
        start: int

    @dataclass
    class SnippetsWanted(Message):
        """Cards on screen show a lede where a snippet could be: make snippets for these rows."""

        generation: int
        hits: list[Hit]

    @dataclass
    class Highlighted(Message):
        """The cursor is on a loaded row."""

        hit: Hit

    @dataclass
    class Selected(Message):
        """`enter` on a row."""

        hit: Hit

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.generation = 0
        """Which result set is on show; pages of an older one are dropped."""
        self.total = 0
        self.rows: dict[int, Hit] = {}
        """Loaded rows by position."""
        self._pending: set[int] = set()
        """Pages asked for and not yet arrived."""
        self.wants_snippets = False
        """The result set has matches to show (a query): cards ask for snippets."""
        self._snippets_asked: set[str] = set()
        self.marked: dict[str, str] = {}
        """Marked article ids -> titles, in the order they were marked."""
        self.flags: dict[str, Flags] = {}
        """Read and starred flags of the articles seen."""
        self.copies: dict[str, list[str]] = {}
        """Other outlets that published each article seen (near copies)."""
        self.outlets: dict[str, int] = {}
        """Other outlets covering each article's story."""
        self.columns = Columns()
        """The compact rows' optional columns, chosen from a result set's first page."""

    # -- the result set ---------------------------------------------------------

    @property
    def row_height(self) -> int:
        return 1 if self.compact else CARD_LINES

    def show(self, total: int, hits: list[Hit], *, keep: str | None = None, keep_index: int | None = None) -> None:
        """A new result set of `total` rows, the first of them `hits`. The
        cursor goes to article `keep` if it is among them, else to
        `keep_index` (clamped), else to the top."""
        self.generation += 1
        self.total = total
        self.rows = dict(enumerate(hits))
        self.columns = columns_for(hits)
        self._pending.clear()
        self._snippets_asked.clear()
        cursor = 0
        if keep is not None and (found := self.index_of(keep)) is not None:
            cursor = found
        elif keep_index is not None:
            cursor = keep_index
        self._resize()
        self.set_cursor(min(cursor, total - 1) if total else -1, announce=True)
        if not keep and keep_index is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def clear(self) -> None:
        self.show(0, [])

    def add_page(self, generation: int, start: int, hits: list[Hit]) -> None:
        """Rows read for page `start` of result set `generation`."""
        if generation != self.generation:
            return
        self._pending.discard(start)
        if start == 0:
            self.columns = columns_for(hits)
        for offset, hit in enumerate(hits):
            self.rows[start + offset] = hit
        if len(hits) < PAGE_SIZE and start + len(hits) < self.total:
            self.total = start + len(hits)  # an estimated total: the set ends here
            self._resize()
            self.cursor = min(self.cursor, self.total - 1)
        self.refresh()
        if start <= self.cursor < start + len(hits):
            self.post_message(self.Highlighted(self.rows[self.cursor]))

    def update_hits(self, hits: list[Hit]) -> None:
        """Redraw rows whose hits changed (snippets arrived)."""
        by_id = {hit.id: hit for hit in hits}
        for index, hit in list(self.rows.items()):
            if hit.id in by_id:
                self.rows[index] = by_id[hit.id]
        self.refresh()

    def index_of(self, article_id: str) -> int | None:
        return next((index for index, hit in self.rows.items() if hit.id == article_id), None)

    def hit_at(self, index: int) -> Hit | None:
        return self.rows.get(index)

    @property
    def highlighted_hit(self) -> Hit | None:
        return self.rows.get(self.cursor)

    @property
    def highlighted_id(self) -> str | None:
        hit = self.highlighted_hit
        return hit.id if hit is not None else None

    @property
    def shown_ids(self) -> list[str]:
        """The loaded articles on screen and around it, in order."""
        first, last = self._visible_rows()
        span = last - first
        return [self.rows[i].id for i in range(max(0, first - span), last + span) if i in self.rows]

    @property
    def loaded_ids(self) -> list[str]:
        """The ids of every row read so far, in list order."""
        return [self.rows[index].id for index in sorted(self.rows)]

    def highlight_id(self, article_id: str) -> bool:
        """Put the cursor on a loaded article; False if it is not loaded."""
        index = self.index_of(article_id)
        if index is None:
            return False
        self.set_cursor(index)
        return True

    def text_of(self, article_id: str) -> str:
        """What the row of a loaded article shows, as plain text ('' if not loaded)."""
        index = self.index_of(article_id)
        return self.row_text(index) if index is not None else ""

    def row_text(self, index: int, width: int | None = None) -> str:
        """What row `index` shows, as plain text ('' if not loaded); `width`
        (default: the list's) wide enough shows every title whole."""
        width = width or max(20, self.scrollable_content_region.width)
        hit = self.rows.get(index)
        if hit is None:
            return ""
        styles = self._styles()
        if self.compact:
            return compact_line(hit, self._marks(hit), styles, width, self.columns).plain
        return "\n".join(line.plain for line in card_lines(hit, self._marks(hit), styles, width))

    # -- flags, marks, copies, stories ------------------------------------------

    def set_flags(self, flags: dict[str, Flags]) -> None:
        self.flags.update(flags)
        self.refresh()

    def set_copies(self, copies: dict[str, list[str]]) -> None:
        self.copies.update(copies)
        self.refresh()

    def set_outlets(self, outlets: dict[str, int]) -> None:
        self.outlets.update(outlets)
        self.refresh()

    def toggle_mark(self) -> str | None:
        """Mark or unmark the highlighted article; returns its id."""
        hit = self.highlighted_hit
        if hit is None:
            return None
        if hit.id in self.marked:
            del self.marked[hit.id]
        else:
            self.marked[hit.id] = hit.title
        self.refresh()
        return hit.id

    def clear_marks(self) -> None:
        self.marked.clear()
        self.refresh()

    def forget(self, article_ids: list[str]) -> None:
        """Articles removed from the library: no longer marked."""
        for article_id in article_ids:
            self.marked.pop(article_id, None)
        self.refresh()

    # -- the cursor -------------------------------------------------------------

    def set_cursor(self, index: int, *, announce: bool = False) -> None:
        old = self.cursor
        self.cursor = index
        if index >= 0:
            self._scroll_to_row(index)
        if announce or old != index:
            self.refresh()
            hit = self.rows.get(index)
            if hit is not None:
                self.post_message(self.Highlighted(hit))

    def _move(self, delta: int) -> None:
        if self.total:
            self.set_cursor(max(0, min(self.total - 1, self.cursor + delta)))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        if self.total:
            self.set_cursor(0)

    def action_last(self) -> None:
        if self.total:
            self.set_cursor(self.total - 1)

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def action_page_down(self) -> None:
        self._move(self._page_rows())

    def action_page_up(self) -> None:
        self._move(-self._page_rows())

    def action_select(self) -> None:
        hit = self.highlighted_hit
        if hit is not None:
            self.post_message(self.Selected(hit))

    def _scroll_to_row(self, index: int) -> None:
        height = self.row_height
        self.scroll_to_region(
            Region(0, index * height, max(1, self.scrollable_content_region.width), height),
            animate=False, immediate=True, force=True,
        )

    def on_click(self, event: events.Click) -> None:
        index = (event.y + round(self.scroll_y)) // self.row_height
        if 0 <= index < self.total:
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self.set_cursor(index)

    # -- drawing ----------------------------------------------------------------

    def watch_compact(self) -> None:
        self._resize()
        if self.cursor >= 0:
            self._scroll_to_row(self.cursor)
        self.refresh()

    def on_resize(self) -> None:
        self._resize()

    def _resize(self) -> None:
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, self.total * self.row_height)

    def _visible_rows(self) -> tuple[int, int]:
        height = self.row_height
        top = round(self.scroll_y) // height
        return top, min(self.total, top + self.scrollable_content_region.height // height + 2)

    def _styles(self, cursor: bool = False) -> RowStyles:
        """The row styles; on the cursor's row, text takes the cursor's colour
        (a muted colour on the cursor's background is hard to read)."""

        def style(name: str, partial: bool = True):
            if cursor and name in ("read", "meta", "outlet", "date", "snippet"):
                return VisualStyle()
            return self.get_visual_style(f"result-list--{name}", partial=partial)

        return RowStyles(
            title=style("title"), read=style("read"), meta=style("meta"), outlet=style("outlet"), date=style("date"),
            snippet=style("snippet"), match=style("match", False), mark=style("mark"), unread=style("unread"),
            star=style("star"), story=style("story"),
        )

    def _marks(self, hit: Hit) -> RowMarks:
        return RowMarks(
            self.flags.get(hit.id), hit.id in self.marked, self.outlets.get(hit.id, 0),
            tuple(self.copies.get(hit.id, ())),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles_now = (self._styles(), self._styles(cursor=True))
        strips = super().render_lines(crop)
        self._ask_for_rows()
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        height = self.row_height
        index, offset = divmod(round(self.scroll_y) + y, height)
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        # The cursor's rows take its background; the gap between cards never does.
        on_cursor = index == self.cursor and offset < CARD_LINES - 1 if not self.compact else index == self.cursor
        base = self.get_visual_style("result-list--cursor") if on_cursor else self.visual_style
        hit = self.rows.get(index)
        plain, on_it = getattr(self, "_styles_now", None) or (self._styles(), self._styles(cursor=True))
        styles = on_it if on_cursor else plain
        if hit is None:
            content = Content("…" if offset == 0 else "").stylize(styles.meta)
        elif self.compact:
            content = compact_line(hit, self._marks(hit), styles, width, self.columns)
        else:
            content = card_lines(hit, self._marks(hit), styles, width)[offset]
        strip = Strip(content.render_segments(base))
        return strip.extend_cell_length(width, base.rich_style).crop(0, width)

    def _ask_for_rows(self) -> None:
        """Pages on screen but not loaded are asked for; in cards, snippets for rows showing a lede."""
        if not self.total:
            return
        first, last = self._visible_rows()
        for page in range(first // PAGE_SIZE * PAGE_SIZE, last, PAGE_SIZE):
            missing = any(i not in self.rows for i in range(page, min(page + PAGE_SIZE, self.total)))
            if missing and page not in self._pending:
                self._pending.add(page)
                self.post_message(self.PageWanted(self.generation, page))
        if not self.compact and self.wants_snippets:
            bare = [
                hit for i in range(first, last)
                if (hit := self.rows.get(i)) is not None and hit.snippet is None and hit.id not in self._snippets_asked
            ]
            if bare:
                self._snippets_asked.update(hit.id for hit in bare)
                self.post_message(self.SnippetsWanted(self.generation, bare))

