"""Compare coverage: two to five articles side by side, their passages lined
up by alignment, with what each shares, omits, quotes and disputes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from index.api import MAX_COMPARED, LibraryError

from ..keys import vim_list
from ..safe import one_line, plain_text, safe
from ..status import fit_status, shorten_to_lines
from ..widgets.compare_column import CompareColumn, passage_marks
from ..widgets.findings_list import FindingsList
from ..widgets.findings_text import FindingLike, tally
from ..widgets.quote_ledger import QuoteLedger
from .base import NewsScreen

if TYPE_CHECKING:
    from index.api import Comparison, Library


class CoverageTable(DataTable):
    """The coverage matrix: a row per name, number or speaker, a column per article.
    The names stay in view while the outlets scroll sideways."""

    BINDINGS = [*vim_list(first="scroll_top", last="scroll_bottom")]

    def on_mount(self) -> None:
        self.fixed_columns = 1


MIN_COLUMN_WIDTH = 38
MAX_VISIBLE_COLUMNS = MAX_COMPARED
"""Every compared article gets a column when the terminal is wide enough."""
MATRIX_LABEL_WIDTH = 14
"""An outlet's name as a matrix column head (the matrix stays narrow)."""
LEGEND = (
    ("shared", "reported by others", "also elsewhere"),
    ("unique", "only this outlet", "only this outlet"),
    ("conflict", "conflicting fact", "conflict"),
    ("fact", "fact no one else gives", "unique fact"),
    ("quote", "shared quote", "shared quote"),
)
"""Each passage style: its class, its words, and its words when the full ones do not fit (80 columns)."""
LEGEND_CHROME = 4
"""Columns per legend item besides its words: a space each side, its stripe and the gap after it."""
STATUS_CHROME = 4
"""Columns of the status line that hold no text (its padding)."""
VIEW_TITLES = {"columns": "side by side", "findings": "findings", "matrix": "coverage matrix", "quotes": "quote ledger"}


class CompareScreen(NewsScreen):
    """The comparison of `article_ids`, in four views: columns, findings, matrix, ledger."""

    CSS_PATH = "../styles/compare.tcss"
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("n", "next_finding", "Next finding"),
        Binding("N", "previous_finding", "Prev finding", show=False),
        Binding("v", "cycle_view", "View"),
        Binding("enter", "open_article", "Read"),
        Binding("tab,right,l", "next_column", "Column"),
        Binding("shift+tab,left,h", "previous_column", "Prev column", show=False),
        # Two bindings on `L`: the footer names what it will do (only one is enabled at a time).
        Binding("L", "lock(False)", "Unlock"),
        Binding("L", "lock(True)", "Lock"),
        Binding("1,c", "show_view('columns')", "Columns", show=False),
        Binding("2", "show_view('findings')", "Findings", show=False),
        Binding("3", "show_view('matrix')", "Matrix", show=False),
        Binding("4", "show_view('quotes')", "Quotes", show=False),
    ]

    COLUMN_ACTIONS = frozenset(
        {"next_column", "previous_column", "next_finding", "previous_finding", "lock", "open_article"}
    )
    """Actions that only make sense in the columns view (hidden elsewhere)."""

    synced: reactive[bool] = reactive(True, init=False)
    """Whether the other columns follow the current one, passage by passage."""
    current_column: reactive[int] = reactive(0, init=False)
    """Index of the column the keys act on."""
    finding: reactive[str] = reactive("", init=False)
    """What the last `n` / `N` landed on, for the status line ('' once the cursor leaves it)."""
    view: reactive[str] = reactive("columns", init=False)
    """'columns', 'findings', 'matrix' or 'quotes'."""
    first_visible: reactive[int] = reactive(0, init=False)
    """The leftmost column shown (a narrow terminal pages through them)."""
    visible_columns: reactive[int] = reactive(1, init=False)
    """How many columns fit side by side."""

    @dataclass
    class Ready(Message):
        """The comparison was made."""

        comparison: Comparison

    @dataclass
    class Failed(Message):
        """The comparison could not be made, for a reason the user can act on."""

        error: str

    def __init__(self, article_ids: list[str]) -> None:
        super().__init__()
        self.article_ids = article_ids
        self.comparison: Comparison | None = None
        self.finding_at: tuple[int, int] | None = None
        """(column, passage) the current `finding` describes."""
        self.finding_index: int | None = None
        """Index into `comparison.findings` of the last one shown (n / N go on from it)."""
        self.readings_held = False
        """The columns show a conflict's readings side by side: alignment must not move them."""
        self.pinned: tuple[int, ...] | None = None
        """Columns shown together (not neighbours) so a conflict's values are on screen at once."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Horizontal(id="compare-legend")
        with ContentSwitcher(initial="columns", id="compare-views"):
            yield Horizontal(id="columns")
            yield FindingsList(id="findings")
            yield CoverageTable(id="matrix", zebra_stripes=True, cursor_type="row")
            yield QuoteLedger(id="quotes")
        yield Static(Content("Comparing…"), id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"comparing {len(self.article_ids)} articles"
        library = self.library
        if library is None:
            return
        self.query_one("#columns").loading = True
        self._compare(library, self.article_ids)

    # -- loading ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, library: Library, article_ids: list[str]) -> None:
        try:
            comparison = library.compare(article_ids)
        except LibraryError as error:
            self.post_message(self.Failed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Ready(comparison))

    @on(Failed)
    def comparison_failed(self, message: Failed) -> None:
        self.notify(one_line(message.error), severity="error", markup=False)
        self._leave_without_comparison(message.error)

    def worker_failed(self, error: BaseException | None) -> None:
        super().worker_failed(error)
        if self.comparison is None:
            self._leave_without_comparison(str(error) if error is not None else "unexpected error")

    def _leave_without_comparison(self, error: str) -> None:
        """No comparison to show: close, or (under another screen) say so."""
        self.query_one("#columns").loading = False
        self._set_status(f"Could not compare: {one_line(error)}")
        if self.is_current:
            self.app.pop_screen()

    @on(Ready)
    async def comparison_ready(self, message: Ready) -> None:
        comparison = message.comparison
        self.comparison = comparison
        columns = self.query_one("#columns", Horizontal)
        labels = comparison.labels()
        await columns.mount_all(
            CompareColumn(
                info, comparison.passages[info.id], passage_marks(comparison, info.id),
                label=labels[info.id], id=f"column-{n}",
            )
            for n, info in enumerate(comparison.articles)
        )
        columns.loading = False
        self._draw_legend()
        self._fill_matrix(comparison)
        self.query_one(QuoteLedger).show(comparison)
        self._layout_columns(self.size.width)
        self._show_status()
        first = self.columns[0]
        first.focus()
        self.call_after_refresh(first.set_cursor, 0)

    @property
    def columns(self) -> list[CompareColumn]:
        return list(self.query(CompareColumn))

    def _draw_legend(self) -> None:
        legend = self.query_one("#compare-legend", Horizontal)
        legend.remove_children()
        legend.mount_all(
            Static(Content(f" {label} "), classes=f"legend-item -{kind}") for kind, label, _short in LEGEND
        )
        self.call_after_refresh(self._fit_legend)

    def _fit_legend(self) -> None:
        """The legend's full words where they fit on its line, else the short ones."""
        full = sum(len(label) + LEGEND_CHROME for _kind, label, _short in LEGEND)
        short = full > self.size.width
        for item, (_kind, label, abbreviated) in zip(self.query(".legend-item").results(Static), LEGEND, strict=False):
            item.update(Content(f" {abbreviated if short else label} "))

    def _fill_matrix(self, comparison: Comparison) -> None:
        # Outlet names and mentions are untrusted: Text, never a str (which DataTable parses as markup).
        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        table.add_column(Text("mentions"), key="name")
        labels = comparison.labels(MATRIX_LABEL_WIDTH)  # cut to fit, keeping "(2)"
        for info in comparison.articles:
            table.add_column(plain_text(one_line(labels[info.id])), key=info.id)
        for row in comparison.coverage:
            cells = [Text(str(row.counts[a.id]) if row.counts[a.id] else "·") for a in comparison.articles]
            table.add_row(plain_text(one_line(row.heading)), *cells)

    # -- status line -------------------------------------------------------------

    def watch_synced(self, synced: bool) -> None:
        self.refresh_bindings()  # the footer's `L` says Lock or Unlock
        self._show_status()
        columns = self.columns
        if synced and columns and not self.readings_held:
            focused = columns[self.current_column]
            self._sync_from(focused, focused.cursor)

    def watch_finding(self) -> None:
        self._show_status()

    def watch_first_visible(self) -> None:
        self._show_status()

    def watch_visible_columns(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        """The status line, most important first: the finding shown, which
        columns are in view, whether they scroll together, then the counts;
        what does not fit two lines (three with a finding) is left out from the end."""
        comparison = self.comparison
        if comparison is None:
            return
        in_columns = self.view == "columns"
        width = (self.size.width or 80) - STATUS_CHROME
        # A finding's words take at most two lines, so which columns are shown always fits beneath.
        parts = [shorten_to_lines(self.finding, width, 2)] if self.finding and in_columns else []
        total = len(self.columns)
        if self.visible_columns < total and in_columns:
            if self.pinned:
                shown = ", ".join(str(n + 1) for n in self.pinned)
                parts.append(f"columns {shown} of {total} (←/→)")
            else:
                last = self.first_visible + self.visible_columns
                parts.append(f"columns {self.first_visible + 1}–{last} of {total} (←/→)")
        if in_columns:
            parts.append("scrolling locked" if self.synced else "scrolling unlocked (L)")
        else:
            if self.view == "findings":
                parts.append(f"{len(comparison.findings)} findings: {tally(comparison.findings)}")
                parts.append("enter: show in the columns")
            parts.append("c: back to the columns")
        if self.view != "findings":
            parts += comparison.summary()
        self._set_status(fit_status(parts, width, lines=3 if self.finding and in_columns else 2))

    def _set_status(self, text: str) -> None:
        self.query_one("#compare-status", Static).update(Content(safe(text)))

    # -- layout ------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._layout_columns(event.size.width)
        self._fit_legend()

    def _layout_columns(self, width: int) -> None:
        """Show as many columns as fit, paging so the current one is among them."""
        columns = self.columns
        if not columns:
            return
        visible = max(1, min(len(columns), MAX_VISIBLE_COLUMNS, width // MIN_COLUMN_WIDTH))
        pinned = self.pinned
        if pinned and self.current_column in pinned and len(pinned) <= visible:
            self.visible_columns = visible
            for n, column in enumerate(columns):
                column.display = n in pinned
            self._show_status()
            return
        self.pinned = None
        first = self.first_visible
        if self.current_column < first:
            first = self.current_column
        elif self.current_column >= first + visible:
            first = self.current_column - visible + 1
        self.visible_columns = visible
        self.first_visible = max(0, min(first, len(columns) - visible))
        for n, column in enumerate(columns):
            column.display = self.first_visible <= n < self.first_visible + visible
        self._show_status()

    def watch_current_column(self) -> None:
        # Page first: a hidden column cannot take focus.
        self._layout_columns(self.size.width)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A click on a column makes it the current one.
        columns = self.columns
        if isinstance(event.widget, CompareColumn) and event.widget in columns:
            self.current_column = columns.index(event.widget)

    # -- moving between columns -----------------------------------------------------

    def _focus_column(self, index: int) -> None:
        columns = self.columns
        if not columns:
            return
        self.current_column = index % len(columns)
        columns[self.current_column].focus()

    def action_next_column(self) -> None:
        self._move_to_column(self.current_column + 1)

    def action_previous_column(self) -> None:
        self._move_to_column(self.current_column - 1)

    def _move_to_column(self, index: int) -> None:
        """Focus another column at the passage level with where you were: the
        counterpart of the current passage, else the passage beside it."""
        columns = self.columns
        if not columns:
            return
        if self.pinned:  # back to paging through neighbours, from the column shown first
            self.first_visible = self.pinned[0]
            self.pinned = None
        source, target = columns[self.current_column], columns[index % len(columns)]
        if target is not source and source.passages and target.passages:
            passage = self._counterpart(source, source.cursor, target)
            if passage is None and target.display:
                passage = target.passage_at(source.offset_on_screen(source.cursor))
            if passage is not None:
                target.set_cursor(passage, scroll=not target.display, announce=False)
        self._focus_column(index)

    # -- synchronised scrolling ---------------------------------------------------

    @on(CompareColumn.CursorMoved)
    def cursor_moved(self, message: CompareColumn.CursorMoved) -> None:
        columns = self.columns
        if not columns or message.column is not columns[self.current_column]:
            return  # stale: from a column that was current a moment ago
        self._mark_linked(message.column, message.index)
        here = (columns.index(message.column), message.index) if message.column in columns else None
        if here != self.finding_at:
            self._leave_finding()
        elif self.readings_held:
            return  # each column shows its own reading of the conflict: keep them there
        if self.synced:
            self.call_after_refresh(self._sync_from, message.column, message.index)

    @on(CompareColumn.Scrolled)
    def column_scrolled(self, message: CompareColumn.Scrolled) -> None:
        columns = self.columns
        if self.synced and columns and message.column is columns[self.current_column] and not self.readings_held:
            self._sync_from(message.column, message.column.top_visible())

    def _group(self, column: CompareColumn, index: int) -> int | None:
        return column.marks[index].group if 0 <= index < len(column.marks) else None

    def _counterpart(self, source: CompareColumn, index: int, target: CompareColumn) -> int | None:
        group = self._group(source, index)
        if group is None:
            return None
        return next((n for n, marks in enumerate(target.marks) if marks.group == group), None)

    def _sync_from(self, source: CompareColumn, index: int) -> None:
        """Line the other columns up with passage `index` of `source`: each
        puts its counterpart (or that of the nearest passage that has one)
        level with it. A counterpart too near the top of its own article to
        come down that far sets the level instead: the source moves up,
        except from its first passage, which never pushes its article's
        title off the top (a comparison opens with every title whole)."""
        anchors = []
        for column in self.columns:
            if column is source or not column.display:
                continue
            # The passage itself, else the nearest aligned one after it, else before.
            order = list(range(index, len(source.passages))) + list(range(index - 1, -1, -1))
            for candidate in order:
                target = self._counterpart(source, candidate, column)
                if target is not None:
                    anchors.append((column, candidate, target))
                    break
        if not anchors:
            return
        shift = 0
        for column, candidate, target in anchors:
            if candidate == index and index > 0:  # only the cursor's own counterparts may move it
                shift = max(shift, source.offset_on_screen(candidate) - column.passage_top(target))
        shift = min(shift, max(0, source.offset_on_screen(index)))  # keep the cursor on screen
        if shift > 0:
            source.scroll_quietly(round(source.scroll_y) + shift)
        for column, candidate, target in anchors:
            column.align_passage(target, source.passage_top(candidate) - (round(source.scroll_y)))

    def _mark_linked(self, source: CompareColumn, index: int) -> None:
        group = self._group(source, index)
        for column in self.columns:
            linked = frozenset(
                n for n, marks in enumerate(column.marks) if group is not None and marks.group == group
            )
            column.set_linked(linked - {index} if column is source else linked)

    def action_lock(self, locked: bool) -> None:
        """`L`: lock the columns together (they follow the current one, passage by passage), or unlock them."""
        self.synced = locked
        self.notify(f"Columns {'locked together' if locked else 'unlocked: each scrolls on its own'}",
                    timeout=2, markup=False)  # fmt: skip

    # -- findings --------------------------------------------------------------------

    def _ranked(self) -> list[int]:
        """What `n` / `N` visit: indices into `comparison.findings` of the
        non-trivial findings, most important first."""
        comparison = self.comparison
        return [n for n, f in enumerate(comparison.findings) if not f.trivial] if comparison else []

    def _goto_finding(self, step: int) -> None:
        ranked = self._ranked()
        if not ranked:
            self.view = "columns"
            self.notify("No conflicts or unique passages or facts: nothing to report", timeout=2)
            return
        current = self.finding_index
        if current is None:
            target = ranked[0] if step > 0 else ranked[-1]
        elif step > 0:
            target = next((n for n in ranked if n > current), ranked[0])
        else:
            target = next((n for n in reversed(ranked) if n < current), ranked[-1])
        self.show_finding(target)

    def show_finding(self, index: int) -> None:
        """Show finding `index` in the columns: the cursor on its passage, its
        spans highlighted; for a conflict, every column with a reading
        scrolled to it, level with the others, so all values are on screen."""
        comparison = self.comparison
        columns = self.columns
        if comparison is None or not columns or not 0 <= index < len(comparison.findings):
            return
        self.view = "columns"
        finding = comparison.findings[index]
        by_article = {column.info.id: n for n, column in enumerate(columns)}
        places: dict[int, int] = {}  # column -> the passage holding its (first) span
        spans: dict[int, list[tuple[int, int]]] = {}  # column -> its spans, to highlight
        for span in finding.spans:
            number, found = by_article.get(span.article), comparison.passage_of(span)
            if number is None or found is None:
                continue
            places.setdefault(number, found.index)
            spans.setdefault(number, []).append((span.start, span.end))
        if not places:
            return
        first = next(iter(places))
        for n, column in enumerate(columns):
            column.set_highlight(tuple(spans.get(n, ())) if finding.kind != "passage" else ())
        conflict = finding.kind == "conflict" and len(places) > 1
        self.finding_index = index
        self.finding_at = (first, places[first])
        self.readings_held = conflict
        self.pinned = self._readings_shown(finding, places, first) if conflict else None
        self._describe_finding(index)
        if not conflict:
            self._focus_column(first)
            self._layout_columns(self.size.width)  # unpins the columns a conflict showed
            columns[first].set_cursor(places[first], jump=True)
            return
        for n, passage in places.items():
            columns[n].set_cursor(passage, scroll=False, announce=False)
        self._focus_column(first)
        self._layout_columns(self.size.width)
        self._mark_linked(columns[first], places[first])
        self._line_up_readings(places)
        self.call_after_refresh(self._line_up_readings, places)

    def _readings_shown(self, finding: FindingLike, places: dict[int, int], first: int) -> tuple[int, ...] | None:
        """The columns to show for a conflict when not all its readings fit:
        the first, then one per other value, then the rest, as many as fit.
        None when neighbouring columns show them all anyway."""
        columns = self.columns
        visible = max(1, min(len(columns), MAX_VISIBLE_COLUMNS, self.size.width // MIN_COLUMN_WIDTH))
        by_article = {column.info.id: n for n, column in enumerate(columns)}
        chosen, values = [first], dict[str, int]()
        for span in finding.spans:
            n = by_article.get(span.article)
            if n in places:
                values.setdefault(" ".join(span.text.split()).casefold(), n)
        chosen += [n for n in values.values() if n not in chosen]
        chosen += [n for n in places if n not in chosen]
        chosen = sorted(chosen[:visible])
        if chosen[-1] - chosen[0] < visible:
            self.first_visible = max(0, min(chosen[0], len(columns) - visible))
            return None
        return tuple(chosen)

    def _line_up_readings(self, places: dict[int, int]) -> None:
        """Put each reading's passage a third of the way down its column."""
        columns = self.columns
        if not self.readings_held:
            return
        for n, passage in places.items():
            column = columns[n]
            if column.display and column.size.height:
                column.scroll_quietly(column.passage_top(passage) - column.scrollable_content_region.height // 3)

    def _describe_finding(self, index: int) -> None:
        comparison = self.comparison
        assert comparison is not None
        finding = comparison.findings[index]
        ranked = self._ranked()
        if finding.trivial:
            where = "A trivial finding"
        else:
            where = f"{ranked.index(index) + 1} of {len(ranked)}"
        description = one_line(finding.description)
        if finding.kind == "conflict":
            # The values are what a reader looks for: named even if the description leaves one out.
            values = list(dict.fromkeys(one_line(span.text) for span in finding.spans))
            if not all(value in description for value in values):
                description += f" ({' vs '.join(values)})"
        self.finding = f"{where}: {description}"

    def _leave_finding(self) -> None:
        """The cursor left the finding: the status line and highlights let it go
        (n / N still go on from it)."""
        self.finding = ""
        self.finding_at = None
        self.readings_held = False
        for column in self.columns:
            column.set_highlight(())

    def action_next_finding(self) -> None:
        self._goto_finding(1)

    def action_previous_finding(self) -> None:
        self._goto_finding(-1)

    @on(FindingsList.Chosen)
    def finding_chosen(self, message: FindingsList.Chosen) -> None:
        self.show_finding(message.index)

    # -- views ---------------------------------------------------------------------------

    def action_show_view(self, view: str) -> None:
        self.view = view

    def watch_view(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = view
        self.query_one("#compare-legend").display = view == "columns"
        self.refresh_bindings()
        self._show_status()
        self.sub_title = f"comparing {len(self.article_ids)} articles · {VIEW_TITLES[view]}"
        if view == "columns":
            columns = self.columns
            if columns:
                columns[self.current_column].focus()
            return
        if view == "findings" and self.comparison is not None:
            findings = self.query_one(FindingsList)
            if findings.comparison is not self.comparison:
                findings.show(self.comparison)  # filled when first shown: opening the screen stays fast
            if self.finding_index is not None:
                findings.select_finding(self.finding_index)
        self.query_one(f"#{view}").focus()

    def action_back(self) -> None:
        """From the findings, the matrix or the ledger back to the columns; from the columns, out."""
        if self.view != "columns":
            self.view = "columns"
        else:
            self.app.pop_screen()

    def action_cycle_view(self) -> None:
        order = list(VIEW_TITLES)
        self.view = order[(order.index(self.view) + 1) % len(order)]

    def action_open_article(self) -> None:
        columns = self.columns
        if columns and self.view == "columns":
            column = columns[self.current_column]
            passage = column.passages[column.cursor] if column.passages else None
            at = (passage.start, passage.end) if passage else None
            self.news_app.open_article(column.info.id, at=at)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Column keys only where there are columns (the footer follows)."""
        if action in self.COLUMN_ACTIONS and self.view != "columns":
            return False
        if action == "show_view" and parameters and parameters[0] == self.view:
            return False
        if action == "lock" and parameters and parameters[0] == self.synced:
            return False
        return True
