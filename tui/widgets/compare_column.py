"""One article in the compare screen: its passages, styled by what the
comparison found, with a passage cursor the other columns line up with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from index.compare.model import ArticleInfo, Comparison, Passage


@dataclass(frozen=True)
class PassageMarks:
    """What to style inside one passage (offsets into the article body)."""

    group: int | None
    """Its alignment group, or None when no other article reports it."""
    quotes: tuple[tuple[int, int], ...] = ()
    conflicts: tuple[tuple[int, int], ...] = ()
    facts: tuple[tuple[int, int], ...] = ()


class PassageBlock(Static):
    """A sentence or heading of the article."""

    def __init__(self, passage: Passage, content: Content, classes: str) -> None:
        super().__init__(content, classes=classes)
        self.passage = passage


class CompareColumn(VerticalScroll, can_focus=True):
    """An article's passages; the cursor is one passage, shown highlighted."""

    COMPONENT_CLASSES = {"compare-column--quote", "compare-column--conflict", "compare-column--fact"}
    BINDINGS = [
        Binding("j,down", "move(1)", "Next passage", show=False),
        Binding("k,up", "move(-1)", "Previous passage", show=False),
        Binding("g,home", "first", "First passage", show=False),
        Binding("G,end", "last", "Last passage", show=False),
    ]

    @dataclass
    class CursorMoved(Message):
        column: CompareColumn
        index: int

    @dataclass
    class Scrolled(Message):
        column: CompareColumn

    def __init__(self, info: ArticleInfo, passages: list[Passage], marks: list[PassageMarks], *, id: str) -> None:
        super().__init__(id=id)
        self.info = info
        self.passages = passages
        self.marks = marks
        self.cursor = 0
        self.syncing = False
        """Set while another column scrolls this one, so it does not echo back."""

    def on_mount(self) -> None:
        # The outlet stays in view on the border; the full title scrolls with the text.
        self.border_title = self.info.source or self.info.id
        if self.info.published:
            self.border_subtitle = self.info.published[:10]

    def compose(self):
        yield Static(self.info.title, classes="column-header")
        previous_paragraph = -1
        for passage, marks in zip(self.passages, self.marks):
            classes = ["passage"]
            if passage.heading:
                classes.append("-heading")
            elif marks.group is not None:
                classes.append("-shared")
            else:
                classes.append("-unique")
            if marks.conflicts:
                classes.append("-conflict")
            if passage.paragraph != previous_paragraph and previous_paragraph >= 0:
                classes.append("-new-paragraph")
            previous_paragraph = passage.paragraph
            yield PassageBlock(passage, self._content(passage, marks), " ".join(classes))
        yield Static("", classes="column-end")

    def _content(self, passage: Passage, marks: PassageMarks) -> Content:
        spans = []
        for component, ranges in (
            ("compare-column--quote", marks.quotes),
            ("compare-column--fact", marks.facts),
            ("compare-column--conflict", marks.conflicts),
        ):
            style = self.get_visual_style(component, partial=True)
            for start, end in ranges:
                spans.append(Span(max(0, start - passage.start), min(len(passage.text), end - passage.start), style))
        return Content(passage.text, spans=spans)

    # -- cursor ----------------------------------------------------------------

    @property
    def blocks(self) -> list[PassageBlock]:
        return list(self.query(PassageBlock))

    def block(self, index: int) -> PassageBlock:
        return self.blocks[index]

    def set_cursor(self, index: int, *, scroll: bool = True, announce: bool = True, jump: bool = False) -> None:
        """Move the cursor to passage `index`, scrolling it into view: just
        enough when stepping, to the middle when jumping (`jump`)."""
        if not self.passages:
            return
        index = max(0, min(index, len(self.passages) - 1))
        blocks = self.blocks
        blocks[self.cursor].remove_class("-cursor")
        self.cursor = index
        blocks[index].add_class("-cursor")
        if scroll and jump:
            self.scroll_to_center(blocks[index], animate=False)
        elif scroll:
            self.scroll_to_widget(blocks[index], animate=False, top=False)
        if announce:
            # After the scroll above has been applied (centring waits a
            # refresh), so the other columns line up with where it ends.
            self.call_after_refresh(self.post_message, self.CursorMoved(self, index))

    def move_cursor(self, delta: int) -> None:
        self.set_cursor(self.cursor + delta)

    def action_move(self, delta: int) -> None:
        self.move_cursor(delta)

    def action_first(self) -> None:
        self.set_cursor(0, jump=True)

    def action_last(self) -> None:
        self.set_cursor(len(self.passages) - 1, jump=True)

    def passage_top(self, index: int) -> int:
        """Where passage `index` starts, in lines from the top of the column's content."""
        return self.block(index).virtual_region.y

    def offset_on_screen(self, index: int) -> int:
        return self.passage_top(index) - round(self.scroll_y)

    def top_visible(self) -> int:
        """Index of the first passage at least partly visible."""
        top = round(self.scroll_y)
        for n, block in enumerate(self.blocks):
            region = block.virtual_region
            if region.y + region.height > top:
                return n
        return max(0, len(self.passages) - 1)

    def align_passage(self, index: int, screen_offset: int) -> None:
        """Scroll so passage `index` starts `screen_offset` lines below the top."""
        self.syncing = True
        self.scroll_to(y=max(0, self.passage_top(index) - screen_offset), animate=False)
        self.call_after_refresh(self._end_sync)

    def _end_sync(self) -> None:
        self.syncing = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self.syncing and round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))


def passage_marks(comparison: Comparison, article_id: str) -> list[PassageMarks]:
    """For each passage of one article: its group and the spans to style."""
    group_of = comparison.group_of()
    quotes = [(v.start, v.end) for q in comparison.quotes for v in q.variants if v.article == article_id]
    conflicts = [(r.start, r.end) for c in comparison.conflicts for r in c.readings if r.article == article_id]
    facts = [(u.start, u.end) for u in comparison.unique if u.article == article_id and u.kind == "fact"]

    def inside(passage, ranges):
        return tuple((s, e) for s, e in ranges if passage.start <= s < passage.end)

    return [
        PassageMarks(
            group_of.get((article_id, p.index)),
            inside(p, quotes),
            inside(p, conflicts),
            inside(p, facts),
        )
        for p in comparison.passages[article_id]
    ]
