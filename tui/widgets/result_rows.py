"""What one article looks like in the library list: a compact line, or a card.

Pure functions from a hit and its marks to `Content` (never markup: titles,
outlets and snippets come from outside), so the list widget only positions
and styles them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content, Span

from ..safe import masked, one_line
from .article_view import also_published_line

if TYPE_CHECKING:
    from textual.style import Style

    from index.api import Flags, Hit

CARD_LINES = 5
"""A card: title, outlet and date, two lines of snippet, a blank line."""
SNIPPET_LINES = 2


def outlet_of(hit: Hit) -> str:
    """Who published an article: its outlet by name, or '' where the library
    knows none (the outlet would only repeat the title beside it)."""
    return one_line(hit.outlet) if hit.outlet_named else ""


def date_of(hit: Hit) -> str:
    return hit.published.strftime("%Y-%m-%d") if hit.published else ""


@dataclass(frozen=True)
class RowStyles:
    """The list's component styles, read once per repaint."""

    title: Style
    read: Style
    """A read article's title in the compact list (unread ones stand out)."""
    meta: Style
    outlet: Style
    date: Style
    snippet: Style
    match: Style
    mark: Style
    unread: Style
    star: Style
    story: Style


@dataclass(frozen=True)
class Columns:
    """Which of the compact list's optional columns a result set uses."""

    date: bool = True
    outlet: bool = True


def columns_for(hits: Iterable[Hit]) -> Columns:
    """A column is kept when any of `hits` (a result set's first page) fills
    it: the demo library, undated and without outlets, shows titles at once
    instead of 33 blank cells. Decided once per result set, so the columns
    never jump while the list scrolls."""
    hits = list(hits)
    if not hits:  # not read yet: the first page, when it comes, decides
        return Columns()
    return Columns(date=any(hit.published for hit in hits), outlet=any(hit.outlet_named for hit in hits))


@dataclass(frozen=True)
class RowMarks:
    flags: Flags | None
    marked: bool
    outlets: int
    """Other outlets covering the article's story (0: none, or not known yet)."""
    copies: tuple[str, ...] = ()
    """Other outlets that published a near copy of it."""


def mark_cells(marks: RowMarks, styles: RowStyles) -> Content:
    """Three cells: unread `●`, marked `✓`, starred `★` (spaces where not)."""
    flags = marks.flags
    unread = flags is not None and not flags.read
    starred = flags is not None and flags.starred
    return Content.assemble(
        ("●" if unread else " ", styles.unread),
        ("✓" if marks.marked else " ", styles.mark),
        ("★" if starred else " ", styles.star),
    )


def story_marker(outlets: int) -> str:
    return f"◆{outlets}" if outlets else ""


def outlet_width(width: int) -> int:
    """Cells for the outlet column of a compact line `width` cells wide."""
    return 12 if width < 70 else 14 if width < 100 else 20


def compact_line(hit: Hit, marks: RowMarks, styles: RowStyles, width: int, columns: Columns = Columns()) -> Content:
    """`●✓★ 2025-07-03  Outlet          Title of the article …  ◆3`, `width`
    cells; the date and outlet columns only where `columns` keeps them."""
    cells: list[Content | str] = [mark_cells(marks, styles), " "]
    if columns.date:
        cells += [Content(date_of(hit)).truncate(10, pad=True).stylize(styles.date), "  "]
    if columns.outlet:
        outlet = Content(outlet_of(hit)).truncate(outlet_width(width), ellipsis=True, pad=True)
        cells += [outlet.stylize(styles.outlet), "  "]
    lead = Content.assemble(*cells)
    marker = story_marker(marks.outlets)
    tail = Content.assemble("  ", (marker, styles.story)) if marker else Content("")
    room = max(1, width - lead.cell_length - tail.cell_length)
    title = Content(one_line(hit.title)).stylize(styles.read if marks.flags is not None and marks.flags.read else styles.title)
    title = title.truncate(room, ellipsis=True, pad=True)
    return Content.assemble(lead, title, tail).truncate(width, pad=True)


def card_lines(hit: Hit, marks: RowMarks, styles: RowStyles, width: int) -> list[Content]:
    """A card of `CARD_LINES` lines: marks and title; outlet, date, copies and
    story; the snippet (matches highlighted) or the lede, on two lines."""
    title = Content.assemble(mark_cells(marks, styles), " ", Content(one_line(hit.title)).stylize(styles.title))
    parts = [outlet_of(hit), date_of(hit)]
    if marks.outlets:
        parts.append(f"{story_marker(marks.outlets)} other outlet{'s' if marks.outlets != 1 else ''}")
    if marks.copies:
        parts.append(also_published_line(list(marks.copies), limit=3, lead="also published by"))
    meta = Content.assemble("    ", Content(" · ".join(part for part in parts if part)).stylize(styles.meta))
    lines = [title.truncate(width, ellipsis=True), meta.truncate(width, ellipsis=True)]
    lines += snippet_lines(hit, styles, width - 4)
    lines = [Content.assemble("    ", line) if index >= 2 else line for index, line in enumerate(lines)]
    lines += [Content("")] * (CARD_LINES - len(lines))
    return lines[:CARD_LINES]


def snippet_lines(hit: Hit, styles: RowStyles, width: int) -> list[Content]:
    """The snippet (or lede) wrapped to `width`, at most `SNIPPET_LINES` lines,
    the last ending in `…` when there is more."""
    if hit.snippet:
        text, spans = masked(hit.snippet.text), hit.snippet.spans
    else:
        text, spans = masked(hit.lede), []
    text = " ".join(text.split()) if not spans else text.replace("\n", " ")
    if not text or width < 4:
        return []
    content = Content(text, spans=[Span(0, len(text), styles.snippet)])
    content = content.add_spans([Span(start, end, styles.match) for start, end in spans])
    wrapped = content.wrap(width, overflow="ellipsis")
    if len(wrapped) > SNIPPET_LINES:
        last = wrapped[SNIPPET_LINES - 1].rstrip()
        if not last.plain.endswith("…"):
            last = Content.assemble(last.truncate(width - 1), "…")
        wrapped = [*wrapped[: SNIPPET_LINES - 1], last]
    return wrapped
