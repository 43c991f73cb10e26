"""One article in the compare screen: its passages, styled by what the
comparison found, with a passage cursor the other columns line up with.

The column draws its own lines (Textual's line API) instead of holding a
widget per sentence: five articles of thirty sentences would otherwise be
150 widgets to style and lay out, and opening a comparison would take
about a second instead of a fraction of one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..keys import vim_list
from ..safe import one_line, plain_content, safe

if TYPE_CHECKING:
    from index.api import Comparison, Passage

GUTTER = "▌ "


class ArticleHead(Protocol):
    """What a column shows of its article besides the passages (a comparison's `ArticleInfo`)."""

    id: str
    title: str
    source: str
    outlet: str
    published: str | None


@dataclass(frozen=True)
class PassageMarks:
    """What to style inside one passage (offsets into the article body)."""

    group: int | None
    """Its alignment group, or None when no other article reports it."""
    quotes: tuple[tuple[int, int], ...] = ()
    conflicts: tuple[tuple[int, int], ...] = ()
    facts: tuple[tuple[int, int], ...] = ()
    unique: bool = False
    """No other article reports it in any wording (in the comparison's unique passages)."""
    trivial: bool = False
    """Unique, but furniture, a fragment or repeated background."""


@dataclass(frozen=True)
class _Line:
    passage: int
    """Index of the passage the line belongs to; -1 for the title and blank lines."""
    content: Content


class CompareColumn(ScrollView, can_focus=True):
    """An article's passages; the cursor is one passage, shown highlighted."""

    COMPONENT_CLASSES = {
        "compare-column--title",
        "compare-column--quote",
        "compare-column--conflict",
        "compare-column--fact",
        "compare-column--heading",
        "compare-column--gutter-shared",
        "compare-column--gutter-unique",
        "compare-column--gutter-conflict",
        "compare-column--gutter-cursor",
        "compare-column--unique",
        "compare-column--linked",
        "compare-column--cursor",
        "compare-column--finding",
    }
    BINDINGS = [
        *vim_list(),
        Binding("down", "cursor_down", "Next passage", show=False),
        Binding("up", "cursor_up", "Previous passage", show=False),
        Binding("home", "first", "First passage", show=False),
        Binding("end", "last", "Last passage", show=False),
    ]

    @dataclass
    class CursorMoved(Message):
        column: CompareColumn
        index: int

    @dataclass
    class Scrolled(Message):
        column: CompareColumn

    def __init__(
        self, info: ArticleHead, passages: list[Passage], marks: list[PassageMarks], *, label: str = "", id: str
    ) -> None:
        super().__init__(id=id)
        self.info = info
        self.label = label or info.outlet
        self.passages = passages
        self.marks = marks
        self.cursor = 0
        self.linked: frozenset[int] = frozenset()
        """Passages aligned with the cursor passage of the current column."""
        self.highlighted: tuple[tuple[int, int], ...] = ()
        """Spans (body offsets) of the finding being shown: a conflict's reading, a fact."""
        self.syncing = False
        """Set while another column scrolls this one, so it does not echo back."""
        self._lines: list[_Line] = []
        self._starts: list[int] = []
        """First line of each passage."""
        self._wrapped_width = -1
        self._cache: dict[int, Strip] = {}

    def on_mount(self) -> None:
        # The outlet stays in view on the border; the full title scrolls with the text.
        # Both are untrusted: Content, since a str border title is parsed as markup.
        self.border_title = plain_content(one_line(self.label))
        if self.info.published:
            self.border_subtitle = plain_content(one_line(self.info.published[:10]))

    # -- layout ------------------------------------------------------------------

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - len(GUTTER) - 1)

    def _wrap(self) -> None:
        width = self._text_width()
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        lines: list[_Line] = []
        title_style = self.get_visual_style("compare-column--title", partial=True)
        for line in Content(one_line(self.info.title)).stylize(title_style).wrap(width):
            lines.append(_Line(-1, line))
        lines.append(_Line(-1, Content("")))
        starts = []
        previous_paragraph = None
        for index, (passage, marks) in enumerate(zip(self.passages, self.marks, strict=True)):
            if previous_paragraph is not None and passage.paragraph != previous_paragraph:
                lines.append(_Line(-1, Content("")))
            previous_paragraph = passage.paragraph
            starts.append(len(lines))
            for line in self._content(passage, marks).wrap(width):
                lines.append(_Line(index, line))
        self._lines, self._starts = lines, starts
        self._cache.clear()
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        # Room below the last line, so any passage can be lined up at any height.
        padding = max(0, self.scrollable_content_region.height - 1)
        self.virtual_size = Size(self._wrapped_width + len(GUTTER), len(self._lines) + padding)

    def on_resize(self) -> None:
        self._wrap()
        self._update_virtual_size()
        self.refresh()

    def _content(self, passage: Passage, marks: PassageMarks) -> Content:
        spans = []
        if passage.heading:
            spans.append(Span(0, len(passage.text), self.get_visual_style("compare-column--heading", partial=True)))
        highlighted = tuple((s, e) for s, e in self.highlighted if passage.start <= s < passage.end)
        for component, ranges in (
            ("compare-column--quote", marks.quotes),
            ("compare-column--fact", marks.facts),
            ("compare-column--conflict", marks.conflicts),
            ("compare-column--finding", highlighted),
        ):
            # The finding's own mark needs its background, which a partial style drops.
            style = self.get_visual_style(component, partial=component != "compare-column--finding")
            for start, end in ranges:
                spans.append(Span(max(0, start - passage.start), min(len(passage.text), end - passage.start), style))
        return Content(_visible(passage.text), spans=spans)

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._wrap()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_line(index, width)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style).apply_offsets(scroll_x, index)

    def _render_line(self, index: int, width: int) -> Strip:
        base = self.visual_style
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        if line.passage < 0:
            content = Content.assemble(" " * len(GUTTER), line.content) if line.content.plain else line.content
            return self._strip(content, base, width)
        passage, marks = self.passages[line.passage], self.marks[line.passage]
        is_cursor = line.passage == self.cursor and self.has_focus  # only the current column shows its cursor
        if is_cursor:
            gutter = "compare-column--gutter-cursor"
        elif marks.conflicts:
            gutter = "compare-column--gutter-conflict"
        elif passage.heading:
            gutter = ""
        elif marks.group is not None:
            gutter = "compare-column--gutter-shared"
        elif marks.unique:
            gutter = "compare-column--gutter-unique"
        else:
            gutter = ""
        background = None
        if is_cursor:
            background = "compare-column--cursor"
        elif line.passage in self.linked:
            background = "compare-column--linked"
        elif marks.unique and not marks.trivial:
            background = "compare-column--unique"
        line_style = base + self.get_visual_style(background) if background else base
        gutter_content = (
            Content(GUTTER[0]).stylize(self.get_visual_style(gutter, partial=True)) if gutter else Content(" ")
        )
        content = Content.assemble(gutter_content, GUTTER[1:], line.content)
        return self._strip(content, line_style, width)

    def _strip(self, content: Content, style, width: int) -> Strip:
        segments = content.render_segments(style)
        fill = width - content.cell_length
        if fill > 0:
            segments.append(Segment(" " * fill, style.rich_style))
        return Strip(segments)

    def _changed(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._changed()
        # Coming back to a column: its cursor may have scrolled away while
        # it followed another column; bring it back and line the others up.
        self.call_after_refresh(self._show_cursor_on_focus)

    def _show_cursor_on_focus(self) -> None:
        if self.passages and not self.cursor_visible():
            self.set_cursor(self.cursor)  # scrolls it into view
        elif self.passages:
            self.post_message(self.CursorMoved(self, self.cursor))

    def passage_at(self, screen_offset: int) -> int:
        """The passage on the given screen line (or the next one below it)."""
        self._wrap()
        if not self._starts:
            return 0
        line = round(self.scroll_y) + max(0, screen_offset)
        index = max(0, bisect_right(self._starts, line) - 1)
        if self.passage_span(index)[1] <= line and index + 1 < len(self._starts):
            index += 1  # the line is a blank between paragraphs: take the passage below
        return index

    def on_blur(self) -> None:
        self._changed()

    # -- cursor ----------------------------------------------------------------------

    def set_linked(self, indices: frozenset[int]) -> None:
        if indices != self.linked:
            self.linked = indices
            self._changed()

    def set_highlight(self, spans: tuple[tuple[int, int], ...]) -> None:
        """Mark the spans of the finding being shown (none: `()`), redrawing
        only the passages they are in."""
        if spans == self.highlighted:
            return
        touched = {self._passage_holding(start) for start, _ in (*self.highlighted, *spans)}
        self.highlighted = spans
        if self._wrapped_width < 0:
            return  # not drawn yet: the first wrap styles them
        for index in sorted(i for i in touched if i is not None):
            self._rewrap_passage(index)
        self._changed()

    def _passage_holding(self, offset: int) -> int | None:
        index = bisect_right([p.start for p in self.passages], offset) - 1
        return index if 0 <= index < len(self.passages) and offset < self.passages[index].end else None

    def _rewrap_passage(self, index: int) -> None:
        """Restyle one passage's lines in place (same text, so the same wrapping)."""
        start, end = self.passage_span(index)
        lines = self._content(self.passages[index], self.marks[index]).wrap(self._wrapped_width)
        if len(lines) != end - start:
            self._wrapped_width = -1  # cannot happen with the same text; wrap all again to be safe
            self._wrap()
            return
        self._lines[start:end] = [_Line(index, line) for line in lines]

    def set_cursor(self, index: int, *, scroll: bool = True, announce: bool = True, jump: bool = False) -> None:
        """Move the cursor to passage `index`, scrolling it into view: just
        enough when stepping, to a third of the way down when jumping (`jump`)."""
        if not self.passages:
            return
        self._wrap()
        index = max(0, min(index, len(self.passages) - 1))
        self.cursor = index
        self._changed()
        if scroll:
            self._scroll_to_cursor(jump)
            # Again once laid out: a column shown a moment ago has no size yet.
            self.call_after_refresh(self._scroll_to_cursor, jump)
        if announce:
            self.call_after_refresh(self.post_message, self.CursorMoved(self, index))

    def _scroll_to_cursor(self, jump: bool = False) -> None:
        if not self.passages:
            return
        start, end = self.passage_span(self.cursor)
        height = self.scrollable_content_region.height
        if jump:
            self.scroll_to(y=max(0, start - height // 3), animate=False)
        else:
            self.scroll_to_region(Region(0, start, 1, end - start), animate=False, immediate=True)

    def cursor_visible(self) -> bool:
        start, end = self.passage_span(self.cursor)
        top = round(self.scroll_y)
        return start < top + self.scrollable_content_region.height and end > top

    def move_cursor(self, delta: int) -> None:
        self.set_cursor(self.cursor + delta)

    def action_cursor_down(self) -> None:
        self.move_cursor(1)

    def action_cursor_up(self) -> None:
        self.move_cursor(-1)

    def action_first(self) -> None:
        self.set_cursor(0, jump=True)

    def action_last(self) -> None:
        self.set_cursor(len(self.passages) - 1, jump=True)

    def on_click(self, event) -> None:
        line = round(self.scroll_y) + event.y
        if 0 <= line < len(self._lines) and self._lines[line].passage >= 0:
            self.set_cursor(self._lines[line].passage, scroll=False)

    # -- geometry for lining columns up ------------------------------------------------

    def passage_span(self, index: int) -> tuple[int, int]:
        """First line and the line after the last of passage `index`."""
        self._wrap()
        start = self._starts[index]
        end = start
        while end < len(self._lines) and self._lines[end].passage == index:
            end += 1
        return start, end

    def passage_top(self, index: int) -> int:
        """Where passage `index` starts, in lines from the top of the column's content."""
        self._wrap()
        return self._starts[index]

    def offset_on_screen(self, index: int) -> int:
        return self.passage_top(index) - round(self.scroll_y)

    def top_visible(self) -> int:
        """Index of the first passage at least partly visible."""
        self._wrap()
        if not self._starts:
            return 0
        top = round(self.scroll_y)
        return max(0, min(len(self._starts) - 1, bisect_right(self._starts, top) - 1))

    def align_passage(self, index: int, screen_offset: int) -> None:
        """Scroll so passage `index` starts `screen_offset` lines below the top."""
        self.scroll_quietly(self.passage_top(index) - screen_offset)

    def scroll_quietly(self, y: int) -> None:
        """Scroll without telling the screen (it is the screen lining columns up)."""
        self.syncing = True
        self.scroll_to(y=max(0, y), animate=False)
        self.call_after_refresh(self._end_sync)

    def _end_sync(self) -> None:
        self.syncing = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._cache.clear()
        if not self.syncing and round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))


def _visible(text: str) -> str:
    """A passage on one line, with anything that could drive the terminal
    blanked: replaced one for one, so the mark offsets still fit."""
    text = text.replace("\n", " ")
    if safe(text) == text:
        return text
    return "".join(char if safe(char) else " " for char in text)


def passage_marks(comparison: Comparison, article_id: str) -> list[PassageMarks]:
    """For each passage of one article: its group and the spans to style."""
    group_of = comparison.group_of()
    quotes = [(v.start, v.end) for q in comparison.quotes for v in q.variants if v.article == article_id]
    conflicts = [(r.start, r.end) for c in comparison.conflicts for r in c.readings if r.article == article_id]
    facts = [(u.start, u.end) for u in comparison.unique if u.article == article_id and u.kind == "fact"]
    unique = {u.start: u.trivial for u in comparison.unique if u.article == article_id and u.kind == "passage"}

    def inside(passage, ranges):
        return tuple((s, e) for s, e in ranges if passage.start <= s < passage.end)

    return [
        PassageMarks(
            group_of.get((article_id, p.index)),
            inside(p, quotes),
            inside(p, conflicts),
            inside(p, facts),
            p.start in unique,
            unique.get(p.start, False),
        )
        for p in comparison.passages[article_id]
    ]
